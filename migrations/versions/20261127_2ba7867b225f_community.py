"""community: memberships, follows, timeline, updates, checklist, comments, stories, saved areas

Revision ID: 2ba7867b225f
Revises: ef133271bac2
Create Date: 2026-11-27 18:35:27.023991

"""
from alembic import op
import sqlalchemy as sa
from geoalchemy2 import Geometry

# revision identifiers, used by Alembic.
revision = '2ba7867b225f'
down_revision = 'ef133271bac2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_geospatial_table('area_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('centre', Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('radius_m', sa.Integer(), nullable=False),
    sa.Column('extent', Geometry(geometry_type='POLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('radius_m BETWEEN 100 AND 20000', name=op.f('ck_area_subscriptions_radius_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_area_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_subscriptions'))
    )
    op.create_geospatial_index('idx_area_subscriptions_extent', 'area_subscriptions', ['extent'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_area_subscriptions_user_id'), 'area_subscriptions', ['user_id'], unique=False)
    op.create_table('follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_follows_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'initiative_id', name=op.f('pk_follows'))
    )
    op.create_index(op.f('ix_follows_initiative_id'), 'follows', ['initiative_id'], unique=False)
    op.create_table('join_policies',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('approval_required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_join_policies_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', name=op.f('pk_join_policies'))
    )
    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('pending', sa.Boolean(), nullable=False),
    sa.Column('listed_publicly', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_memberships_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('initiative_id', 'user_id', name=op.f('uq_memberships_initiative_id'))
    )
    op.create_index(op.f('ix_memberships_user_id'), 'memberships', ['user_id'], unique=False)
    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_milestones_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    op.create_index('ix_milestones_initiative_position', 'milestones', ['initiative_id', 'position'], unique=False)
    op.create_table('status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('old_status', sa.String(length=20), nullable=True),
    sa.Column('new_status', sa.String(length=20), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_status_changes_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_status_changes_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_changes'))
    )
    op.create_index('ix_status_changes_initiative_created', 'status_changes', ['initiative_id', 'created_at'], unique=False)
    op.create_table('stories',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('worked', sa.Text(), nullable=False),
    sa.Column('did_not_work', sa.Text(), nullable=False),
    sa.Column('cost', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_stories_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_stories_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', name=op.f('pk_stories'))
    )
    op.create_index(op.f('ix_stories_published_at'), 'stories', ['published_at'], unique=False)
    op.create_table('updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('edited_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_updates_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_updates_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_updates'))
    )
    op.create_index('ix_updates_initiative_created', 'updates', ['initiative_id', 'created_at'], unique=False)
    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('hidden_at', sa.DateTime(), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_comments_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_comments_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['update_id'], ['updates.id'], name=op.f('fk_comments_update_id_updates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    op.create_index('ix_comments_initiative_created', 'comments', ['initiative_id', 'created_at'], unique=False)
    op.create_index(op.f('ix_comments_parent_id'), 'comments', ['parent_id'], unique=False)
    op.create_index(op.f('ix_comments_update_id'), 'comments', ['update_id'], unique=False)
    op.add_column('initiatives', sa.Column('progress', sa.SmallInteger(), nullable=True))
    # Organising became a membership role: every creator is the first organiser of what they
    # created, named on its page as before.
    op.execute(
        "INSERT INTO memberships (initiative_id, user_id, role, pending, listed_publicly, created_at) "
        "SELECT id, organiser_id, 'organiser', false, true, created_at FROM initiatives "
        "WHERE organiser_id IS NOT NULL"
    )


def downgrade():
    op.drop_column('initiatives', 'progress')
    op.drop_index(op.f('ix_comments_update_id'), table_name='comments')
    op.drop_index(op.f('ix_comments_parent_id'), table_name='comments')
    op.drop_index('ix_comments_initiative_created', table_name='comments')
    op.drop_table('comments')
    op.drop_index('ix_updates_initiative_created', table_name='updates')
    op.drop_table('updates')
    op.drop_index(op.f('ix_stories_published_at'), table_name='stories')
    op.drop_table('stories')
    op.drop_index('ix_status_changes_initiative_created', table_name='status_changes')
    op.drop_table('status_changes')
    op.drop_index('ix_milestones_initiative_position', table_name='milestones')
    op.drop_table('milestones')
    op.drop_index(op.f('ix_memberships_user_id'), table_name='memberships')
    op.drop_table('memberships')
    op.drop_table('join_policies')
    op.drop_index(op.f('ix_follows_initiative_id'), table_name='follows')
    op.drop_table('follows')
    op.drop_index(op.f('ix_area_subscriptions_user_id'), table_name='area_subscriptions')
    op.drop_geospatial_index('idx_area_subscriptions_extent', table_name='area_subscriptions', postgresql_using='gist', column_name='extent')
    op.drop_geospatial_table('area_subscriptions')
