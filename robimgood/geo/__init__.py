"""All spatial SQL lives here: plain functions that hide the PostGIS / SpatiaLite difference.

Views and services never call ST_* themselves; they call these functions with a mapped
geometry column and get back SQL expressions that use the engine's spatial index.
"""

from geoalchemy2 import WKTElement
from sqlalchemy import String, func, literal_column, select, text
from sqlalchemy.orm import InstrumentedAttribute

from ..extensions import db
from .bbox import BBox, BBoxError, parse_bbox

__all__ = [
    "SRID", "BBox", "BBoxError", "parse_bbox", "dialect", "point", "lon_lat", "in_bbox",
    "spatial_index_used",
]

SRID = 4326


def dialect() -> str:
    """'postgresql' or 'sqlite': the engine the app is bound to."""
    return db.engine.dialect.name


def point(lon: float, lat: float) -> WKTElement:
    """A value for a Point column (SRID 4326, longitude first as in GeoJSON)."""
    return WKTElement(f"POINT({lon!r} {lat!r})", srid=SRID)


def lon_lat(column: InstrumentedAttribute):
    """Two SQL expressions giving a point column's longitude and latitude."""
    return func.ST_X(column).label("lon"), func.ST_Y(column).label("lat")


def in_bbox(column: InstrumentedAttribute, box: BBox):
    """A WHERE clause: the point column lies inside box, answered from the spatial index.

    PostGIS uses its GiST index through the && operator. SpatiaLite only uses its R*Tree when
    the query names the SpatialIndex virtual table, so the rowids come from there.
    """
    if dialect() == "postgresql":
        envelope = func.ST_MakeEnvelope(box.west, box.south, box.east, box.north, SRID)
        return column.op("&&")(envelope)
    table = column.class_.__table__
    frame = func.BuildMbr(box.west, box.south, box.east, box.north, SRID)
    rowids = select(literal_column("rowid")).select_from(text("SpatialIndex")).where(
        literal_column("f_table_name", String) == table.name,
        literal_column("f_geometry_column", String) == column.key,
        literal_column("search_frame") == frame,
    )
    # The R*Tree answers with bounding boxes; points on the edge of the frame are in.
    inside = func.MbrWithin(column, frame)
    return db.and_(literal_column(f"{table.name}.rowid").in_(rowids), inside)


def spatial_index_used(statement) -> bool:
    """Whether the engine plans statement through the spatial index (for tests and benchmarks)."""
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    if dialect() == "postgresql":
        db.session.execute(text("SET LOCAL enable_seqscan = off"))  # tiny test tables: force honesty
        plan = db.session.execute(text(f"EXPLAIN {compiled}")).scalars().all()
        # GeoAlchemy2 names spatial indexes idx_<table>_<column>.
        return any(("Index Scan using idx_" in line or "Index Scan on idx_" in line)
                   for line in plan)
    plan = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return any("SpatialIndex" in row[-1] and "VIRTUAL TABLE" in row[-1] for row in plan)
