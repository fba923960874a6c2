"""Every moderation route for every role: anonymous people are sent to sign in, people without
the role get a 403, moderators and admins get the page or the action."""

import pytest


def _routes(scene):
    pid = scene.initiative.id
    return [
        ("GET", "/moderation", {}, 200),
        ("GET", "/moderation/log", {}, 200),
        ("POST", f"/moderation/initiative/{pid}/hide", {}, 303),
        ("POST", f"/moderation/initiative/{pid}/restore", {}, 303),
        ("POST", f"/moderation/update/{scene.update.id}/hide", {"reason": "spam"}, 303),
        ("POST", f"/moderation/update/{scene.update.id}/restore", {}, 303),
        ("POST", f"/moderation/comment/{scene.comment.id}/hide", {}, 303),
        ("POST", f"/moderation/comment/{scene.comment.id}/restore", {}, 303),
        ("POST", f"/moderation/comment/{scene.comment.id}/dismiss", {"last_report": "0"}, 409),
        ("POST", f"/moderation/users/{scene.author.id}/ban", {}, 303),
        ("POST", f"/moderation/users/{scene.author.id}/unban", {}, 303),
    ]


@pytest.mark.parametrize("role", ["anonymous", "user", "organiser", "moderator", "admin"])
def test_every_moderation_route_for_every_role(scene, as_, role):
    client = as_(role)
    for method, path, data, allowed in _routes(scene):
        response = client.open(path, method=method, data=data)
        if role == "anonymous":
            expected = 302
        elif role in ("user", "organiser"):
            expected = 403
        else:
            expected = allowed
        assert response.status_code == expected, (role, method, path)
        if expected == 302:
            assert "/login" in response.headers["Location"]


def test_moderators_see_the_link_others_do_not(scene, as_):
    assert b'href="/moderation"' in as_("moderator").get("/").data
    assert b'href="/moderation"' in as_("admin").get("/").data
    assert b'href="/moderation"' not in as_("user").get("/").data


@pytest.mark.parametrize("path", ["/moderation/user/1/hide", "/moderation/initiative/1/delete",
                                  "/moderation/users/1/promote"])
def test_unknown_actions_are_404(scene, as_, path):
    assert as_("moderator").post(path).status_code == 404


def test_missing_objects_are_404(scene, as_):
    client = as_("moderator")
    for path in ["/moderation/initiative/999999/hide", "/moderation/comment/999999/dismiss",
                 "/moderation/users/999999/ban"]:
        assert client.post(path, data={"last_report": "1"}).status_code == 404, path


def test_a_reason_over_1000_characters_is_a_400(db, scene, as_):
    response = as_("moderator").post(f"/moderation/comment/{scene.comment.id}/hide",
                                     data={"reason": "x" * 1001})
    assert response.status_code == 400
    db.session.refresh(scene.comment)
    assert scene.comment.visible


def test_actions_need_the_csrf_token(app, db, scene, as_):
    client = as_("moderator")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/moderation/comment/{scene.comment.id}/hide")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    db.session.refresh(scene.comment)
    assert scene.comment.visible


def test_grant_role_moderator_from_the_command_line(app, db, make_user):
    user = make_user("newmod")
    result = app.test_cli_runner().invoke(args=["grant-role", "newmod", "moderator"])
    assert result.exit_code == 0 and "moderator" in result.output
    db.session.refresh(user)
    assert user.is_moderator and user.moderates and "moderator" in user.roles
