"""A place chosen by town, without a map: the gazetteer, the initiative form and saved areas."""

import pytest
from sqlalchemy import func, select

from robimgood.community.models import AreaSubscription
from robimgood.demo.places import CITIES
from robimgood.geo import towns
from robimgood.initiatives.models import Initiative

from ..conftest import VALID_INITIATIVE

BREST = (52.0976, 23.6966)


@pytest.mark.parametrize("typed", ["Брэст", "брест", "BREST", "  Brest ", "Brest-Litovsk"])
def test_a_town_is_found_by_any_of_its_names(typed):
    assert (towns.find(typed).lat, towns.find(typed).lon) == BREST


@pytest.mark.parametrize("typed", ["Могилев", "Mahilioŭ", "mahiliou", "Магілёў"])
def test_yo_and_breve_do_not_matter(typed):
    assert towns.find(typed).en == "Mogilev"


@pytest.mark.parametrize("typed", ["", None, "Atlantis", "Мінск, вуліца Сурганава"])
def test_unknown_names_are_not_guessed(typed):
    assert towns.find(typed) is None


def test_every_demo_city_is_in_the_gazetteer_and_names_are_unique():
    assert {c[0] for c in CITIES} <= {t.be for t in towns.TOWNS}
    for language in ("be", "ru", "en"):
        assert len(set(towns.names(language))) == len(towns.TOWNS)
    for town in towns.TOWNS:  # Belarus, roughly
        assert 51 < town.lat < 56.5 and 23 < town.lon < 33


def _initiatives(db):
    return db.session.scalar(select(func.count()).select_from(Initiative))


@pytest.mark.parametrize("city", ["Brest", "Брест", "Брэст"])
def test_an_initiative_without_coordinates_goes_to_its_towns_centre(client, db, make_user, login,
                                                                    city):
    login(make_user())
    response = client.post("/initiatives/new", data={**VALID_INITIATIVE, "city": city,
                                                     "latitude": "", "longitude": " "})
    assert response.status_code == 303, response.data[:400]
    initiative = db.session.scalar(select(Initiative))
    assert initiative.lon_lat == pytest.approx(BREST[::-1])
    assert initiative.city == city  # what was typed stays


def test_typed_coordinates_win_over_the_town(client, db, make_user, login):
    login(make_user())
    response = client.post("/initiatives/new", data={**VALID_INITIATIVE, "city": "Brest"})
    assert response.status_code == 303
    assert db.session.scalar(select(Initiative)).lon_lat == pytest.approx((27.59, 53.92))


@pytest.mark.parametrize("fields, message", [
    ({"city": "Atlantis", "latitude": "", "longitude": ""},
     b"We do not know where this town is: type its coordinates."),
    ({"city": "Brest", "latitude": "52.1", "longitude": ""},
     b"Pick the place on the map or type its longitude."),
    ({"city": "", "latitude": "", "longitude": ""}, b"Pick the place on the map or type its latitude."),
])
def test_a_town_we_do_not_know_or_half_coordinates_are_explained(client, db, make_user, login,
                                                                 fields, message):
    login(make_user())
    response = client.post("/initiatives/new", data={**VALID_INITIATIVE, **fields})
    assert response.status_code == 400
    assert message in response.data
    assert _initiatives(db) == 0


def test_the_form_suggests_towns_in_the_readers_language(client, make_user, login):
    login(make_user())
    client.set_cookie("lang", "ru")
    page = client.get("/initiatives/new").get_data(as_text=True)
    assert 'list="towns"' in page and '<option value="Брест">' in page
    assert "Брэст" not in page


def test_an_area_can_be_saved_by_town(db, signed_in, make_user):
    user = make_user()
    response = signed_in(user).post("/areas", data={"lat": "", "lon": "", "town": "Vitebsk",
                                                    "radius_m": "3000", "label": "home"})
    assert response.status_code == 303
    area = db.session.scalar(select(AreaSubscription))
    assert area.lon_lat == pytest.approx((30.2049, 55.1904)) and area.radius_m == 3000


def test_an_unknown_town_saves_no_area(db, signed_in, make_user):
    response = signed_in(make_user()).post("/areas", data={"town": "Nowhere", "radius_m": "3000"})
    assert response.status_code == 400
    assert b"We do not know where this town is" in response.data
    assert db.session.scalar(select(func.count()).select_from(AreaSubscription)) == 0


def test_a_feed_address_by_town(client):
    page = client.get("/areas?town=Гродна&radius_m=2000&lat=&lon=").get_data(as_text=True)
    assert "/feeds/area.atom?lat=53.678&amp;lon=23.83&amp;radius_m=2000" in page
    feed = client.get("/feeds/area.atom?town=Grodno&radius_m=2000")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
