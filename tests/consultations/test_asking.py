"""Asking: signed in or anonymously, the secret link, bad input and flooding."""

import re

import pytest
from sqlalchemy import func, select

from robimgood.consultations import services
from robimgood.consultations.models import Consultation
from robimgood.notifications.models import Notification

from .conftest import QUESTION

FORM = {"topic": "law", "question": QUESTION, "city": "Minsk", "language": "en"}
LINK_RE = re.compile(rb'value="http://localhost/c/([A-Za-z0-9_-]{43})"')


def count(db):
    return db.session.scalar(select(func.count()).select_from(Consultation))


def secret_link(response) -> str:
    match = LINK_RE.search(response.data)
    assert match, response.data[:2000]
    return match.group(1).decode()


def test_the_form_works_for_visitors_and_members(client, make_user, login):
    page = client.get("/consultations/new")
    assert page.status_code == 200
    assert b'name="question"' in page.data and b'name="anonymous"' not in page.data
    login(make_user())
    page = client.get("/consultations/new")
    assert b'name="anonymous"' in page.data and b'name="show_name"' in page.data


def test_anonymous_visitor_gets_the_secret_link_once(client, db, urbanist):
    response = client.post("/consultations/new", data=FORM)
    assert response.status_code == 201
    assert b"Bookmark it or write it down" in response.data
    assert response.headers["Cache-Control"] == "no-store"
    assert b'<meta name="referrer" content="no-referrer">' in response.data
    token = secret_link(response)
    consultation = db.session.scalar(select(Consultation))
    assert consultation.asker_id is None
    assert consultation.token_hash == services.token_hash(token)
    assert token not in str(consultation.__dict__)
    assert (consultation.topic, consultation.city, consultation.language) == ("law", "Minsk", "en")

    thread = client.get(f"/c/{token}")
    assert thread.status_code == 200
    assert QUESTION.encode() in thread.data
    assert b"waiting for an urbanist" in thread.data
    assert thread.headers["Cache-Control"] == "no-store"


def test_signed_in_asker_goes_to_the_thread(client, db, make_user, login, urbanist):
    asker = login(make_user("asker", display_name="Ales"))
    response = client.post("/consultations/new", data={**FORM, "show_name": "y"})
    assert response.status_code == 303
    consultation = db.session.scalar(select(Consultation))
    assert response.headers["Location"] == f"/consultations/{consultation.public_id}"
    assert consultation.asker_id == asker.id and consultation.token_hash is None
    assert consultation.asker_name_shown
    page = client.get(response.headers["Location"])
    assert QUESTION.encode() in page.data and b"/c/" not in page.data
    assert QUESTION.encode()[:40] in client.get("/consultations").data


def test_a_member_may_ask_anonymously(client, db, make_user, login, make_initiative):
    member = login(make_user())
    response = client.post("/consultations/new", data={**FORM, "anonymous": "y"})
    assert response.status_code == 201
    consultation = db.session.scalar(select(Consultation))
    assert consultation.asker_id is None and consultation.token_hash is not None
    assert b"Questions asked anonymously are not listed" in client.get("/consultations").data
    initiative = make_initiative(organiser=member)
    refused = client.post("/consultations/new", data={**FORM, "anonymous": "y", "show_name": "y",
                                                      "initiative": initiative.public_id})
    assert refused.status_code == 400
    assert b"cannot name your initiative" in refused.data
    assert b"cannot show your name" in refused.data
    assert count(db) == 1


def test_only_my_own_initiatives_can_be_named(client, db, make_user, login, make_initiative):
    member = login(make_user())
    mine, theirs = make_initiative(organiser=member, city="Hrodna"), make_initiative()
    form = client.get(f"/consultations/new?initiative={mine.public_id}")
    assert f'<option selected value="{mine.public_id}"'.encode() in form.data
    assert b'value="Hrodna"' in form.data
    other = client.get(f"/consultations/new?initiative={theirs.public_id}").data
    assert f'value="{theirs.public_id}"'.encode() not in other
    assert b'<option value="">None</option><option value="' + mine.public_id.encode() in other
    refused = client.post("/consultations/new", data={**FORM, "initiative": theirs.public_id})
    assert refused.status_code == 400 and b"Not a valid choice" in refused.data
    assert client.post("/consultations/new",
                       data={**FORM, "initiative": mine.public_id}).status_code == 303
    assert db.session.scalar(select(Consultation)).initiative_id == mine.id


@pytest.mark.parametrize("fields, message", [
    ({"question": ""}, b"This field is required"),
    ({"question": "   \n  "}, b"This field is required"),
    ({"question": "Help?"}, b"between 10 and 5000"),
    ({"question": "x" * 5001}, b"between 10 and 5000"),
    ({"topic": ""}, b"Choose a topic"),
    ({"topic": "astrology"}, b"Not a valid choice"),
    ({"language": "de"}, b"Not a valid choice"),
    ({"city": "x" * 81}, b"longer than 80"),
])
def test_bad_input_is_explained_and_writes_nothing(client, db, fields, message):
    response = client.post("/consultations/new", data={**FORM, **fields})
    assert response.status_code == 400
    assert message in response.data
    assert count(db) == 0


def test_markdown_is_sanitised(client, db, ask, urbanist):
    _, token = ask(question="Look **here** <script>alert(1)</script> [x](javascript:alert(1))")
    page = client.get(f"/c/{token}")
    assert b"<strong>here</strong>" in page.data
    assert b"<script>alert" not in page.data and b"javascript:" not in page.data


def test_urbanists_of_the_topic_are_notified_unless_paused(client, db, make_user, ask):
    lawyer = make_user(role="urbanist", specialties=["law"])
    paused = make_user(role="urbanist", specialties=["law"])
    services.save_profile(paused, [], "", True)
    ecologist = make_user(role="urbanist", specialties=["ecology"])
    consultation, _ = ask()
    notified = set(db.session.scalars(select(Notification.user_id)
                                      .where(Notification.kind == "consultation_new")))
    assert notified == {lawyer.id}
    notice = db.session.scalar(select(Notification).where(Notification.user_id == lawyer.id))
    assert notice.url == "/consultations/queue?topic=law"
    assert notice.created_at.minute == notice.created_at.second == 0
    assert ecologist.id not in notified and paused.id not in notified


def test_asking_is_rate_limited_for_visitors_and_members(client, db, make_user, login, limits_on):
    statuses = [client.post("/consultations/new", data=FORM).status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    assert count(db) == 5
    login(make_user())  # the same address: a member cannot go around the limit either
    assert client.post("/consultations/new", data=FORM).status_code == 429
    assert count(db) == 5


def test_messages_are_rate_limited(client, ask, limits_on):
    _, token = ask()
    statuses = {client.post(f"/c/{token}/messages", data={"body": "More details."}).status_code
                for _ in range(30)}
    assert statuses == {303}
    assert client.post(f"/c/{token}/messages", data={"body": "More."}).status_code == 429


def test_asking_needs_csrf(client, db, csrf):
    assert client.post("/consultations/new", data=FORM).status_code == 400
    assert count(db) == 0
