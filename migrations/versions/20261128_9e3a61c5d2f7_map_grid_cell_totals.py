"""map grid: a total row per cell (category ALL) with its categories as JSON

Revision ID: 9e3a61c5d2f7
Revises: 4b1d2c7e9a10
Create Date: 2026-11-28 04:30:00.000000

The unfiltered map read a row per cell and category (542 rows for 88 cells at zoom 9 over a
million initiatives) and grouped them in every request: 410 µs of PostgreSQL's CPU. A total
row per cell, kept by the triggers, makes it 88 rows and nothing to group: 100 µs. The key
(band, status, category, cx, cy) keeps a viewport's rows one narrow range (grid layout 3).
"""
from alembic import op

from robimgood.geo import grid

# revision identifiers, used by Alembic.
revision = '9e3a61c5d2f7'
down_revision = '4b1d2c7e9a10'
branch_labels = None
depends_on = None


def upgrade():
    grid.rebuild_for_layout(op, 3)


def downgrade():
    grid.rebuild_for_layout(op, 2)
