"""Export: the whole public data set as streamed GeoJSON and CSV, over HTTP and from the command
line, with public fields only (canaries prove that nothing private leaks)."""

import codecs
import csv
import io
import os
import re
import shutil
import subprocess

import orjson
import pytest

from robimgood.community import services as community
from robimgood.initiatives.models import PRECISIONS
from robimgood.opendata import services as export
from robimgood.opendata.services import FIELDS

from ..conftest import CI

# An exact place (of somebody's home) that must never leave the site.
SECRET_LON, SECRET_LAT = 27.5612345, 53.9087654


@pytest.fixture
def canaries(db, make_user, make_initiative):
    """An approximate initiative whose organiser, member and follower carry canary names."""
    organiser = make_user("canary_organiser", display_name="CANARY-ORGANISER-NAME",
                          email="canary-organiser@example.org")
    home = make_initiative(organiser, title="Benches in our yard", city="Minsk", category="public_space",
                           longitude=SECRET_LON, latitude=SECRET_LAT, location_precision="200m",
                           needs=["money", "volunteers"], status="planning")
    member = make_user("canary_member", display_name="CANARY-MEMBER-NAME", email="member@example.org")
    community.join(home, member)
    community.follow(home, make_user("canary_follower", display_name="CANARY-FOLLOWER-NAME"))
    db.session.commit()
    return home


CANARY_TEXTS = ["canary_organiser", "CANARY-ORGANISER-NAME", "canary-organiser@example.org",
                "canary_member", "CANARY-MEMBER-NAME", "member@example.org", "canary_follower",
                "CANARY-FOLLOWER-NAME", "27.561234", "53.908765", "27.5612345", "53.9087654"]


def geojson(client, query=""):
    response = client.get(f"/api/initiatives.geojson?{query}")
    assert response.status_code == 200, response.data[:300]
    return response, orjson.loads(response.data)


def csv_rows(client, query=""):
    response = client.get(f"/api/initiatives.csv?{query}")
    assert response.status_code == 200, response.data[:300]
    body = response.data
    assert body.startswith(codecs.BOM_UTF8)
    return response, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_geojson_without_bbox_is_the_whole_public_data_set(client, canaries, make_initiative):
    make_initiative(title="A bench by the river", category="green", status="done", latitude=52.1,
                    longitude=23.7, city="Brest", location_precision="exact", language="be")
    response, data = geojson(client)
    assert response.mimetype == "application/geo+json"
    assert data["type"] == "FeatureCollection" and data["truncated"] is False
    features = {f["properties"]["title"]: f for f in data["features"]}
    assert set(features) == {"Benches in our yard", "A bench by the river"}
    home = features["Benches in our yard"]
    # The public point, never the exact one.
    assert home["geometry"] == {"type": "Point", "coordinates": list(canaries.public_lon_lat)}
    assert tuple(home["geometry"]["coordinates"]) != (SECRET_LON, SECRET_LAT)
    assert home["id"] == canaries.public_id
    assert home["properties"] == {
        "id": canaries.public_id, "title": "Benches in our yard", "summary": canaries.summary,
        "description": canaries.description, "category": "public_space", "status": "planning",
        "progress": None, "guide": False, "city": "Minsk", "needs": ["money", "volunteers"], "language": "en",
        "location_precision": "200m",
        "created_at": canaries.created_at.replace(microsecond=0).isoformat() + "Z",
        "updated_at": canaries.updated_at.replace(microsecond=0).isoformat() + "Z",
        "url": f"http://localhost/i/{canaries.public_id}/{canaries.slug}",
    }
    exact = features["A bench by the river"]
    assert exact["geometry"]["coordinates"] == [23.7, 52.1]
    assert exact["properties"]["location_precision"] == "exact"


@pytest.mark.parametrize("url", ["/api/initiatives.geojson", "/api/initiatives.csv"])
def test_exports_carry_no_names_and_no_exact_place(client, canaries, url):
    body = client.get(url).data.decode()
    for canary in CANARY_TEXTS:
        assert canary not in body, f"{canary!r} leaked into {url}"
    lon, lat = canaries.public_lon_lat
    assert str(lon) in body and str(lat) in body


def test_cli_export_carries_no_names_and_no_exact_place(cli, canaries, tmp_path):
    for fmt in ("geojson", "csv"):
        target = tmp_path / f"all.{fmt}"
        result = cli("export", "--format", fmt, "--output", target)
        assert result.exit_code == 0, result.output
        body = target.read_text("utf-8-sig")
        assert "Benches in our yard" in body
        assert not [c for c in CANARY_TEXTS if c in body]


def test_csv_has_every_public_field_in_order(client, canaries):
    response, rows = csv_rows(client)
    assert response.mimetype == "text/csv"
    assert 'filename="robimgood-initiatives.csv"' in response.headers["Content-Disposition"]
    assert list(rows[0]) == list(FIELDS)
    (row,) = rows
    lon, lat = canaries.public_lon_lat
    assert row["id"] == canaries.public_id and row["title"] == "Benches in our yard"
    assert row["needs"] == "money;volunteers" and row["progress"] == ""
    assert (float(row["longitude"]), float(row["latitude"])) == (lon, lat)
    assert row["location_precision"] == "200m"


def test_csv_keeps_cyrillic_quotes_and_newlines_and_defuses_formulas(client, make_initiative):
    make_initiative(title="=HYPERLINK(\"http://evil\")", summary="+1 лаўка, \"новая\"",
                    description="Радок 1\nРадок 2; і коска, і \"двукоссе\"", city="-Мінск")
    _, (row,) = csv_rows(client)
    assert row["title"] == "'=HYPERLINK(\"http://evil\")"
    assert row["summary"] == "'+1 лаўка, \"новая\""
    assert row["city"] == "'-Мінск"
    assert row["description"] == "Радок 1\nРадок 2; і коска, і \"двукоссе\""


@pytest.mark.parametrize("query, titles", [
    ("category=green", {"Green one", "Green two"}),
    ("category=green&status=done", {"Green two"}),
    ("city=GOMEL", {"Waste one"}),
    ("q=two", {"Green two"}),
    ("bbox=27,53,28,54", {"Green one"}),
])
def test_exports_apply_the_list_filters(client, make_user, make_initiative, query, titles):
    owner = make_user()
    make_initiative(owner, title="Green one", category="green", latitude=53.9, longitude=27.5)
    make_initiative(owner, title="Green two", category="green", status="done", latitude=52.1,
                    longitude=23.7)
    make_initiative(owner, title="Waste one", category="waste", city="Gomel", latitude=52.4,
                    longitude=31.0)
    _, rows = csv_rows(client, query)
    assert {r["title"] for r in rows} == titles
    if "bbox" not in query:  # with a box the GeoJSON is the map's (capped) answer
        _, data = geojson(client, query)
        assert {f["properties"]["title"] for f in data["features"]} == titles


@pytest.mark.parametrize("query", ["category=weapons", "status=finished", "q=" + "x" * 101,
                                   "bbox=1,2,3"])
def test_csv_refuses_bad_filters_with_a_reason(client, query):
    response = client.get(f"/api/initiatives.csv?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["status"] == 400 and response.json["fields"]


def test_the_bbox_answer_is_still_the_capped_map_answer(app, client, make_user, make_initiative):
    owner = make_user()
    for n in range(3):
        make_initiative(owner, title=f"Near {n}", latitude=53.9, longitude=27.5 + n / 100)
    app.config["GEOJSON_LIMIT"] = 2
    try:
        _, boxed = geojson(client, "bbox=27,53,28,54")
        _, everything = geojson(client)
    finally:
        app.config["GEOJSON_LIMIT"] = 500
    assert len(boxed["features"]) == 2 and boxed["truncated"] is True
    assert set(boxed["features"][0]["properties"]) == {"id", "title", "summary", "language",
                                                       "category", "status", "progress", "guide",
                                                       "url"}
    assert len(everything["features"]) == 3 and everything["truncated"] is False


@pytest.mark.parametrize("url, parse", [
    ("/api/initiatives.geojson", lambda body: len(orjson.loads(body)["features"])),
    ("/api/initiatives.csv", lambda body: len(body.decode("utf-8-sig").splitlines()) - 1),
])
def test_a_large_export_is_streamed_in_chunks(client, many, url, parse):
    many(3000)
    response = client.get(url, buffered=False)
    assert response.status_code == 200 and response.is_streamed
    chunks = []
    for chunk in response.response:  # the body as the server sends it
        chunks.append(chunk)
    response.close()
    # One chunk per CHUNK_ROWS rows (plus the opening and the end): never the whole at once.
    assert len(chunks) >= 3000 // export.CHUNK_ROWS
    biggest = max(len(c) for c in chunks)
    assert biggest < sum(len(c) for c in chunks) / 4
    assert parse(b"".join(chunks)) == 3000


def test_public_rows_fetch_in_batches_not_all_at_once(app, db, many):
    """The rows come from a cursor read chunk by chunk: the generator has no list behind it."""
    from robimgood.initiatives import services as initiatives

    many(1200)
    rows = export.public_rows(initiatives.filtered(), base_url="")
    first = next(rows)
    assert first["title"].startswith("Bulk initiative")
    assert sum(1 for _ in rows) == 1199


def test_cli_export_matches_the_http_export(cli, client, canaries, tmp_path, make_initiative):
    make_initiative(title="Second", latitude=52.0, longitude=24.0)
    for fmt, url in (("geojson", "/api/initiatives.geojson"), ("csv", "/api/initiatives.csv")):
        target = tmp_path / f"out.{fmt}"
        result = cli("export", "--format", fmt, "--output", target, "--base-url", "http://localhost")
        assert result.exit_code == 0, result.output
        assert target.read_bytes() == client.get(url).data


def test_cli_export_writes_to_standard_output_with_relative_links(cli, canaries):
    result = cli("export")
    assert result.exit_code == 0
    data = orjson.loads(result.stdout_bytes)
    (feature,) = data["features"]
    assert feature["properties"]["url"] == f"/i/{canaries.public_id}/{canaries.slug}"


def test_a_failed_export_leaves_the_old_file_alone(cli, canaries, tmp_path, monkeypatch):
    target = tmp_path / "published.geojson"
    target.write_text("the good old export")

    def broken(*args, **kwargs):
        yield b'{"type":"FeatureCollection","features":['
        raise RuntimeError("database went away")

    monkeypatch.setattr(export, "export", broken)
    result = cli("export", "--output", target)
    assert result.exit_code != 0
    assert target.read_text() == "the good old export"
    assert [p.name for p in tmp_path.iterdir()] == ["published.geojson"]


def test_every_precision_exports_its_public_point(client, make_user, make_initiative):
    owner = make_user()
    made = {code: make_initiative(owner, title=f"Place {code}", longitude=SECRET_LON,
                                  latitude=SECRET_LAT, location_precision=code)
            for code in PRECISIONS}
    _, data = geojson(client)
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    for code, initiative in made.items():
        feature = by_title[f"Place {code}"]
        # Six decimals (about 10 cm), as the map answer gives them.
        assert feature["geometry"]["coordinates"] == [round(c, 6) for c in initiative.public_lon_lat]
        assert feature["properties"]["location_precision"] == code


def test_gdal_reads_the_exported_geojson(cli, tmp_path, many, canaries):
    """A real GIS reader (GDAL's ogrinfo, Debian's gdal-bin) opens the export and counts every
    feature."""
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        if CI:
            pytest.fail("ogrinfo is missing (install gdal-bin); CI=true makes that a failure")
        pytest.skip("ogrinfo is missing: install Debian's gdal-bin")
    many(250)
    target = tmp_path / "initiatives.geojson"
    assert cli("export", "--output", target).exit_code == 0
    result = subprocess.run([ogrinfo, "-ro", "-so", "-al", str(target)], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "CPL_DEBUG": "OFF"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"^Feature Count: 251$", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^Geometry: Point$", result.stdout, re.MULTILINE)
    for name in ("title", "category", "location_precision"):
        assert re.search(rf"^{name}: String", result.stdout, re.MULTILINE)
