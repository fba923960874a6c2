"""Comments on initiatives and updates, one level of replies, hiding by the organisers, and the
stories of done initiatives."""

import pytest
from sqlalchemy import func, select

from robimgood.community import services
from robimgood.community.models import Comment, Story
from robimgood.notifications.models import Notification


def comments(db):
    return db.session.scalar(select(func.count()).select_from(Comment))


@pytest.fixture
def talker(make_user):
    return make_user("talker", display_name="Tania Talker")


def test_comment_and_reply_with_a_notice_to_the_author(db, client, signed_in, talker, organiser,
                                                       org_client, initiative):
    url = f"/i/{initiative.public_id}"
    response = signed_in(talker).post(f"{url}/comments", data={"body": "Can I bring *seeds*?"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#comment-1")
    first = db.session.scalar(select(Comment))
    assert org_client.post(f"{url}/comments", data={"body": "Yes!", "parent_id": str(first.id)}
                           ).status_code == 303
    reply = db.session.scalar(select(Comment).where(Comment.parent_id == first.id))
    assert reply.update_id is None
    notices = db.session.execute(select(Notification.user_id, Notification.kind)).all()
    assert [tuple(n) for n in notices] == [(talker.id, "comment_reply")]
    # Replying to oneself tells nobody.
    signed_in(talker).post(f"{url}/comments", data={"body": "Thanks", "parent_id": str(first.id)})
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 1
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    assert "Tania Talker" in page and "<em>seeds</em>" in page
    assert page.index("Can I bring") < page.index("Yes!") < page.index("Thanks")
    assert "Sign in to comment" in page


def test_comments_on_updates(db, client, signed_in, talker, organiser, initiative):
    update = services.post_update(initiative, organiser, "Week one", "Dug.")
    other = services.post_update(initiative, organiser, "Week two", "Planted.")
    db.session.commit()
    url = f"/i/{initiative.public_id}"
    client_ = signed_in(talker)
    assert client_.post(f"{url}/comments", data={"body": "Well done", "update_id": str(update.id)}
                        ).status_code == 303
    top = db.session.scalar(select(Comment))
    assert top.update_id == update.id
    # A reply must stay in its thread: not under another update, not under a reply.
    wrong = client_.post(f"{url}/comments", data={"body": "x", "update_id": str(other.id),
                                                   "parent_id": str(top.id)})
    assert wrong.status_code == 400 and b"does not belong" in wrong.data
    client_.post(f"{url}/comments", data={"body": "Reply", "update_id": str(update.id),
                                          "parent_id": str(top.id)})
    reply = db.session.scalar(select(Comment).where(Comment.parent_id == top.id))
    deep = client_.post(f"{url}/comments", data={"body": "Deeper", "update_id": str(update.id),
                                                  "parent_id": str(reply.id)})
    assert deep.status_code == 400 and b"Replies go one level deep" in deep.data
    assert comments(db) == 2
    page = client.get(f"{url}/{initiative.slug}").data.decode()
    section = page[page.index(f'id="update-{update.id}"'):]
    assert "2 comments" in section and "Well done" in section


@pytest.mark.parametrize("form, status, message", [
    ({"body": ""}, 400, b"This field is required"),
    ({"body": "x" * 5001}, 400, b"longer than 5000"),
    ({"body": "Hi", "parent_id": "abc"}, 400, b"This comment does not exist."),
    ({"body": "Hi", "update_id": "-1"}, 400, b"This update does not exist."),
    ({"body": "Hi", "parent_id": "99999"}, 404, b"Nothing here"),
    ({"body": "Hi", "update_id": "99999"}, 404, b"Nothing here"),
])
def test_bad_comments_write_nothing(db, signed_in, talker, initiative, form, status, message):
    response = signed_in(talker).post(f"/i/{initiative.public_id}/comments", data=form)
    assert response.status_code == status and message in response.data
    assert comments(db) == 0


def test_commenting_needs_an_account(db, client, initiative):
    response = client.post(f"/i/{initiative.public_id}/comments", data={"body": "Anonymous"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert comments(db) == 0
    assert b"Please sign in to continue." in client.get(response.headers["Location"]).data


def test_comments_of_another_initiative_are_not_found_here(db, signed_in, talker, initiative,
                                                           make_initiative, org_client):
    elsewhere = make_initiative(title="Elsewhere")
    there = services.add_comment(elsewhere, talker, "Over there")
    db.session.commit()
    url = f"/i/{initiative.public_id}"
    assert signed_in(talker).post(f"{url}/comments", data={"body": "Re", "parent_id": str(there.id)}
                                  ).status_code == 404
    assert org_client.post(f"{url}/comments/{there.id}/hide", data={"hidden": "1"}).status_code == 404
    db.session.refresh(there)
    assert there.hidden_at is None and comments(db) == 1


def test_organisers_hide_and_show_comments(db, client, signed_in, talker, organiser, org_client,
                                           initiative):
    services.add_comment(initiative, talker, "Buy my spam")
    db.session.commit()
    comment = db.session.scalar(select(Comment))
    url = f"/i/{initiative.public_id}"
    assert org_client.post(f"{url}/comments/{comment.id}/hide", data={"hidden": "1"}).status_code == 303
    for viewer in (client, signed_in(talker)):
        page = viewer.get(f"{url}/{initiative.slug}").data.decode()
        assert "Buy my spam" not in page and "This comment was hidden by the organisers." in page
    own = org_client.get(f"{url}/{initiative.slug}").data.decode()
    assert "Buy my spam" in own and ">hidden<" in own and "Show again" in own
    assert org_client.post(f"{url}/comments/{comment.id}/hide", data={"hidden": "x"}).status_code == 400
    assert org_client.post(f"{url}/comments/{comment.id}/hide", data={"hidden": "0"}).status_code == 303
    assert "Buy my spam" in client.get(f"{url}/{initiative.slug}").data.decode()


# --- stories --------------------------------------------------------------------------------

STORY = {"worked": "Neighbours **came** every Saturday.", "did_not_work": "The first permit.",
         "cost": "300 BYN and 40 hours"}


def test_a_story_can_be_told_only_when_done(db, client, org_client, organiser, initiative,
                                            signed_in, make_user):
    url = f"/i/{initiative.public_id}"
    early = org_client.post(f"{url}/story/edit", data=STORY)
    assert early.status_code == 409 and b"once the initiative is done" in early.data
    assert org_client.get(f"{url}/story/edit").status_code == 409
    member = make_user()
    signed_in(member).post(f"{url}/join")
    org_client.post(f"{url}/status", data={"status": "done"})
    page = org_client.get(f"{url}/{initiative.slug}").data.decode()
    assert "Write the story" in page
    bad = org_client.post(f"{url}/story/edit", data={**STORY, "worked": ""})
    assert bad.status_code == 400 and b"This field is required" in bad.data
    assert db.session.scalar(select(func.count()).select_from(Story)) == 0
    assert org_client.post(f"{url}/story/edit", data=STORY).status_code == 303
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == member.id,
                                                             Notification.kind == "story_published"))
    public = client.get(f"{url}/{initiative.slug}").data.decode()
    assert "<strong>came</strong>" in public and "300 BYN and 40 hours" in public
    assert "Write the story" not in public
    # Rewriting keeps one story and tells nobody again.
    org_client.post(f"{url}/story/edit", data={**STORY, "cost": "350 BYN"})
    assert db.session.scalar(select(func.count()).select_from(Story)) == 1
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.kind == "story_published")) == 1


def test_the_stories_page(db, client, organiser, make_initiative):
    told = []
    for n in range(3):
        item = make_initiative(organiser, title=f"Done thing {n}", status="done")
        services.save_story(item, organiser, {**STORY, "worked": f"Lesson {n}"})
        told.append(item)
    quiet = make_initiative(organiser, title="Done without a story", status="done")
    db.session.commit()
    page = client.get("/stories").data.decode()
    assert all(f"Done thing {n}" in page and f"Lesson {n}" in page for n in range(3))
    assert "Done without a story" not in page and quiet.public_id not in page
    assert page.index("Done thing 2") < page.index("Done thing 0")  # newest first
    assert f'href="/i/{told[0].public_id}/done-thing-0#story"' in page
    # An initiative that is no longer done keeps its story, out of sight.
    services.change_status(told[1], "in_progress", organiser)
    db.session.commit()
    assert "Done thing 1" not in client.get("/stories").data.decode()
    assert "How it went" not in client.get(f"/i/{told[1].public_id}/done-thing-1").data.decode()
    assert client.get("/stories?page=0").status_code == 400
    assert client.get("/stories?page=abc").status_code == 400
    assert b'href="/stories"' in client.get("/").data  # linked from the header


def test_no_stories_yet(client):
    assert b"No stories yet." in client.get("/stories").data


def test_comments_are_rate_limited(db, signed_in, talker, initiative, limits_on):
    client = signed_in(talker)
    statuses = [client.post(f"/i/{initiative.public_id}/comments", data={"body": f"#{n}"}
                            ).status_code for n in range(31)]
    assert statuses == [303] * 30 + [429]
    assert comments(db) == 30


def test_nul_characters_are_refused_not_a_database_error(db, signed_in, talker, org_client, initiative):
    """The app refuses a NUL anywhere in a request (robimgood.security), before the forms."""
    url = f"/i/{initiative.public_id}"
    assert signed_in(talker).post(f"{url}/comments", data={"body": "Hi\x00 there"}).status_code == 400
    assert db.session.scalar(select(Comment.body)) is None
    assert org_client.post(f"{url}/updates/new", data={"title": "Week\x00 one", "body": "x\x00"}
                           ).status_code == 400
