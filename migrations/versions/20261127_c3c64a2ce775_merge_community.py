"""merge community: joins the community branch into the main history

Revision ID: c3c64a2ce775
Revises: 04a54801e392, 2ba7867b225f
Create Date: 2026-11-27 19:12:06.151031

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3c64a2ce775'
down_revision = ('04a54801e392', '2ba7867b225f')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
