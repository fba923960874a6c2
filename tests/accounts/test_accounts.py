"""Registration, sign-in, sessions and profiles on both engines."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from robimgood.accounts.models import User

from ..conftest import PASSWORD


def user_count(db):
    return db.session.scalar(select(func.count()).select_from(User))


def register(client, **fields):
    data = {"username": "anna", "password": PASSWORD, "confirm": PASSWORD, "email": "", **fields}
    return client.post("/register", data=data)


def test_register_needs_only_a_name_and_a_password(client, db):
    response = register(client)
    assert response.status_code == 303
    user = db.session.scalar(select(User).where(User.username_key == "anna"))
    assert user.email is None
    assert user.password_hash.startswith("$argon2id$")
    assert client.get("/profile").status_code == 200  # signed in


@pytest.mark.parametrize("fields, message", [
    ({"username": ""}, b"This field is required"),
    ({"username": "ab"}, b"between 3 and 32"),
    ({"username": "a" * 33}, b"between 3 and 32"),
    ({"username": "bad name!"}, b"Use letters, digits"),
    ({"password": "short", "confirm": "short"}, b"between 10 and 200"),
    ({"confirm": "something else entirely"}, b"do not match"),
    ({"email": "not-an-email"}, b"Invalid email"),
])
def test_register_bad_input_is_explained_and_writes_nothing(client, db, fields, message):
    before = user_count(db)
    response = register(client, **fields)
    assert response.status_code == 400
    assert message in response.data
    assert b'aria-invalid="true"' in response.data
    assert user_count(db) == before


def test_user_names_are_unique_ignoring_case(client, db, make_user):
    make_user("Anna")
    response = register(client, username="aNNA")
    assert response.status_code == 400
    assert b"taken" in response.data
    assert user_count(db) == 1


def test_cyrillic_user_names_are_allowed(client, db):
    assert register(client, username="Алесь").status_code == 303
    assert db.session.scalar(select(User.username).where(User.username_key == "алесь")) == "Алесь"


def test_login_and_wrong_password(client, make_user):
    user = make_user("basia")
    response = client.post("/login", data={"username": "basia", "password": "wrong password"})
    assert response.status_code == 400
    assert b"Wrong user name or password" in response.data
    response = client.post("/login", data={"username": "nobody", "password": PASSWORD})
    assert response.status_code == 400
    response = client.post("/login", data={"username": "BASIA", "password": PASSWORD})
    assert response.status_code == 303
    assert client.get("/profile").status_code == 200
    assert user.name == "basia"


@pytest.mark.parametrize("target, expected", [
    ("/initiatives", "/initiatives"),
    ("//evil.example/x", "/"),
    ("https://evil.example/", "/"),
    ("/\\evil.example", "/"),
])
def test_login_redirects_only_within_the_site(client, make_user, target, expected):
    make_user("cyryl")
    response = client.post(f"/login?next={target}",
                           data={"username": "cyryl", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == expected


def test_session_cookie_holds_no_ip_derived_data(client, make_user, login):
    login(make_user())
    with client.session_transaction() as session:
        assert not session.get("_id")  # Flask-Login's IP+agent hash
        assert set(session) <= {"_user_id", "_fresh", "_id", "csrf_token", "_flashes"}


def test_logout_ends_every_session(app, make_user):
    user = make_user()
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        browser.post("/login", data={"username": user.username, "password": PASSWORD})
        assert browser.get("/profile").status_code == 200
    assert first.get("/logout").status_code == 405  # GET never changes anything
    assert first.post("/logout").status_code == 303
    assert first.get("/profile").status_code == 302
    assert second.get("/profile").status_code == 302


def test_password_change_ends_other_sessions(app, make_user):
    user = make_user()
    mine, other = app.test_client(), app.test_client()
    for browser in (mine, other):
        browser.post("/login", data={"username": user.username, "password": PASSWORD})
    new = "a brand new password"
    wrong = mine.post("/profile/password",
                      data={"current": "not it at all", "password": new, "confirm": new})
    assert wrong.status_code == 400
    assert b"current password is wrong" in wrong.data
    ok = mine.post("/profile/password", data={"current": PASSWORD, "password": new, "confirm": new})
    assert ok.status_code == 303
    assert mine.get("/profile").status_code == 200
    assert other.get("/profile").status_code == 302
    assert mine.post("/logout").status_code == 303
    assert mine.post("/login", data={"username": user.username, "password": new}).status_code == 303


def test_profile_edit_and_public_profile(client, make_user, login, db):
    user = login(make_user("dasha"))
    response = client.post("/profile", data={
        "display_name": "Dasha K.", "city": "Гродна", "bio": "I **love** trees",
        "skills": "gardening", "email": ""})
    assert response.status_code == 303
    page = client.get("/u/dasha")
    assert page.status_code == 200
    assert b"Dasha K." in page.data and "Гродна".encode() in page.data
    assert b"<strong>love</strong>" in page.data
    too_long = client.post("/profile", data={"display_name": "x" * 81})
    assert too_long.status_code == 400
    db.session.refresh(user)
    assert user.display_name == "Dasha K."
    assert client.get("/u/nobody-here").status_code == 404


def test_profile_pages_need_sign_in(client):
    for url in ("/profile", "/profile/password", "/initiatives/new"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login?next=" in response.headers["Location"]


def test_language_switch_is_remembered(client, make_user, login, db):
    response = client.post("/language", data={"lang": "ru", "next": "/initiatives"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/initiatives"
    page = client.get("/initiatives")
    assert b'<html lang="ru">' in page.data and "Инициативы".encode() in page.data
    assert client.post("/language", data={"lang": "xx"}).status_code == 400
    user = login(make_user())
    client.post("/language", data={"lang": "en"})
    db.session.refresh(user)
    assert user.locale == "en"


def test_accept_language_then_belarusian(client):
    page = client.get("/initiatives", headers={"Accept-Language": ""})
    assert b'<html lang="be">' in page.data
    assert "Ініцыятывы".encode() in page.data
    page = client.get("/initiatives", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert b'<html lang="ru">' in page.data


def test_cli_create_admin_and_grant_role(app, db, make_user):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "boss"], input="a long admin password\n")
    assert result.exit_code == 0, result.output
    boss = db.session.scalar(select(User).where(User.username_key == "boss"))
    assert boss.is_admin
    assert runner.invoke(args=["create-admin", "boss"], input="a long admin password\n").exit_code
    make_user("planner")
    result = runner.invoke(args=["grant-role", "planner", "urbanist", "--specialty", "law",
                                 "--specialty", "ecology"])
    assert result.exit_code == 0, result.output
    planner = db.session.scalar(select(User).where(User.username_key == "planner"))
    assert planner.is_urbanist and planner.specialty_codes == ["ecology", "law"]
    assert runner.invoke(args=["grant-role", "ghost", "admin"]).exit_code != 0
    assert runner.invoke(args=["grant-role", "planner", "urbanist", "--specialty", "magic"]
                         ).exit_code != 0
    assert isinstance(runner, CliRunner)
