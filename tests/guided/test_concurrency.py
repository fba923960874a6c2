"""Parallel "follow this guide" clicks against a real threaded server: one guide, one copy of
its steps, whichever request wins; the others are told so (409)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from ..browser.conftest import live_server  # noqa: F401
from ..community.test_concurrency import Browser, _csrf

PARALLEL = 12


@pytest.fixture(scope="module")
def setup(live_server):  # noqa: F811
    """An organiser's initiative and two published guides, in the live server's database."""
    from robimgood.accounts import services as accounts
    from robimgood.extensions import db
    from robimgood.guides import services as guides
    from robimgood.initiatives import services as initiatives

    from ..conftest import PASSWORD, VALID_INITIATIVE
    from ..guides.conftest import step_data

    with live_server.app.app_context():
        owner = accounts.register("parallel-organiser", PASSWORD)
        item = initiatives.create(owner, VALID_INITIATIVE)
        made = [guides.create(None, {"title": f"Guide {n}", "summary": "s", "category": "waste",
                                     "language": "en", "status": "published",
                                     "steps": [step_data(f"Guide {n} step {k}") for k in range(4)]})
                for n in range(2)]
        db.session.commit()
        result = (item.id, item.public_id, item.slug, [g.public_id for g in made])
        db.session.remove()
    return result


def test_parallel_adoptions_make_one(live_server, setup):  # noqa: F811
    from robimgood.community.models import Milestone
    from robimgood.extensions import db
    from robimgood.guided.models import GuideAdoption

    initiative_id, public_id, slug, guide_ids = setup
    client = Browser(live_server.url)
    status, html = client.request("GET", "/login")
    status, _ = client.request("POST", "/login", {"username": "parallel-organiser",
                                                  "password": "correct horse battery",
                                                  "csrf_token": _csrf(html)})
    assert status == 303
    token = _csrf(client.request("GET", f"/i/{public_id}/{slug}")[1])

    def adopt(n):
        return client.request("POST", f"/i/{public_id}/guide",
                              {"csrf_token": token, "guide": guide_ids[n % 2]})[0]

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(adopt, range(PARALLEL)))
    assert sorted(statuses) == [303] + [409] * (PARALLEL - 1)

    with live_server.app.app_context():
        adoptions = db.session.scalars(select(GuideAdoption)).all()
        titles = db.session.scalars(select(Milestone.title).where(Milestone.initiative_id == initiative_id)
                                    .order_by(Milestone.position)).all()
        progress = db.session.execute(db.text(f"SELECT progress FROM initiatives WHERE id = {initiative_id}")
                                      ).scalar()
        db.session.remove()
    assert len(adoptions) == 1
    won = adoptions[0].guide.title
    assert titles == [f"{won} step {k}" for k in range(4)]
    assert progress == 0
