"""Every row of every table, to compare a database with itself (before and after a failed
request) or with its restored backup."""

from sqlalchemy import text

from robimgood.extensions import db


def table_names(connection) -> list[str]:
    """Our tables and Alembic's, plus SpatiaLite's R*Tree spatial indexes (idx_…), which must
    agree with their tables too."""
    names = [table.name for table in db.metadata.sorted_tables] + ["alembic_version"]
    if connection.dialect.name == "sqlite":
        names += connection.scalars(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'idx_%' ORDER BY name"))
    return names


def contents(connection) -> dict[str, list[str]]:
    """{table: its rows, sorted}; each row as the driver returns it (geometries as their raw
    EWKB/SpatiaLite blob), so any difference in any column shows."""
    return {name: sorted(repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{name}"')))
            for name in table_names(connection)}
