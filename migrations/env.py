"""Alembic environment: one migration history for PostGIS and SpatiaLite alike."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from geoalchemy2 import alembic_helpers

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
log = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db

# Tables owned by PostGIS or SpatiaLite themselves, never by our migrations.
_FOREIGN_PREFIXES = ("spatial_ref_sys", "geometry_columns", "views_geometry_columns",
                     "virts_geometry_columns", "spatialite_history", "sql_statements_log",
                     "idx_", "sqlite_", "elementarygeometries", "spatialindex", "knn",
                     "data_licenses", "geom_cols_ref_sys", "vector_layers", "rl2map",
                     "se_", "iso_", "wms_", "topologies", "networks", "raster_coverages",
                     "vector_coverages", "stored_", "rl2_")


def include_object(obj, name, obj_type, reflected, compare_to):
    if obj_type == "table" and name.lower().startswith(_FOREIGN_PREFIXES):
        return False
    return alembic_helpers.include_object(obj, name, obj_type, reflected, compare_to)


def _skip_empty(context_, revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected.")


def run_migrations_online():
    with db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=db.metadata,
            include_object=include_object,
            render_item=alembic_helpers.render_item,
            process_revision_directives=alembic_helpers.writer.chain(_skip_empty),
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: run against a database")
run_migrations_online()
