"""map grid: rows for every status (ALL) and a key that starts with band and status

Revision ID: 4b1d2c7e9a10
Revises: f66200c7029b
Create Date: 2026-11-28 01:30:00.000000

The unfiltered map read up to 45 rows per cell (9 categories × 5 statuses) and grouped them
twice; with the ALL rows it reads one row per cell and category. The key (band, status, cx,
cy, category) makes a viewport's rows one narrow range (on SQLite, stored in that order:
WITHOUT ROWID). map_cells holds only what the
triggers derive from initiatives, so the table is built anew rather than altered.
"""
from alembic import op
import sqlalchemy as sa

from robimgood.geo import grid

# revision identifiers, used by Alembic.
revision = '4b1d2c7e9a10'
down_revision = 'f66200c7029b'
branch_labels = None
depends_on = None


def _cells_table(*key: str) -> None:
    op.drop_table('map_cells')
    op.create_table(
        'map_cells',
        sa.Column('band', sa.SmallInteger(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) if name in ('cx', 'cy') else
          sa.Column(name, sa.String(length=20), nullable=False) for name in key[1:]),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('sum_lon', sa.Double(), nullable=False),
        sa.Column('sum_lat', sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name=op.f('pk_map_cells')),
        sqlite_with_rowid=False,  # SQLite keeps the rows in key order, as CLUSTER would
    )


def _rebuild(summary: bool, *key: str) -> None:
    dialect = op.get_bind().dialect.name
    for statement in grid.drop_trigger_ddl(dialect):
        op.execute(statement)
    _cells_table(*key)
    for statement in grid.trigger_ddl(dialect, True, summary) + grid.refresh_sql(
            dialect, True, summary):
        op.execute(statement)


def upgrade():
    _rebuild(True, 'band', 'status', 'cx', 'cy', 'category')


def downgrade():
    _rebuild(False, 'band', 'cx', 'cy', 'category', 'status')
