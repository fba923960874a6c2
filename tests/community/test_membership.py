"""Joining, leaving, requests, roles, and organisers as the one source of "who may edit"."""

import pytest
from sqlalchemy import func, select

from robimgood.community import services
from robimgood.community.models import Membership
from robimgood.initiatives import services as initiative_services
from robimgood.notifications.models import Notification


def memberships(db, initiative=None):
    stmt = select(func.count()).select_from(Membership)
    if initiative is not None:
        stmt = stmt.where(Membership.initiative_id == initiative.id)
    return db.session.scalar(stmt)


def notices(db, user, kind=None):
    stmt = select(Notification.kind).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    return list(db.session.scalars(stmt))


def test_the_creator_is_the_first_organiser_and_named(db, client, initiative, organiser):
    rows = db.session.scalars(select(Membership)).all()
    assert [(m.user_id, m.role, m.pending, m.listed_publicly) for m in rows] == [
        (organiser.id, "organiser", False, True)]
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}")
    assert b"Organised by" in page.data and b"Olia Organiser" in page.data
    assert b"1 member" in page.data


def test_join_leave_and_double_clicks(db, signed_in, make_user, initiative, organiser):
    neighbour = make_user("neighbour")
    client = signed_in(neighbour)
    url = f"/i/{initiative.public_id}"
    first = client.post(f"{url}/join")
    assert first.status_code == 303 and first.headers["Location"].endswith("#community")
    assert memberships(db, initiative) == 2
    again = client.post(f"{url}/join")
    assert again.status_code == 303
    assert b"You are a member already." in client.get(again.headers["Location"]).data
    assert memberships(db, initiative) == 2
    assert notices(db, organiser) == ["new_member"]  # once, not once per click

    page = client.get(f"{url}/{initiative.slug}")
    assert b"You are a member." in page.data and b"2 members" in page.data
    assert client.post(f"{url}/leave").status_code == 303
    assert memberships(db, initiative) == 1
    assert b"You are not a member." in client.get(client.post(f"{url}/leave").headers["Location"]).data
    assert memberships(db, initiative) == 1


def test_the_unique_constraint_settles_a_race(db, make_user, initiative, monkeypatch):
    """The check before the insert can miss a row a parallel request has just added: the insert
    then fails on the constraint, its savepoint is rolled back and the existing row returned."""
    neighbour = make_user()
    winner, created = services.join(initiative, neighbour)
    assert created
    real = services.membership_of
    calls = []

    def stale_first(user, item):
        calls.append(1)
        return None if len(calls) == 1 else real(user, item)

    monkeypatch.setattr(services, "membership_of", stale_first)
    loser, created = services.join(initiative, neighbour)
    assert not created and loser.id == winner.id and len(calls) == 2
    db.session.commit()  # the transaction is still usable after the failed insert
    assert memberships(db, initiative) == 2


def test_htmx_gets_the_panel_back(signed_in, make_user, initiative):
    client = signed_in(make_user())
    response = client.post(f"/i/{initiative.public_id}/join", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.data.decode()
    assert html.lstrip().startswith('<section id="community"') and "<html" not in html
    assert "Welcome aboard!" in html and "Leave" in html


def test_approval_requests_accept_and_decline(db, signed_in, make_user, initiative, organiser,
                                              org_client):
    url = f"/i/{initiative.public_id}"
    assert org_client.post(f"{url}/members/approval", data={"approval_required": "y"}
                           ).status_code == 303
    anna, boris = make_user("anna", display_name="Anna Asker"), make_user("boris")
    anna_client, boris_client = signed_in(anna), signed_in(boris)
    assert b"Ask to join" in anna_client.get(f"{url}/{initiative.slug}").data
    anna_client.post(f"{url}/join")
    boris_client.post(f"{url}/join")
    assert b"You have asked to join" in anna_client.get(f"{url}/{initiative.slug}").data
    withdrawn = anna_client.post(f"{url}/leave", headers={"HX-Request": "true"})
    assert b"Your request is withdrawn." in withdrawn.data and b"Ask to join" in withdrawn.data
    anna_client.post(f"{url}/join")
    assert notices(db, organiser, "join_request") == ["join_request"] * 3  # anna asked twice
    # A request is not a membership: the public count stays.
    assert b"1 member" in anna_client.get(f"{url}/{initiative.slug}").data

    page = org_client.get(f"{url}/members")
    assert b"Requests to join" in page.data and b"Anna Asker" in page.data
    anna_m = services.membership_of(anna, initiative)
    boris_m = services.membership_of(boris, initiative)
    assert org_client.post(f"{url}/members/{anna_m.id}/accept").status_code == 303
    assert org_client.post(f"{url}/members/{boris_m.id}/decline").status_code == 303
    db.session.expire_all()
    assert services.membership_of(anna, initiative).pending is False
    assert services.membership_of(boris, initiative) is None
    assert notices(db, anna, "join_accepted") and notices(db, boris, "join_declined")
    # Accepting twice, or declining a member, is a clear 409 and changes nothing.
    again = org_client.post(f"{url}/members/{anna_m.id}/accept")
    assert again.status_code == 409 and b"member already" in again.data
    assert org_client.post(f"{url}/members/{anna_m.id}/decline").status_code == 409
    assert services.membership_of(anna, initiative) is not None


def test_co_organisers_and_the_last_organiser(db, app, signed_in, make_user, initiative, organiser,
                                              org_client):
    url = f"/i/{initiative.public_id}"
    helper = make_user("helper")
    helper_client = signed_in(helper)
    helper_client.post(f"{url}/join")
    assert helper_client.get(f"{url}/edit").status_code == 403

    mine = services.membership_of(organiser, initiative)
    blocked = org_client.post(f"{url}/leave")
    assert blocked.status_code == 409 and b"last organiser" in blocked.data
    assert org_client.post(f"{url}/members/{mine.id}/role", data={"role": "member"}).status_code == 409
    db.session.expire_all()
    assert services.is_organiser(organiser, initiative)

    theirs = services.membership_of(helper, initiative)
    assert org_client.post(f"{url}/members/{theirs.id}/role", data={"role": "organiser"}
                           ).status_code == 303
    assert notices(db, helper, "organiser_role")
    # A co-organiser may edit: can_edit asks the memberships, nothing else.
    assert helper_client.get(f"{url}/edit").status_code == 200
    assert helper_client.get(f"{url}/members").status_code == 200
    # Now the creator can hand over and leave, and loses the right to edit.
    assert org_client.post(f"{url}/leave").status_code == 303
    db.session.expire_all()
    assert not initiative_services.can_edit(organiser, initiative)
    assert org_client.get(f"{url}/edit").status_code == 403
    assert initiative_services.can_edit(helper, initiative)
    page = helper_client.get(f"{url}/{initiative.slug}").data
    assert b"Organised by" not in page  # the helper did not choose to be named
    admin = make_user("admin", role="admin")
    assert initiative_services.can_edit(admin, initiative)
    assert not services.is_organiser(admin, initiative)  # admins edit, but see no members


def test_the_public_profile_lists_only_publicly_organised(client, db, organiser, initiative,
                                                          make_initiative, signed_in):
    hidden = make_initiative(organiser, title="Quiet project")
    signed_in(organiser).post(f"/i/{hidden.public_id}/listing", data={})
    profile = client.get("/u/organiser")
    assert b"Yard garden" in profile.data and b"Quiet project" not in profile.data


def test_remove_a_member(db, signed_in, make_user, initiative, organiser, org_client):
    url = f"/i/{initiative.public_id}"
    member = make_user()
    signed_in(member).post(f"{url}/join")
    membership = services.membership_of(member, initiative)
    mine = services.membership_of(organiser, initiative)
    assert org_client.post(f"{url}/members/{mine.id}/remove").status_code == 409
    assert org_client.post(f"{url}/members/{membership.id}/remove").status_code == 303
    assert memberships(db, initiative) == 1


def test_bad_input_writes_nothing(db, app, signed_in, make_user, initiative, org_client,
                                  make_initiative):
    url = f"/i/{initiative.public_id}"
    other = make_initiative(title="Another one")
    stranger = make_user()
    other_membership = services.join(other, stranger)[0]
    db.session.commit()
    before = memberships(db)
    # A membership of another initiative is not found through this one.
    assert org_client.post(f"{url}/members/{other_membership.id}/accept").status_code == 404
    assert org_client.post(f"{url}/members/999999/role", data={"role": "organiser"}).status_code == 404
    assert org_client.post(f"{url}/members/{other_membership.id}/role",
                           data={"role": "king"}).status_code == 400
    # Joining what does not exist (or was deleted) is 404.
    client = signed_in(stranger)
    assert client.post("/i/nosuchthing/join").status_code == 404
    gone = make_initiative(title="Deleted one")
    gone_id = gone.public_id
    initiative_services.delete(gone)
    db.session.commit()
    assert client.post(f"/i/{gone_id}/join").status_code == 404
    assert client.post(f"/i/{gone_id}/follow").status_code == 404
    # Only members choose whether they are listed.
    assert client.post(f"{url}/listing", data={"listed": "y"}).status_code == 409
    assert memberships(db) == before


# Every URL that only organisers may use, with the method and a plausible form.
ORGANISER_ONLY = [
    ("GET", "/i/{id}/members", None),
    ("POST", "/i/{id}/members/approval", {"approval_required": "y"}),
    ("POST", "/i/{id}/members/{request}/accept", None),
    ("POST", "/i/{id}/members/{request}/decline", None),
    ("POST", "/i/{id}/members/{member}/remove", None),
    ("POST", "/i/{id}/members/{member}/role", {"role": "organiser"}),
    ("POST", "/i/{id}/status", {"status": "done"}),
    ("GET", "/i/{id}/updates/new", None),
    ("POST", "/i/{id}/updates/new", {"title": "Hijacked", "body": "x"}),
    ("GET", "/i/{id}/updates/{update}/edit", None),
    ("POST", "/i/{id}/updates/{update}/edit", {"title": "Hijacked", "body": "x"}),
    ("GET", "/i/{id}/updates/{update}/delete", None),
    ("POST", "/i/{id}/updates/{update}/delete", None),
    ("GET", "/i/{id}/milestones", None),
    ("POST", "/i/{id}/milestones", {"title": "Hijacked"}),
    ("GET", "/i/{id}/milestones/{milestone}/edit", None),
    ("POST", "/i/{id}/milestones/{milestone}/edit", {"title": "Hijacked"}),
    ("POST", "/i/{id}/milestones/{milestone}/done", {"done": "1"}),
    ("POST", "/i/{id}/milestones/{milestone}/move", {"direction": "down"}),
    ("POST", "/i/{id}/milestones/{milestone}/delete", None),
    ("POST", "/i/{id}/comments/{comment}/hide", {"hidden": "1"}),
    ("GET", "/i/{id}/story/edit", None),
    ("POST", "/i/{id}/story/edit", {"worked": "Hijacked"}),
]
SIGNED_IN_ONLY = [
    ("POST", "/i/{id}/join", None), ("POST", "/i/{id}/leave", None),
    ("POST", "/i/{id}/listing", {"listed": "y"}), ("POST", "/i/{id}/follow", None),
    ("POST", "/i/{id}/unfollow", None), ("POST", "/i/{id}/comments", {"body": "Hello"}),
    ("POST", "/areas", {"lat": "53.9", "lon": "27.5", "radius_m": "500"}),
    ("POST", "/areas/{area}/delete", None), ("GET", "/me/initiatives", None),
]


@pytest.fixture
def world(db, make_user, organiser, initiative):
    """Something behind every protected URL: a request, an update, a step, a comment, an area."""
    initiative.status = "done"
    asker, member = make_user("asker"), make_user("member")
    joined = services.join(initiative, member)[0]
    services.set_approval_required(initiative, True)
    request = services.join(initiative, asker)[0]
    update = services.post_update(initiative, organiser, "Week one", "Dug the beds.")
    milestone = services.add_milestone(initiative, {"title": "Dig", "due_date": None, "note": ""})
    comment = services.add_comment(initiative, asker, "Nice!")
    area = services.save_area(organiser, 27.5, 53.9, 500)
    db.session.commit()
    return {"id": initiative.public_id, "member": joined.id, "request": request.id, "update": update.id,
            "milestone": milestone.id, "comment": comment.id, "area": area.id}


def _snapshot(db):
    from robimgood.community import models

    tables = [models.Membership, models.JoinPolicy, models.Follow, models.StatusChange, models.Update,
              models.Milestone, models.Comment, models.Story, models.AreaSubscription]
    db.session.expire_all()
    rows = {t.__tablename__: db.session.scalar(select(func.count()).select_from(t)) for t in tables}
    rows["hidden"] = db.session.scalar(select(func.count()).select_from(models.Comment).where(
        models.Comment.hidden_at.is_not(None)))
    rows["done"] = db.session.scalar(select(func.count()).select_from(models.Milestone).where(
        models.Milestone.done.is_(True)))
    rows["policy"] = services.approval_required(db.session.get(
        initiative_services.Initiative, db.session.scalar(select(Membership.initiative_id).limit(1))))
    rows["titles"] = sorted(db.session.scalars(select(models.Update.title)))
    rows["status"] = sorted(db.session.scalars(select(initiative_services.Initiative.status)))
    return rows


@pytest.mark.parametrize("method, url, form", ORGANISER_ONLY + SIGNED_IN_ONLY)
def test_anonymous_visitors_are_sent_to_sign_in(db, client, world, method, url, form):
    before = _snapshot(db)
    response = client.open(url.format(**world), method=method, data=form)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert _snapshot(db) == before


@pytest.mark.parametrize("role", ["stranger", "member", "admin"])
@pytest.mark.parametrize("method, url, form", ORGANISER_ONLY)
def test_only_organisers_may(db, make_user, signed_in, world, initiative, role, method, url, form):
    user = make_user(role="admin" if role == "admin" else None)
    if role == "member":
        services.follow(initiative, user)
        services.join(initiative, user)
        services.accept(services.membership_of(user, initiative))
    db.session.commit()
    before = _snapshot(db)
    response = signed_in(user).open(url.format(**world), method=method, data=form)
    assert response.status_code == 403
    assert b"You may not do this" in response.data
    assert _snapshot(db) == before


@pytest.mark.parametrize("method, url, form", ORGANISER_ONLY)
def test_organisers_may(org_client, world, method, url, form):
    response = org_client.open(url.format(**world), method=method, data=form)
    assert response.status_code in (200, 303), response.data[:300]


@pytest.mark.parametrize("method, url, form", [u for u in ORGANISER_ONLY if "{id}" in u[1]])
def test_unknown_initiatives_are_404(org_client, world, method, url, form):
    response = org_client.open(url.format(**{**world, "id": "nosuchthing"}), method=method, data=form)
    assert response.status_code == 404


def test_get_never_changes_anything(db, org_client, world):
    before = _snapshot(db)
    for method, url, _form in ORGANISER_ONLY:
        if method == "POST":
            assert org_client.get(url.format(**world)).status_code in (200, 301, 405)
    assert _snapshot(db) == before


def test_csrf_is_required(db, org_client, world, csrf):
    before = _snapshot(db)
    for method, url, form in ORGANISER_ONLY:
        if method == "POST":
            response = org_client.post(url.format(**world), data=form)
            assert response.status_code == 400, url
    assert _snapshot(db) == before
