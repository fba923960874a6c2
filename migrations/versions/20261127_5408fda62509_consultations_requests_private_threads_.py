"""consultations: requests, private threads, published answers, urbanist profiles

Revision ID: 5408fda62509
Revises: ef133271bac2
Create Date: 2026-11-27 18:33:15.418363

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5408fda62509'
down_revision = 'ef133271bac2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('urbanist_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('cities', sa.String(length=200), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_urbanist_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_urbanist_profiles'))
    )
    op.create_table('consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=32), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('city_key', sa.String(length=80), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=True),
    sa.Column('asker_id', sa.Integer(), nullable=True),
    sa.Column('asker_name_shown', sa.Boolean(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('recorded_state', sa.String(length=10), nullable=False),
    sa.Column('closed_from', sa.String(length=10), nullable=True),
    sa.Column('urbanist_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('helped', sa.Boolean(), nullable=True),
    sa.Column('share_consent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(asker_id IS NULL) <> (token_hash IS NULL)', name=op.f('ck_consultations_one_kind_of_asker')),
    sa.ForeignKeyConstraint(['asker_id'], ['users.id'], name=op.f('fk_consultations_asker_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_consultations_initiative_id_initiatives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['urbanist_id'], ['users.id'], name=op.f('fk_consultations_urbanist_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultations')),
    sa.UniqueConstraint('public_id', name=op.f('uq_consultations_public_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_consultations_token_hash'))
    )
    op.create_index(op.f('ix_consultations_asker_id'), 'consultations', ['asker_id'], unique=False)
    op.create_index(op.f('ix_consultations_city_key'), 'consultations', ['city_key'], unique=False)
    op.create_index(op.f('ix_consultations_created_at'), 'consultations', ['created_at'], unique=False)
    op.create_index(op.f('ix_consultations_recorded_state'), 'consultations', ['recorded_state'], unique=False)
    op.create_index(op.f('ix_consultations_topic'), 'consultations', ['topic'], unique=False)
    op.create_index(op.f('ix_consultations_urbanist_id'), 'consultations', ['urbanist_id'], unique=False)
    op.create_table('consultation_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('by_asker', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_consultation_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_consultation_messages_consultation_id_consultations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_messages'))
    )
    op.create_index(op.f('ix_consultation_messages_consultation_id'), 'consultation_messages', ['consultation_id'], unique=False)
    op.create_table('published_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('urbanist_id', sa.Integer(), nullable=True),
    sa.Column('topic', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_published_answers_consultation_id_consultations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['urbanist_id'], ['users.id'], name=op.f('fk_published_answers_urbanist_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_published_answers')),
    sa.UniqueConstraint('consultation_id', name=op.f('uq_published_answers_consultation_id')),
    sa.UniqueConstraint('public_id', name=op.f('uq_published_answers_public_id'))
    )
    op.create_index(op.f('ix_published_answers_published_at'), 'published_answers', ['published_at'], unique=False)
    op.create_index(op.f('ix_published_answers_topic'), 'published_answers', ['topic'], unique=False)
    op.create_index(op.f('ix_published_answers_urbanist_id'), 'published_answers', ['urbanist_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_published_answers_urbanist_id'), table_name='published_answers')
    op.drop_index(op.f('ix_published_answers_topic'), table_name='published_answers')
    op.drop_index(op.f('ix_published_answers_published_at'), table_name='published_answers')
    op.drop_table('published_answers')
    op.drop_index(op.f('ix_consultation_messages_consultation_id'), table_name='consultation_messages')
    op.drop_table('consultation_messages')
    op.drop_index(op.f('ix_consultations_urbanist_id'), table_name='consultations')
    op.drop_index(op.f('ix_consultations_topic'), table_name='consultations')
    op.drop_index(op.f('ix_consultations_recorded_state'), table_name='consultations')
    op.drop_index(op.f('ix_consultations_created_at'), table_name='consultations')
    op.drop_index(op.f('ix_consultations_city_key'), table_name='consultations')
    op.drop_index(op.f('ix_consultations_asker_id'), table_name='consultations')
    op.drop_table('consultations')
    op.drop_table('urbanist_profiles')
