"""Server-side clusters: the grid the triggers keep equals the points, for every zoom band and
every kind of write; filters, the feature cap, the ETag and bad zooms."""

import random
from collections import Counter

import orjson
import pytest
from sqlalchemy import select

from robimgood.geo import BBox, grid
from robimgood.initiatives import services
from robimgood.initiatives.models import Initiative
from robimgood.map.models import MapCell

from ..guides.conftest import make_guide, step_data  # noqa: F401

BELARUS = BBox(23.0, 51.0, 33.0, 57.0)


def expected_grid(db) -> Counter:
    """The grid computed in Python from the public points, independently of the triggers."""
    counts = Counter()
    for initiative in db.session.scalars(select(Initiative)):
        lon, lat = initiative.public_lon_lat
        for band in grid.BANDS:
            cx, cy, _, _ = grid.cell_range(BBox(lon, lat, lon, lat), band)
            for status in (initiative.status, grid.ALL):
                for category in (initiative.category, grid.ALL):
                    counts[(band, cx, cy, category, status)] += 1
    return counts


def stored_grid(db) -> Counter:
    """The grid as stored; each total row's categories are the counts of its cell's rows."""
    rows = db.session.execute(select(MapCell.band, MapCell.cx, MapCell.cy, MapCell.category,
                                     MapCell.status, MapCell.n, MapCell.categories)).all()
    assert all(row.n > 0 for row in rows), "empty cells must be deleted"
    by_category = {}
    for band, cx, cy, category, status, n, _ in rows:
        if category != grid.ALL:
            by_category.setdefault((band, cx, cy, status), {})[category] = n
    for band, cx, cy, category, status, _, categories in rows:
        if category == grid.ALL:
            assert orjson.loads(categories) == by_category.pop((band, cx, cy, status))
        else:
            assert categories is None
    assert not by_category, "every cell has its total row"
    return Counter({tuple(key): n for *key, n, _ in rows})


def check_centroids(db):
    """Each cell's sums are the sums of its points' coordinates."""
    sums = {}
    for initiative in db.session.scalars(select(Initiative)):
        lon, lat = initiative.public_lon_lat
        cx, cy, _, _ = grid.cell_range(BBox(lon, lat, lon, lat), grid.MIN_BAND)
        for key in ((cx, cy, category, status) for category in (initiative.category, grid.ALL)
                    for status in (initiative.status, grid.ALL)):
            a, b = sums.get(key, (0.0, 0.0))
            sums[key] = (a + lon, b + lat)
    for cell in db.session.scalars(select(MapCell).where(MapCell.band == grid.MIN_BAND)):
        lon, lat = sums[(cell.cx, cell.cy, cell.category, cell.status)]
        assert cell.sum_lon == pytest.approx(lon, abs=1e-6)
        assert cell.sum_lat == pytest.approx(lat, abs=1e-6)


def random_data(rng):
    return {"longitude": rng.uniform(23.5, 32.5), "latitude": rng.uniform(51.5, 56.0),
            "category": rng.choice(["green", "transport", "waste"]),
            "status": rng.choice(["idea", "done"]),
            "location_precision": rng.choice(["exact", "200m", "1km"])}


def test_the_grid_follows_every_kind_of_write(db, make_user, make_initiative):
    from tests.conftest import VALID_INITIATIVE

    rng = random.Random(3)
    owner = make_user()
    made = [make_initiative(owner, **random_data(rng)) for _ in range(25)]
    assert stored_grid(db) == expected_grid(db)
    check_centroids(db)
    for initiative in made[:8]:  # moves, category and status changes
        services.update(initiative, {**VALID_INITIATIVE, **random_data(rng)})
    db.session.commit()
    assert stored_grid(db) == expected_grid(db)
    made[8].status = "paused"  # a status change alone
    made[9].title = "Only the title changes"
    db.session.commit()
    assert stored_grid(db) == expected_grid(db)
    for initiative in made[10:20]:
        services.delete(initiative)
    db.session.commit()
    assert stored_grid(db) == expected_grid(db)
    check_centroids(db)
    for initiative in made[20:]:
        services.delete(initiative)
    for initiative in made[:10]:
        services.delete(initiative)
    db.session.commit()
    assert stored_grid(db) == Counter()


def test_bulk_refresh_builds_the_same_grid(db, make_user, make_initiative):
    rng = random.Random(5)
    owner = make_user()
    for _ in range(15):
        make_initiative(owner, **random_data(rng))
    before = stored_grid(db)
    grid.refresh()
    assert stored_grid(db) == before == expected_grid(db)
    check_centroids(db)


@pytest.fixture
def crowd(app, db, make_user, make_initiative):
    """40 initiatives around Minsk and Brest; the answer may carry 10 features."""
    rng = random.Random(11)
    owner = make_user()
    for n in range(40):
        lon, lat = (27.5, 53.9) if n % 2 else (23.7, 52.1)
        make_initiative(owner, title=f"Crowd {n}", longitude=lon + rng.uniform(-0.3, 0.3),
                        latitude=lat + rng.uniform(-0.2, 0.2),
                        category="green" if n % 4 < 2 else "waste",
                        status="idea" if n % 3 else "done", location_precision="exact")
    app.config["GEOJSON_LIMIT"] = 10
    yield
    app.config["GEOJSON_LIMIT"] = 500


def get(client, query, **headers):
    response = client.get(f"/api/initiatives.geojson?{query}", headers=headers)
    return response, (orjson.loads(response.data) if response.status_code == 200 else None)


@pytest.mark.parametrize("zoom", [3, 6, 9, 12, 15])
def test_clusters_count_every_initiative_in_view(client, crowd, zoom):
    response, data = get(client, f"bbox=20,50,35,57&zoom={zoom}")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    features = data["features"]
    assert 0 < len(features) <= 10 or all(f["properties"].get("cluster") for f in features)
    if all(f["properties"].get("cluster") for f in features):
        assert sum(f["properties"]["count"] for f in features) == 40
        for f in features:
            assert sum(f["properties"]["categories"].values()) == f["properties"]["count"]
            lon, lat = f["geometry"]["coordinates"]
            assert 23.3 < lon < 27.9 and 51.8 < lat < 54.2
    else:
        pytest.fail("40 initiatives in view with room for 10 must be clusters")


def test_cluster_answers_conform_to_the_openapi_description(client, crowd):
    from ..opendata.test_openapi import conforms

    spec = orjson.loads(client.get("/api/openapi.json").data)
    for query in ("bbox=20,50,35,57&zoom=6", "bbox=20,50,35,57&zoom=6&q=crowd",
                  "bbox=27.5,53.9,27.8,54.1&zoom=12"):
        _, data = get(client, query)
        conforms(spec, "/api/initiatives.geojson", 200, data, "application/geo+json")
    assert any(p["name"] == "zoom" for p in
               spec["paths"]["/api/initiatives.geojson"]["get"]["parameters"])


def test_filters_apply_to_clusters(client, crowd):
    _, data = get(client, "bbox=20,50,35,57&zoom=6&category=green")
    assert sum(f["properties"]["count"] for f in data["features"]) == 20
    assert all(set(f["properties"]["categories"]) == {"green"} for f in data["features"])
    _, data = get(client, "bbox=20,50,35,57&zoom=6&category=green&status=done")
    assert len(data["features"]) <= 10  # few enough: the points themselves
    assert all(f["properties"]["category"] == "green" and f["properties"]["status"] == "done"
               for f in data["features"])
    _, data = get(client, "bbox=20,50,35,57&zoom=6&status=idea")
    assert sum(f["properties"]["count"] for f in data["features"]) == 26
    # A text filter the grid cannot answer is counted per request, with the same result.
    _, data = get(client, "bbox=20,50,35,57&zoom=6&q=crowd")
    assert sum(f["properties"]["count"] for f in data["features"]) == 40
    _, grid_data = get(client, "bbox=20,50,35,57&zoom=6")
    assert sorted(f["id"] for f in data["features"]) == sorted(f["id"] for f in grid_data["features"])
    _, data = get(client, "bbox=20,50,35,57&zoom=6&q=crowd%2039")
    assert [f["properties"]["title"] for f in data["features"]] == ["Crowd 39"]


def test_few_initiatives_are_points_at_any_zoom(client, crowd):
    _, data = get(client, "bbox=27,53.5,28,54.5&zoom=3")  # Minsk's 20 > 10: clusters
    assert all(f["properties"]["cluster"] for f in data["features"])
    _, data = get(client, "bbox=27.5,53.9,27.8,54.1&zoom=12")
    assert data["features"] and not any("cluster" in f["properties"] for f in data["features"])


def test_never_more_than_the_limit_of_features(app, client, db, make_user, make_initiative):
    app.config["GEOJSON_LIMIT"] = 3
    try:
        owner = make_user()
        for n in range(12):  # twelve far-apart places: twelve clusters at zoom 9
            make_initiative(owner, longitude=-170 + n * 28, latitude=-60 + n * 10)
        for zoom in (3, 9, 15, 16, 20):
            _, data = get(client, f"bbox=-180,-85,180,85&zoom={zoom}")
            assert len(data["features"]) <= grid.MAX_CELLS
            if zoom > grid.MAX_BAND:
                assert len(data["features"]) == 3 and data["truncated"] is True
    finally:
        app.config["GEOJSON_LIMIT"] = 500
    for zoom in range(0, 25):
        x0, y0, x1, y1 = grid.cell_range(BBox(-180, -85, 180, 85), grid.band_for(
            BBox(-180, -85, 180, 85), zoom))
        assert (x1 - x0 + 1) * (y1 - y0 + 1) <= grid.MAX_CELLS


def test_etag_gives_304_until_the_data_changes(client, make_user, make_initiative, db):
    owner = make_user()
    initiative = make_initiative(owner, longitude=27.5, latitude=53.9)
    first, _ = get(client, "bbox=20,50,35,57&zoom=6")
    etag = first.headers["ETag"]
    assert etag and first.headers["Cache-Control"] == "no-cache"
    again, _ = get(client, "bbox=20,50,35,57&zoom=6", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert etag.startswith('W/"')  # the same data gzipped, in brotli or plain
    strong, _ = get(client, "bbox=20,50,35,57&zoom=6", **{"If-None-Match": etag[2:]})
    assert strong.status_code == 304
    other_query, _ = get(client, "bbox=20,50,35,57&zoom=9&category=green",
                         **{"If-None-Match": etag})
    assert other_query.status_code == 304  # same data version: the client's copy is current
    initiative.title = "Renamed"  # any change the points show, not only moves
    db.session.commit()
    changed, data = get(client, "bbox=20,50,35,57&zoom=6", **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert data["features"][0]["properties"]["title"] == "Renamed"
    newer = changed.headers["ETag"]
    make_initiative(owner)
    assert get(client, "bbox=20,50,35,57&zoom=6", **{"If-None-Match": newer})[0].status_code == 200


def test_following_a_guide_changes_the_etag(client, db, make_user, make_initiative, make_guide):  # noqa: F811
    from robimgood.guided import services as guided

    guide = make_guide(make_user(role="urbanist", specialties=["law"]), steps=("One", "Two"))
    initiative = make_initiative(make_user())
    etag = get(client, "bbox=20,50,35,57")[0].headers["ETag"]
    guided.adopt(initiative, guide)
    db.session.commit()
    assert get(client, "bbox=20,50,35,57", **{"If-None-Match": etag})[0].status_code == 200


@pytest.mark.parametrize("zoom", ["-1", "25", "six", "6.5", "1e3", "٣"])
def test_a_bad_zoom_is_a_400_naming_it(client, zoom):
    response = client.get(f"/api/initiatives.geojson?bbox=20,50,35,57&zoom={zoom}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert "zoom" in response.json["fields"]


def test_the_grid_read_uses_the_primary_key(app, db):
    """The map's own statement, as the hot path sends it, reads a range of the key."""
    params = grid._clusters_params(app.engine_name, BELARUS, 9)
    connection = db.session.connection()
    if app.engine_name == "sqlite":
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + grid._clusters_sql("sqlite"), params))
        assert ("map_cells USING PRIMARY KEY (band=? AND status=? AND category=? AND cx=? AND cy>"
                in plan), plan
    else:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = " ".join(row[0] for row in connection.exec_driver_sql(
            "EXPLAIN " + grid._clusters_sql("postgresql"), params))
        assert "Index Scan using pk_map_cells" in plan and "(category)::text = '*'" in plan, plan


def test_the_list_stops_counting_at_the_cap(app, client, make_user, make_initiative):
    owner = make_user()
    for n in range(3):
        make_initiative(owner, title=f"Counted {n}")
    app.config["LIST_COUNT_CAP"] = 2
    try:
        capped = client.get("/initiatives").data.decode()
        home = client.get("/").data.decode()
    finally:
        app.config["LIST_COUNT_CAP"] = 1000
    assert "More than 2 initiatives" in capped and "More than 2 initiatives" in home
    assert all(f"Counted {n}" in capped for n in range(3))
    assert "3 initiatives" in client.get("/initiatives").data.decode()
