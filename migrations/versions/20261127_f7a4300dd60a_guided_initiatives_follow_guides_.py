"""guided: initiatives follow guides (adoptions; checklist items remember their guide step and may be skipped)

Existing checklist items are nobody's guide steps and are not skipped: both new columns start NULL.

Revision ID: f7a4300dd60a
Revises: c3c64a2ce775
Create Date: 2026-11-27 19:28:24.206447

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7a4300dd60a'
down_revision = 'c3c64a2ce775'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('guide_adoptions',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('guide_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('adopted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['guide_id'], ['guides.id'], name=op.f('fk_guide_adoptions_guide_id_guides'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_guide_adoptions_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', name=op.f('pk_guide_adoptions'))
    )
    op.create_index(op.f('ix_guide_adoptions_guide_id'), 'guide_adoptions', ['guide_id'], unique=False)
    op.add_column('milestones', sa.Column('guide_step_id', sa.Integer(), nullable=True))
    op.add_column('milestones', sa.Column('skipped_reason', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('milestones', 'skipped_reason')
    op.drop_column('milestones', 'guide_step_id')
    op.drop_index(op.f('ix_guide_adoptions_guide_id'), table_name='guide_adoptions')
    op.drop_table('guide_adoptions')
