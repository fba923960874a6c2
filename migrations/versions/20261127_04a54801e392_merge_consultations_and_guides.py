"""merge consultations and guides: two feature branches, one history

Revision ID: 04a54801e392
Revises: 5408fda62509, a8753f0473f9
Create Date: 2026-11-27 19:04:47.892225

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '04a54801e392'
down_revision = ('5408fda62509', 'a8753f0473f9')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
