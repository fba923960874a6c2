"""Anyone signed in reports an initiative, an update or a comment; bad input is a form error or
a 404, a second report is refused kindly, and reports are rate limited."""

import pytest
from sqlalchemy import func, select

from robimgood.moderation.models import Report


def _reports(db):
    return db.session.scalar(select(func.count()).select_from(Report))


def _paths(scene):
    pid = scene.initiative.public_id
    return {"initiative": f"/i/{pid}/report", "update": f"/i/{pid}/updates/{scene.update.id}/report",
            "comment": f"/i/{pid}/comments/{scene.comment.id}/report"}


@pytest.mark.parametrize("kind", ["initiative", "update", "comment"])
def test_report_each_kind_of_object(db, scene, as_, kind):
    client = as_("user")
    path = _paths(scene)[kind]
    page = client.get(path)
    assert page.status_code == 200 and b"Spam or advertising" in page.data
    response = client.post(path, data={"reason": "spam", "details": "  links to a shop  "})
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/i/{scene.initiative.public_id}/")
    report = db.session.scalar(select(Report))
    item_id = scene.initiative.id if kind == "initiative" else getattr(scene, kind).id
    assert (report.target, report.reporter_id, report.reason, report.details) == (
        f"{kind}:{item_id}", scene.user.id, "spam", "links to a shop")
    assert b"The moderators will look at it" in client.get(response.headers["Location"]).data


def test_a_second_report_is_refused_with_a_friendly_message(db, scene, as_):
    client = as_("user")
    path = _paths(scene)["comment"]
    assert client.post(path, data={"reason": "spam"}).status_code == 303
    second = client.post(path, data={"reason": "abuse"}, follow_redirects=True)
    assert second.status_code == 200 and b"You have reported this already" in second.data
    assert _reports(db) == 1
    # Another person may report the same comment.
    assert as_("organiser").post(path, data={"reason": "abuse"}).status_code == 303
    assert _reports(db) == 2


@pytest.mark.parametrize("data, message", [
    ({}, b"Choose a reason."),
    ({"reason": "boring"}, b"Not a valid choice"),
    ({"reason": "other", "details": "x" * 1001}, b"Field cannot be longer than 1000 characters."),
])
def test_bad_reports_are_form_errors_and_write_nothing(db, scene, as_, data, message):
    response = as_("user").post(_paths(scene)["initiative"], data=data)
    assert response.status_code == 400 and message in response.data
    assert _reports(db) == 0


def test_details_of_exactly_1000_characters_are_fine(db, scene, as_):
    response = as_("user").post(_paths(scene)["update"], data={"reason": "other", "details": "x" * 1000})
    assert response.status_code == 303 and _reports(db) == 1


def test_unknown_objects_are_404(db, scene, as_, make_initiative):
    client = as_("user")
    other = make_initiative(title="Another one")
    pid = scene.initiative.public_id
    for path in ["/i/nosuchthing/report", f"/i/{pid}/updates/999999/report",
                 f"/i/{pid}/comments/999999/report",
                 # an update or comment of another initiative is not found under this one
                 f"/i/{other.public_id}/updates/{scene.update.id}/report",
                 f"/i/{other.public_id}/comments/{scene.comment.id}/report",
                 f"/i/{pid}/updates/{scene.comment.id + 1000}/report"]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, data={"reason": "spam"}).status_code == 404, path
    assert _reports(db) == 0


def test_reporting_needs_an_account(db, scene, as_):
    response = as_("anonymous").post(_paths(scene)["initiative"], data={"reason": "spam"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _reports(db) == 0


def test_the_report_link_is_on_every_object_for_people_signed_in(scene, as_):
    pid = scene.initiative.public_id
    page = as_("user").get(f"/i/{pid}/{scene.initiative.slug}").data.decode()
    for path in _paths(scene).values():
        assert f'href="{path}"' in page
    assert "/report" not in as_("anonymous").get(f"/i/{pid}/{scene.initiative.slug}").data.decode()


def test_the_reporter_is_named_to_moderators_only(db, scene, as_):
    as_("user").post(_paths(scene)["comment"], data={"reason": "abuse", "details": "rude words"})
    queue = as_("moderator").get("/moderation").data.decode()
    assert scene.user.username in queue and "rude words" in queue
    for role in ("organiser", "author", "anonymous"):
        page = as_(role).get(f"/i/{scene.initiative.public_id}/{scene.initiative.slug}")
        assert scene.user.username not in page.data.decode()
        assert "rude words" not in page.data.decode()


def test_reports_are_rate_limited(db, scene, as_, make_initiative, limits_on):
    targets = [make_initiative(title=f"Initiative {n}") for n in range(21)]
    client = as_("user")
    statuses = [client.post(f"/i/{i.public_id}/report", data={"reason": "spam"}).status_code
                for i in targets]
    assert statuses == [303] * 20 + [429]
    assert _reports(db) == 20


def test_hidden_objects_cannot_be_reported_by_the_public(db, scene, as_):
    scene.comment.moderated_at = scene.comment.created_at
    db.session.commit()
    assert as_("user").post(_paths(scene)["comment"], data={"reason": "spam"}).status_code == 404
    assert _reports(db) == 0
