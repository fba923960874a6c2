"""merge guided initiatives: joins the guide-following branch after location privacy

Revision ID: c9b584ebee31
Revises: 8c42666c13a7, f7a4300dd60a
Create Date: 2026-11-27 19:55:36.608594

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9b584ebee31'
down_revision = ('8c42666c13a7', 'f7a4300dd60a')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
