"""Deleting an account leaves nothing that names the person, deletes or keeps (anonymised) what
they wrote as they chose, keeps everyone else's data, ends every session, and is all or
nothing."""

import pytest
from sqlalchemy import func, select

from robimgood.accounts.models import User
from robimgood.community import services as community
from robimgood.community.models import ORGANISER
from robimgood.consultations.models import Consultation
from robimgood.initiatives.models import Initiative
from robimgood.privacy import services

from ..safety.world import PASSWORD
from .conftest import canary, scan

PROFILE = ("email", "display_name", "city", "bio", "skills")
INITIATIVE = ("title", "summary", "description", "city")
# What each person wrote, which "keep" keeps and "delete" deletes.
CONTENT = {
    "organiser": [f"{i}.{f}" for i in ("yard", "bench") for f in INITIATIVE]
    + ["update.title", "update.body", "reply.body", "milestone.title", "milestone.note",
       "story.worked", "story.did_not_work", "story.cost"],
    "listed": ["comment.body", "update_comment.body", "hidden_comment.body"],
    "urbanist": ["anon_answer", "signed_answer", "published.question", "published.answer",
                 "published.city", "draft_guide.title", "draft_guide.summary"],
}
# Private data that goes with the account in either mode.
PRIVATE = {
    "member": ["area.label"],
    "urbanist": ["urbanist.cities"],
    "other": ["signed_question", "signed_question.city", "signed_followup", "signed_answer"],
}
# Other people's texts that hang on what the person deletes: comments in the initiative the
# organiser ran alone, the organiser's reply to a deleted comment.
COLLATERAL = {
    "organiser": ["comment.body", "update_comment.body", "hidden_comment.body"],
    "listed": ["reply.body"],
}
ROLES = ["organiser", "member", "listed", "requester", "other", "urbanist"]


def delete_via_form(client, content):
    return client.post("/profile/delete", data={"content": content, "password": PASSWORD})


@pytest.mark.parametrize("content", ["keep", "delete"])
@pytest.mark.parametrize("role", ROLES)
def test_deletion_leaves_no_trace_of_the_person(app, db, world, signed_in, role, content):
    user = db.session.get(User, world.user_ids[role])
    client, elsewhere = signed_in(user), signed_in(user)

    response = delete_via_form(client, content)
    assert response.status_code == 303
    assert "Your account is deleted." in client.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world.user_ids[role]) is None

    gone = [f"w-{role}"] + [canary(f"{role}.{f}") for f in PROFILE] + [
        canary(k) for k in PRIVATE.get(role, [])]
    written = [canary(k) for k in CONTENT.get(role, [])]
    if content == "delete":
        gone += written + [canary(k) for k in COLLATERAL.get(role, [])]
    # Guide steps are the same texts in the admin's published guide and the urbanist's draft.
    kept = [canary(k) for k in world.keys
            if canary(k) not in gone and not k.startswith("step.")] + [
        f"w-{r}" for r in ROLES + ["admin"] if r != role]
    found = scan(gone + kept)
    assert {n: where for n, where in found.items() if n in gone and where} == {}
    assert [n for n in kept if not found[n]] == []

    # Every session ends: this browser and any other one.
    for browser in (client, elsewhere):
        assert browser.get("/profile").status_code == 302


def test_kept_initiatives_pass_to_a_co_organiser_and_pages_still_work(app, db, world, signed_in,
                                                                       client):
    yard = db.session.scalar(select(Initiative).where(Initiative.public_id == world.ids["yard"]))
    member = db.session.get(User, world.user_ids["member"])
    community.set_role(community.membership_of(member, yard), ORGANISER)
    db.session.commit()

    organiser = db.session.get(User, world.user_ids["organiser"])
    assert delete_via_form(signed_in(organiser), "keep").status_code == 303
    db.session.expire_all()
    by_id = {i.public_id: i for i in db.session.scalars(select(Initiative))}
    assert by_id[world.ids["yard"]].organiser_id == member.id
    assert by_id[world.ids["bench"]].organiser_id is None  # nobody to hand it to: kept, unnamed
    for name in ("yard", "bench"):
        page = client.get(f"/i/{world.ids[name]}/{world.ids[name + '_slug']}")
        assert page.status_code == 200
        assert canary("organiser.display_name") not in page.get_data(as_text=True)
    assert "a deleted account" in client.get(
        f"/i/{world.ids['yard']}/{world.ids['yard_slug']}").get_data(as_text=True)


def test_deleting_content_keeps_initiatives_with_a_co_organiser(app, db, world, signed_in):
    yard = db.session.scalar(select(Initiative).where(Initiative.public_id == world.ids["yard"]))
    member = db.session.get(User, world.user_ids["member"])
    community.set_role(community.membership_of(member, yard), ORGANISER)
    db.session.commit()

    assert delete_via_form(signed_in(db.session.get(User, world.user_ids["organiser"])),
                           "delete").status_code == 303
    db.session.expire_all()
    ids = set(db.session.scalars(select(Initiative.public_id)))
    assert world.ids["yard"] in ids and world.ids["bench"] not in ids
    assert not scan([canary("update.body")])[canary("update.body")]


def test_a_claimed_request_returns_to_the_queue(app, db, world, signed_in):
    from robimgood.consultations import services as consultations

    open_one = consultations.by_token(world.open_token)
    urbanist = db.session.get(User, world.user_ids["urbanist"])
    consultations.claim(open_one, urbanist)
    db.session.commit()

    assert delete_via_form(signed_in(urbanist), "keep").status_code == 303
    db.session.expire_all()
    returned = db.session.scalar(select(Consultation).where(Consultation.public_id == world.ids["open"]))
    assert (returned.recorded_state, returned.urbanist_id, returned.claimed_at) == ("open", None, None)
    assert returned.state == "open"


def test_wrong_password_or_no_choice_deletes_nothing(app, db, world, signed_in):
    user = db.session.get(User, world.user_ids["organiser"])
    client = signed_in(user)
    page = client.get("/profile/delete")
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)

    wrong = client.post("/profile/delete", data={"content": "delete", "password": "not it at all"})
    assert wrong.status_code == 400
    assert "The password is wrong." in wrong.get_data(as_text=True)
    no_choice = client.post("/profile/delete", data={"password": PASSWORD})
    assert no_choice.status_code == 400
    assert "Choose what happens to what you wrote." in no_choice.get_data(as_text=True)
    bad_choice = client.post("/profile/delete", data={"content": "everything", "password": PASSWORD})
    assert bad_choice.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id) is not None
    assert client.get("/profile").status_code == 200


def test_deletion_needs_the_csrf_token_and_a_session(app, db, world, signed_in, client,
                                                     monkeypatch):
    user = db.session.get(User, world.user_ids["member"])
    browser = signed_in(user)
    assert delete_via_form(client, "delete").status_code == 302  # anonymous: to the login page
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert delete_via_form(browser, "delete").status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id) is not None


def test_a_failure_midway_leaves_everything_as_it_was(app, db, world, signed_in, monkeypatch):
    real = services.delete_content

    def fail_after(user, alone):
        real(user, alone)
        raise RuntimeError("injected")

    monkeypatch.setattr(services, "delete_content", fail_after)
    needles = [canary(k) for k in world.keys] + [f"w-{r}" for r in ROLES]
    before = scan(needles)
    user = db.session.get(User, world.user_ids["organiser"])
    client = signed_in(user)
    assert delete_via_form(client, "delete").status_code == 500
    db.session.expire_all()
    assert scan(needles) == before
    assert db.session.scalar(select(func.count()).select_from(User)) == len(world.user_ids)
    assert client.get("/profile").status_code == 200  # still signed in: nothing happened


def test_an_old_cookie_never_fits_a_new_account_with_the_same_id(app, db, make_user, signed_in):
    user = make_user("short-lived")
    old = signed_in(user)
    assert delete_via_form(signed_in(user), "delete").status_code == 303
    db.session.expunge_all()
    newcomer = make_user("newcomer")  # SQLite hands out the deleted id again
    assert old.get("/profile").status_code == 302
    assert signed_in(newcomer).get("/profile").status_code == 200


def test_the_command_line_deletes_an_account(app, db, world):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["delete-account", "w-listed", "--content", "delete"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, world.user_ids["listed"]) is None
    assert not scan([canary("comment.body")])[canary("comment.body")]
    assert runner.invoke(args=["delete-account", "nobody", "--content", "keep"]).exit_code != 0
