"""Every role x every URL of following a guide: only the initiative's organisers adopt, take
changes, drop, tick and skip; everyone else is refused (403; signing in first, 302), an unknown
initiative or another initiative's step is a 404, and a refusal writes nothing."""

import pytest
from sqlalchemy import select

from robimgood.community import services as community
from robimgood.community.models import Milestone
from robimgood.guided import services
from robimgood.guided.models import GuideAdoption

ROLES = ("organiser", "co_organiser", "member", "activist", "admin", "anonymous")

# (method, path, form); {plain}: an initiative following no guide, {guided}: one following the
# guide, {m}: a step of the guided one's checklist, {s}: a skipped one.
URLS = [
    ("GET", "/i/{plain}/guide", {}),
    ("GET", "/i/{guided}/guide", {}),
    ("POST", "/i/{plain}/guide", {"guide": "{guide}"}),
    ("POST", "/i/{guided}/guide/update", {"revision": "{revision}"}),
    ("GET", "/i/{guided}/guide/drop", {}),
    ("POST", "/i/{guided}/guide/drop", {"steps": "remove"}),
    ("POST", "/i/{guided}/milestones/{m}/done", {"done": "1"}),
    ("GET", "/i/{guided}/milestones/{m}/skip", {}),
    ("POST", "/i/{guided}/milestones/{m}/skip", {"reason": "Not needed here."}),
    ("POST", "/i/{guided}/milestones/{s}/unskip", {}),
]
ALLOWED = {"GET": 200, "POST": 303}
EXPECTED = {"organiser": None, "co_organiser": None, "member": 403, "activist": 403, "admin": 403,
            "anonymous": 302}


@pytest.fixture
def world(db, make_user, make_initiative, guide, organiser, signed_in, app):
    plain = make_initiative(organiser, title="Plain")
    guided = make_initiative(organiser, title="Guided")
    steps = services.adopt(guided, guide)
    community.set_skipped(guided, steps[2], "Done by the city.")
    co, member = make_user("co"), make_user("member")
    for person in (co, member):
        community.join(guided, person)
        community.join(plain, person)
    db.session.commit()
    for initiative in (plain, guided):
        community.set_role(community.membership_of(co, initiative), "organiser")
    db.session.commit()
    people = {"organiser": organiser, "co_organiser": co, "member": member, "activist": make_user(),
              "admin": make_user(role="admin")}
    clients = {role: signed_in(user) for role, user in people.items()}
    clients["anonymous"] = app.test_client()
    values = {"plain": plain.public_id, "guided": guided.public_id, "m": steps[0].id, "s": steps[2].id,
              "guide": guide.public_id, "revision": guide.revision}
    return clients, values, guided


def state(db):
    db.session.expire_all()
    milestones = db.session.execute(select(Milestone.initiative_id, Milestone.title, Milestone.done,
                                           Milestone.skipped_reason).order_by(Milestone.id)).all()
    adoptions = db.session.execute(select(GuideAdoption.initiative_id, GuideAdoption.revision)).all()
    return [tuple(r) for r in milestones], [tuple(r) for r in adoptions]


def fill(template, values):
    return template.format(**values) if isinstance(template, str) else template


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path, form", URLS)
def test_only_organisers_may(db, world, role, method, path, form):
    clients, values, _ = world
    url, data = path.format(**values), {k: fill(v, values) for k, v in form.items()}
    before = state(db)
    response = clients[role].open(url, method=method, data=data)
    expected = EXPECTED[role] or ALLOWED[method]
    assert response.status_code == expected, response.text[:300]
    if expected == 302:
        assert response.headers["Location"].startswith("/login")
    if expected != 303:
        assert state(db) == before


@pytest.mark.parametrize("role", ["organiser", "activist"])
@pytest.mark.parametrize("method, path, form", URLS)
def test_an_unknown_initiative_is_404(db, world, role, method, path, form):
    clients, values, _ = world
    values = {**values, "plain": "nosuchthing", "guided": "nosuchthing"}
    url, data = path.format(**values), {k: fill(v, values) for k, v in form.items()}
    before = state(db)
    assert clients[role].open(url, method=method, data=data).status_code == 404
    assert state(db) == before


@pytest.mark.parametrize("method, path, form", [u for u in URLS if "{m}" in u[1] or "{s}" in u[1]])
def test_a_step_of_another_initiative_is_404_even_for_its_own_organiser(
        db, world, make_user, make_initiative, signed_in, method, path, form):
    clients, values, _ = world
    mine = make_initiative(make_user("other"), title="Mine")
    # The organiser of "Plain" and "Guided" names a step of Guided through Plain's address.
    url = path.format(**{**values, "guided": values["plain"]})
    data = {k: fill(v, values) for k, v in form.items()}
    before = state(db)
    assert clients["organiser"].open(url, method=method, data=data).status_code == 404
    # And the other initiative's organiser cannot reach it through their own initiative either.
    other = signed_in(mine.organiser).open(path.format(**{**values, "guided": mine.public_id}),
                                           method=method, data=data)
    assert other.status_code == 404
    assert state(db) == before
