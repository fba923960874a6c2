"""map: grid of clusters per zoom band and the data version, kept by triggers

Revision ID: 37edbe0b73d9
Revises: c9b584ebee31
Create Date: 2026-11-27 21:55:00.000000

"""
from alembic import op
import sqlalchemy as sa

from robimgood.geo import grid

# revision identifiers, used by Alembic.
revision = '37edbe0b73d9'
down_revision = 'c9b584ebee31'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'map_cells',
        sa.Column('band', sa.SmallInteger(), nullable=False),
        sa.Column('cx', sa.Integer(), nullable=False),
        sa.Column('cy', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('sum_lon', sa.Double(), nullable=False),
        sa.Column('sum_lat', sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint('band', 'cx', 'cy', 'category', 'status', name=op.f('pk_map_cells')),
    )
    op.create_table(
        'map_state',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_map_state')),
    )
    op.execute("INSERT INTO map_state (id, version) VALUES (1, 0)")
    dialect = op.get_bind().dialect.name
    # The grid's SQL lives in robimgood.geo.grid, shared with the bulk refresh and the
    # per-request fallback, so that all three put a point in the same cell.
    # (moderated=False: the moderation revision, which comes next, adds the column they skip;
    # layout 1: the ALL rows came later, in revisions 4b1d2c7e9a10 and 9e3a61c5d2f7.)
    for statement in (grid.trigger_ddl(dialect, False, 1)
                      + grid.refresh_sql(dialect, False, 1)):
        op.execute(statement)


def downgrade():
    for statement in grid.drop_trigger_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table('map_state')
    op.drop_table('map_cells')
