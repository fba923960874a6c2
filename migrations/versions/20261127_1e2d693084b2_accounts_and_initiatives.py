"""accounts and initiatives: users, urbanist specialties, initiatives with a spatial index

Revision ID: 1e2d693084b2
Revises: 
Create Date: 2026-11-27 18:09:09.055514

"""
from alembic import op
import sqlalchemy as sa
from geoalchemy2 import Geometry

# revision identifiers, used by Alembic.
revision = '1e2d693084b2'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('username_key', sa.String(length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('skills', sa.String(length=300), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('is_urbanist', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username_key', name=op.f('uq_users_username_key'))
    )
    op.create_geospatial_table('initiatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=280), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('city_key', sa.String(length=80), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('location', Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organiser_id'], ['users.id'], name=op.f('fk_initiatives_organiser_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('external_id', name=op.f('uq_initiatives_external_id')),
    sa.UniqueConstraint('public_id', name=op.f('uq_initiatives_public_id'))
    )
    op.create_geospatial_index('idx_initiatives_location', 'initiatives', ['location'], unique=False, postgresql_using='gist', postgresql_ops={})
    op.create_index(op.f('ix_initiatives_category'), 'initiatives', ['category'], unique=False)
    op.create_index(op.f('ix_initiatives_city_key'), 'initiatives', ['city_key'], unique=False)
    op.create_index(op.f('ix_initiatives_created_at'), 'initiatives', ['created_at'], unique=False)
    op.create_index(op.f('ix_initiatives_organiser_id'), 'initiatives', ['organiser_id'], unique=False)
    op.create_index('ix_initiatives_status_category', 'initiatives', ['status', 'category'], unique=False)
    op.create_table('user_specialties',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('specialty', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_specialties_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'specialty', name=op.f('pk_user_specialties'))
    )


def downgrade():
    op.drop_table('user_specialties')
    op.drop_index('ix_initiatives_status_category', table_name='initiatives')
    op.drop_index(op.f('ix_initiatives_organiser_id'), table_name='initiatives')
    op.drop_index(op.f('ix_initiatives_created_at'), table_name='initiatives')
    op.drop_index(op.f('ix_initiatives_city_key'), table_name='initiatives')
    op.drop_index(op.f('ix_initiatives_category'), table_name='initiatives')
    op.drop_geospatial_index('idx_initiatives_location', table_name='initiatives', postgresql_using='gist', column_name='location')
    op.drop_geospatial_table('initiatives')
    op.drop_table('users')
