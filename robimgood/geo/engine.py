"""Engine set-up per dialect: SpatiaLite loading and sane SQLite transactions."""

import weakref

import sqlean
from flask import has_request_context, request
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError


def engine_options(uri: str, spatialite_path: str) -> dict:
    """SQLAlchemy engine options for the configured database URI. Parameters stay out of
    database errors, so a logged traceback never carries what people wrote or their e-mail."""
    if uri.startswith("sqlite"):
        # The stdlib sqlite3 module is often built without extension loading; sqlean is not.
        return {"module": sqlean, "connect_args": {"timeout": 15}, "hide_parameters": True}
    return {"pool_pre_ping": True, "hide_parameters": True}


def install(engine: Engine, spatialite_path: str) -> None:
    """Hook SpatiaLite into every new SQLite connection (nothing to do for PostGIS)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the driver, decide where transactions begin (savepoints work).
        dbapi_conn.isolation_level = None
        dbapi_conn.enable_load_extension(True)
        dbapi_conn.load_extension(spatialite_path)
        dbapi_conn.enable_load_extension(False)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA busy_timeout = 15000")
        if not cur.execute("SELECT CheckSpatialMetaData()").fetchone()[0]:
            cur.execute("SELECT InitSpatialMetaData(1)")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # A request that may write takes the write lock up front. Otherwise its reads start a
        # snapshot, and when another writer commits first, upgrading that snapshot to a write
        # fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting its turn: parallel POSTs
        # would answer 503 where PostgreSQL simply queues them.
        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


# Tables owned by PostGIS or SpatiaLite themselves, never by our migrations.
_SYSTEM_PREFIXES = ("spatial_ref_sys", "geometry_columns", "views_geometry_columns",
                    "virts_geometry_columns", "spatialite_history", "sql_statements_log",
                    "idx_", "sqlite_", "elementarygeometries", "spatialindex", "knn",
                    "data_licenses", "geom_cols_ref_sys", "vector_layers", "rl2map", "se_",
                    "iso_", "wms_", "topologies", "networks", "raster_coverages",
                    "vector_coverages", "stored_", "rl2_")


def include_object(obj, name, obj_type, reflected, compare_to) -> bool:
    """Alembic's filter: compare only our own tables (and GeoAlchemy2's own exclusions)."""
    from geoalchemy2 import alembic_helpers

    if obj_type == "table" and name.lower().startswith(_SYSTEM_PREFIXES):
        return False
    return alembic_helpers.include_object(obj, name, obj_type, reflected, compare_to)


def read(statement, params: dict | None = None) -> list:
    """The rows of one read-only statement (driver SQL or a SQLAlchemy select), for the map's
    hot path. On PostgreSQL it runs in autocommit on a pool of its own without pre-ping: one
    round trip instead of four (ping, BEGIN, the statement, ROLLBACK). A connection that died
    with a server restart is found by the statement failing, and the statement is tried once
    more on a fresh one. Where the app's bind is not a plain engine (tests run in one
    transaction), or on SQLite, it goes through the session like everything else."""
    from ..extensions import db

    def run(connection):
        if isinstance(statement, str):
            return connection.exec_driver_sql(statement, params or {}).all()
        return connection.execute(statement, params or {}).all()

    bind = db.engine
    if not isinstance(bind, Engine) or bind.dialect.name != "postgresql":
        return run(db.session.connection())
    reader = _readers.get(bind)
    if reader is None:
        reader = _readers[bind] = create_engine(
            bind.url, pool_pre_ping=False, hide_parameters=True, isolation_level="AUTOCOMMIT")
    try:
        with reader.connect() as connection:
            return run(connection)
    except DBAPIError as err:
        if not err.connection_invalidated:
            raise
    with reader.connect() as connection:  # the pool was emptied of the dead connections
        return run(connection)


_readers: "weakref.WeakKeyDictionary[Engine, Engine]" = weakref.WeakKeyDictionary()
