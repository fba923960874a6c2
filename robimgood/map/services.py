"""The GeoJSON behind the map: clusters from the grid at low zoom, points at high zoom, built
from plain rows by orjson, never from ORM objects; and the data version behind its ETag."""

import functools

import orjson
from flask import current_app, url_for
from sqlalchemy import Double, Select, bindparam, select, true

from .. import geo
from ..extensions import db
from ..geo import BBox, grid
from ..initiatives import services as initiatives
from ..initiatives.models import Initiative
from .models import MapState

# Filters the grid cannot answer: the clusters are counted per request over at most this many
# initiatives in the box (and the answer says truncated when there were more).
FALLBACK_LIMIT = 50_000
_VERSION_SQL = f"SELECT version FROM {MapState.__tablename__} WHERE id = 1"


def version() -> int:
    """The map data's version (one primary-key read), which every app server agrees on."""
    return geo.read(_VERSION_SQL)[0][0]


def etag(data_version: int) -> str:
    return f"{grid.FORMAT}-{data_version}"


def feature_collection(rows, limit: int) -> bytes:
    """An RFC 7946 FeatureCollection; 'truncated' says whether more than limit matched."""
    template = url_for("initiatives.detail", public_id="PID", slug="SLUG")
    features = [
        {
            "type": "Feature",
            "id": public_id,
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "id": public_id,
                "title": title,
                "summary": summary,
                "language": language,  # of the title and summary, for the popup's lang
                "category": category,
                "status": status,
                "progress": progress,  # per cent of the checklist done, or null without one
                "guide": bool(guide),  # whether it follows a guide
                "url": template.replace("PID", public_id).replace("SLUG", slug),
            },
        }
        for (public_id, slug, title, summary, language, category, status, progress, guide, lon,
             lat) in rows[:limit]
    ]
    return orjson.dumps(
        {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit}
    )


def _clusters(features: list[dict], truncated: bool) -> bytes:
    return orjson.dumps({"type": "FeatureCollection", "features": features,
                         "truncated": truncated})


def geojson(filters: dict, zoom: int | None) -> tuple[int, bytes]:
    """(data version, the map's answer for a box): at a zoom the grid covers, clusters when
    the box holds more initiatives than one answer may carry, else (and without a zoom) the
    points themselves. The version comes in the statement that reads the data, or is read
    before it (an ETag never names newer data than the body holds)."""
    limit = current_app.config["GEOJSON_LIMIT"]
    data_version = None
    if zoom is not None and zoom <= grid.MAX_BAND:
        band = grid.band_for(filters["bbox"], zoom)
        if _beyond_grid(filters):
            data_version = version()
            features, total, truncated = grid.naive_clusters(
                initiatives.filtered(**filters), Initiative.public_location, band, FALLBACK_LIMIT)
            if total > limit:
                return data_version, _clusters(features, truncated)
        else:
            cells, total, data_version = grid.clusters(
                filters["bbox"], band, filters["category"], filters["status"])
            if total > limit:
                return data_version, _clusters(grid.features(cells, band, filters["category"]),
                                               False)
    rows, points_version = _points(filters, limit, data_version)
    return points_version, feature_collection(rows, limit)


def _beyond_grid(filters: dict) -> bool:
    """Whether filters the grid and the hot path do not know (text, city, guide, progress)
    narrow the map: those requests go through the session and SQLAlchemy."""
    return bool(filters["q"] or filters["city"]) or filters["guide"] is not None \
        or filters["min_progress"] is not None


def _points(filters: dict, limit: int, data_version: int | None) -> tuple[list[tuple], int]:
    """(the rows of the points in the box (see initiatives.geojson_select), the data version):
    by the hot path when only category and status narrow them, with the version in the same
    statement; else through the session, after the version (unless already known). A known
    version means the grid has counted at most limit initiatives in the box: all of them are
    sent, so they need no order (see _points_select)."""
    if _beyond_grid(filters):
        if data_version is None:
            data_version = version()
        return db.session.execute(initiatives.geojson_select(
            initiatives.filtered(**filters), limit)).all(), data_version
    category, status = filters["category"], filters["status"]
    statement = _points_select(db.engine.dialect.name, bool(category), bool(status), limit,
                               ordered=data_version is None)
    rows = geo.read(statement, {**filters["bbox"]._asdict(), "category": category,
                                "status": status})
    return [row[1:] for row in rows if row[1] is not None], rows[0][0]


@functools.cache
def _points_select(dialect: str, category: bool, status: bool, limit: int,
                   ordered: bool) -> Select:
    """The points' select with the box, category and status as parameters: built and compiled
    once per shape (geo.read keeps the compiled SQL), not per request. The data version
    leads each row, and comes alone (with no point) when the box is empty: one statement, one
    snapshot. (The points keep their order: the join's outer side is the one state row.)
    Unordered, PostgreSQL keeps one plan for the prepared statement; ordered, it plans anew
    for each box (the newest first may be best read by date in a big box), which costs more
    than the read: 210 µs of its CPU against 80 µs for a box at zoom 15."""
    stmt = initiatives.filtered(bbox=BBox(*(bindparam(side, type_=Double) for side in BBox._fields)))
    if category:
        stmt = stmt.where(Initiative.category == bindparam("category"))
    if status:
        stmt = stmt.where(Initiative.status == bindparam("status"))
    points = initiatives.geojson_select(stmt, limit)
    if not ordered:
        points = points.order_by(None)
    points = points.subquery("p")
    state = MapState.__table__
    return select(state.c.version, points).select_from(
        state.outerjoin(points, true())).where(state.c.id == 1)
