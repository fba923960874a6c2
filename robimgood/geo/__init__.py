"""All spatial SQL lives here: plain functions that hide the PostGIS / SpatiaLite difference.

Views and services never call ST_* themselves; they call these functions with a mapped
geometry column and get back SQL expressions that use the engine's spatial index.
"""

import math

from geoalchemy2 import WKTElement
from sqlalchemy import String, func, literal_column, select, text
from sqlalchemy.orm import InstrumentedAttribute

from ..extensions import db
from .bbox import BBox, BBoxError, CircleError, circle_bbox, parse_bbox
from .engine import read

__all__ = [
    "SRID", "BBox", "BBoxError", "CircleError", "circle_bbox", "parse_bbox", "dialect", "point",
    "polygon", "snap", "lon_lat", "in_bbox", "within_metres", "circles_containing", "spatial_index_used",
    "read",
]

SRID = 4326


def dialect() -> str:
    """'postgresql' or 'sqlite': the engine the app is bound to."""
    return db.engine.dialect.name


def point(lon: float, lat: float) -> WKTElement:
    """A value for a Point column (SRID 4326, longitude first as in GeoJSON)."""
    return WKTElement(f"POINT({lon!r} {lat!r})", srid=SRID)


def polygon(box: BBox) -> WKTElement:
    """A value for a Polygon column: the rectangle of box (SRID 4326)."""
    w, s, e, n = box
    ring = f"{w!r} {s!r}, {e!r} {s!r}, {e!r} {n!r}, {w!r} {n!r}, {w!r} {s!r}"
    return WKTElement(f"POLYGON(({ring}))", srid=SRID)


def snap(lon: float, lat: float, metres: int) -> tuple[float, float]:
    """The centre of the ~metres-wide grid cell holding (lon, lat): an approximate location.

    Deterministic on purpose: the same point always gives the same public point, so repeated
    requests or edits cannot be averaged to recover the exact place.
    """
    if metres <= 0:
        return lon, lat
    lat_step = metres / 111_320
    row = math.floor(lat / lat_step)
    centre_lat = max(-90.0, min(90.0, (row + 0.5) * lat_step))
    lon_step = metres / (111_320 * max(math.cos(math.radians(centre_lat)), 0.01))
    column = math.floor(lon / lon_step)
    centre_lon = max(-180.0, min(180.0, (column + 0.5) * lon_step))
    return round(centre_lon, 6), round(centre_lat, 6)


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
    frame = func.BuildMbr(box.west, box.south, box.east, box.north, SRID)
    # The R*Tree answers with bounding boxes; points on the edge of the frame are in.
    inside = func.MbrWithin(column, frame)
    return db.and_(_rtree_match(column, frame), inside)


def _rtree_match(column: InstrumentedAttribute, frame):
    """SpatiaLite: the row's rowid is among those whose box meets frame, from the R*Tree."""
    table = column.class_.__table__
    rowids = select(literal_column("rowid")).select_from(text("SpatialIndex")).where(
        literal_column("f_table_name", String) == table.name,
        literal_column("f_geometry_column", String) == column.key,
        literal_column("search_frame") == frame,
    )
    return literal_column(f"{table.name}.rowid").in_(rowids)


def _point_sql(lon: float, lat: float):
    if dialect() == "postgresql":
        return func.ST_SetSRID(func.ST_MakePoint(lon, lat), SRID)
    return func.MakePoint(lon, lat, SRID)


def _within_metres(a, b, radius_m):
    """Exact test on the WGS 84 ellipsoid: PostGIS geography uses the spheroid, and
    SpatiaLite's ST_Distance(a, b, 1) returns ellipsoidal metres. The edge counts as inside."""
    if dialect() == "postgresql":
        return func.ST_DWithin(func.geography(a), func.geography(b), radius_m)
    return func.ST_Distance(a, b, 1) <= radius_m


def within_metres(column: InstrumentedAttribute, lon: float, lat: float, radius_m: float):
    """A WHERE clause: the point column lies within radius_m metres of (lon, lat). The spatial
    index narrows the rows to the circle's box first; circle_bbox raises CircleError for circles
    whose box crosses the antimeridian or reaches a pole."""
    return db.and_(in_bbox(column, circle_bbox(lon, lat, radius_m)),
                   _within_metres(column, _point_sql(lon, lat), radius_m))


def circles_containing(lon: float, lat: float, *, extent: InstrumentedAttribute,
                       centre: InstrumentedAttribute, radius_m: InstrumentedAttribute):
    """A WHERE clause for a table of circles (a centre point, a radius in metres and the indexed
    box around it, extent): the circle contains the point (lon, lat). The index finds the boxes
    that contain the point; the exact distance on the ellipsoid decides."""
    here = _point_sql(lon, lat)
    if dialect() == "postgresql":
        candidates = extent.op("&&")(here)
    else:
        candidates = _rtree_match(extent, here)
    return db.and_(candidates, _within_metres(centre, here, radius_m))


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
