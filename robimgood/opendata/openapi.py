"""The OpenAPI 3.1 description of every public machine-readable endpoint, written by hand and
built from the same tables the code uses (categories, statuses, export fields), so it cannot
drift from them. The tests validate it and check real responses against its schemas; a new
public endpoint must be added here (a test looks for undocumented ones)."""

from flask import current_app

from ..community.models import RADIUS_MAX_M, RADIUS_MIN_M
from ..initiatives.models import CATEGORIES, NEEDS, PRECISIONS, STATUSES
from .services import FIELDS

LANGUAGES = ["be", "ru", "en"]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": schema}}}


def _text(media: str, description: str) -> dict:
    return {"description": description, "content": {media: {"schema": {"type": "string"}}}}


def _monthly(description: str) -> dict:
    return {"type": "array", "items": {"type": "integer", "minimum": 0},
            "description": description + " One number per month of `months`."}


FILTERS = [
    {"name": "q", "in": "query", "required": False, "description":
     "Words to find in the title, summary or city (case-insensitive, any alphabet).",
     "schema": {"type": "string", "maxLength": 100}},
    {"name": "category", "in": "query", "required": False,
     "schema": {"type": "string", "enum": list(CATEGORIES)}},
    {"name": "status", "in": "query", "required": False,
     "schema": {"type": "string", "enum": list(STATUSES)}},
    {"name": "city", "in": "query", "required": False, "description":
     "The city or town, as written on the initiatives (case-insensitive).",
     "schema": {"type": "string", "maxLength": 80}},
]
BBOX = {"name": "bbox", "in": "query", "required": False, "description":
        "A box `west,south,east,north` in degrees (WGS 84). Longitudes from -180 to 180 with "
        "west ≤ east, latitudes from -90 to 90 with south ≤ north.",
        "schema": {"type": "string", "example": "27.4,53.8,27.7,54.0"}}
ZOOM = {"name": "zoom", "in": "query", "required": False, "description":
        "The map's zoom level (0–24). With `bbox`, a box holding more initiatives than one answer "
        "may carry is answered with clusters (up to zoom 15) instead of points.",
        "schema": {"type": "integer", "minimum": 0, "maximum": 24}}
BAD_FILTERS = _json(_ref("Error"), "A filter is not valid; `fields` says which and why.")


def _schemas() -> dict:
    limit = current_app.config["GEOJSON_LIMIT"]
    return {
        "Error": {
            "type": "object", "required": ["error", "status"], "additionalProperties": False,
            "properties": {
                "error": {"type": "string"}, "status": {"type": "integer"},
                "fields": {"type": "object", "description": "Messages per parameter.",
                           "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            },
        },
        "Point": {
            "type": "object", "required": ["type", "coordinates"], "additionalProperties": False,
            "properties": {
                "type": {"const": "Point"},
                "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": [
                    {"type": "number", "minimum": -180, "maximum": 180, "description": "longitude"},
                    {"type": "number", "minimum": -90, "maximum": 90, "description": "latitude"}]},
            },
            "description": "The public point: the exact place snapped to the centre of a grid "
                           "cell of the organiser's chosen size (`location_precision`). The "
                           "exact place is never published.",
        },
        "InitiativeProperties": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "summary", "category", "status", "progress", "guide", "url"],
            "description": "The map's answer (with `bbox`) carries the required fields; the "
                           "whole data set (without `bbox`) carries all of them.",
            "properties": {
                "id": {"type": "string", "description": "The initiative's public id."},
                "title": {"type": "string", "maxLength": 120},
                "summary": {"type": "string", "maxLength": 280},
                "description": {"type": "string", "description": "Markdown."},
                "category": {"type": "string", "enum": list(CATEGORIES)},
                "status": {"type": "string", "enum": list(STATUSES)},
                "progress": {"type": ["integer", "null"], "minimum": 0, "maximum": 100,
                             "description": "Per cent of the checklist done; null without one."},
                "guide": {"type": "boolean", "description": "Whether the initiative follows a guide."},
                "city": {"type": "string"},
                "needs": {"type": "array", "items": {"type": "string", "enum": list(NEEDS)}},
                "language": {"type": "string", "enum": LANGUAGES},
                "location_precision": {
                    "type": "string", "enum": list(PRECISIONS),
                    "description": "How the public point was made: `exact` (a public place), "
                                   "or snapped to a grid of about 200 m or 1 km."},
                "created_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": "string", "format": "date-time"},
                "url": {"type": "string", "format": "uri-reference",
                        "description": "The initiative's page (absolute in the full data set)."},
            },
        },
        "Feature": {
            "type": "object", "required": ["type", "id", "geometry", "properties"],
            "additionalProperties": False,
            "properties": {"type": {"const": "Feature"}, "id": {"type": "string"},
                           "geometry": _ref("Point"), "properties": _ref("InitiativeProperties")},
        },
        "ClusterFeature": {
            "type": "object", "required": ["type", "id", "geometry", "properties"],
            "additionalProperties": False,
            "description": "Several initiatives in one cell of the map's grid (a 128-pixel "
                           "square at the requested zoom), placed at their centroid.",
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": "string", "description": "The cell: `c<band>/<x>/<y>`."},
                "geometry": _ref("Point"),
                "properties": {
                    "type": "object", "additionalProperties": False,
                    "required": ["cluster", "count", "categories"],
                    "properties": {
                        "cluster": {"const": True},
                        "count": {"type": "integer", "minimum": 1},
                        "categories": {
                            "type": "object", "description": "How many of each category.",
                            "propertyNames": {"enum": list(CATEGORIES)},
                            "additionalProperties": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
        "FeatureCollection": {
            "type": "object", "required": ["type", "features", "truncated"],
            "additionalProperties": False,
            "properties": {
                "type": {"const": "FeatureCollection"},
                "features": {"type": "array", "items": {
                    "oneOf": [_ref("Feature"), _ref("ClusterFeature")]}},
                "truncated": {"type": "boolean", "description":
                              f"With `bbox`, true when more than {limit} initiatives matched and "
                              "only the newest were sent. Always false without `bbox`."},
            },
        },
        "Health": {
            "type": "object", "required": ["status", "engine", "database"],
            "additionalProperties": False,
            "properties": {"status": {"enum": ["ok", "unavailable"]},
                           "engine": {"enum": ["postgresql", "sqlite"]},
                           "database": {"type": "boolean"}},
        },
        "Stats": _stats_schema(),
    }


def _counts(codes) -> dict:
    return {"type": "object", "required": list(codes), "additionalProperties": False,
            "properties": {code: {"type": "integer", "minimum": 0} for code in codes}}


def _stats_schema() -> dict:
    count = {"type": "integer", "minimum": 0}
    return {
        "type": "object", "additionalProperties": False,
        "required": ["generated_at", "months", "initiatives", "members", "consultations", "guides"],
        "properties": {
            "generated_at": {"type": "string", "format": "date-time"},
            "months": {"type": "array", "items": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                       "description": "The last twelve months, oldest first (UTC)."},
            "initiatives": {
                "type": "object", "additionalProperties": False,
                "required": ["total", "by_status", "by_category", "by_city", "started_per_month",
                             "done_per_month"],
                "properties": {
                    "total": count, "by_status": _counts(STATUSES),
                    "by_category": _counts(CATEGORIES),
                    "by_city": {"type": "array", "description": "Biggest first.", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["city", "total", "by_status", "started_per_month"],
                        "properties": {"city": {"type": "string"}, "total": count,
                                       "by_status": _counts(STATUSES),
                                       "started_per_month": _monthly("Initiatives started.")}}},
                    "started_per_month": _monthly("Initiatives created."),
                    "done_per_month": _monthly("Initiatives whose status became done."),
                },
            },
            "members": {
                "type": "object", "additionalProperties": False,
                "required": ["memberships", "people", "joined_per_month"],
                "properties": {"memberships": count, "people": count,
                               "joined_per_month": _monthly("Memberships begun.")},
                "description": "Accepted memberships, organisers included. Counts only: who "
                               "joined what stays private.",
            },
            "consultations": {
                "type": "object", "additionalProperties": False,
                "required": ["asked", "answered", "median_hours_to_answer", "asked_per_month",
                             "answered_per_month"],
                "properties": {
                    "asked": count, "answered": count,
                    "median_hours_to_answer": {"type": ["number", "null"], "minimum": 0},
                    "asked_per_month": _monthly("Consultations asked."),
                    "answered_per_month": _monthly("Consultations answered."),
                },
                "description": "Counts only; consultations themselves are private.",
            },
            "guides": {
                "type": "object", "additionalProperties": False,
                "required": ["published", "initiatives_following", "by_guide"],
                "properties": {
                    "published": count, "initiatives_following": count,
                    "by_guide": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["title", "initiatives", "url"],
                        "properties": {"title": {"type": "string"}, "initiatives": count,
                                       "url": {"type": "string", "format": "uri"}}}},
                },
            },
        },
    }


def spec() -> dict:
    """The whole description, as a dict ready for JSON."""
    limit = current_app.config["GEOJSON_LIMIT"]
    atom = "application/atom+xml"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Robim Good open data API",
            "version": "1",
            "description": (
                "Public data of the Map of Initiatives: what anyone can see on the site, in "
                "standard formats. No key, no account. Approximate places stay approximate, "
                "and nothing names a person. Times are UTC."),
            "license": {"name": "GNU AGPL v3.0 or later (the software)",
                        "identifier": "AGPL-3.0-or-later"},
        },
        "servers": [{"url": "/"}],
        "tags": [{"name": "initiatives"}, {"name": "statistics"}, {"name": "feeds"},
                 {"name": "service"}],
        "paths": {
            "/api/initiatives.geojson": {"get": {
                "operationId": "initiativesGeoJSON", "tags": ["initiatives"],
                "summary": "Initiatives as GeoJSON",
                "description": (
                    "An RFC 7946 FeatureCollection of public points. With `bbox` (what the map "
                    f"asks for): at most {limit} features. With `zoom` too, when the box holds "
                    f"more than {limit} matching initiatives, clusters with their counts; else "
                    f"the newest {limit} initiatives in the box with the fields the map shows, "
                    "`truncated` saying whether more matched. The `ETag` is the data's "
                    "version: send it back in `If-None-Match` to get 304 while nothing "
                    "changed. Without `bbox`: every matching initiative with all its public "
                    "fields, streamed, newest first."),
                "parameters": [*FILTERS, BBOX, ZOOM],
                "responses": {
                    "200": _json(_ref("FeatureCollection"), "The initiatives.",
                                 "application/geo+json"),
                    "304": {"description": "Nothing changed since the `If-None-Match` ETag."},
                    "400": BAD_FILTERS,
                },
            }},
            "/api/initiatives.csv": {"get": {
                "operationId": "initiativesCSV", "tags": ["initiatives"],
                "summary": "Initiatives as CSV",
                "description": (
                    "Every matching initiative's public fields, one per line after a header "
                    "row, streamed, newest first: " + ", ".join(f"`{f}`" for f in FIELDS) + ". "
                    "UTF-8 starting with a byte order mark (so that spreadsheet programs read "
                    "Cyrillic correctly), comma-separated, quoted where needed; `needs` joins "
                    "its codes with `;`. Text starting with = + - or @ gets a leading "
                    "apostrophe so that spreadsheets do not run it as a formula."),
                "parameters": [*FILTERS, BBOX],
                "responses": {
                    "200": _text("text/csv", "The initiatives, with a header row."),
                    "400": BAD_FILTERS,
                },
            }},
            "/api/stats.json": {"get": {
                "operationId": "statistics", "tags": ["statistics"],
                "summary": "The numbers of the statistics page",
                "description": "Counts over the whole site, and monthly series for the last "
                               "twelve months.",
                "responses": {"200": _json(_ref("Stats"), "The statistics.")},
            }},
            "/feeds/area.atom": {"get": {
                "operationId": "areaFeed", "tags": ["feeds"],
                "summary": "New initiatives in an area (Atom)",
                "description": "The newest 50 initiatives whose public point lies within "
                               "`radius_m` metres of the centre, for any feed reader.",
                "parameters": [
                    {"name": "lat", "in": "query", "required": True,
                     "schema": {"type": "number", "minimum": -90, "maximum": 90}},
                    {"name": "lon", "in": "query", "required": True,
                     "schema": {"type": "number", "minimum": -180, "maximum": 180}},
                    {"name": "radius_m", "in": "query", "required": True, "schema": {
                        "type": "integer", "minimum": RADIUS_MIN_M, "maximum": RADIUS_MAX_M}},
                ],
                "responses": {
                    "200": _text(atom, "An Atom feed (RFC 4287)."),
                    "400": _text("text/html", "The area is not valid (a page that says why)."),
                },
            }},
            "/i/{public_id}/feed.atom": {"get": {
                "operationId": "initiativeFeed", "tags": ["feeds"],
                "summary": "An initiative's news (Atom)",
                "description": "Its updates, status changes and story, for any feed reader.",
                "parameters": [{"name": "public_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {
                    "200": _text(atom, "An Atom feed (RFC 4287)."),
                    "404": _text("text/html", "No such initiative."),
                },
            }},
            "/healthz": {"get": {
                "operationId": "health", "tags": ["service"],
                "summary": "Whether the service and its database answer",
                "responses": {
                    "200": _json(_ref("Health"), "The database answers."),
                    "503": _json(_ref("Health"), "The database does not answer."),
                },
            }},
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "tags": ["service"],
                "summary": "This description",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1.")},
            }},
        },
        "components": {"schemas": _schemas()},
    }
