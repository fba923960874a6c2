"""Hostile input without a browser: NUL characters anywhere, values the database refuses, and
slugs that would shadow an initiative's other pages."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DataError
from werkzeug.routing import IntegerConverter

from robimgood.community.models import Comment
from robimgood.initiatives.models import Initiative
from robimgood.urls import page_names


def _sample_path(rule) -> str:
    """The rule's path with harmless values for its variables."""
    values = {name: 1 if isinstance(conv, IntegerConverter) else "x"
              for name, conv in rule._converters.items()}
    return rule.build(values)[1]


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


def test_a_nul_in_the_query_string_is_refused_on_every_route(app, client, make_user, signed_in):
    admin = signed_in(make_user(role="admin"))
    for rule in _rules(app):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for who in (client, admin):
                response = who.open(_sample_path(rule) + "?q=a%00b", method=method)
                assert response.status_code == 400, (method, rule.rule)
                if rule.rule.startswith("/api/") or rule.rule == "/healthz":
                    assert b"NUL character" in response.data and response.is_json
                else:
                    assert b"The address contains a NUL character" in response.data, rule.rule


def test_a_nul_in_a_form_is_refused_on_every_route_and_nothing_is_written(
        app, db, make_user, make_initiative, signed_in):
    admin = make_user(role="admin")
    initiative = make_initiative(organiser=admin)
    client = signed_in(admin)
    before = db.session.scalar(select(func.count()).select_from(Initiative))
    fields = {name: "a\x00b" for name in ("title", "summary", "body", "question", "label",
                                          "username", "password", "reason", "note")}
    for rule in _rules(app):
        if "POST" not in rule.methods:
            continue
        path = _sample_path(rule).replace("/i/x", f"/i/{initiative.public_id}")
        response = client.post(path, data=fields)
        assert response.status_code == 400, rule.rule
        assert b"The form contains a NUL character" in response.data, rule.rule
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == before
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 0


@pytest.mark.parametrize("path", ["/i/ab%00cd", "/i/ab%00cd/edit", "/u/a%00b", "/c/%00secret",
                                  "/guides/x%00/print", "/consultations/a%00b",
                                  "/urbanists/%00"])
def test_a_nul_in_the_path_is_refused(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b"The address contains a NUL character" in response.data


def test_a_nul_in_an_uploaded_file_name_is_refused(client):
    from io import BytesIO

    response = client.post("/login", data={"file": (BytesIO(b"x"), "a\x00.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 400


def test_text_without_nul_still_goes_through(client, make_user, login, db):
    user = login(make_user())
    response = client.post("/profile", data={"display_name": "Ales \u0001 \u200b", "city": "Minsk"})
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.city == "Minsk"


def test_a_value_the_database_refuses_is_a_400_page_not_a_500(client, monkeypatch):
    from robimgood.initiatives import services

    def refuse(**filters):
        raise DataError("SELECT", {}, Exception("value out of range"))

    monkeypatch.setattr(services, "filtered", refuse)
    response = client.get("/initiatives")
    assert response.status_code == 400
    assert b"This request is not right" in response.data


@pytest.mark.parametrize("path", [
    "/i/{id}/edit", "/i/{id}/updates/99999999999999999999999/edit",
    "/i/{id}/milestones/99999999999999999999999/edit", "/areas/99999999999999999999999/delete",
    "/guides/x/steps/99999999999999999999999/edit", "/initiatives?page=99999999999999999999999",
    "/i/{id}/updates/1099511627776/edit", "/areas/1099511627776/delete",
    "/i/{id}/members/9223372036854775807/accept",
])
def test_huge_numbers_in_addresses_are_not_a_500(client, make_user, make_initiative, login, path):
    organiser = login(make_user(role="admin"))
    initiative = make_initiative(organiser=organiser)
    method = "POST" if path.endswith(("/delete", "/accept")) else "GET"
    response = client.open(path.format(id=initiative.public_id), method=method)
    assert response.status_code in (200, 400, 404), response.status_code


# --- slugs ---------------------------------------------------------------------------------

def test_the_reserved_segments_come_from_the_url_map(app):
    names = page_names("initiatives.detail")
    assert {"edit", "delete", "members", "milestones", "flyer", "feed.atom", "story"} <= names
    assert page_names("guides.detail") >= {"edit", "print", "history", "delete", "steps"}


@pytest.mark.parametrize("title", ["Edit", "delete", "Members", "MILESTONES", "Flyer", "Story",
                                   "Comments", "Updates", "Join"])
def test_an_initiative_named_like_one_of_its_pages_opens_its_own_page(
        client, make_user, make_initiative, title):
    initiative = make_initiative(title=title)
    assert initiative.slug not in page_names("initiatives.detail")
    response = client.get(f"/i/{initiative.public_id}/{initiative.slug}")
    assert response.status_code == 200
    assert f"<h1 lang=\"en\">{title}</h1>".encode() in response.data  # written in English
    short = client.get(f"/i/{initiative.public_id}")
    assert short.status_code == 301 and short.headers["Location"].endswith(initiative.slug)


def test_renaming_an_initiative_to_a_page_name_keeps_it_reachable(client, make_user, make_initiative,
                                                                  login):
    from ..conftest import VALID_INITIATIVE

    organiser = login(make_user())
    initiative = make_initiative(organiser=organiser)
    response = client.post(f"/i/{initiative.public_id}/edit",
                           data={**VALID_INITIATIVE, "title": "Members"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/i/{initiative.public_id}/members-initiative")
    assert client.get(response.headers["Location"]).status_code == 200
