"""Hide, restore, dismiss and ban: each a single state-checked write, every one in the audit
log, a repeated or stale one a 409 that writes nothing."""

import re

from sqlalchemy import func, select

from robimgood.accounts.models import User
from robimgood.moderation.models import ModerationAction, Report


def _log(db):
    return list(db.session.scalars(select(ModerationAction).order_by(ModerationAction.id)))


def _report(client, scene, kind="comment", reason="spam"):
    pid = scene.initiative.public_id
    path = {"initiative": f"/i/{pid}/report", "update": f"/i/{pid}/updates/{scene.update.id}/report",
            "comment": f"/i/{pid}/comments/{scene.comment.id}/report"}[kind]
    response = client.post(path, data={"reason": reason}, follow_redirects=True)
    assert response.status_code == 200 and len(response.history) == 1  # the thanks are read


def _no_token(response) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.data.decode())


def _page(scene):
    return f"/i/{scene.initiative.public_id}/{scene.initiative.slug}"


def test_the_queue_groups_reports_by_object_newest_first(db, scene, as_):
    _report(as_("user"), scene, "comment")
    _report(as_("organiser"), scene, "comment", "abuse")
    _report(as_("user"), scene, "update")
    queue = as_("moderator").get("/moderation").data.decode()
    update_at, comment_at = queue.index(f'id="update-{scene.update.id}"'), queue.index(
        f'id="comment-{scene.comment.id}"')
    assert update_at < comment_at  # the update was reported last
    comment_card = queue[comment_at:]
    assert "Buy cheap watches here" in comment_card  # the object's text itself
    assert "Spam or advertising" in comment_card and "Abuse or harassment" in comment_card


def test_hide_and_restore_an_initiative(db, scene, as_):
    _report(as_("user"), scene, "initiative")
    moderator = as_("moderator")
    hide = moderator.post(f"/moderation/initiative/{scene.initiative.id}/hide",
                          data={"reason": "advertising"})
    assert hide.status_code == 303
    # Gone for the public and ordinary people, like one that never was.
    for role in ("anonymous", "user", "author"):
        response = as_(role).get(_page(scene))
        missing = as_(role).get(_page(scene).replace(scene.initiative.public_id, "nosuchthin"))
        assert response.status_code == 404, role
        assert _no_token(response) == _no_token(missing).replace(
            "nosuchthin", scene.initiative.public_id), role
    # The organisers and the moderators still see it, with a notice.
    for role in ("organiser", "moderator", "admin"):
        response = as_(role).get(_page(scene))
        assert response.status_code == 200 and b"The moderators have hidden this initiative" in response.data
    # Its reports are closed by the hiding.
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert moderator.post(f"/moderation/initiative/{scene.initiative.id}/restore").status_code == 303
    response = as_("anonymous").get(_page(scene))
    assert response.status_code == 200 and b"The moderators have hidden" not in response.data
    log = _log(db)
    assert [(e.action, e.kind, e.object_id, e.reports) for e in log] == [
        ("hide", "initiative", scene.initiative.id, 1), ("restore", "initiative", scene.initiative.id, 0)]
    assert log[0].reason == "advertising" and log[0].moderator_id == scene.moderator.id
    assert all(e.created_at.minute == e.created_at.second == e.created_at.microsecond == 0 for e in log)


def test_hide_and_restore_a_comment_and_an_update(db, scene, as_):
    moderator = as_("moderator")
    for kind, text in (("comment", b"Buy cheap watches here"), ("update", b"We planted tulips")):
        item = getattr(scene, kind)
        assert text in as_("anonymous").get(_page(scene)).data
        assert moderator.post(f"/moderation/{kind}/{item.id}/hide").status_code == 303
        for role in ("anonymous", "organiser", "author", "moderator"):
            assert text not in as_(role).get(_page(scene)).data, (kind, role)
        assert text in moderator.get("/moderation").data  # listed as hidden, to restore
        assert moderator.post(f"/moderation/{kind}/{item.id}/restore").status_code == 303
        assert text in as_("anonymous").get(_page(scene)).data


def test_a_hidden_update_takes_no_new_comments_and_cannot_be_edited(db, scene, as_):
    as_("moderator").post(f"/moderation/update/{scene.update.id}/hide")
    pid = scene.initiative.public_id
    assert as_("organiser").get(f"/i/{pid}/updates/{scene.update.id}/edit").status_code == 404
    response = as_("user").post(f"/i/{pid}/comments", data={"body": "hi", "update_id": scene.update.id})
    assert response.status_code == 404


def test_repeated_and_stale_actions_are_409_and_write_nothing(db, scene, as_):
    moderator, admin = as_("moderator"), as_("admin")
    path = f"/moderation/comment/{scene.comment.id}"
    assert moderator.post(f"{path}/hide").status_code == 303
    # A second moderator working from the same stale page:
    assert admin.post(f"{path}/hide").status_code == 409
    assert moderator.post(f"/moderation/update/{scene.update.id}/restore").status_code == 409
    assert moderator.post(f"/moderation/users/{scene.author.id}/unban").status_code == 409
    assert len(_log(db)) == 1


def test_dismiss_closes_only_the_reports_the_moderator_saw(db, scene, as_):
    _report(as_("user"), scene)
    seen = db.session.scalar(select(func.max(Report.id)))
    _report(as_("organiser"), scene)  # arrives while the moderator reads the queue
    path = f"/moderation/comment/{scene.comment.id}/dismiss"
    moderator = as_("moderator")
    assert moderator.post(path, data={"last_report": seen, "reason": "not spam"}).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Report)) == 1
    assert moderator.post(path, data={"last_report": seen}).status_code == 409  # stale
    assert moderator.post(path, data={}).status_code == 400
    log = _log(db)
    assert [(e.action, e.reports, e.reason) for e in log] == [("dismiss", 1, "not spam")]
    # The comment stays, and the person whose report was dismissed may report again.
    assert b"Buy cheap watches here" in as_("anonymous").get(_page(scene)).data
    _report(as_("user"), scene)


def test_ban_ends_the_open_session_and_blocks_sign_in(db, app, scene, as_):
    author = as_("author")
    assert author.get("/profile").status_code == 200
    assert as_("moderator").post(f"/moderation/users/{scene.author.id}/ban",
                                 data={"reason": "spammer"}).status_code == 303
    response = author.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    fresh = app.test_client()
    login = fresh.post("/login", data={"username": "artur", "password": "correct horse battery"})
    assert login.status_code == 400 and b"The moderators have blocked this account." in login.data
    # Their content stays until it is hidden on its own.
    assert b"Buy cheap watches here" in as_("anonymous").get(_page(scene)).data
    assert [(e.action, e.kind, e.object_id, e.reason) for e in _log(db)] == [
        ("ban", "user", scene.author.id, "spammer")]
    # Lifting the ban lets them sign in again.
    assert as_("moderator").post(f"/moderation/users/{scene.author.id}/unban").status_code == 303
    login = fresh.post("/login", data={"username": "artur", "password": "correct horse battery"})
    assert login.status_code == 303


def test_admins_and_oneself_cannot_be_banned(db, scene, as_):
    moderator = as_("moderator")
    assert moderator.post(f"/moderation/users/{scene.admin.id}/ban").status_code == 409
    assert moderator.post(f"/moderation/users/{scene.moderator.id}/ban").status_code == 409
    assert db.session.scalar(select(func.count()).select_from(User).where(
        User.banned_at.is_not(None))) == 0
    assert _log(db) == []


def test_the_audit_log_page_lists_every_action(db, scene, as_):
    moderator = as_("moderator")
    moderator.post(f"/moderation/comment/{scene.comment.id}/hide", data={"reason": "watch ads"})
    moderator.post(f"/moderation/users/{scene.author.id}/ban", data={"reason": "spammer"})
    page = as_("admin").get("/moderation/log").data.decode()
    assert "watch ads" in page and "spammer" in page and "Masha" not in page
    assert page.count("masha") == 2  # the moderator's name on each line
    assert f"comment #{scene.comment.id}" in page and f"person #{scene.author.id}" in page
