"""The map's hot path (geo.read) on a real engine, as in production rather than in the tests'
one transaction: a few kept connections serve any number of requests and threads (the
development server starts a thread per request), and what is committed is on the map at once."""

import threading

import pytest

from robimgood.extensions import db
from robimgood.geo import engine as geo_engine

from ..conftest import ENGINES, PASSWORD, VALID_INITIATIVE, make_app

MAP = "/api/initiatives.geojson?bbox=20,50,35,57&zoom=6"


@pytest.mark.parametrize("engine", ENGINES)
def test_many_threads_share_a_few_connections_and_see_new_data(database_url, engine):
    from robimgood.accounts import services as accounts
    from robimgood.initiatives import services as initiatives

    app = make_app(database_url(engine))
    with app.app_context():
        organiser = accounts.register("hot-path", PASSWORD)
        initiatives.create(organiser, VALID_INITIATIVE)
        db.session.commit()
        bind = db.engine
    answers = []

    def ask(times: int):
        client = app.test_client()
        for _ in range(times):
            response = client.get(MAP)
            answers.append((response.status_code, len(response.json["features"])))

    for _ in range(30):  # a thread per request, one after another
        thread = threading.Thread(target=ask, args=(1,))
        thread.start()
        thread.join()
    together = [threading.Thread(target=ask, args=(10,)) for _ in range(6)]
    for thread in together:
        thread.start()
    for thread in together:
        thread.join()
    assert answers == [(200, 1)] * 90
    kept = len(geo_engine._spares[bind])
    assert 1 <= kept <= 6, kept  # at most one per request at the same time
    assert bind.pool.checkedout() == kept  # the sessions gave theirs back

    with app.app_context():
        organiser = db.session.merge(organiser)
        initiatives.create(organiser, {**VALID_INITIATIVE, "title": "Second garden"})
        db.session.commit()
    response = app.test_client().get(MAP)
    assert len(response.json["features"]) == 2  # autocommit: no snapshot older than the write
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("query", [
    "bbox=27,53,28,54", "bbox=27,53,28,54&category=green", "bbox=27,53,28,54&status=done",
    "bbox=27,53,28,54&category=transport&status=idea&zoom=9", "bbox=-180,-90,180,90&status=",
])
def test_the_map_s_own_filters_read_as_the_form_reads_them(app, query):
    from flask import request

    from robimgood.initiatives.forms import FilterForm

    with app.test_request_context(f"/api/initiatives.geojson?{query}"):
        form = FilterForm(formdata=request.args)
        assert form.validate()
        assert FilterForm.map_filters(request.args, frozenset({"zoom"})) == form.filters()


@pytest.mark.parametrize("query", [
    "", "bbox=27,53", "bbox=28,53,27,54", "bbox=27,53,28,54&category=nonsense",
    "bbox=27,53,28,54&status=x", "bbox=27,53,28,54&q=garden", "bbox=27,53,28,54&zoom=9",
])
def test_anything_else_is_left_to_the_form(app, query):
    from flask import request

    from robimgood.initiatives.forms import FilterForm

    with app.test_request_context(f"/api/initiatives.geojson?{query}"):
        assert FilterForm.map_filters(request.args) is None
