"""In-app notifications: only the addressee sees them, in their own language."""

import pytest
from flask_babel import lazy_gettext as _l

from robimgood.notifications import services


@pytest.fixture(autouse=True)
def kind():
    services.register_kind("test_hello", _l("Welcome to Robim Good!"))
    yield
    services.KINDS.pop("test_hello", None)


def test_notify_count_read_and_privacy(app, db, client, make_user, login):
    alice, bob = make_user("alice"), make_user("bob")
    assert services.notify([alice, alice, None], "test_hello", "/initiatives") == 1
    db.session.commit()
    login(alice)
    page = client.get("/notifications")
    assert b"Welcome to Robim Good!" in page.data
    assert b'class="count-badge">1' in page.data
    russian = client.get("/notifications", headers={"Accept-Language": "ru"})
    assert "Добро пожаловать".encode() in russian.data
    assert client.post("/notifications/read").status_code == 303
    assert b"count-badge" not in client.get("/notifications").data
    assert services.unread_count(alice) == 0

    other = app.test_client()
    other.post("/login", data={"username": "bob", "password": "correct horse battery"})
    assert b"Welcome to Robim Good!" not in other.get("/notifications").data
    assert services.unread_count(bob) == 0


def test_unknown_kinds_are_refused(make_user):
    with pytest.raises(KeyError):
        services.notify([make_user()], "no_such_kind", "/")


def test_notifications_need_sign_in(client):
    assert client.get("/notifications").status_code == 302
    assert client.post("/notifications/read").status_code == 302
    assert client.get("/notifications/read").status_code == 405
