"""guides: step-by-step guides with ordered steps, translations and revision history

Revision ID: a8753f0473f9
Revises: ef133271bac2
Create Date: 2026-11-27 18:32:26.623291

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a8753f0473f9'
down_revision = 'ef133271bac2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('guides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('family', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('external_id', sa.String(length=120), nullable=True),
    sa.Column('content_revision', sa.Integer(), nullable=True),
    sa.Column('last_editor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['last_editor_id'], ['users.id'], name=op.f('fk_guides_last_editor_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guides')),
    sa.UniqueConstraint('external_id', name=op.f('uq_guides_external_id')),
    sa.UniqueConstraint('family', 'language', name='uq_guides_family_language'),
    sa.UniqueConstraint('public_id', name=op.f('uq_guides_public_id'))
    )
    op.create_index(op.f('ix_guides_category'), 'guides', ['category'], unique=False)
    op.create_index(op.f('ix_guides_status'), 'guides', ['status'], unique=False)
    op.create_table('guide_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guide_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_guide_revisions_editor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['guide_id'], ['guides.id'], name=op.f('fk_guide_revisions_guide_id_guides'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_revisions')),
    sa.UniqueConstraint('guide_id', 'number', name='uq_guide_revisions_guide_id_number')
    )
    op.create_table('guide_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guide_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=False),
    sa.Column('legal_notes', sa.Text(), nullable=False),
    sa.Column('documents', sa.Text(), nullable=False),
    sa.Column('contacts', sa.Text(), nullable=False),
    sa.Column('duration', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['guide_id'], ['guides.id'], name=op.f('fk_guide_steps_guide_id_guides'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_steps'))
    )
    op.create_index(op.f('ix_guide_steps_guide_id'), 'guide_steps', ['guide_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_guide_steps_guide_id'), table_name='guide_steps')
    op.drop_table('guide_steps')
    op.drop_table('guide_revisions')
    op.drop_index(op.f('ix_guides_status'), table_name='guides')
    op.drop_index(op.f('ix_guides_category'), table_name='guides')
    op.drop_table('guides')
