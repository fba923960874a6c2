"""A failure in the middle of a multi-row operation leaves nothing written: each operation runs
through its real HTTP view, one of its steps does its writes and then raises, and every table
is the same afterwards as before. A lost database connection of any kind is a 503 page."""

import pytest
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from robimgood.community import services as community
from robimgood.extensions import db

from ..conftest import VALID_INITIATIVE
from . import world as world_module
from .contents import contents


class Injected(RuntimeError):
    pass


@pytest.fixture
def world(app):
    return world_module.build(lambda key, length: f"{key} text"[:length])


def fail_after(monkeypatch, module, name):
    """Replace module.name by the real step followed by a failure; returns what it saw."""
    real, seen = getattr(module, name), {}

    def step(*args, **kwargs):
        before = contents(db.session.connection())
        real(*args, **kwargs)
        seen["wrote"] = contents(db.session.connection()) != before
        seen["partial"] = contents(db.session.connection())
        raise Injected(name)

    monkeypatch.setattr(module, name, step)
    return seen


def organiser_client(world, signed_in):
    from robimgood.accounts.models import User

    return signed_in(db.session.scalar(db.select(User).filter_by(username=world.users["organiser"])))


OPERATIONS = {
    # The initiative, its founder membership and first timeline entry are written; then the
    # notices to neighbours whose saved area holds it are written, and it fails.
    "create an initiative": (
        "notify_areas",
        lambda w: ("/initiatives/new", {**VALID_INITIATIVE, "latitude": world_module.AREA_LAT,
                                        "longitude": world_module.AREA_LON})),
    # The adoption and the guide's steps as checklist items are written; the progress recount
    # fails.
    "adopt a guide": ("_recount", lambda w: (f"/i/{w.ids['yard']}/guide", {"guide": w.ids["guide"]})),
    # The update and the notices to members and followers are written, and it fails.
    "post an update": ("notify", lambda w: (f"/i/{w.ids['yard']}/updates/new",
                                            {"title": "Half-written", "body": "Never seen"})),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_failure_midway_leaves_nothing_written(app, world, signed_in, monkeypatch, operation):
    step, request = OPERATIONS[operation]
    client = organiser_client(world, signed_in)
    before = contents(db.session.connection())
    seen = fail_after(monkeypatch, community, step)
    url, data = request(world)
    response = client.post(url, data=data)
    assert seen.get("wrote"), f"{step} was not reached or wrote nothing"
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.data
    after = contents(db.session.connection())
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], changed
    assert seen["partial"] != after  # what the step had written is gone


@pytest.mark.parametrize("operation", OPERATIONS)
def test_without_the_failure_the_same_operation_writes(app, world, signed_in, operation):
    """The control: the same request does write, so the test above saw a real rollback."""
    _, request = OPERATIONS[operation]
    client = organiser_client(world, signed_in)
    before = contents(db.session.connection())
    url, data = request(world)
    response = client.post(url, data=data)
    assert response.status_code == 303, response.data[:300]
    assert contents(db.session.connection()) != before


@pytest.mark.parametrize("error", [
    OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused")),
    InterfaceError("SELECT 1", {}, ConnectionResetError("connection already closed")),
    PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
], ids=["operational", "interface", "pool-timeout"])
def test_every_kind_of_lost_connection_is_a_503_page(client, make_user, login, monkeypatch, error):
    from robimgood.initiatives import services as initiatives

    login(make_user())

    def lost(*args, **kwargs):
        raise error

    monkeypatch.setattr(initiatives, "page_of", lost)
    response = client.get("/initiatives", headers={"Accept-Language": "ru"})
    assert response.status_code == 503
    assert "Мы ненадолго недоступны" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "60"
    assert response.headers["Cache-Control"] == "no-store"
    monkeypatch.undo()
    assert b"Sign out" in client.get("/initiatives").data  # the session outlived the fault
