"""App-wide behaviour: configuration, permissions on every protected URL, limits, errors."""

import pytest

from robimgood import config

from .conftest import PASSWORD


def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("ROBIMGOOD_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError):
        config.load(tmp_path)
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(config.ConfigError):
        config.load(tmp_path)
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    loaded = config.load(tmp_path)
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


def test_development_key_is_generated_once_and_private(monkeypatch, tmp_path):
    monkeypatch.delenv("ROBIMGOOD_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load(tmp_path)["SECRET_KEY"]
    assert len(first) >= 32 and config.load(tmp_path)["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("url, expected", [
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_database_url_forms(monkeypatch, tmp_path, url, expected):
    monkeypatch.setenv("DATABASE_URL", url)
    assert config.load(tmp_path)["SQLALCHEMY_DATABASE_URI"] == expected


# Every URL that changes something or shows private things, with the method to use.
PROTECTED = [
    ("GET", "/initiatives/new"), ("POST", "/initiatives/new"),
    ("GET", "/i/{id}/edit"), ("POST", "/i/{id}/edit"),
    ("GET", "/i/{id}/delete"), ("POST", "/i/{id}/delete"),
    ("GET", "/profile"), ("POST", "/profile"),
    ("GET", "/profile/password"), ("POST", "/profile/password"),
    ("POST", "/logout"),
]
ORGANISER_ONLY = [u for u in PROTECTED if "{id}" in u[1]]


@pytest.mark.parametrize("method, url", PROTECTED)
def test_anonymous_visitors_are_sent_to_sign_in(client, make_initiative, method, url):
    initiative = make_initiative()
    response = client.open(url.format(id=initiative.public_id), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("method, url", ORGANISER_ONLY)
def test_other_users_are_refused(client, db, make_user, make_initiative, login, method, url):
    initiative = make_initiative(title="Untouched")
    login(make_user())
    response = client.open(url.format(id=initiative.public_id), method=method,
                           data={"title": "Changed"})
    assert response.status_code == 403
    assert b"You may not do this" in response.data
    db.session.refresh(initiative)
    assert initiative.title == "Untouched"


@pytest.mark.parametrize("method, url", ORGANISER_ONLY)
def test_unknown_initiatives_are_404_for_everyone(client, make_user, login, method, url):
    login(make_user())
    assert client.open(url.format(id="nosuchthing"), method=method).status_code == 404


def test_login_is_rate_limited_with_a_page_in_the_users_language(client, make_user, limits_on):
    make_user("target")
    statuses = [client.post("/login", data={"username": "target", "password": "guess " * 3}
                            ).status_code for _ in range(10)]
    assert statuses == [400] * 10
    blocked = client.post("/login", data={"username": "target", "password": PASSWORD},
                          headers={"Accept-Language": "ru"})
    assert blocked.status_code == 429
    assert "Слишком много запросов".encode() in blocked.data


def test_a_body_too_large_gets_413(client):
    response = client.post("/login", data={"username": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"That is too large" in response.data


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Server" not in response.headers or "Werkzeug" not in response.headers["Server"]


def test_pages_for_signed_in_users_are_not_cached(client, make_user, login):
    assert "no-store" not in client.get("/initiatives").headers.get("Cache-Control", "")
    login(make_user())
    assert "no-store" in client.get("/initiatives").headers["Cache-Control"]


def test_stylesheet_braces_balance():
    """A lost brace silently disables every rule after it (it happened in a merge)."""
    from pathlib import Path

    css = (Path(__file__).parent.parent / "robimgood" / "static" / "css" / "app.css").read_text()
    depth = 0
    for number, line in enumerate(css.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"unexpected }} on line {number}"
        if line.startswith("/*"):
            assert depth == 0, f"a block is still open at the comment on line {number}"
    assert depth == 0
