"""Saved areas: which areas contain a point (one indexed query, exact on the ellipsoid, on
both engines), the edges of a circle, the antimeridian and the poles, and the alerts."""

import math
import random

import pytest
from sqlalchemy import func, select

from robimgood import geo
from robimgood.community import services
from robimgood.community.models import AreaSubscription
from robimgood.initiatives.models import Initiative
from robimgood.notifications.models import Notification

from ..conftest import VALID_INITIATIVE

A, F = 6_378_137.0, 1 / 298.257223563  # WGS 84
B = A * (1 - F)


def vincenty(lon1, lat1, lon2, lat2) -> float:
    """Metres between two points on the WGS 84 ellipsoid (Vincenty's inverse formula), computed
    here independently of both databases."""
    if (lon1, lat1) == (lon2, lat2):
        return 0.0
    u1 = math.atan((1 - F) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - F) * math.tan(math.radians(lat2)))
    big_l = math.radians(lon2 - lon1)
    lam = big_l
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(math.cos(u2) * sin_lam,
                               math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * cos_lam)
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha ** 2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha if cos2_alpha else 0.0
        c = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * F * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm ** 2)))
        if abs(lam - previous) < 1e-13:
            break
    u_sq = cos2_alpha * (A ** 2 - B ** 2) / B ** 2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = big_b * sin_sigma * (cos_2sm + big_b / 4 * (
        cos_sigma * (-1 + 2 * cos_2sm ** 2)
        - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma ** 2) * (-3 + 4 * cos_2sm ** 2)))
    return B * big_a * (sigma - delta)


def north_of(lon, lat, metres) -> float:
    """The latitude exactly `metres` north of (lon, lat) along the meridian (bisection)."""
    low, high = lat, min(lat + metres / 100_000, 90.0)
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if vincenty(lon, lat, lon, mid) < metres else (low, mid)
    return (low + high) / 2


def matching(db, lon, lat) -> set[int]:
    return set(db.session.scalars(services.areas_containing(lon, lat).with_only_columns(
        AreaSubscription.id)))


@pytest.fixture
def neighbour(make_user):
    return make_user("neighbour", email="n@example.org")


def test_the_independent_geodesic_agrees_with_known_distances():
    assert vincenty(0, 0, 1, 0) == pytest.approx(111_319.491, abs=0.01)  # a degree on the equator
    assert vincenty(0, 0, 0, 1) == pytest.approx(110_574.389, abs=0.01)  # a degree of latitude


@pytest.mark.parametrize("lon, lat, radius", [
    (27.56, 53.90, 1000), (27.56, 53.90, 100), (23.73, 52.09, 20_000), (0.0, 0.0, 5000),
    (-70.65, -33.45, 750), (179.9, 10.0, 5000), (-179.9, -60.0, 2500), (12.0, 89.5, 1000),
])
def test_the_edge_of_the_circle(db, neighbour, lon, lat, radius):
    area = services.save_area(neighbour, lon, lat, radius)
    edge = north_of(lon, lat, radius)
    assert matching(db, lon, lat) == {area.id}  # the centre
    assert matching(db, lon, north_of(lon, lat, radius - 0.05)) == {area.id}  # 5 cm inside
    assert matching(db, lon, north_of(lon, lat, radius + 0.05)) == set()  # 5 cm outside
    assert abs(vincenty(lon, lat, lon, edge) - radius) < 1e-6
    south = -north_of(-lon, -lat, radius - 0.05)  # the same, southwards (mirror image)
    assert matching(db, lon, south) == {area.id}


def test_the_match_equals_a_brute_force_check(db, neighbour, make_user):
    rng = random.Random(2026)
    areas = {}
    for n in range(40):
        owner = neighbour if n % 2 else make_user()
        lon, lat, radius = rng.uniform(23.5, 24.5), rng.uniform(52.0, 52.6), rng.randint(100, 20_000)
        areas[services.save_area(owner, lon, lat, radius).id] = (lon, lat, radius)
    db.session.flush()
    checked = 0
    for _ in range(60):
        lon, lat = rng.uniform(23.3, 24.7), rng.uniform(51.9, 52.7)
        distances = {i: vincenty(c_lon, c_lat, lon, lat) - r for i, (c_lon, c_lat, r) in areas.items()}
        if any(abs(d) < 0.01 for d in distances.values()):
            continue  # a centimetre from an edge: rounding may decide, the edge test covers it
        assert matching(db, lon, lat) == {i for i, d in distances.items() if d <= 0}
        checked += 1
    assert checked >= 50


def test_the_match_is_one_query_through_the_spatial_index(db, neighbour):
    services.save_area(neighbour, 27.56, 53.90, 1000)
    assert geo.spatial_index_used(services.areas_containing(27.56, 53.90))
    near = select(Initiative).where(geo.within_metres(Initiative.location, 27.56, 53.9, 1000))
    assert geo.spatial_index_used(near)


def test_areas_near_the_poles_and_the_antimeridian(db, neighbour):
    # Close to the edge of the map, an area whose box still fits is fine and matches.
    east = services.save_area(neighbour, 179.98, 0.0, 1000)
    assert matching(db, 179.985, 0.0) == {east.id}
    assert matching(db, -179.999, 0.0) == set()  # across the line: 2 km away
    polar = services.save_area(neighbour, 45.0, 89.9, 500)
    assert matching(db, 45.0, north_of(45.0, 89.9, 499)) == {polar.id}
    assert matching(db, 46.0, 89.9) == {polar.id}  # 1° of longitude is 194 m there
    assert matching(db, 48.0, 89.9) == set()  # 3° east is 583 m there
    # Boxes that would cross the antimeridian or reach a pole are refused.
    for lon, lat, radius, reason in [(179.995, 0.0, 1000, "antimeridian"),
                                     (-179.999, 45.0, 100, "antimeridian"),
                                     (0.0, 89.995, 1000, "pole"), (10.0, -89.9, 20_000, "pole")]:
        with pytest.raises(geo.CircleError) as err:
            services.save_area(neighbour, lon, lat, radius)
        assert err.value.reason == reason


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("form, message", [
    ({"radius_m": "99"}, b"The radius must be from 100 to 20000 metres."),
    ({"radius_m": "20001"}, b"The radius must be from 100 to 20000 metres."),
    ({"radius_m": "1e3"}, b"Not a valid integer value"),
    ({"radius_m": ""}, b"Enter the radius in metres."),
    ({"lat": "91"}, b"between -90 and 90"),
    ({"lon": "-181"}, b"between -180 and 180"),
    ({"lat": "nan"}, b"Enter a number."),
    ({"lat": ""}, b"Pick the centre on the map or type its latitude."),
    ({"lon": "179.995"}, b"This area would cross the 180th meridian"),
    ({"lat": "89.999", "radius_m": "200"}, b"This area would reach a pole"),
    ({"label": "x" * 81}, b"longer than 80"),
])
def test_bad_areas_are_explained_and_not_saved(db, signed_in, neighbour, form, message):
    data = {"lat": "53.9", "lon": "27.56", "radius_m": "1000", "label": "Home", **form}
    response = signed_in(neighbour).post("/areas", data=data)
    assert response.status_code == 400
    assert message in response.data and b"Please correct the errors below" in response.data
    assert count(db, AreaSubscription) == 0


def test_save_list_and_delete_areas(db, signed_in, neighbour):
    client = signed_in(neighbour)
    response = client.post("/areas", data={"lat": "53.9", "lon": "27.56", "radius_m": "1500",
                                           "label": "Home"})
    assert response.status_code == 303
    page = client.get("/areas").data.decode()
    assert "Home" in page and "1500 m around 53.90000, 27.56000" in page
    assert "/feeds/area.atom?lat=53.90000&amp;lon=27.56000&amp;radius_m=1500" in page
    area = services.areas_of(neighbour)[0]
    assert area.lon_lat == pytest.approx((27.56, 53.9)) and area.radius_m == 1500
    assert client.post(f"/areas/{area.id}/delete").status_code == 303
    assert count(db, AreaSubscription) == 0
    assert client.post(f"/areas/{area.id}/delete").status_code == 404


def test_a_person_keeps_at_most_ten_areas(db, signed_in, neighbour):
    for n in range(services.MAX_AREAS_PER_USER):
        services.save_area(neighbour, 27.5 + n / 100, 53.9, 500)
    db.session.commit()
    response = signed_in(neighbour).post("/areas", data={"lat": "53.9", "lon": "27.4", "radius_m": "500"})
    assert response.status_code == 400 and b"up to 10 areas" in response.data
    assert count(db, AreaSubscription) == services.MAX_AREAS_PER_USER


def test_a_new_initiative_inside_reaches_the_neighbours(db, app, signed_in, make_user, neighbour):
    services.save_area(neighbour, 27.59, 53.92, 1000)
    services.save_area(neighbour, 27.60, 53.92, 2000)  # overlapping: still one notice
    far = make_user("far")
    services.save_area(far, 23.73, 52.09, 5000)
    creator = make_user("creator")
    services.save_area(creator, 27.59, 53.92, 5000)  # nobody is told of their own initiative
    db.session.commit()
    response = signed_in(creator).post("/initiatives/new", data=VALID_INITIATIVE)
    assert response.status_code == 303
    kinds = dict(db.session.execute(select(Notification.user_id, func.count()).group_by(
        Notification.user_id)).all())
    assert kinds == {neighbour.id: 1}
    notice = db.session.scalar(select(Notification))
    assert notice.kind == "area_initiative" and notice.url == response.headers["Location"]
    page = signed_in(neighbour).get("/notifications").data.decode()
    assert f"A new initiative in your area: “{VALID_INITIATIVE['title']}”" in page


def test_anonymous_visitors_get_a_feed_address_instead(client):
    page = client.get("/areas")
    assert page.status_code == 200 and b"A feed for an area" in page.data
    result = client.get("/areas?lat=53.9&lon=27.56&radius_m=1500")
    assert b"http://localhost/feeds/area.atom?lat=53.9&amp;lon=27.56&amp;radius_m=1500" in result.data
    bad = client.get("/areas?lat=53.9&lon=27.56&radius_m=5")
    assert bad.status_code == 400 and b"The radius must be from 100 to 20000 metres." in bad.data
    assert b"/feeds/area.atom" not in bad.data.split(b"<form")[0].split(b"<main")[1]
