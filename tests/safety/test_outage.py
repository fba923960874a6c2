"""PostGIS taken away under the running app: 503 pages in the visitor's language and a 503
/healthz while it is down, and the very next request served once it is back (pool_pre_ping)."""

import pytest

from robimgood.extensions import db

from .. import pg
from ..conftest import ENGINES, PASSWORD, _unavailable, make_app

pytestmark = pytest.mark.skipif("postgresql" not in ENGINES, reason="PostGIS not selected")


@pytest.fixture(scope="module")
def cluster():
    """A PostgreSQL server of these tests' own, since they stop and start it."""
    try:
        cluster = pg.Cluster()
        url = cluster.start()
    except Exception as err:  # noqa: BLE001 — reported as skip or CI failure
        _unavailable(f"PostGIS unavailable: {err}")
    cluster.url = pg.create_database(url, "outage")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def outage_app(cluster):
    """The app on that server, with an initiative and a user who organises it."""
    from robimgood.accounts import services as accounts
    from robimgood.community.services import initiative_url
    from robimgood.initiatives import services as initiatives

    from ..conftest import VALID_INITIATIVE

    app = make_app(cluster.url)
    with app.app_context():
        user = accounts.register("outage-organiser", PASSWORD)
        initiative = initiatives.create(user, VALID_INITIATIVE)
        app.initiative, app.initiative_path = initiative.public_id, initiative_url(initiative)
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def clients(outage_app):
    """(anonymous client, client signed in as the organiser), both answered before the fault."""
    anonymous, signed_in = outage_app.test_client(), outage_app.test_client()
    response = signed_in.post("/login", data={"username": "outage-organiser", "password": PASSWORD})
    assert response.status_code == 303
    assert anonymous.get("/").status_code == 200
    assert signed_in.get("/me/initiatives").status_code == 200
    return anonymous, signed_in


def test_the_first_request_after_a_restart_succeeds(cluster, outage_app, clients):
    anonymous, signed_in = clients
    api = "/api/initiatives.geojson?bbox=27,53,28,54&zoom=15"
    assert anonymous.get(api).status_code == 200  # the map's own pool has a connection now
    cluster.pause()
    cluster.resume()
    # The pooled connections died with the server; pre-ping replaces them before use, and the
    # map's hot path (no pre-ping) tries its statement again on a fresh connection.
    assert anonymous.get(outage_app.initiative_path).status_code == 200
    response = anonymous.get(api)
    assert response.status_code == 200 and response.json["type"] == "FeatureCollection"
    response = signed_in.get("/me/initiatives")
    assert response.status_code == 200 and b"Yard garden" in response.data
    assert anonymous.get("/healthz").json == {"status": "ok", "engine": "postgresql",
                                              "database": True}


def test_while_the_database_is_down_every_answer_is_a_clear_503(cluster, outage_app, clients):
    anonymous, signed_in = clients
    cluster.pause()
    try:
        russian = anonymous.get("/", headers={"Accept-Language": "ru"})
        assert russian.status_code == 503
        assert russian.headers["Retry-After"] == "60"
        page = russian.get_data(as_text=True)
        assert "Мы ненадолго недоступны" in page and "База данных не отвечает" in page
        chose_belarusian = outage_app.test_client()
        chose_belarusian.set_cookie("lang", "be")
        belarusian = chose_belarusian.get(outage_app.initiative_path)
        assert belarusian.status_code == 503
        assert "Мы ненадоўга недаступныя" in belarusian.get_data(as_text=True)
        # A signed-in visitor too: loading their account needs the database it cannot reach.
        for response in (signed_in.get("/me/initiatives"), signed_in.get("/"),
                         signed_in.post(f"/i/{outage_app.initiative}/follow")):
            assert response.status_code == 503, response.data[:300]
            assert b"We are briefly unavailable" in response.data
        for client in (anonymous, signed_in):
            health = client.get("/healthz")
            assert health.status_code == 503
            assert health.json == {"status": "unavailable", "engine": "postgresql",
                                   "database": False}
        api = anonymous.get("/api/initiatives.geojson?bbox=27,53,28,54")
        assert api.status_code == 503 and api.json["status"] == 503
    finally:
        cluster.resume()
    assert anonymous.get("/").status_code == 200
    assert signed_in.get("/me/initiatives").status_code == 200  # still signed in
    assert anonymous.get("/healthz").status_code == 200
