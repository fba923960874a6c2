"""map grid: rows for every status (ALL) and a key that starts with band and status

Revision ID: 4b1d2c7e9a10
Revises: f66200c7029b
Create Date: 2026-11-28 01:30:00.000000

The unfiltered map read up to 45 rows per cell (9 categories × 5 statuses) and grouped them
twice; with the ALL rows it reads one row per cell and category. The key (band, status, cx,
cy, category) makes a viewport's rows one narrow range (on SQLite, stored in that order:
WITHOUT ROWID). map_cells holds only what the triggers derive from initiatives, so the table
is built anew rather than altered (grid layout 2; layout 1 before).
"""
from alembic import op

from robimgood.geo import grid

# revision identifiers, used by Alembic.
revision = '4b1d2c7e9a10'
down_revision = 'f66200c7029b'
branch_labels = None
depends_on = None


def upgrade():
    grid.rebuild_for_layout(op, 2)


def downgrade():
    grid.rebuild_for_layout(op, 1)
