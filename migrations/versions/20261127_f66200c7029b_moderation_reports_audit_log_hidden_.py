"""moderation: reports, audit log, hidden content, moderators and bans

Revision ID: f66200c7029b
Revises: 37edbe0b73d9
Create Date: 2026-11-27 21:39:28.879182

"""
from alembic import op
import sqlalchemy as sa

from robimgood.geo import grid


# revision identifiers, used by Alembic.
revision = 'f66200c7029b'
down_revision = '37edbe0b73d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('moderation_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_moderation_actions_moderator_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_actions'))
    )
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_actions_created_at'), ['created_at'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=32), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_reports_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_reports_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['update_id'], ['updates.id'], name=op.f('fk_reports_update_id_updates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('reporter_id', 'target', name=op.f('uq_reports_reporter_id'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index('ix_reports_target', ['target'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_update_id'), ['update_id'], unique=False)

    # Plain ALTER TABLE ADD COLUMN: a batch copy would lose SpatiaLite's geometry triggers.
    for table in ('initiatives', 'updates', 'comments'):
        op.add_column(table, sa.Column('moderated_at', sa.DateTime(), nullable=True))
    op.add_column('users', sa.Column('is_moderator', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column('users', sa.Column('banned_at', sa.DateTime(), nullable=True))
    _map_triggers(moderated=True)



def _map_triggers(moderated: bool) -> None:
    """The map's grid counts only initiatives nobody hid: its triggers watch moderated_at."""
    dialect = op.get_bind().dialect.name
    for statement in (grid.drop_trigger_ddl(dialect) + grid.trigger_ddl(dialect, moderated, 1)
                      + grid.refresh_sql(dialect, moderated, 1)):
        op.execute(statement)


def downgrade():
    _map_triggers(moderated=False)
    op.drop_column('users', 'banned_at')
    op.drop_column('users', 'is_moderator')
    for table in ('comments', 'updates', 'initiatives'):
        op.drop_column(table, 'moderated_at')

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_update_id'))
        batch_op.drop_index('ix_reports_target')
        batch_op.drop_index(batch_op.f('ix_reports_initiative_id'))
        batch_op.drop_index(batch_op.f('ix_reports_comment_id'))

    op.drop_table('reports')
    with op.batch_alter_table('moderation_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_actions_created_at'))

    op.drop_table('moderation_actions')
