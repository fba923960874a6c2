"""The lifecycle open -> claimed -> answered -> closed (and back by reopening): every allowed and
refused transition, lapsing claims, one claim at a time, notifications and thread messages."""

import pytest
from sqlalchemy import func, select

from robimgood.consultations import services
from robimgood.consultations.models import Consultation, ConsultationMessage
from robimgood.notifications.models import Notification

from .conftest import age, answer, claim, close

STATES = ("open", "claimed", "answered", "closed")


def do(action, c, urbanist, other_urbanist):
    """Run one lifecycle action through the service, as the person who would ask for it."""
    if action == "claim":
        services.claim(c, other_urbanist)
    elif action == "release":
        services.release(c)
    elif action == "urbanist writes":
        services.write(c, "urbanist", "An answer.", author=urbanist)
    elif action == "asker writes":
        services.write(c, "asker", "More details.")
    elif action == "close":
        services.close(c, True)
    elif action == "reopen":
        services.reopen(c, "asker")


# action -> {state before: state after}; a state not listed is refused.
ALLOWED = {
    "claim": {"open": "claimed"},
    "release": {"claimed": "open"},
    "urbanist writes": {"claimed": "answered", "answered": "answered"},
    "asker writes": {"open": "open", "claimed": "claimed", "answered": "answered"},
    "close": {"open": "closed", "claimed": "closed", "answered": "closed"},
    "reopen": {"closed": "answered"},  # the closed one of the fixture was answered
}


def row(db, c):
    db.session.expire_all()
    c = db.session.get(Consultation, c.id)
    messages = db.session.scalar(select(func.count()).select_from(ConsultationMessage)
                                 .where(ConsultationMessage.consultation_id == c.id))
    return (c.recorded_state, c.urbanist_id, c.claimed_at, c.answered_at, c.closed_at,
            c.closed_from, c.helped, messages)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_transition_table(db, states, urbanist, other_urbanist, action, state):
    c = getattr(states, state)
    db.session.refresh(c)
    assert c.state == state
    before = row(db, c)
    c = db.session.get(Consultation, c.id)
    expected = ALLOWED[action].get(state)
    if expected is None:
        with pytest.raises(services.Refused):
            do(action, c, urbanist, other_urbanist)
        db.session.rollback()
        assert row(db, c) == before, "a refused transition changed something"
    else:
        do(action, c, urbanist, other_urbanist)
        db.session.commit()
        db.session.refresh(c)
        assert c.state == expected


def test_the_whole_way_through_http(db, ask, asker, urbanist, signed_in_client):
    c = ask(asker)[0]
    mine, theirs = signed_in_client(asker), signed_in_client(urbanist)
    url = f"/consultations/{c.public_id}"
    assert theirs.post(f"{url}/claim").headers["Location"] == url
    assert b"Please answer by" in theirs.get(url).data
    assert b"has taken your question" in mine.get(url).data
    assert theirs.post(f"{url}/messages", data={"body": "Write to the district."}).status_code == 303
    assert b"has answered" in mine.get(url).data
    assert mine.post(f"{url}/messages", data={"body": "Which office?"}).status_code == 303
    assert theirs.post(f"{url}/messages", data={"body": "Room 12."}).status_code == 303
    assert mine.post(f"{url}/close", data={"helped": "yes"}).status_code == 303
    db.session.refresh(c)
    assert (c.state, c.helped, c.closed_from) == ("closed", True, "answered")
    assert [m.by_asker for m in c.messages] == [False, True, False]
    page = theirs.get(url)
    assert b"The answer helped." in page.data and b"Reopen" in page.data
    assert theirs.post(f"{url}/reopen").status_code == 303  # the urbanist may reopen too
    db.session.refresh(c)
    assert (c.state, c.helped, c.closed_at) == ("answered", None, None)


@pytest.mark.parametrize("closed_from", ["open", "claimed", "answered"])
def test_reopening_goes_back_to_where_it_was(db, ask, asker, urbanist, closed_from):
    c = ask(asker)[0]
    if closed_from == "claimed":
        claim(db, c, urbanist)
    elif closed_from == "answered":
        answer(db, c, urbanist)
    close(db, c, helped=None)
    assert c.closed_from == closed_from
    services.reopen(c, "asker")
    db.session.commit()
    assert c.state == closed_from
    assert c.urbanist_id == (None if closed_from == "open" else urbanist.id)


def test_withdrawing_an_open_request_needs_no_rating(db, ask, asker, signed_in_client):
    c = ask(asker)[0]
    response = signed_in_client(asker).post(f"/consultations/{c.public_id}/close")
    assert response.status_code == 303
    db.session.refresh(c)
    assert (c.state, c.helped) == ("closed", None)


def test_closing_an_answered_consultation_asks_whether_it_helped(db, ask, asker, urbanist,
                                                                  signed_in_client):
    c = ask(asker)[0]
    answer(db, c, urbanist)
    client = signed_in_client(asker)
    for data, message in (({}, b"Please say whether the answer helped."),
                          ({"helped": "maybe"}, b"Not a valid choice")):
        response = client.post(f"/consultations/{c.public_id}/close", data=data)
        assert response.status_code == 400
        assert message in response.data
    db.session.refresh(c)
    assert c.state == "answered"
    assert client.post(f"/consultations/{c.public_id}/close", data={"helped": "no"}).status_code == 303
    db.session.refresh(c)
    assert (c.state, c.helped) == ("closed", False)


def test_refusals_are_409_pages_that_say_why(db, states, asker, urbanist, signed_in_client):
    mine, theirs = signed_in_client(asker), signed_in_client(urbanist)
    cases = [
        (mine, f"/consultations/{states.closed.public_id}/close", {"helped": "yes"},
         b"already closed"),
        (mine, f"/consultations/{states.answered.public_id}/reopen", {},
         b"Only a closed consultation can be reopened"),
        (mine, f"/consultations/{states.closed.public_id}/messages", {"body": "Hello?"},
         b"Reopen it to write more"),
        (theirs, f"/consultations/{states.answered.public_id}/release", {},
         b"Only a request you have taken and not yet answered"),
        (theirs, f"/consultations/{states.answered.public_id}/claim", {}, b"no longer open"),
    ]
    for client, url, data, message in cases:
        response = client.post(url, data=data)
        assert response.status_code == 409, url
        assert b"This cannot be done now" in response.data and message in response.data


def test_reopening_has_a_time_limit(db, app, states, asker, urbanist, signed_in_client):
    days = app.config["CONSULTATION_REOPEN_DAYS"]
    assert days == 30
    c = states.closed
    age(db, c, days + 1, "closed_at")
    for who in (asker, urbanist):
        response = signed_in_client(who).post(f"/consultations/{c.public_id}/reopen")
        assert response.status_code == 409
        assert b"It is too late to reopen" in response.data
    page = signed_in_client(asker).get(f"/consultations/{c.public_id}")
    assert b"It is too late to reopen" in page.data and b">Reopen<" not in page.data
    age(db, c, -2, "closed_at")  # back within the limit
    assert signed_in_client(asker).post(f"/consultations/{c.public_id}/reopen").status_code == 303


def test_an_unanswered_claim_lapses_and_returns_to_the_queue(db, app, ask, asker, urbanist,
                                                             other_urbanist, signed_in_client):
    assert app.config["CONSULTATION_CLAIM_DAYS"] == 7
    c = ask(asker, question="A question whose claim will lapse")[0]
    claim(db, c, urbanist)
    first, second = signed_in_client(urbanist), signed_in_client(other_urbanist)
    url = f"/consultations/{c.public_id}"
    assert b"lapse" not in second.get("/consultations/queue").data
    assert second.get(url).status_code == 404

    age(db, c, 6, "claimed_at")
    assert c.state == "claimed"
    age(db, c, 1.1, "claimed_at")
    assert (c.state, c.holder_id, c.recorded_state) == ("open", None, "claimed")
    # Everyone now sees it open: the queue, the asker, the former holder, the hub.
    assert b"whose claim will lapse" in second.get("/consultations/queue").data
    assert b"whose claim will lapse" in first.get("/consultations/queue").data
    assert b"waiting for an urbanist" in signed_in_client(asker).get(url).data
    assert b"Take this request" in first.get(url).data
    assert b"whose claim will lapse" not in first.get("/consultations").data
    assert first.post(f"{url}/messages", data={"body": "Late answer"}).status_code == 403
    assert first.post(f"{url}/release").status_code == 403

    assert second.post(f"{url}/claim").status_code == 303
    db.session.refresh(c)
    assert (c.state, c.urbanist_id) == ("claimed", other_urbanist.id)
    assert first.get(url).status_code == 404
    assert second.post(f"{url}/messages", data={"body": "Here you go."}).status_code == 303


def test_closing_a_lapsed_request_leaves_its_former_holder_out(db, ask, asker, urbanist,
                                                              signed_in_client):
    c = ask(asker)[0]
    claim(db, c, urbanist)
    age(db, c, 8, "claimed_at")
    assert signed_in_client(asker).post(f"/consultations/{c.public_id}/close").status_code == 303
    db.session.refresh(c)
    assert (c.state, c.closed_from, c.urbanist_id) == ("closed", "open", None)
    former = signed_in_client(urbanist)
    assert former.get(f"/consultations/{c.public_id}").status_code == 404
    assert former.post(f"/consultations/{c.public_id}/reopen").status_code == 404


def test_the_claim_lapse_is_configurable(db, app, ask, urbanist):
    c = ask()[0]
    claim(db, c, urbanist)
    age(db, c, 2, "claimed_at")
    app.config["CONSULTATION_CLAIM_DAYS"] = 1
    try:
        assert c.state == "open"
    finally:
        app.config["CONSULTATION_CLAIM_DAYS"] = 7
    assert c.state == "claimed"


def test_an_urbanist_holds_one_unanswered_request_at_a_time(db, ask, urbanist, signed_in_client):
    first, second = ask()[0], ask()[0]
    client = signed_in_client(urbanist)
    assert client.post(f"/consultations/{first.public_id}/claim").status_code == 303
    response = client.post(f"/consultations/{second.public_id}/claim")
    assert response.status_code == 409 and b"You already hold a request" in response.data
    assert b"Answer it first" in client.get(f"/consultations/{second.public_id}").data
    client.post(f"/consultations/{first.public_id}/messages", data={"body": "Answered."})
    assert client.post(f"/consultations/{second.public_id}/claim").status_code == 303


def test_giving_a_request_back(db, ask, urbanist, signed_in_client):
    c = ask()[0]
    client = signed_in_client(urbanist)
    client.post(f"/consultations/{c.public_id}/claim")
    response = client.post(f"/consultations/{c.public_id}/release")
    assert response.status_code == 303 and response.headers["Location"] == "/consultations/queue"
    db.session.refresh(c)
    assert (c.state, c.urbanist_id, c.claimed_at) == ("open", None, None)


def test_two_urbanists_claiming_at_once_cannot_both_win(db, ask, urbanist, other_urbanist,
                                                        signed_in_client):
    c = ask()[0]
    assert c.state == "open"  # loaded before the other claim, as in a concurrent request
    assert signed_in_client(other_urbanist).post(f"/consultations/{c.public_id}/claim"
                                                 ).status_code == 303
    assert c.state == "open"  # stale in this session
    with pytest.raises(services.Refused):
        services.claim(c, urbanist)  # its UPDATE re-checks the state and matches no row
    db.session.refresh(c)
    assert (c.state, c.urbanist_id) == ("claimed", other_urbanist.id)


def test_a_paused_urbanist_takes_no_requests(db, ask, urbanist, signed_in_client):
    services.save_profile(urbanist, [], "", True)
    db.session.commit()
    c = ask()[0]
    client = signed_in_client(urbanist)
    assert b"You have paused taking requests" in client.get("/consultations/queue").data
    response = client.post(f"/consultations/{c.public_id}/claim")
    assert response.status_code == 409 and b"paused" in response.data


def kinds(db, user):
    return [n.kind for n in db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))]


def test_notifications_follow_the_thread(db, ask, asker, urbanist, signed_in_client):
    c = ask(asker)[0]
    mine, theirs = signed_in_client(asker), signed_in_client(urbanist)
    url = f"/consultations/{c.public_id}"
    theirs.post(f"{url}/claim")
    theirs.post(f"{url}/messages", data={"body": "Answer."})
    mine.post(f"{url}/messages", data={"body": "Thanks, and?"})
    theirs.post(f"{url}/messages", data={"body": "More."})
    mine.post(f"{url}/close", data={"helped": "yes"})
    theirs.post(f"{url}/reopen")
    assert kinds(db, asker) == ["consultation_claimed", "consultation_answered",
                                "consultation_message", "consultation_reopened"]
    assert kinds(db, urbanist) == ["consultation_new", "consultation_message",
                                   "consultation_closed"]
    assert b"An urbanist has taken your question." in mine.get("/notifications").data
    assert {n.url for n in db.session.scalars(select(Notification))} == {
        url, "/consultations/queue?topic=law"}


def test_the_secret_page_marks_new_answers(db, ask, urbanist, client):
    c, token = ask()
    answer(db, c, urbanist, "First answer.")
    page = client.get(f"/c/{token}")
    assert b"1 new message" in page.data and page.data.count(b"new-badge") == 1
    assert b"Lawyer Lena has answered" in page.data
    client.post(f"/c/{token}/messages", data={"body": "Got it, thanks."})
    assert b"new-badge" not in client.get(f"/c/{token}").data
    services.write(c, "urbanist", "One more hint.", author=urbanist)
    services.write(c, "urbanist", "And another.", author=urbanist)
    db.session.commit()
    assert b"2 new messages" in client.get(f"/c/{token}").data


@pytest.mark.parametrize("body, message", [
    ("", b"This field is required"),
    ("  ", b"This field is required"),
    ("x" * 5001, b"longer than 5000"),
])
def test_bad_messages_are_explained_and_write_nothing(db, ask, client, body, message):
    c, token = ask()
    response = client.post(f"/c/{token}/messages", data={"body": body})
    assert response.status_code == 400 and message in response.data
    htmx = client.post(f"/c/{token}/messages", data={"body": body}, headers={"HX-Request": "true"})
    assert htmx.status_code == 400 and message in htmx.data and b"<html" not in htmx.data
    db.session.refresh(c)
    assert c.messages == []


def test_a_refusal_to_htmx_reloads_the_page_which_says_why(db, states, asker, signed_in_client):
    client = signed_in_client(asker)
    url = f"/consultations/{states.closed.public_id}"
    response = client.post(f"{url}/messages", data={"body": "Still there?"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 409 and response.headers["HX-Refresh"] == "true"
    assert b"Reopen it to write more" in client.get(url).data
    db.session.refresh(states.closed)
    assert len(states.closed.messages) == 1


def test_htmx_gets_the_thread_fragment_after_writing(ask, client):
    _, token = ask()
    response = client.post(f"/c/{token}/messages", data={"body": "Details here."},
                           headers={"HX-Request": "true"}, follow_redirects=True)
    assert response.status_code == 200
    assert b'<section id="thread"' in response.data and b"<html" not in response.data
    assert b"Details here." in response.data
    assert "HX-Request" in response.headers["Vary"]
