"""Every role x every consultation URL: each person gets exactly what they are allowed, and a
refusal changes nothing.

Roles: the signed-in asker, the holder of an anonymous request's secret link, the urbanist who
claimed it, another urbanist, another activist, an anonymous visitor, an admin."""

import re
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from robimgood.consultations.models import Consultation, ConsultationMessage, PublishedAnswer
from robimgood.notifications.models import Notification

from ..conftest import same_page
from .conftest import QUESTION, answer, claim

ROLES = ("asker", "link", "holder", "colleague", "activist", "visitor", "admin")
WRONG_TOKEN = "A" * 43

POST_DATA = {
    "messages": {"body": "One more thing."},
    "close": {"helped": "yes"},
    "consent": {"consent": "yes"},
    "publish": {"question": "How to get a bench?", "answer": "Ask the district.", "city": ""},
}


def row(**expected):
    assert set(expected) == set(ROLES)
    return expected


# A signed-in asker's consultation, answered by the holder: /consultations/<id>...
SIGNED_IN = {
    ("GET", ""): row(asker=200, link=302, holder=200, colleague=404, activist=404, visitor=302,
                     admin=200),
    ("POST", "/claim"): row(asker=403, link=302, holder=409, colleague=409, activist=404,
                            visitor=302, admin=403),
    ("POST", "/release"): row(asker=403, link=302, holder=409, colleague=404, activist=404,
                              visitor=302, admin=403),
    ("POST", "/messages"): row(asker=303, link=302, holder=303, colleague=404, activist=404,
                               visitor=302, admin=403),
    ("POST", "/close"): row(asker=303, link=302, holder=403, colleague=404, activist=404,
                            visitor=302, admin=403),
    ("POST", "/reopen"): row(asker=409, link=302, holder=409, colleague=404, activist=404,
                             visitor=302, admin=403),
    ("POST", "/consent"): row(asker=303, link=302, holder=403, colleague=404, activist=404,
                              visitor=302, admin=403),
    ("GET", "/publish"): row(asker=403, link=302, holder=409, colleague=404, activist=404,
                             visitor=302, admin=403),
    ("POST", "/publish"): row(asker=403, link=302, holder=409, colleague=404, activist=404,
                              visitor=302, admin=403),
}

# An anonymous request, answered by the holder, through its public id: nobody is its asker.
ANONYMOUS = {key: {**expected, "asker": expected["activist"]} for key, expected in SIGNED_IN.items()}

# The same request through the secret link: its holder is the asker; everyone else, lacking the
# token, gets the 404 of a missing consultation.
SECRET = {
    ("GET", ""): 200, ("POST", "/messages"): 303, ("POST", "/close"): 303,
    ("POST", "/reopen"): 409, ("POST", "/consent"): 303,
}

# An open request (nobody holds it yet): other urbanists see it, without its asker.
OPEN = {
    ("GET", ""): row(asker=200, link=302, holder=200, colleague=200, activist=404, visitor=302,
                     admin=200),
    ("POST", "/claim"): row(asker=403, link=302, holder=303, colleague=303, activist=404,
                            visitor=302, admin=403),
    ("POST", "/messages"): row(asker=303, link=302, holder=403, colleague=403, activist=404,
                               visitor=302, admin=403),
}

PAGES = {
    ("GET", "/consultations"): row(asker=200, link=200, holder=200, colleague=200, activist=200,
                                   visitor=200, admin=200),
    ("GET", "/consultations/new"): row(asker=200, link=200, holder=200, colleague=200,
                                       activist=200, visitor=200, admin=200),
    ("GET", "/consultations/queue"): row(asker=403, link=302, holder=200, colleague=200,
                                         activist=403, visitor=302, admin=403),
    ("GET", "/consultations/settings"): row(asker=403, link=302, holder=200, colleague=200,
                                            activist=403, visitor=302, admin=403),
    ("POST", "/consultations/settings"): row(asker=403, link=302, holder=303, colleague=303,
                                             activist=403, visitor=302, admin=403),
    ("GET", "/consultations/answers"): row(asker=200, link=200, holder=200, colleague=200,
                                           activist=200, visitor=200, admin=200),
    ("GET", "/urbanists"): row(asker=200, link=200, holder=200, colleague=200, activist=200,
                               visitor=200, admin=200),
    ("GET", "/urbanists/lawyer"): row(asker=200, link=200, holder=200, colleague=200,
                                      activist=200, visitor=200, admin=200),
}


class Clients(dict):
    """A client per role, signed in when first used."""

    def __init__(self, make, users):
        super().__init__()
        self.make, self.users = make, users

    def __missing__(self, role):
        self[role] = self.make(self.users.get(role))
        return self[role]


@dataclass
class World:
    signed_in: Consultation
    anonymous: Consultation
    token: str
    opened: Consultation
    clients: Clients


@pytest.fixture
def world(db, ask, asker, urbanist, other_urbanist, activist, admin, signed_in_client):
    signed_in = ask(asker, question="Signed-in question about a bench permit")[0]
    answer(db, signed_in, urbanist)
    anonymous, token = ask(question="Anonymous question about a bench permit")
    answer(db, anonymous, urbanist)
    opened = ask(asker, question="Open question nobody has taken")[0]
    users = {"asker": asker, "holder": urbanist, "colleague": other_urbanist,
             "activist": activist, "admin": admin}
    return World(signed_in, anonymous, token, opened, Clients(signed_in_client, users))


def snapshot(db, consultation):
    """Everything a request could change about consultation."""
    db.session.expire_all()
    c = db.session.get(Consultation, consultation.id)
    counts = [db.session.scalar(select(func.count()).select_from(model))
              for model in (ConsultationMessage, PublishedAnswer, Notification)]
    return (c.recorded_state, c.urbanist_id, c.claimed_at, c.answered_at, c.closed_at, c.helped,
            c.share_consent, *counts)


def check(db, client, method, url, data, expected, consultation):
    before = snapshot(db, consultation)
    response = client.open(url, method=method, data=data)
    assert response.status_code == expected, (method, url, response.data[:300])
    if expected == 302:
        assert response.headers["Location"].startswith("/login?next=")
    if expected in (403, 404, 409) or method == "GET":
        assert snapshot(db, consultation) == before, "a refused request changed something"
    elif expected == 303:
        assert snapshot(db, consultation) != before
    return response


def cases(table):
    return [(method, path, role, table[(method, path)][role])
            for (method, path) in table for role in ROLES]


@pytest.mark.parametrize("method, path, role, expected", cases(SIGNED_IN))
def test_signed_in_consultation(db, world, method, path, role, expected):
    c = world.signed_in
    data = POST_DATA.get(path.strip("/"), {})
    response = check(db, world.clients[role], method, f"/consultations/{c.public_id}{path}", data,
                     expected, c)
    if method == "GET" and expected == 200:
        assert b"Signed-in question" in response.data
        assert b"Ask the district administration first." in response.data


@pytest.mark.parametrize("method, path, role, expected", cases(ANONYMOUS))
def test_anonymous_consultation_by_public_id(db, world, method, path, role, expected):
    c = world.anonymous
    data = POST_DATA.get(path.strip("/"), {})
    response = check(db, world.clients[role], method, f"/consultations/{c.public_id}{path}", data,
                     expected, c)
    if method == "GET" and expected == 200:
        assert b"Anonymous question" in response.data and b"Anonymous asker" in response.data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path", list(SECRET))
def test_secret_link(db, world, method, path, role):
    token = world.token if role == "link" else WRONG_TOKEN
    expected = SECRET[(method, path)] if role == "link" else 404
    data = POST_DATA.get(path.strip("/"), {})
    response = check(db, world.clients[role], method, f"/c/{token}{path}", data, expected,
                     world.anonymous)
    if expected == 200:
        assert b"Anonymous question" in response.data


@pytest.mark.parametrize("method, path, role, expected", cases(OPEN))
def test_open_request(db, world, method, path, role, expected):
    if role == "holder" and path == "/claim":
        # The holder still holds an unanswered request elsewhere? Not here: both were answered.
        assert world.signed_in.state == "answered"
    c = world.opened
    data = POST_DATA.get(path.strip("/"), {})
    response = check(db, world.clients[role], method, f"/consultations/{c.public_id}{path}", data,
                     expected, c)
    if method == "GET" and expected == 200:
        assert b"Open question nobody has taken" in response.data
        if role == "colleague":
            assert b"Take this request" in response.data
            assert b"Asker Ales" not in response.data and b"asker" not in response.data.lower()


@pytest.mark.parametrize("method, url, role, expected", cases(PAGES))
def test_pages(world, method, url, role, expected):
    data = {"languages": ["be"], "cities": "Minsk"} if method == "POST" else None
    response = world.clients[role].open(url, method=method, data=data)
    assert response.status_code == expected, response.data[:300]


def test_missing_wrong_and_malformed_links_are_the_same_404(world, client):
    pages = [client.get(url) for url in (
        f"/c/{WRONG_TOKEN}", f"/c/{world.token[:-1]}", f"/c/{world.token}x", "/c/short",
        f"/c/{world.token[:-1]}%21", f"/c/{world.token.upper()}",
    )]
    assert {p.status_code for p in pages} == {404}
    # Identical but for the language switcher's "come back here" field (and the CSRF token,
    # which changes when the requests span a second).
    assert len({same_page(re.sub(rb'name="next" value="[^"]*"', b"", p.data)) for p in pages}) == 1
    missing = client.get("/consultations/nosuchthing")  # a signed-out visitor goes to sign in
    assert missing.status_code == 302
    assert client.post(f"/c/{WRONG_TOKEN}/messages", data={"body": "x"}).status_code == 404


def test_another_urbanist_cannot_answer_a_claimed_request(db, ask, asker, urbanist, other_urbanist,
                                                          signed_in_client):
    c = ask(asker)[0]
    claim(db, c, urbanist)
    other = signed_in_client(other_urbanist)
    assert other.post(f"/consultations/{c.public_id}/messages", data={"body": "Mine!"}).status_code == 404
    response = other.post(f"/consultations/{c.public_id}/claim")
    assert response.status_code == 409
    assert b"another urbanist has taken it" in response.data
    db.session.expire_all()
    assert c.urbanist_id == urbanist.id and c.messages == []


def test_the_asker_name_is_shown_only_if_chosen(db, ask, asker, urbanist, signed_in_client):
    hidden = ask(asker, question="Hidden name question here")[0]
    shown = ask(asker, question="Shown name question here", show_name=True)[0]
    holder = signed_in_client(urbanist)
    for c in (hidden, shown):
        assert holder.post(f"/consultations/{c.public_id}/claim").status_code == 303
        answer(db, c, urbanist)
    assert b"Asker Ales" not in holder.get(f"/consultations/{hidden.public_id}").data
    assert b"Asker Ales" in holder.get(f"/consultations/{shown.public_id}").data


def test_private_threads_appear_in_no_list_search_or_api(db, world, client):
    for url in ("/initiatives", "/initiatives?q=bench", "/api/initiatives.geojson",
                "/consultations/answers", "/consultations/answers?q=bench", "/urbanists",
                "/urbanists/lawyer", "/consultations", "/map"):
        page = client.get(url)
        assert page.status_code == 200
        for text in (b"question about a bench permit", b"nobody has taken", QUESTION.encode()):
            assert text not in page.data, url
