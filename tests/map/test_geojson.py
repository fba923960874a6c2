"""The GeoJSON behind the map, the spatial index behind it, and the map page itself."""

import re

import orjson
import pytest
from sqlalchemy import select

from robimgood import geo
from robimgood.initiatives import services
from robimgood.initiatives.models import Initiative

MINSK = (27.56, 53.90)
BREST = (23.73, 52.09)


@pytest.fixture
def places(make_user, make_initiative):
    owner = make_user()
    made = {}
    for n, (lon, lat) in enumerate([MINSK, (27.57, 53.91), BREST]):
        made[n] = make_initiative(owner, title=f"Place {n}", longitude=lon, latitude=lat,
                                  category="green" if n else "waste", status="idea")
    return made


def get(client, query):
    response = client.get(f"/api/initiatives.geojson?{query}")
    return response, orjson.loads(response.data)


def test_bbox_returns_a_feature_collection_of_what_is_inside(client, places):
    response, data = get(client, "bbox=27,53,28,54.5")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    assert data["type"] == "FeatureCollection" and data["truncated"] is False
    assert {f["properties"]["title"] for f in data["features"]} == {"Place 0", "Place 1"}
    feature = next(f for f in data["features"] if f["properties"]["title"] == "Place 0")
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": list(MINSK)}
    assert set(feature["properties"]) == {"id", "title", "summary", "language", "category", "status",
                                          "progress", "guide", "url"}
    assert feature["properties"]["language"] == places[0].language
    assert feature["properties"]["progress"] is None  # no checklist yet
    initiative = places[0]
    assert feature["id"] == feature["properties"]["id"] == initiative.public_id
    assert feature["properties"]["url"] == f"/i/{initiative.public_id}/{initiative.slug}"


@pytest.mark.parametrize("query, titles", [
    ("bbox=20,50,30,55&category=green", {"Place 1", "Place 2"}),
    ("bbox=20,50,30,55&category=green&q=place%202", {"Place 2"}),
    ("bbox=20,50,30,55&status=done", set()),
    ("bbox=27.56,53.90,27.56,53.90", {"Place 0"}),  # a point-sized box, edges included
    ("category=waste", {"Place 0"}),  # no bbox: the whole world, still capped
])
def test_filters_apply(client, places, query, titles):
    _, data = get(client, query)
    assert {f["properties"]["title"] for f in data["features"]} == titles


def test_the_response_is_capped_with_a_flag(app, client, places):
    app.config["GEOJSON_LIMIT"] = 2
    try:
        _, data = get(client, "bbox=20,50,30,55")
    finally:
        app.config["GEOJSON_LIMIT"] = 500
    assert len(data["features"]) == 2 and data["truncated"] is True


@pytest.mark.parametrize("bbox, message", [
    ("1,2,3", "four numbers"),
    ("a,b,c,d", "four numbers"),
    ("nan,0,1,1", "finite"),
    ("0,0,inf,1", "finite"),
    ("-181,0,0,10", "longitudes"),
    ("0,-91,10,0", "latitudes"),
    ("10,0,0,10", "west"),
    ("0,10,10,0", "south"),
    ("", None),
])
def test_bad_bbox_gets_400_with_a_reason(client, places, bbox, message):
    response, data = get(client, f"bbox={bbox}")
    if message is None:  # empty means "no bbox"
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert message in data["fields"]["bbox"][0]


@pytest.mark.parametrize("query", ["category=weapons", "status=finished", "q=" + "x" * 101])
def test_bad_filters_get_400(client, query):
    response, data = get(client, query)
    assert response.status_code == 400
    assert data["status"] == 400 and data["fields"]


def test_bbox_query_uses_the_spatial_index(app, db, places):
    stmt = services.filtered(bbox=geo.parse_bbox("27,53,28,54.5"))
    # Without the ORDER BY: on a tiny table the planner may rightly prefer the created_at index
    # for the sort; what must hold is that the box itself is answered by the spatial index.
    assert geo.spatial_index_used(stmt.order_by(None)), "the bbox must use the spatial index"
    rows = db.session.scalars(stmt).all()
    assert {r.title for r in rows} == {"Place 0", "Place 1"}


def test_in_bbox_matches_a_brute_force_check(db, make_user, make_initiative):
    import random

    rng = random.Random(7)
    owner = make_user()
    points = [(rng.uniform(23, 33), rng.uniform(51, 57)) for _ in range(60)]
    for lon, lat in points:
        make_initiative(owner, longitude=lon, latitude=lat)
    for _ in range(10):
        w, e = sorted(rng.uniform(23, 33) for _ in range(2))
        s, n = sorted(rng.uniform(51, 57) for _ in range(2))
        box = geo.BBox(w, s, e, n)
        found = {i.lon_lat for i in db.session.scalars(services.filtered(bbox=box))}
        expected = {(lon, lat) for lon, lat in points if w <= lon <= e and s <= lat <= n}
        assert {(round(a, 9), round(b, 9)) for a, b in found} == {
            (round(a, 9), round(b, 9)) for a, b in expected}


def test_map_page_loads_only_our_files_and_the_tiles(client, places):
    response = client.get("/")
    assert response.status_code == 200
    html = response.data.decode()
    assert 'class="folium-map"' in html
    csp = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#")), f"third-party asset on the map page: {url}"
    external = set(re.findall(r"https?://[^\s\"'<>]+", html))
    allowed = ("https://tile.openstreetmap.org/", "https://www.openstreetmap.org/copyright")
    assert all(u.startswith(allowed) for u in external), external
    assert "cdn" not in html.lower()
    # The first page already lists initiatives without JavaScript.
    assert "Place 0" in html and "Place 2" in html
    other = client.get("/map")
    assert re.search(r"'nonce-([^']+)'", other.headers["Content-Security-Policy"]).group(1) != nonce


def test_map_page_keeps_filters_from_the_address(client, places):
    html = client.get("/map?category=waste").data.decode()
    assert "Place 0" in html and "Place 1" not in html
    assert client.get("/map?category=nope").status_code == 400


def test_health_reports_the_engine(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["engine"] == app.engine_name and response.json["database"] is True


def test_location_is_stored_in_wgs84(db, places):
    srid = db.session.scalar(select(Initiative.location.ST_SRID()).limit(1))
    assert srid == 4326
