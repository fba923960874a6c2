"""The public data set, streamed: rows go from the database to GeoJSON or CSV in chunks, so
exporting ten initiatives or a million takes the same memory. The HTTP API and
`robimgood export` share this code.

Only public fields leave: the public point (the exact place snapped to the organiser's chosen
precision, never the exact one), no names of people, nothing about members.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

import orjson
from flask import current_app, has_request_context, url_for
from sqlalchemy import Select

from .. import geo
from ..extensions import db
from ..initiatives.models import Initiative

# Rows fetched from the database, and features or lines sent, per chunk.
CHUNK_ROWS = 500

# Every exported field, in CSV column order (GeoJSON carries the point as its geometry).
FIELDS = (
    "id", "title", "summary", "description", "category", "status", "progress", "guide", "city",
    "needs",
    "language", "location_precision", "longitude", "latitude", "created_at", "updated_at", "url",
)
# Cells a spreadsheet would run as a formula if they began a text cell; see _cell().
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_FIELDS = {"title", "summary", "description", "city"}


def _stamp(value: datetime | None) -> str | None:
    """RFC 3339 in UTC (stored times are naive UTC), to the second."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def url_template(base_url: str | None = None) -> str:
    """An initiative's address with PID and SLUG placeholders: absolute inside a request (or
    with base_url), a path otherwise."""
    values = {"public_id": "PID", "slug": "SLUG"}
    if base_url is None and has_request_context():
        return url_for("initiatives.detail", _external=True, **values)
    path = current_app.url_map.bind("localhost").build("initiatives.detail", values)
    return (base_url or "").rstrip("/") + path


def public_rows(stmt: Select, base_url: str | None = None) -> Iterator[dict]:
    """The public fields of every initiative stmt selects, one dict each, fetched in chunks
    (a server-side cursor on PostgreSQL)."""
    from ..guided.hooks import following_guide  # not at import time: see guided.hooks

    lon, lat = geo.lon_lat(Initiative.public_location)
    columns = stmt.with_only_columns(
        Initiative.public_id, Initiative.slug, Initiative.title, Initiative.summary,
        Initiative.description, Initiative.category, Initiative.status, Initiative.progress,
        following_guide(), Initiative.city, Initiative.needs, Initiative.language,
        Initiative.location_precision,
        lon, lat, Initiative.created_at, Initiative.updated_at,
    )
    template = url_template(base_url)
    result = db.session.execute(columns.execution_options(yield_per=CHUNK_ROWS))
    for (public_id, slug, title, summary, description, category, status, progress, guide, city,
         needs, language, precision, x, y, created_at, updated_at) in result:
        yield {
            "id": public_id, "title": title, "summary": summary, "description": description,
            "category": category, "status": status, "progress": progress, "guide": bool(guide),
            "city": city,
            "needs": list(needs or []), "language": language, "location_precision": precision,
            "longitude": round(x, 6), "latitude": round(y, 6),
            "created_at": _stamp(created_at), "updated_at": _stamp(updated_at),
            "url": template.replace("PID", public_id).replace("SLUG", slug),
        }


def _chunks(items: Iterable, size: int = CHUNK_ROWS) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def feature(row: dict) -> dict:
    """One RFC 7946 Feature: the public point as geometry, every other field a property."""
    properties = {k: v for k, v in row.items() if k not in ("longitude", "latitude")}
    return {"type": "Feature", "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties}


def geojson_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """A FeatureCollection in pieces of CHUNK_ROWS features. Same shape as the map's bbox
    answer, with "truncated" always false: nothing is left out."""
    yield b'{"type":"FeatureCollection","features":['
    separator = b""
    for chunk in _chunks(rows):
        yield separator + b",".join(orjson.dumps(feature(row)) for row in chunk)
        separator = b","
    yield b'],"truncated":false}\n'


def _cell(name: str, value) -> str:
    """A CSV cell. Text starting like a formula gets a leading apostrophe, the usual defence
    against spreadsheet formula injection; the importer takes it off again."""
    if value is None:
        return ""
    if name == "needs":
        return ";".join(value)
    if name in _TEXT_FIELDS and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def csv_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """UTF-8 CSV with a header row, in pieces. It starts with a byte order mark so that
    spreadsheet programs read Cyrillic text as UTF-8 (CSV readers skip it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    yield ("\ufeff" + buffer.getvalue()).encode()
    for chunk in _chunks(rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([_cell(name, row[name]) for name in FIELDS] for row in chunk)
        yield buffer.getvalue().encode()


FORMATS = {
    "geojson": (geojson_chunks, "application/geo+json"),
    "csv": (csv_chunks, "text/csv; charset=utf-8; header=present"),
}


def export(stmt: Select, fmt: str, base_url: str | None = None) -> Iterator[bytes]:
    """The initiatives stmt selects, in fmt ("geojson" or "csv"), as chunks of bytes."""
    return FORMATS[fmt][0](public_rows(stmt, base_url))
