"""Progress: the checklist and its share done (page, list, map), the timeline of status
changes, updates for members and followers."""

import orjson
import pytest
from sqlalchemy import event, func, select

from robimgood.community import services
from robimgood.community.models import Milestone, StatusChange, Update
from robimgood.notifications.models import Notification

from ..conftest import VALID_INITIATIVE


def kinds_for(db, user):
    return sorted(db.session.scalars(select(Notification.kind).where(Notification.user_id == user.id)))


def step(title, **extra):
    return {"title": title, "due_date": "", "note": "", **extra}


def progress_of(db, initiative):
    db.session.expire_all()
    return db.session.get(type(initiative), initiative.id).progress


def test_checklist_drives_the_progress_everywhere(db, client, org_client, initiative):
    url = f"/i/{initiative.public_id}"
    assert progress_of(db, initiative) is None
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    assert "<progress" not in page  # no checklist, no bar

    for title in ("Collect signatures", "Get the permit", "Plant"):
        assert org_client.post(f"{url}/milestones", data=step(title)).status_code == 303
    assert progress_of(db, initiative) == 0
    ids = list(db.session.scalars(select(Milestone.id).order_by(Milestone.position)))
    assert org_client.post(f"{url}/milestones/{ids[0]}/done", data={"done": "1"}).status_code == 303
    assert progress_of(db, initiative) == 33  # rounded down: never "done" before it is
    org_client.post(f"{url}/milestones/{ids[1]}/done", data={"done": "1"})
    assert progress_of(db, initiative) == 66
    org_client.post(f"{url}/milestones/{ids[2]}/done", data={"done": "1"})
    assert progress_of(db, initiative) == 100
    org_client.post(f"{url}/milestones/{ids[2]}/done", data={"done": "0"})
    assert progress_of(db, initiative) == 66
    org_client.post(f"{url}/milestones/{ids[0]}/delete")
    assert progress_of(db, initiative) == 50

    page = client.get(f"{url}/{initiative.slug}").data.decode()
    assert '<progress max="100" value="50"' in page and "50% done" in page
    assert "1 of 2 steps done" in page
    listing = client.get("/initiatives").data.decode()
    assert '<progress max="100" value="50"' in listing
    feature = orjson.loads(client.get("/api/initiatives.geojson").data)["features"][0]
    assert feature["properties"]["progress"] == 50
    map_page = client.get("/").data.decode()
    assert 'data-progress-text="{percent}% done"' in map_page


def test_the_map_reads_progress_in_one_query_whatever_the_number(app, db, client, make_user,
                                                                 make_initiative):
    owner = make_user()

    def statements_for_geojson() -> int:
        seen = []
        connection = db.session.connection()
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(connection, "before_cursor_execute", listener)
        try:
            assert client.get("/api/initiatives.geojson").status_code == 200
        finally:
            event.remove(connection, "before_cursor_execute", listener)
        return len([s for s in seen if "FROM initiatives" in s])

    for n in range(2):
        item = make_initiative(owner, title=f"Spot {n}")
        services.add_milestone(item, {"title": "One", "due_date": None, "note": ""})
    db.session.commit()
    few = statements_for_geojson()
    for n in range(8):
        make_initiative(owner, title=f"More {n}")
    assert statements_for_geojson() == few == 1


def test_checklist_order_notes_dates_and_htmx(db, client, org_client, initiative):
    url = f"/i/{initiative.public_id}"
    org_client.post(f"{url}/milestones", data=step("First"))
    org_client.post(f"{url}/milestones", data=step("Second", due_date="2027-05-01", note="Bring gloves"))
    first, second = db.session.scalars(select(Milestone).order_by(Milestone.position)).all()
    assert org_client.post(f"{url}/milestones/{second.id}/move", data={"direction": "up"}).status_code == 303
    titles = list(db.session.scalars(select(Milestone.title).order_by(Milestone.position)))
    assert titles == ["Second", "First"]
    org_client.post(f"{url}/milestones/{second.id}/move", data={"direction": "up"})  # at the top: stays
    assert list(db.session.scalars(select(Milestone.title).order_by(Milestone.position))) == titles
    page = org_client.get(f"{url}/milestones").data.decode()
    assert "Bring gloves" in page and "May 1, 2027" in page
    fragment = org_client.post(f"{url}/milestones/{first.id}/done", data={"done": "1"},
                               headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.data.decode()
    assert html.lstrip().startswith('<div id="checklist"') and "<html" not in html
    assert 'aria-pressed="true"' in html and "50% done" in html
    edit = org_client.post(f"{url}/milestones/{first.id}/edit", data=step("First, renamed"))
    assert edit.status_code == 303
    db.session.expire_all()
    assert db.session.get(Milestone, first.id).title == "First, renamed"


@pytest.mark.parametrize("form, message", [
    (step(""), b"This field is required"),
    (step("x" * 201), b"longer than 200"),
    (step("Dig", due_date="tomorrow"), b"Not a valid date"),
    (step("Dig", note="x" * 2001), b"longer than 2000"),
])
def test_bad_steps_are_explained_and_written_nowhere(db, org_client, initiative, form, message):
    response = org_client.post(f"/i/{initiative.public_id}/milestones", data=form)
    assert response.status_code == 400 and message in response.data
    assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0


@pytest.mark.parametrize("path, form", [
    ("milestones/{m}/done", {"done": "maybe"}), ("milestones/{m}/done", {}),
    ("milestones/{m}/move", {"direction": "sideways"}),
])
def test_bad_checklist_actions_get_400(db, org_client, initiative, path, form):
    milestone = services.add_milestone(initiative, {"title": "Dig", "due_date": None, "note": ""})
    db.session.commit()
    response = org_client.post(f"/i/{initiative.public_id}/" + path.format(m=milestone.id), data=form)
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).done is False


def test_every_status_change_is_on_the_timeline_and_reaches_members_and_followers(
        db, client, signed_in, make_user, organiser, org_client, initiative):
    url = f"/i/{initiative.public_id}"
    member, follower, stranger = make_user("member"), make_user("follower"), make_user("stranger")
    signed_in(member).post(f"{url}/join")
    signed_in(follower).post(f"{url}/follow")
    # Through the status button and through the edit form alike.
    assert org_client.post(f"{url}/status", data={"status": "planning"}).status_code == 303
    edit = org_client.post(f"{url}/edit", data={**VALID_INITIATIVE, "status": "in_progress"})
    assert edit.status_code == 303
    assert org_client.post(f"{url}/status", data={"status": "in_progress"}).status_code == 303  # same
    done = org_client.post(f"{url}/status", data={"status": "done"})
    assert done.headers["Location"] == f"{url}/story/edit"  # the next step: the story

    changes = db.session.execute(select(StatusChange.old_status, StatusChange.new_status)
                                 .order_by(StatusChange.id)).all()
    assert [tuple(c) for c in changes] == [(None, "idea"), ("idea", "planning"),
                                           ("planning", "in_progress"), ("in_progress", "done")]
    expected = ["status_done", "status_in_progress", "status_planning"]
    assert kinds_for(db, member) == expected and kinds_for(db, follower) == expected
    assert kinds_for(db, stranger) == [] and "status_done" not in kinds_for(db, organiser)
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    for text in ("Started as: Idea", "Status changed to: Planning", "Status changed to: Done"):
        assert text in page
    notices = signed_in(follower).get("/notifications").data.decode()
    assert f"“{VALID_INITIATIVE['title']}” is done!" in notices  # the edit renamed it
    assert org_client.post(f"{url}/status", data={"status": "finished"}).status_code == 400


def test_updates_reach_the_audience_and_are_sanitised(db, client, signed_in, make_user, organiser,
                                                      org_client, initiative):
    url = f"/i/{initiative.public_id}"
    follower = make_user("follower")
    signed_in(follower).post(f"{url}/follow")
    response = org_client.post(f"{url}/updates/new", data={
        "title": "Week <b>one</b>", "body": "We **dug** <script>alert(1)</script> [x](javascript:alert(1))"})
    assert response.status_code == 303 and "#update-" in response.headers["Location"]
    update_id = db.session.scalar(select(Update.id))
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    assert "<strong>dug</strong>" in page and "<script>alert" not in page and "javascript:" not in page
    assert "Week &lt;b&gt;one&lt;/b&gt;" in page
    assert kinds_for(db, follower) == ["initiative_update"] and kinds_for(db, organiser) == []
    # Following is for those who do not join; unfollowing stops the news.
    signed_in(follower).post(f"{url}/unfollow")
    org_client.post(f"{url}/updates/new", data={"title": "Week two", "body": "More."})
    assert kinds_for(db, follower) == ["initiative_update"]

    assert org_client.post(f"{url}/updates/{update_id}/edit", data={"title": "Week 1", "body": "Fixed"}
                           ).status_code == 303
    assert "Week 1" in client.get(f"{url}/{initiative.slug}").data.decode()
    bad = org_client.post(f"{url}/updates/new", data={"title": "", "body": ""})
    assert bad.status_code == 400 and b"This field is required" in bad.data
    assert org_client.get(f"{url}/updates/{update_id}/delete").status_code == 200  # GET only asks
    assert db.session.get(Update, update_id) is not None
    assert org_client.post(f"{url}/updates/{update_id}/delete").status_code == 303
    db.session.expire_all()
    assert db.session.get(Update, update_id) is None
    assert org_client.post(f"{url}/updates/{update_id}/delete").status_code == 404


def test_follow_twice_and_members_do_not_need_to_follow(db, signed_in, make_user, initiative):
    url = f"/i/{initiative.public_id}"
    person = make_user()
    client = signed_in(person)
    client.post(f"{url}/follow")
    again = client.post(f"{url}/follow", headers={"HX-Request": "true"})
    assert b"You follow this initiative already." in again.data and b"Stop following" in again.data
    assert services.is_following(person, initiative)
    client.post(f"{url}/join")
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    assert "Stop following" not in page and ">Follow<" not in page  # members hear anyway


def test_the_map_filters_done_initiatives(client, make_user, make_initiative):
    owner = make_user()
    make_initiative(owner, title="Finished", status="done")
    make_initiative(owner, title="Started", status="in_progress")
    assert b'<option value="done">Done</option>' in client.get("/").data
    features = orjson.loads(client.get("/api/initiatives.geojson?status=done").data)["features"]
    assert [(f["properties"]["title"], f["properties"]["status"]) for f in features] == [("Finished", "done")]
