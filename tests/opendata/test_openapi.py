"""The OpenAPI description: valid OpenAPI 3.1, complete (every public machine-readable route is
in it), and true (real responses conform to its schemas)."""

import csv
import io
import re

import orjson
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from markupsafe import escape
from openapi_spec_validator import validate

from robimgood.opendata.services import FIELDS

# Routes that answer people with HTML pages, or change things: not part of the data API.
MACHINE_READABLE = re.compile(r"^/api/|^/healthz$|\.(json|geojson|csv|atom)$")
# A person's own data download (robimgood/privacy) is theirs, not part of the public data API.
PERSONAL = {"/profile/data.json"}


@pytest.fixture
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return orjson.loads(response.data)


def conforms(spec, path, status, body, media="application/json", method="get"):
    """The body (parsed JSON) is valid against the schema the description gives for it."""
    schema = spec["paths"][path][method]["responses"][str(status)]["content"][media]["schema"]
    validator = Draft202012Validator({**schema, "components": spec["components"]},
                                     format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def data(db, make_user, make_initiative):
    from robimgood.community import services as community

    owner = make_user()
    first = make_initiative(owner, title="Yard garden", location_precision="200m", needs=["money"])
    make_initiative(owner, title="Bike lane", category="transport", status="done",
                    location_precision="exact", city="Brest", latitude=52.1, longitude=23.7)
    step = community.add_milestone(first, {"title": "Ask the neighbours"})
    community.add_milestone(first, {"title": "Plant"})
    community.set_done(first, step, True)  # progress 50: an integer, not only null
    db.session.commit()
    return first


def test_the_description_is_valid_openapi(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_public_data_route_is_described_and_every_described_route_exists(app, spec):
    routes = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        if MACHINE_READABLE.search(path) and path not in PERSONAL:
            routes.add(path)
    assert routes == set(spec["paths"]), (routes ^ set(spec["paths"]))


def test_the_operations_use_the_code_tables(spec):
    from robimgood.initiatives.models import CATEGORIES, STATUSES

    params = {p["name"]: p for p in spec["paths"]["/api/initiatives.geojson"]["get"]["parameters"]}
    assert params["category"]["schema"]["enum"] == list(CATEGORIES)
    assert params["status"]["schema"]["enum"] == list(STATUSES)
    csv_doc = spec["paths"]["/api/initiatives.csv"]["get"]["description"]
    assert all(f"`{name}`" in csv_doc for name in FIELDS)


@pytest.mark.parametrize("query", ["", "bbox=20,50,30,56", "category=green", "bbox=0,0,1,1"])
def test_geojson_responses_conform(client, spec, data, query):
    response = client.get(f"/api/initiatives.geojson?{query}")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    body = orjson.loads(response.data)
    conforms(spec, "/api/initiatives.geojson", 200, body, "application/geo+json")
    if query in ("", "bbox=20,50,30,56"):
        assert len(body["features"]) == 2
        assert {f["properties"]["progress"] for f in body["features"]} == {50, None}


@pytest.mark.parametrize("path", ["/api/initiatives.geojson", "/api/initiatives.csv"])
@pytest.mark.parametrize("query", ["category=nope", "bbox=1,2", "status=x&city=" + "c" * 81])
def test_errors_conform(client, spec, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    conforms(spec, path, 400, response.json)


def test_csv_response_conforms(client, spec, data):
    response = client.get("/api/initiatives.csv")
    assert response.status_code == 200
    assert "text/csv" in spec["paths"]["/api/initiatives.csv"]["get"]["responses"]["200"]["content"]
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2 and list(rows[0]) == list(FIELDS)
    # Each CSV row is the same data as a GeoJSON feature's properties, which the schema checks.
    properties = spec["components"]["schemas"]["InitiativeProperties"]["properties"]
    assert set(FIELDS) - {"longitude", "latitude"} == set(properties)


def test_stats_response_conforms(client, spec, data):
    response = client.get("/api/stats.json")
    assert response.status_code == 200
    conforms(spec, "/api/stats.json", 200, response.json)


def test_health_response_conforms(client, spec):
    response = client.get("/healthz")
    assert response.status_code == 200
    conforms(spec, "/healthz", 200, response.json)


def test_openapi_response_conforms(client, spec):
    conforms(spec, "/api/openapi.json", 200, spec)


def test_atom_feeds_conform(client, spec, data):
    ok = client.get("/feeds/area.atom?lat=53.92&lon=27.59&radius_m=2000")
    assert ok.status_code == 200 and ok.mimetype == "application/atom+xml"
    assert "application/atom+xml" in spec["paths"]["/feeds/area.atom"]["get"]["responses"]["200"]["content"]
    bad = client.get("/feeds/area.atom?lat=95&lon=27&radius_m=2000")
    assert bad.status_code == 400 and bad.mimetype == "text/html"
    assert "400" in spec["paths"]["/feeds/area.atom"]["get"]["responses"]
    feed = client.get(f"/i/{data.public_id}/feed.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert client.get("/i/nothere/feed.atom").status_code == 404
    assert "404" in spec["paths"]["/i/{public_id}/feed.atom"]["get"]["responses"]


def test_the_parameters_described_are_the_ones_checked(client, spec):
    """Limits in the description are the limits the API applies."""
    geo = {p["name"]: p for p in spec["paths"]["/api/initiatives.geojson"]["get"]["parameters"]}
    longest = geo["q"]["schema"]["maxLength"]
    assert client.get("/api/initiatives.csv?q=" + "x" * longest).status_code == 200
    assert client.get("/api/initiatives.csv?q=" + "x" * (longest + 1)).status_code == 400
    area = {p["name"]: p for p in spec["paths"]["/feeds/area.atom"]["get"]["parameters"]}
    low, high = area["radius_m"]["schema"]["minimum"], area["radius_m"]["schema"]["maximum"]
    assert client.get(f"/feeds/area.atom?lat=53.9&lon=27.5&radius_m={low}").status_code == 200
    assert client.get(f"/feeds/area.atom?lat=53.9&lon=27.5&radius_m={high}").status_code == 200
    assert client.get(f"/feeds/area.atom?lat=53.9&lon=27.5&radius_m={high + 1}").status_code == 400


def test_the_api_page_explains_every_endpoint(client, spec):
    response = client.get("/api")
    assert response.status_code == 200
    html = response.data.decode()
    for path, operations in spec["paths"].items():
        assert f"GET {path}" in html
        assert escape(operations["get"]["summary"]) in html
    assert 'href="/api/openapi.json"' in html and 'href="/api/initiatives.csv"' in html


def test_the_footer_links_to_the_api_and_the_statistics(client):
    html = client.get("/initiatives").data.decode()
    assert 'href="/api"' in html and 'href="/stats"' in html
    assert 'href="/api/initiatives.csv"' in html
