"""Writing and editing guides: who may, the revision history it leaves, and bad input."""

import re

import pytest
from sqlalchemy import func, select

from robimgood.guides import services
from robimgood.guides.models import Guide, GuideRevision, GuideStep

from .conftest import ROLES, step_data

GUIDE_FORM = {"title": "Plant a lime tree", "summary": "Trees for the yard.", "category": "green",
              "language": "en"}
STEP_FORM = step_data("Ask the neighbours", legal_notes="Usually no permit is needed.",
                      duration="a week")

# Every URL that writes guides, with the data a valid request sends; {id}, {step}, {rev} are filled.
EDITING = [
    ("GET", "/guides/new", None),
    ("POST", "/guides/new", GUIDE_FORM),
    ("GET", "/guides/{id}/edit", None),
    ("POST", "/guides/{id}/edit", {**GUIDE_FORM, "status": "published", "revision": "{rev}"}),
    ("GET", "/guides/{id}/steps/new", None),
    ("POST", "/guides/{id}/steps/new", {**STEP_FORM, "revision": "{rev}"}),
    ("GET", "/guides/{id}/steps/{step}/edit", None),
    ("POST", "/guides/{id}/steps/{step}/edit", {**STEP_FORM, "revision": "{rev}"}),
    ("POST", "/guides/{id}/steps/{step}/move", {"position": "2", "revision": "{rev}"}),
    ("GET", "/guides/{id}/steps/{step}/delete", None),
    ("POST", "/guides/{id}/steps/{step}/delete", {"revision": "{rev}"}),
    ("POST", "/guides/{id}/translate", {"language": "ru"}),
    ("GET", "/guides/{id}/delete", None),
    ("POST", "/guides/{id}/delete", {}),
]
ADMIN_ONLY = {"/guides/{id}/delete"}


def _fill(url: str, data, guide):
    step = guide.steps[0].id
    url = url.format(id=guide.public_id, step=step)
    if data is not None:
        data = {k: (v.format(rev=guide.revision) if isinstance(v, str) else v) for k, v in data.items()}
    return url, data


def _state(db):
    """Everything a refused request must leave as it was."""
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(Guide)),
            db.session.scalar(select(func.count()).select_from(GuideStep)),
            db.session.scalar(select(func.count()).select_from(GuideRevision)),
            sorted(db.session.execute(select(Guide.title, Guide.revision, Guide.status)).all()))


@pytest.mark.parametrize("method, url, data", EDITING)
@pytest.mark.parametrize("role", ROLES)
def test_only_urbanists_and_admins_write_guides(client, db, make_guide, sign_in, role, method, url,
                                                data):
    guide = make_guide()
    sign_in(role)
    path, data = _fill(url, data, guide)
    before = _state(db)
    response = client.open(path, method=method, data=data)
    allowed = role == "admin" or (role == "urbanist" and url not in ADMIN_ONLY)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    elif not allowed:
        assert response.status_code == 403
        assert b"You may not do this" in response.data
    else:
        assert response.status_code == (200 if method == "GET" else 303), response.data[:800]
    if not allowed or method == "GET":
        assert _state(db) == before
    else:
        assert _state(db) != before


@pytest.mark.parametrize("method, url, data", [e for e in EDITING if "{id}" in e[1]])
def test_a_draft_is_hidden_from_activists_as_if_missing(client, db, make_guide, sign_in, method,
                                                        url, data):
    guide = make_guide(status="draft")
    sign_in("activist")
    path, data = _fill(url, data, guide)
    response = client.open(path, method=method, data=data)
    assert response.status_code == 404
    assert b"Nothing here" in response.data
    missing = client.open(url.format(id="nosuchguide", step=1), method=method, data=data)
    assert missing.status_code == 404


def test_writing_a_guide_from_draft_to_published(client, db, make_user, login):
    urbanist = login(make_user("planner", role="urbanist", specialties=["law"],
                               display_name="Hanna the planner"))
    response = client.post("/guides/new", data=GUIDE_FORM)
    assert response.status_code == 303
    guide = db.session.scalar(select(Guide))
    assert (guide.status, guide.revision, guide.family) == ("draft", 1, guide.public_id)
    assert response.headers["Location"] == f"/guides/{guide.public_id}/edit"

    # A guide without steps cannot be published.
    refused = client.post(f"/guides/{guide.public_id}/edit",
                          data={**GUIDE_FORM, "status": "published", "revision": 1})
    assert refused.status_code == 400
    assert b"Add at least one step before publishing" in refused.data

    for number, title in enumerate(("Ask the neighbours", "Dig the hole", "Water it"), 2):
        added = client.post(f"/guides/{guide.public_id}/steps/new",
                            data={**step_data(title), "revision": number - 1})
        assert added.status_code == 303
    published = client.post(f"/guides/{guide.public_id}/edit",
                            data={**GUIDE_FORM, "status": "published", "revision": 4})
    assert published.status_code == 303
    db.session.expire_all()
    assert guide.status == "published" and guide.revision == 5
    assert [s.title for s in guide.steps] == ["Ask the neighbours", "Dig the hole", "Water it"]
    assert [s.position for s in guide.steps] == [1, 2, 3]
    assert guide.last_editor_id == urbanist.id

    page = client.get(f"/guides/{guide.public_id}/{guide.slug}")
    assert page.status_code == 200
    assert b"Last edited by Hanna the planner" in page.data
    assert b"revision 5" in page.data


def test_each_change_is_a_revision_with_its_snapshot(client, db, make_guide, sign_in):
    guide = make_guide(steps=("One", "Two", "Three"))
    editor = sign_in("urbanist")
    one, two, three = (s.id for s in guide.steps)
    base = f"/guides/{guide.public_id}"
    assert client.post(f"{base}/steps/{three}/move", data={"position": 1, "revision": 1}).status_code == 303
    assert client.post(f"{base}/steps/{one}/edit",
                       data={**step_data("One, reworded", legal_notes="New law."), "revision": 2}
                       ).status_code == 303
    assert client.post(f"{base}/steps/{two}/delete", data={"revision": 3}).status_code == 303
    # Saving the same content again records nothing.
    assert client.post(f"{base}/steps/{one}/edit",
                       data={**step_data("One, reworded", legal_notes="New law."), "revision": 4}
                       ).status_code == 303

    db.session.expire_all()
    assert guide.revision == 4
    assert [(s.title, s.position) for s in guide.steps] == [("Three", 1), ("One, reworded", 2)]
    revisions = db.session.scalars(select(GuideRevision).where(GuideRevision.guide_id == guide.id)
                                   .order_by(GuideRevision.number)).all()
    assert [r.number for r in revisions] == [1, 2, 3, 4]
    assert revisions[0].editor_id is None and revisions[-1].editor_id == editor.id
    assert [s["title"] for s in revisions[0].snapshot["steps"]] == ["One", "Two", "Three"]
    assert [s["id"] for s in revisions[-1].snapshot["steps"]] == [three, one]

    changes = services.compare(revisions[0].snapshot, revisions[-1].snapshot)
    assert {(c.kind, c.title, c.fields) for c in changes} == {
        ("changed", "One, reworded", ("title", "instructions", "legal_notes")),
        ("removed", "Two", ()),
    }
    history = client.get(f"{base}/history")
    assert history.status_code == 200
    for text in (b"Revision 4", b"Removed the step \xe2\x80\x9cTwo\xe2\x80\x9d", b"Moved the step",
                 b"Changed the step \xe2\x80\x9cOne, reworded\xe2\x80\x9d: title, what to do, legal notes",
                 b"Created."):
        assert text in history.data


def test_compare_names_added_moved_changed_and_removed_steps():
    def snap(*steps):
        return {"steps": [{"id": i, "title": t, "instructions": x} for i, t, x in steps]}

    old = snap((1, "A", "a"), (2, "B", "b"), (3, "C", "c"))
    new = snap((3, "C", "c"), (1, "A", "a"), (4, "D", "d"), (2, "B", "b2"))
    changes = {(c.kind, c.title) for c in services.compare(old, new)}
    assert changes == {("moved", "C"), ("added", "D"), ("changed", "B")}
    assert [(c.kind, c.title) for c in services.compare(new, snap((1, "A", "a")))] == [
        ("removed", "C"), ("removed", "D"), ("removed", "B")]
    assert services.compare(old, old) == []


@pytest.mark.parametrize("position, message", [
    ("0", b"Positions start at 1"),
    ("-1", b"Positions start at 1"),
    ("4", b"between 1 and 3"),
    ("99", b"between 1 and 3"),
    ("two", b"Not a valid integer"),
    ("", b"Say where the step goes"),
])
def test_bad_step_positions_are_refused(client, db, make_guide, sign_in, position, message):
    guide = make_guide(steps=("One", "Two", "Three"))
    sign_in("urbanist")
    before = _state(db)
    response = client.post(f"/guides/{guide.public_id}/steps/{guide.steps[0].id}/move",
                           data={"position": position, "revision": 1})
    assert response.status_code == 400
    assert message in response.data
    assert _state(db) == before


def test_a_step_of_another_guide_is_not_found(client, db, make_guide, sign_in):
    mine, other = make_guide(), make_guide(title="Another guide")
    sign_in("admin")
    before = _state(db)
    foreign = other.steps[0].id
    for method, url, data in [
        ("POST", f"/guides/{mine.public_id}/steps/{foreign}/move", {"position": 2, "revision": 1}),
        ("POST", f"/guides/{mine.public_id}/steps/{foreign}/edit", {**STEP_FORM, "revision": 1}),
        ("POST", f"/guides/{mine.public_id}/steps/{foreign}/delete", {"revision": 1}),
        ("GET", f"/guides/{mine.public_id}/steps/999999/edit", None),
    ]:
        assert client.open(url, method=method, data=data).status_code == 404
    assert _state(db) == before


def test_a_stale_page_cannot_overwrite_someone_elses_change(client, db, make_guide, sign_in):
    guide = make_guide()
    sign_in("urbanist")
    base = f"/guides/{guide.public_id}"
    added = client.post(f"{base}/steps/new", data={**step_data("Added first"), "revision": 1})
    assert added.status_code == 303
    before = _state(db)

    # The other editor's pages still carry revision 1.
    edit = client.post(f"{base}/edit", data={**GUIDE_FORM, "title": "My title", "status": "published",
                                             "revision": 1})
    assert edit.status_code == 409
    assert b"Someone else saved this guide" in edit.data
    assert b'value="My title"' in edit.data  # their text is kept on the page
    assert b'id="revision" name="revision" type="hidden" value="2"' in edit.data
    step = client.post(f"{base}/steps/{guide.steps[0].id}/edit",
                       data={**step_data("Mine"), "revision": 1})
    assert step.status_code == 409
    for url, data in [(f"{base}/steps/{guide.steps[0].id}/move", {"position": 2, "revision": 1}),
                      (f"{base}/steps/{guide.steps[0].id}/delete", {"revision": 1})]:
        response = client.post(url, data=data)
        assert response.status_code == 409
        assert b"Someone else changed this guide" in response.data
    assert _state(db) == before

    # Saving again, knowingly, from the refreshed form works.
    assert client.post(f"{base}/edit", data={**GUIDE_FORM, "title": "My title", "status": "published",
                                             "revision": 2}).status_code == 303


@pytest.mark.parametrize("fields, message", [
    ({"title": ""}, b"This field is required"),
    ({"title": "x" * 121}, b"between 3 and 120"),
    ({"summary": "x" * 401}, b"longer than 400"),
    ({"category": "weapons"}, b"Not a valid choice"),
    ({"language": "de"}, b"Not a valid choice"),
])
def test_bad_guide_input_is_explained_and_writes_nothing(client, db, sign_in, fields, message):
    sign_in("urbanist")
    response = client.post("/guides/new", data={**GUIDE_FORM, **fields})
    assert response.status_code == 400
    assert message in response.data
    assert _state(db)[0] == 0


@pytest.mark.parametrize("fields, message", [
    ({"title": ""}, b"This field is required"),
    ({"instructions": ""}, b"This field is required"),
    ({"duration": "x" * 81}, b"longer than 80"),
    ({"revision": ""}, b"This page is incomplete or out of date"),
])
def test_bad_step_input_is_explained_and_writes_nothing(client, db, make_guide, sign_in, fields,
                                                        message):
    guide = make_guide()
    sign_in("urbanist")
    before = _state(db)
    response = client.post(f"/guides/{guide.public_id}/steps/new",
                           data={**STEP_FORM, "revision": 1, **fields})
    assert response.status_code == 400
    assert message in response.data
    assert _state(db) == before


def test_a_published_guide_keeps_at_least_one_step(client, db, make_guide, sign_in):
    guide = make_guide(steps=("Only step",))
    sign_in("urbanist")
    response = client.post(f"/guides/{guide.public_id}/steps/{guide.steps[0].id}/delete",
                           data={"revision": 1})
    assert response.status_code == 409
    assert b"needs at least one step" in response.data
    db.session.expire_all()
    assert len(guide.steps) == 1


def test_a_translation_starts_as_a_draft_copy_in_the_same_family(client, db, make_guide, sign_in):
    guide = make_guide(steps=("One", "Two"))
    sign_in("urbanist")
    offered = re.findall(r'<option value="(\w+)">', client.get(f"/guides/{guide.public_id}/edit").text
                         .split('class="translate-form"', 1)[1])
    assert offered == ["be", "ru"]  # English is the guide's own language
    response = client.post(f"/guides/{guide.public_id}/translate", data={"language": "be"})
    assert response.status_code == 303
    copy = db.session.scalar(select(Guide).where(Guide.language == "be"))
    assert response.headers["Location"] == f"/guides/{copy.public_id}/edit"
    assert (copy.family, copy.status, copy.title) == (guide.family, "draft", guide.title)
    assert [s.title for s in copy.steps] == ["One", "Two"]
    assert {s.id for s in copy.steps}.isdisjoint({s.id for s in guide.steps})

    before = _state(db)
    again = client.post(f"/guides/{guide.public_id}/translate", data={"language": "be"})
    assert again.status_code == 409
    assert client.post(f"/guides/{guide.public_id}/translate", data={"language": "xx"}).status_code == 400
    # Nor may a version change its language to one the family has.
    clash = client.post(f"/guides/{copy.public_id}/edit",
                        data={**GUIDE_FORM, "language": "en", "status": "draft", "revision": 1})
    assert clash.status_code == 400
    assert b"has a version in that language already" in clash.data
    assert _state(db) == before
    assert client.post(f"/guides/{guide.public_id}/translate", data={"language": "ru"}).status_code == 303
    assert b"Make a translation" not in client.get(f"/guides/{guide.public_id}/edit").data


def test_an_admin_deletes_a_guide_with_its_history(client, db, make_guide, sign_in):
    public_id = make_guide().public_id
    sign_in("admin")
    assert b"Delete for good" in client.get(f"/guides/{public_id}/delete").data
    assert client.post(f"/guides/{public_id}/delete").status_code == 303
    assert _state(db)[:3] == (0, 0, 0)
    assert client.get(f"/guides/{public_id}").status_code == 404


def test_csrf_is_required(app, client, db, make_guide, sign_in):
    guide = make_guide()
    sign_in("admin")
    before = _state(db)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for url, data in [("/guides/new", GUIDE_FORM),
                          (f"/guides/{guide.public_id}/steps/{guide.steps[0].id}/move",
                           {"position": 2, "revision": 1}),
                          (f"/guides/{guide.public_id}/translate", {"language": "ru"}),
                          (f"/guides/{guide.public_id}/delete", {})]:
            response = client.post(url, data=data)
            assert response.status_code == 400
            assert b"The form has expired" in response.data
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert _state(db) == before
