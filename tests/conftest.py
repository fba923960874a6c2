"""Fixtures: the app on each engine (SpatiaLite and PostGIS), a transaction rolled back after
every test, a client, and small factories.

TEST_ENGINES picks the engines (default both). TEST_DATABASE_URL names a PostGIS server to use;
without it a throwaway cluster is started. Under CI=true a missing engine fails the run.
"""

import contextvars
import os
import re
import secrets

import pytest
from flask.testing import FlaskClient

os.environ.setdefault("SECRET_KEY", "test-" + secrets.token_hex(24))

from flask_migrate import upgrade  # noqa: E402

from robimgood import create_app  # noqa: E402
from robimgood.extensions import db as _db  # noqa: E402
from robimgood.extensions import limiter  # noqa: E402

from . import pg  # noqa: E402

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ENGINES = [e.strip() for e in os.environ.get("TEST_ENGINES", "sqlite,postgresql").split(",") if e]
PASSWORD = "correct horse battery"


def _unavailable(reason: str):
    if CI:
        pytest.fail(f"{reason} (CI=true: a missing engine is a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server with PostGIS available, for creating test databases."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield url
        return
    try:
        cluster = pg.Cluster()
        url = cluster.start()
    except Exception as err:  # noqa: BLE001 — reported as skip or CI failure
        _unavailable(f"PostGIS unavailable: {err}")
    yield url
    cluster.stop()


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    """Returns a function making a fresh, empty database URL on the engine named."""
    counter = iter(range(1000))

    def make(engine: str) -> str:
        name = f"robimgood_test_{next(counter)}"
        if engine == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('db') / (name + '.sqlite')}"
        return pg.create_database(request.getfixturevalue("postgres_server"), name)

    return make


class IsolatedClient(FlaskClient):
    """Each request runs in a fresh context, as in production: its own app context, g and
    database session, even while the test itself holds an app context open. Tests read the
    English texts unless they ask for another language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"

    def open(self, *args, **kwargs):
        context = contextvars.Context()
        response = context.run(super().open, *args, **kwargs)
        if response.is_streamed:
            # A streamed body (stream_with_context) is read in the request's context, as a
            # server would read it, not in the test's: at once, unless the test asked to read
            # it piece by piece with buffered=False.
            if kwargs.get("buffered") is False:
                response.response = _InContext(context, response.response)
            else:
                context.run(response.make_sequence)
        return response


class _InContext:
    """An iterable whose every step (and closing) runs in the given contextvars context."""

    def __init__(self, context: contextvars.Context, iterable):
        self.context, self.iterator = context, iter(iterable)
        self.iterable = iterable

    def __iter__(self):
        return self

    def __next__(self):
        return self.context.run(next, self.iterator)

    def close(self):
        if hasattr(self.iterable, "close"):
            self.context.run(self.iterable.close)


def same_page(html: bytes) -> bytes:
    """A page without what differs between two requests: the CSRF token (signed with the
    second it was made in) and the CSP nonce."""
    return re.sub(rb'(csrf_token" value="|X-CSRFToken": "|nonce=")[^"]+', rb"\1", html)


def make_app(url: str, **config):
    """A migrated app on url. Rate limits are set up (so a test can switch them on with
    limiter.enabled) but off unless config says RATELIMIT_ENABLED=True."""
    limits = config.pop("RATELIMIT_ENABLED", False)
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        "SERVER_NAME": None,
        **config,
    })
    limiter.enabled = limits
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade(revision="heads")
    return app


@pytest.fixture(scope="session", params=ENGINES)
def engine_app(request, database_url):
    """One migrated app per engine for the whole run."""
    app = make_app(database_url(request.param))
    app.engine_name = request.param
    # Requests commit into savepoints of the test's transaction, which is rolled back.
    _db.session.session_factory.configure(join_transaction_mode="create_savepoint")
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def app(engine_app):
    """The app with its context pushed; everything a test writes is rolled back after it."""
    with engine_app.app_context():
        engines = _db.engines
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        engines[None] = connection
        try:
            if limiter.enabled:
                limiter.reset()
            yield engine_app
        finally:
            _db.session.remove()
            transaction.rollback()
            connection.close()
            engines[None] = engine


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def limits_on():
    """Rate limits switched on for this test, from a clean count; they are off otherwise so
    that tests sending many requests are not throttled."""
    limiter.enabled = True
    limiter.reset()
    yield
    limiter.reset()
    limiter.enabled = False


@pytest.fixture
def csrf(app):
    """CSRF protection switched on for this test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def make_user(db):
    from robimgood.accounts import services

    counter = iter(range(10_000))

    def make(username=None, password=PASSWORD, role=None, specialties=(), **profile):
        user = services.register(username or f"user{next(counter)}", password, **profile)
        if role:
            services.grant_role(user, role, list(specialties))
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    def do(user, password=PASSWORD):
        response = client.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 303, response.data[:500]
        return user

    return do


VALID_INITIATIVE = {
    "title": "Yard garden on Surhanava street",
    "summary": "Neighbours plant flowers and herbs in the yard.",
    "description": "We meet **every Saturday**.",
    "category": "green",
    "status": "idea",
    "city": "Minsk",
    "latitude": 53.92,
    "longitude": 27.59,
    "location_precision": "exact",
    "needs": ["volunteers"],
    "language": "en",
}


@pytest.fixture
def make_initiative(db, make_user):
    from robimgood.initiatives import services

    def make(organiser=None, **fields):
        data = {**VALID_INITIATIVE, **fields}
        initiative = services.create(organiser or make_user(), data)
        db.session.commit()
        return initiative

    return make
