"""Urbanists: the queue and its filters, public profiles and the directory, settings and pausing."""

import pytest

from robimgood.consultations import services

from .conftest import answer, close


@pytest.fixture
def requests(db, ask, asker):
    made = {
        "law-minsk-be": ask(topic="law", city="Мінск", language="be",
                            question="Law question from Minsk in Belarusian")[0],
        "law-brest-ru": ask(topic="law", city="Brest", language="ru",
                            question="Law question from Brest in Russian")[0],
        "eco-minsk-en": ask(topic="ecology", city="Minsk", language="en",
                            question="Ecology question from Minsk in English")[0],
        "plan-own": ask(asker, topic="urban_planning", question="Planning question of the asker")[0],
    }
    return made


def listed(page) -> set[str]:
    return {label for label, text in (
        ("law-minsk-be", b"Law question from Minsk"), ("law-brest-ru", b"Law question from Brest"),
        ("eco-minsk-en", b"Ecology question"), ("plan-own", b"Planning question"),
    ) if text in page.data}


@pytest.mark.parametrize("query, expected", [
    ("", {"law-minsk-be", "law-brest-ru"}),                # my specialties (law) by default
    ("?topic=all", {"law-minsk-be", "law-brest-ru", "eco-minsk-en", "plan-own"}),
    ("?topic=ecology", {"eco-minsk-en"}),
    ("?topic=all&language=ru", {"law-brest-ru"}),
    ("?topic=all&city=МІНСК", {"law-minsk-be"}),         # Cyrillic case folded
    ("?topic=all&city=minsk", {"eco-minsk-en", "plan-own"}),
    ("?language=be&city=Brest", set()),
])
def test_queue_filters(db, requests, urbanist, signed_in_client, query, expected):
    page = signed_in_client(urbanist).get(f"/consultations/queue{query}")
    assert page.status_code == 200
    assert listed(page) == expected


def test_the_queue_never_shows_my_own_questions_or_taken_ones(db, requests, make_user, asker,
                                                               signed_in_client):
    from robimgood.accounts import services as accounts

    accounts.grant_role(asker, "urbanist", ["urban_planning", "law"])
    db.session.commit()
    page = signed_in_client(asker).get("/consultations/queue?topic=all")
    assert listed(page) == {"law-minsk-be", "law-brest-ru", "eco-minsk-en"}
    other = make_user(role="urbanist", specialties=["law"])
    services.claim(requests["law-brest-ru"], other)
    db.session.commit()
    assert listed(signed_in_client(asker).get("/consultations/queue?topic=all")) == {
        "law-minsk-be", "eco-minsk-en"}


def test_the_queue_is_worked_through_in_a_few_clicks(db, requests, urbanist, signed_in_client):
    client = signed_in_client(urbanist)
    queue = client.get("/consultations/queue")
    c = requests["law-minsk-be"]
    assert f'action="/consultations/{c.public_id}/claim"'.encode() in queue.data
    taken = client.post(f"/consultations/{c.public_id}/claim", follow_redirects=True)
    assert b"Send the answer" in taken.data and b"Give it back to the queue" in taken.data
    assert client.post(f"/consultations/{c.public_id}/messages",
                       data={"body": "Answer."}).status_code == 303
    db.session.refresh(c)
    assert c.state == "answered"


def test_queue_gives_htmx_its_fragment_and_refuses_bad_filters(db, requests, urbanist,
                                                               signed_in_client):
    client = signed_in_client(urbanist)
    fragment = client.get("/consultations/queue?topic=all", headers={"HX-Request": "true"})
    assert b'<section id="queue-results"' in fragment.data and b"<html" not in fragment.data
    for query in ("?topic=astrology", "?language=de", "?city=" + "x" * 81, "?page=-1"):
        response = client.get(f"/consultations/queue{query}")
        assert response.status_code == 400


def test_queue_pages(db, app, ask, urbanist, signed_in_client):
    for n in range(app.config["PER_PAGE"] + 1):
        ask(question=f"Numbered question {n:02d} here")
    client = signed_in_client(urbanist)
    first = client.get("/consultations/queue")
    assert b"21 open requests" in first.data and b"Page 1 of 2" in first.data
    assert b"Numbered question 00" in first.data  # oldest first
    second = client.get("/consultations/queue?page=2")
    assert b"Numbered question 20" in second.data and b"Numbered question 00" not in second.data


def test_profile_and_directory_show_what_an_urbanist_does(db, ask, asker, urbanist, other_urbanist,
                                                          make_user, signed_in_client, client):
    services.save_profile(urbanist, ["be", "en"], "Minsk, Hrodna", False)
    db.session.commit()
    for helped in (True, True, False, None):
        c = ask(asker)[0]
        answer(db, c, urbanist)
        if helped is not None:
            close(db, c, helped)
    c = ask(asker)[0]
    answer(db, c, other_urbanist)
    make_user("plain-activist")

    profile = client.get("/urbanists/lawyer")
    assert profile.status_code == 200
    text = profile.data.decode()
    assert "Lawyer Lena" in text and "Law" in text
    assert "Беларуская, English" in text and "Minsk, Hrodna" in text
    assert "<dd>4</dd>" in text and "67% of 3 rated" in text
    assert "Not taking requests now" not in text

    directory = client.get("/urbanists").data.decode()
    assert "Lawyer Lena" in directory and "planner" in directory
    assert "plain-activist" not in directory
    by_language = client.get("/urbanists?language=be").data.decode()
    assert "Lawyer Lena" in by_language and "planner" not in by_language
    by_specialty = client.get("/urbanists?specialty=urban_planning").data.decode()
    assert "planner" in by_specialty and "Lawyer Lena" not in by_specialty
    assert client.get("/urbanists?specialty=astrology").status_code == 400
    assert client.get("/urbanists/plain-activist").status_code == 404
    assert client.get("/urbanists/nobody").status_code == 404


def test_settings_and_pausing(db, urbanist, signed_in_client, client):
    mine = signed_in_client(urbanist)
    page = mine.get("/consultations/settings")
    assert page.status_code == 200 and b'name="paused"' in page.data
    response = mine.post("/consultations/settings",
                         data={"languages": ["ru", "be"], "cities": " Vitebsk ", "paused": "y"})
    assert response.status_code == 303
    profile = services.profile_of(urbanist)
    assert (profile.languages, profile.cities, profile.paused) == (["be", "ru"], "Vitebsk", True)
    assert b"Not taking requests now" in client.get("/urbanists/lawyer").data
    for data, message in (({"languages": ["de"]}, b"not a valid choice"),
                          ({"cities": "x" * 201}, b"longer than 200")):
        bad = mine.post("/consultations/settings", data=data)
        assert bad.status_code == 400 and message in bad.data
    mine.post("/consultations/settings", data={"languages": ["be"], "cities": ""})
    db.session.expire_all()
    assert not services.profile_of(urbanist).paused
