"""Creating, showing, editing and deleting initiatives, and the filtered list."""

import pytest
from sqlalchemy import func, select

from robimgood.initiatives.models import Initiative

from ..conftest import VALID_INITIATIVE


def count(db):
    return db.session.scalar(select(func.count()).select_from(Initiative))


def form_data(**fields):
    return {**VALID_INITIATIVE, **fields}


def test_creating_needs_an_account(client, db):
    response = client.post("/initiatives/new", data=form_data())
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert count(db) == 0


def test_create_and_show(client, db, make_user, login):
    login(make_user("organiser"))
    response = client.post("/initiatives/new", data=form_data(
        description="Hello <script>alert(1)</script> **world** [x](javascript:alert(1))"))
    assert response.status_code == 303
    initiative = db.session.scalar(select(Initiative))
    assert initiative.lon_lat == pytest.approx((27.59, 53.92))
    assert initiative.organiser.username == "organiser"
    assert response.headers["Location"] == f"/i/{initiative.public_id}/{initiative.slug}"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert b"Yard garden on Surhanava street" in page.data
    assert b"<strong>world</strong>" in page.data
    assert b"<script>alert" not in page.data
    assert b"javascript:" not in page.data
    assert b"Volunteers" in page.data


def test_public_ids_are_random_not_sequential(make_initiative):
    ids = [make_initiative().public_id for _ in range(5)]
    assert len(set(ids)) == 5
    assert all(len(i) == 10 and i.isalnum() for i in ids)
    assert sorted(ids) != ids or sorted(ids, reverse=True) != ids


def test_stale_slug_redirects_to_the_canonical_address(client, make_initiative):
    initiative = make_initiative(title="Лаўка ля пад'езда")
    assert initiative.slug == "lauka-lja-padezda"
    for url in (f"/i/{initiative.public_id}", f"/i/{initiative.public_id}/old-title"):
        response = client.get(url)
        assert response.status_code == 301
        assert response.headers["Location"] == f"/i/{initiative.public_id}/{initiative.slug}"


@pytest.mark.parametrize("fields, message", [
    ({"title": ""}, b"This field is required"),
    ({"title": "x" * 121}, b"between 3 and 120"),
    ({"summary": "x" * 281}, b"longer than 280"),
    ({"category": "weapons"}, b"Not a valid choice"),
    ({"status": "finished"}, b"Not a valid choice"),
    ({"latitude": "91"}, b"between -90 and 90"),
    ({"longitude": "-180.5"}, b"between -180 and 180"),
    ({"latitude": "nan"}, b"Enter a number"),
    ({"longitude": "inf"}, b"Enter a number"),
    ({"latitude": "north"}, b"Not a valid float"),
    ({"latitude": "1e999"}, b"Enter a number"),
    ({"latitude": ""}, b"Pick the place on the map"),
    ({"needs": ["bribes"]}, b"not a valid choice"),
    ({"city": ""}, b"This field is required"),
])
def test_bad_input_is_explained_and_writes_nothing(client, db, make_user, login, fields, message):
    login(make_user())
    response = client.post("/initiatives/new", data=form_data(**fields))
    assert response.status_code == 400
    assert message in response.data
    assert b"Please correct the errors below" in response.data
    assert count(db) == 0


def test_edit_by_organiser_admin_and_nobody_else(app, client, db, make_user, make_initiative,
                                                 login):
    owner = make_user("owner")
    initiative = make_initiative(owner)
    edit_url = f"/i/{initiative.public_id}/edit"
    login(make_user("stranger"))
    assert client.get(edit_url).status_code == 403
    assert client.post(edit_url, data=form_data(title="Hijacked")).status_code == 403
    db.session.refresh(initiative)
    assert initiative.title == VALID_INITIATIVE["title"]

    admin_client = app.test_client()
    admin = make_user("admin", role="admin")
    admin_client.post("/login", data={"username": admin.username, "password": "correct horse battery"})
    response = admin_client.post(edit_url, data=form_data(title="Renamed by admin",
                                                          status="in_progress"))
    assert response.status_code == 303
    db.session.refresh(initiative)
    assert (initiative.title, initiative.status) == ("Renamed by admin", "in_progress")

    owner_client = app.test_client()
    owner_client.post("/login", data={"username": "owner", "password": "correct horse battery"})
    page = owner_client.get(edit_url)
    assert page.status_code == 200
    assert b'value="53.92"' in page.data
    bad = owner_client.post(edit_url, data=form_data(title=""))
    assert bad.status_code == 400
    db.session.refresh(initiative)
    assert initiative.title == "Renamed by admin"


def test_delete_by_organiser_only(app, client, db, make_user, make_initiative, login):
    owner = make_user("owner")
    public_id = make_initiative(owner).public_id
    url = f"/i/{public_id}/delete"
    login(make_user("stranger"))
    assert client.post(url).status_code == 403
    assert count(db) == 1
    owner_client = app.test_client()
    owner_client.post("/login", data={"username": "owner", "password": "correct horse battery"})
    assert b"Delete for good" in owner_client.get(url).data  # GET only asks
    assert count(db) == 1
    assert owner_client.post(url).status_code == 303
    assert count(db) == 0
    assert owner_client.get(f"/i/{public_id}").status_code == 404


def test_unknown_ids_and_wrong_methods(client):
    page = client.get("/i/doesnotexist")
    assert page.status_code == 404
    assert b"Nothing here" in page.data and b"<html" in page.data
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/logout").status_code == 405
    assert client.put("/initiatives").status_code == 405


def test_csrf_is_required(client, db, make_user, login, csrf):
    login_page = client.get("/login")
    assert b'name="csrf_token"' in login_page.data
    response = client.post("/initiatives/new", data=form_data())
    assert response.status_code in (302, 400)
    assert count(db) == 0


# --- the list ---------------------------------------------------------------------------

@pytest.fixture
def sample(make_user, make_initiative):
    owner = make_user()
    return {
        "garden": make_initiative(owner, title="Сад у двары", summary="Кветкі і зёлкі",
                                  city="Мінск", category="green", status="in_progress"),
        "lane": make_initiative(owner, title="Веладарожка на Някрасава", city="Мінск",
                                category="transport", status="idea",
                                latitude=53.93, longitude=27.60),
        "bench": make_initiative(owner, title="Bench by the river", city="Brest",
                                 category="public_space", status="done",
                                 latitude=52.09, longitude=23.73),
    }


def titles(response):
    return {t for t in ("Сад у двары", "Веладарожка на Някрасава", "Bench by the river")
            if t.encode() in response.data}


@pytest.mark.parametrize("query, expected", [
    ("", {"Сад у двары", "Веладарожка на Някрасава", "Bench by the river"}),
    ("category=green", {"Сад у двары"}),
    ("status=done", {"Bench by the river"}),
    ("city=мінск", {"Сад у двары", "Веладарожка на Някрасава"}),
    ("q=САД", {"Сад у двары"}),
    ("q=кветкі", {"Сад у двары"}),
    ("q=river&city=brest", {"Bench by the river"}),
    ("q=100%25", set()),
    ("bbox=23,51,25,53", {"Bench by the river"}),
    ("bbox=27.5,53.9,27.595,53.925&category=green", {"Сад у двары"}),
])
def test_list_filters(client, sample, query, expected):
    response = client.get(f"/initiatives?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize("query", ["category=weapons", "status=x", "bbox=1,2,3", "page=0",
                                   "page=abc", "q=" + "x" * 101])
def test_list_bad_filters_get_400(client, sample, query):
    response = client.get(f"/initiatives?{query}")
    assert response.status_code == 400
    assert b"<html" in response.data


def test_list_pagination_keeps_filters(app, client, make_user, make_initiative):
    owner = make_user()
    for n in range(app.config["PER_PAGE"] + 3):
        make_initiative(owner, title=f"Clean-up {n:02d}", category="waste")
    first = client.get("/initiatives?category=waste")
    assert b"Page 1 of 2" in first.data
    assert b"/initiatives?page=2&amp;category=waste" in first.data
    second = client.get("/initiatives?category=waste&page=2")
    assert second.data.count(b'class="card"') == 3


def test_a_capped_list_says_more_than_and_pages_on_past_the_cap(app, client, make_user,
                                                              make_initiative, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 2)
    monkeypatch.setitem(app.config, "LIST_COUNT_CAP", 4)  # 7 initiatives: 3 pages past 2 counted
    owner = make_user()
    for n in range(7):
        make_initiative(owner, title=f"Clean-up {n}")
    pages = {n: client.get(f"/initiatives?page={n}") for n in range(1, 6)}
    assert {n: r.status_code for n, r in pages.items()} == dict.fromkeys(pages, 200)
    text = {n: r.data.decode() for n, r in pages.items()}
    assert all(f"Page {n} of more than 2" in text[n] for n in pages)
    assert "of 2<" not in text[2]
    assert all('rel="next"' in text[n] for n in (1, 2, 3))  # 2 is the last page counted
    assert 'rel="next"' not in text[4] and text[4].count('class="card"') == 1
    assert 'href="/initiatives?page=3"' in text[4] and text[5].count('class="card"') == 0


def test_htmx_gets_the_fragment_only(client, sample):
    response = client.get("/initiatives?category=green", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.data
    assert response.data.lstrip().startswith(b'<section id="results"')
    assert "HX-Request" in response.headers["Vary"]
    full = client.get("/initiatives?category=green")
    assert b"<html" in full.data and b'<section id="results"' in full.data


def test_the_equator_and_the_meridian_are_valid_places(client, db, make_user, login):
    login(make_user())
    response = client.post("/initiatives/new", data=form_data(latitude="0", longitude="0"))
    assert response.status_code == 303
    assert db.session.scalar(select(Initiative)).lon_lat == (0, 0)
