"""location privacy: public point snapped to the precision organisers choose

Revision ID: 8c42666c13a7
Revises: c3c64a2ce775
Create Date: 2026-11-27 19:23:19.492378

"""
from alembic import op
import sqlalchemy as sa
from geoalchemy2 import Geometry

# revision identifiers, used by Alembic.
revision = '8c42666c13a7'
down_revision = 'c3c64a2ce775'
branch_labels = None
depends_on = None


def upgrade():
    # Initiatives published before this revision were shown exactly: they stay exact.
    op.add_column('initiatives', sa.Column('location_precision', sa.String(length=10),
                                           nullable=False, server_default='exact'))
    postgresql = op.get_bind().dialect.name == "postgresql"
    # PostgreSQL: add, fill, then forbid NULL. SpatiaLite adds NOT NULL columns with DEFAULT ''
    # (it cannot alter them later), which the UPDATE then fills.
    op.add_geospatial_column('initiatives', sa.Column('public_location', Geometry(
        geometry_type='POINT', srid=4326, dimension=2, spatial_index=False,
        from_text='ST_GeomFromEWKT', name='geometry', nullable=postgresql),
        nullable=postgresql))
    op.execute("UPDATE initiatives SET public_location = location")
    if postgresql:
        op.alter_column('initiatives', 'public_location', nullable=False)
    op.create_geospatial_index('idx_initiatives_public_location', 'initiatives', ['public_location'],
                               unique=False, postgresql_using='gist', postgresql_ops={})


def downgrade():
    op.drop_geospatial_index('idx_initiatives_public_location', table_name='initiatives',
                             postgresql_using='gist', column_name='public_location')
    if op.get_bind().dialect.name == "sqlite":
        # SpatiaLite's triggers on the column must go before the column can.
        op.execute("SELECT DiscardGeometryColumn('initiatives', 'public_location')")
        op.drop_column('initiatives', 'public_location')
    else:
        op.drop_geospatial_column('initiatives', 'public_location')
    op.drop_column('initiatives', 'location_precision')
