"""Engine set-up per dialect (SpatiaLite loading, sane SQLite transactions) and `read`, the
map's lean way to the database."""

import os
import weakref
from collections import deque
from contextlib import contextmanager

import sqlean
from flask import has_request_context, request
from sqlalchemy import event
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


def read(statement, params: dict | None = None) -> list[tuple]:
    """The rows of one read-only statement, for the map's hot path: driver SQL of the current
    engine, or a SQLAlchemy select that is compiled once (keep it: see map.services).

    It runs on a driver connection kept aside for this, in autocommit (one round trip, where
    the session costs four: pre-ping, BEGIN, the statement, ROLLBACK, and SQLAlchemy's own
    work around each). A connection that died with a server restart is found by the statement
    failing; it is dropped and the statement tried once more on a fresh one. Errors come out
    as SQLAlchemy's, so the app's handlers (503 for an outage) apply. Where the app's bind is
    a connection (the tests' one transaction), the statement runs on it."""
    from ..extensions import db

    bind = db.engine
    sql, defaults = _driver_sql(statement, bind.dialect)
    values = {**defaults, **(params or {})}
    if not isinstance(bind, Engine):
        with _driver_errors(bind.dialect, bind.connection.driver_connection, sql, values) as c:
            return c.execute(sql, values).fetchall()
    spares = _spares.setdefault(bind, deque())
    for attempt in (1, 2):
        connection = _borrow(bind, spares)
        healthy = False
        try:
            with _driver_errors(bind.dialect, connection.driver_connection, sql, values) as c:
                rows = c.execute(sql, values).fetchall()
            healthy = True
            return rows
        except DBAPIError as err:
            if attempt == 2 or not err.connection_invalidated:
                raise
        finally:
            if healthy:
                spares.append((connection, os.getpid()))
            else:
                connection.invalidate()  # never back to the pool in autocommit, nor broken
    raise AssertionError("unreachable")


def _driver_sql(statement, dialect) -> tuple[str, dict]:
    """(SQL text, values of its fixed parameters) in the driver's own parameter style, which
    for a select is compiled once, named (:name or %(name)s) so that values go by name."""
    if isinstance(statement, str):
        return statement, {}
    key = (statement, dialect.name)
    if key not in _compiled:
        named = type(dialect)(paramstyle="named" if dialect.name == "sqlite" else "pyformat")
        compiled = statement.compile(dialect=named)
        _compiled[key] = (str(compiled), compiled.params)
    return _compiled[key]


@contextmanager
def _driver_errors(dialect, connection, sql: str, values: dict):
    """The driver's errors as SQLAlchemy's, saying whether the connection is gone."""
    try:
        yield connection
    except dialect.loaded_dbapi.Error as err:
        raise DBAPIError.instance(
            sql, values, err, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect,
            connection_invalidated=dialect.is_disconnect(err, connection, None)) from err


def _borrow(engine: Engine, spares: deque):
    """A spare connection, or a new one from the engine's pool (whose pre-ping runs then, not
    per request), in autocommit. Spares are shared by threads (a deque is thread-safe) and
    kept for good; a forked worker leaves its parent's alone and takes its own."""
    while spares:
        try:
            connection, pid = spares.pop()
        except IndexError:  # another thread took the last one
            break
        if pid == os.getpid():
            return connection
        _inherited.append(connection)  # closing it would end the parent's session too
    with _driver_errors(engine.dialect, None, "", {}):  # the engine leaves them raw here
        connection = engine.raw_connection()
        if engine.dialect.name == "postgresql":
            connection.driver_connection.autocommit = True
    return connection


_spares: "weakref.WeakKeyDictionary[Engine, deque]" = weakref.WeakKeyDictionary()
_compiled: dict = {}
_inherited: list = []
