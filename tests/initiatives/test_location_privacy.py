"""An approximate location keeps the exact place from the public: map, list, API and feeds
carry only the snapped point; members and organisers see the exact one."""

import math

import orjson
import pytest

from robimgood import geo

EXACT = (27.591234, 53.921234)  # lon, lat: a yard


def metres_between(a, b):
    dlat = (a[1] - b[1]) * 111_320
    dlon = (a[0] - b[0]) * 111_320 * math.cos(math.radians(a[1]))
    return math.hypot(dlat, dlon)


@pytest.mark.parametrize("metres", [200, 1000])
def test_snap_is_deterministic_and_near(metres):
    snapped = geo.snap(*EXACT, metres)
    assert geo.snap(*EXACT, metres) == snapped
    assert 0 < metres_between(snapped, EXACT) <= metres * 0.75
    # A neighbouring point in the same cell gives the same public point.
    assert geo.snap(EXACT[0] + 1e-6, EXACT[1] + 1e-6, metres) == snapped
    assert geo.snap(*EXACT, 0) == EXACT


def test_snap_stays_on_the_globe():
    for lon, lat in [(179.9999, 89.9999), (-180, -90), (0, 0)]:
        slon, slat = geo.snap(lon, lat, 1000)
        assert -180 <= slon <= 180 and -90 <= slat <= 90


@pytest.fixture
def yard(make_user, make_initiative):
    owner = make_user("owner")
    initiative = make_initiative(owner, title="Yard benches", longitude=EXACT[0],
                                 latitude=EXACT[1], location_precision="200m")
    return owner, initiative


def exact_strings():
    return [f"{EXACT[1]:.5f}".encode(), f"{EXACT[0]:.5f}".encode(), b"27.591234", b"53.921234"]


def test_the_public_sees_only_the_approximate_point(client, yard):
    _, initiative = yard
    public = geo.snap(*EXACT, 200)
    data = orjson.loads(client.get("/api/initiatives.geojson?bbox=27,53,28,54").data)
    feature = next(f for f in data["features"] if f["id"] == initiative.public_id)
    assert feature["geometry"]["coordinates"] == [round(public[0], 6), round(public[1], 6)]
    responses = [
        client.get(f"/i/{initiative.public_id}/{initiative.slug}"),
        client.get("/api/initiatives.geojson?bbox=27,53,28,54"),
        client.get("/initiatives"),
        client.get("/map"),
        client.get(f"/i/{initiative.public_id}/feed.atom"),
        client.get("/feeds/area.atom?lat=53.93&lon=27.6&radius_m=5000"),
    ]
    for response in responses:
        assert response.status_code == 200
        for exact in exact_strings():
            assert exact not in response.data, (response.request.path, exact)
    assert b"within about 200 m" in responses[0].data


def test_members_and_organisers_see_the_exact_place(app, client, yard, login, make_user):
    owner, initiative = yard
    login(owner)
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}")
    assert f"{EXACT[1]:.5f}".encode() in page.data
    assert b"because you are a member" in page.data
    stranger = app.test_client()
    make_user("stranger")
    stranger.post("/login", data={"username": "stranger", "password": "correct horse battery"})
    assert f"{EXACT[1]:.5f}".encode() not in stranger.get(
        f"/i/{initiative.public_id}/{initiative.slug}").data


def test_the_map_box_filter_uses_the_public_point(client, make_user, make_initiative):
    initiative = make_initiative(make_user(), longitude=EXACT[0], latitude=EXACT[1],
                                 location_precision="1km")
    public = geo.snap(*EXACT, 1000)
    tight_exact = f"{EXACT[0] - 1e-4},{EXACT[1] - 1e-4},{EXACT[0] + 1e-4},{EXACT[1] + 1e-4}"
    tight_public = f"{public[0] - 1e-4},{public[1] - 1e-4},{public[0] + 1e-4},{public[1] + 1e-4}"
    ids = lambda box: {f["id"] for f in orjson.loads(  # noqa: E731
        client.get(f"/api/initiatives.geojson?bbox={box}").data)["features"]}
    assert initiative.public_id not in ids(tight_exact)
    assert initiative.public_id in ids(tight_public)


def test_precision_is_part_of_the_form(client, db, make_user, login):
    from ..conftest import VALID_INITIATIVE

    login(make_user())
    bad = client.post("/initiatives/new", data={**VALID_INITIATIVE, "location_precision": "10cm"})
    assert bad.status_code == 400 and b"Not a valid choice" in bad.data
    page = client.get("/initiatives/new")
    assert b'name="location_precision"' in page.data
    assert b'<option selected value="200m">' in page.data or b'value="200m" selected' in page.data
