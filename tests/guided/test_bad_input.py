"""Bad input gets a clear answer and writes nothing: an unknown or draft guide, a second guide,
a skip without a reason, a done step skipped, a drop without a choice, a guide that vanished
between the form and the saving."""

import pytest
from sqlalchemy import func, select

from robimgood.community.models import Milestone
from robimgood.guided.models import GuideAdoption
from robimgood.initiatives.models import Initiative

from ..conftest import VALID_INITIATIVE
from .conftest import adopt, checklist


def written(db) -> tuple[int, int]:
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(Milestone)),
            db.session.scalar(select(func.count()).select_from(GuideAdoption)))


@pytest.mark.parametrize("value, message", [
    ("", "Choose a guide."),
    ("nosuchguide", "There is no such published guide. Choose one from the list."),
    ("x" * 5000, "There is no such published guide."),
    ("draft", "There is no such published guide."),
])
def test_adopting_an_unknown_or_draft_guide_is_a_form_error(db, org_client, initiative, guide, make_guide,
                                                             value, message):
    if value == "draft":
        value = make_guide(status="draft", title="Unfinished").public_id
    response = org_client.post(f"/i/{initiative.public_id}/guide", data={"guide": value})
    assert response.status_code == 400
    assert message in response.text and "Please correct the errors below." in response.text
    assert 'class="adopt-guide"' in response.text  # the form again, to choose another
    assert written(db) == (0, 0)


def test_one_guide_at_a_time(db, org_client, initiative, guide, make_guide):
    adopt(org_client, initiative, guide)
    other = make_guide(title="Another guide")
    for second in (other, guide):
        response = adopt(org_client, initiative, second)
        assert response.status_code == 409
        assert "This initiative follows the guide “A clean-up day in your yard” already." in response.text
    assert written(db) == (3, 1)


@pytest.mark.parametrize("reason, message", [
    ("", "Say why the step is skipped."),
    ("   ", "Say why the step is skipped."),
    ("x" * 501, "longer than 500"),
])
def test_a_skip_needs_a_reason(db, org_client, initiative, guide, reason, message):
    adopt(org_client, initiative, guide)
    step = checklist(db, initiative)[0]
    response = org_client.post(f"/i/{initiative.public_id}/milestones/{step.id}/skip",
                               data={"reason": reason})
    assert response.status_code == 400 and message in response.text
    assert checklist(db, initiative)[0].skipped_reason is None


def test_a_done_step_is_not_skipped_and_nul_is_refused(db, org_client, initiative, guide):
    adopt(org_client, initiative, guide)
    first, second, _ = checklist(db, initiative)
    org_client.post(f"/i/{initiative.public_id}/milestones/{first.id}/done", data={"done": "1"})
    response = org_client.post(f"/i/{initiative.public_id}/milestones/{first.id}/skip",
                               data={"reason": "No."})
    assert response.status_code == 409 and "This step is done. Untick it first" in response.text
    assert checklist(db, initiative)[0].skipped_reason is None
    refused = org_client.post(f"/i/{initiative.public_id}/milestones/{second.id}/skip",
                              data={"reason": "Not\x00 needed"})
    assert refused.status_code == 400  # a NUL anywhere in a request is refused, nothing written
    assert checklist(db, initiative)[1].skipped_reason is None


def test_without_a_guide_there_is_nothing_to_drop_or_update(db, org_client, initiative):
    for method, path, data in (("GET", "drop", {}), ("POST", "drop", {"steps": "keep"}),
                               ("POST", "update", {"revision": "1"})):
        response = org_client.open(f"/i/{initiative.public_id}/guide/{path}", method=method, data=data)
        assert response.status_code == 409 and "This initiative follows no guide." in response.text


@pytest.mark.parametrize("data", [{}, {"steps": "everything"}])
def test_dropping_needs_a_choice(db, org_client, initiative, guide, data):
    adopt(org_client, initiative, guide)
    response = org_client.post(f"/i/{initiative.public_id}/guide/drop", data=data)
    assert response.status_code == 400
    assert written(db) == (3, 1)


@pytest.mark.parametrize("guide_value", ["nosuchguide", "draft", ""])
def test_creating_with_a_guide_that_cannot_be_followed_writes_nothing(db, client, make_user, login, guide,
                                                                       make_guide, guide_value):
    if guide_value == "draft":
        guide_value = make_guide(status="draft", title="Unfinished").public_id
    login(make_user())
    response = client.post("/initiatives/new", data={**VALID_INITIATIVE, "guide": guide_value,
                                                     "follow_guide": "y"})
    if guide_value:
        assert response.status_code == 400
        assert "The guide you chose can no longer be followed" in response.text
        assert db.session.scalar(select(func.count()).select_from(Initiative)) == 0
        # Saving again publishes it without the guide.
        again = client.post("/initiatives/new", data=VALID_INITIATIVE)
        assert again.status_code == 303
    else:
        assert response.status_code == 303  # no guide named: nothing to follow
    assert written(db) == (0, 0)


def test_an_odd_guide_in_the_link_is_ignored(client, make_user, login, make_guide):
    login(make_user())
    draft = make_guide(status="draft")
    for value in ("nosuchguide", draft.public_id, "x" * 3000):
        form = client.get(f"/initiatives/new?guide={value}")
        assert form.status_code == 200 and 'name="follow_guide"' not in form.text


def test_csrf_is_required(db, org_client, initiative, guide, csrf):
    assert adopt(org_client, initiative, guide).status_code == 400
    assert written(db) == (0, 0)
