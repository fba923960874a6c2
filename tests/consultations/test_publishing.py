"""Sharing the knowledge: with the asker's consent the urbanist publishes an anonymised copy,
listed and searched at /consultations/answers."""

import pytest
from sqlalchemy import func, select

from robimgood.consultations.models import PublishedAnswer

from .conftest import answer, claim, close

PUBLISH = {"question": "How do we get a permit for a bench in a yard?",
           "answer": "Write to the district administration; cite the **yard improvement** rules.",
           "city": "Minsk"}


def published_count(db):
    return db.session.scalar(select(func.count()).select_from(PublishedAnswer))


@pytest.fixture
def answered(db, ask, asker, urbanist, make_initiative):
    initiative = make_initiative(organiser=asker, title="Bench for Kalinouskaha yard")
    c = ask(asker, question="Our yard at Kalinouskaha 12 needs a bench. How?", show_name=True,
            initiative=initiative)[0]
    answer(db, c, urbanist, "Write to the district administration.")
    return c


def test_publishing_needs_the_askers_consent(db, answered, asker, urbanist, signed_in_client):
    holder, mine = signed_in_client(urbanist), signed_in_client(asker)
    url = f"/consultations/{answered.public_id}"
    assert b"has not agreed to publishing" in holder.get(url).data
    for method in ("GET", "POST"):
        assert holder.open(f"{url}/publish", method=method, data=PUBLISH).status_code == 409
    assert published_count(db) == 0

    assert mine.post(f"{url}/consent", data={"consent": "yes"}).status_code == 303
    form = holder.get(f"{url}/publish")
    assert form.status_code == 200
    assert b"Kalinouskaha 12 needs a bench" in form.data  # prefilled, for the urbanist to edit
    assert b"Write to the district administration." in form.data
    response = holder.post(f"{url}/publish", data=PUBLISH)
    assert response.status_code == 303
    published = db.session.scalar(select(PublishedAnswer))
    assert response.headers["Location"] == f"/consultations/answers/{published.public_id}"
    assert (published.topic, published.city, published.urbanist_id) == ("law", "Minsk", urbanist.id)

    page = signed_in_client().get(response.headers["Location"])
    assert page.status_code == 200
    assert b"permit for a bench in a yard" in page.data
    assert b"<strong>yard improvement</strong>" in page.data
    assert b"Lawyer Lena" in page.data
    # Anonymised: no asker, no initiative, nothing of the private thread.
    for private in (b"Asker Ales", b"asker", b"Kalinouskaha", answered.public_id.encode()):
        assert private not in page.data
    assert b"See the published copy" in mine.get(url).data
    assert holder.post(f"{url}/publish", data=PUBLISH).status_code == 409  # once only
    assert published_count(db) == 1


def test_withdrawing_consent_removes_the_public_copy(db, answered, asker, urbanist, signed_in_client):
    mine, holder = signed_in_client(asker), signed_in_client(urbanist)
    url = f"/consultations/{answered.public_id}"
    mine.post(f"{url}/consent", data={"consent": "yes"})
    holder.post(f"{url}/publish", data=PUBLISH)
    public_id = db.session.scalar(select(PublishedAnswer.public_id))
    assert mine.post(f"{url}/consent", data={"consent": "no"}).status_code == 303
    assert published_count(db) == 0
    assert signed_in_client().get(f"/consultations/answers/{public_id}").status_code == 404
    assert holder.get(f"{url}/publish").status_code == 409


def test_closed_consultations_can_be_published_too(db, answered, asker, urbanist, signed_in_client):
    close(db, answered)
    signed_in_client(asker).post(f"/consultations/{answered.public_id}/consent",
                                 data={"consent": "yes"})
    holder = signed_in_client(urbanist)
    assert holder.post(f"/consultations/{answered.public_id}/publish", data=PUBLISH).status_code == 303


def test_consent_before_an_answer_is_refused(db, ask, asker, urbanist, signed_in_client):
    c = ask(asker)[0]
    claim(db, c, urbanist)
    response = signed_in_client(asker).post(f"/consultations/{c.public_id}/consent",
                                            data={"consent": "yes"})
    assert response.status_code == 409 and b"once your question has an answer" in response.data
    assert signed_in_client(asker).post(f"/consultations/{c.public_id}/consent",
                                        data={"consent": "perhaps"}).status_code == 400
    db.session.refresh(c)
    assert not c.share_consent


def test_an_anonymous_asker_consents_through_the_secret_link(db, ask, urbanist, client,
                                                             signed_in_client):
    c, token = ask()
    answer(db, c, urbanist)
    assert b"I agree to publishing" in client.get(f"/c/{token}").data
    assert client.post(f"/c/{token}/consent", data={"consent": "yes"}).status_code == 303
    db.session.refresh(c)
    assert c.share_consent
    assert b"Publish as a public question" in signed_in_client(urbanist).get(
        f"/consultations/{c.public_id}").data


@pytest.mark.parametrize("fields, message", [
    ({"question": ""}, b"This field is required"),
    ({"answer": " "}, b"This field is required"),
    ({"question": "x" * 5001}, b"between 10 and 5000"),
    ({"city": "x" * 81}, b"longer than 80"),
])
def test_bad_publish_input_is_explained(db, answered, asker, urbanist, signed_in_client, fields,
                                        message):
    signed_in_client(asker).post(f"/consultations/{answered.public_id}/consent",
                                 data={"consent": "yes"})
    response = signed_in_client(urbanist).post(f"/consultations/{answered.public_id}/publish",
                                               data={**PUBLISH, **fields})
    assert response.status_code == 400 and message in response.data
    assert published_count(db) == 0


@pytest.fixture
def library(db, urbanist):
    texts = [("law", "Як атрымаць дазвол на ЛАЎКУ ў двары?", "Напішыце ў адміністрацыю.", "Мінск"),
             ("ecology", "Can we plant trees by the road?", "Yes, with the road service.", ""),
             ("law", "Who owns the yard behind our block?", "Look it up in the land register.", "")]
    for topic, question, text, city in texts:
        db.session.add(PublishedAnswer(public_id=f"pub{len(question)}", urbanist=urbanist,
                                       topic=topic, language="be", city=city, question=question,
                                       answer=text,
                                       search_text=" ".join((question, text, city)).casefold()))
    db.session.commit()


@pytest.mark.parametrize("query, expected", [
    ("", 3),
    ("?q=лаўку", 1),          # Cyrillic is folded, unlike SQLite's LIKE
    ("?q=ЛАЎКУ", 1),
    ("?q=мінск", 1),
    ("?q=YARD", 1),
    ("?q=50%25", 0),          # LIKE wildcards are searched for literally
    ("?q=_", 0),
    ("?topic=law", 2),
    ("?topic=ecology&q=trees", 1),
    ("?topic=law&q=trees", 0),
])
def test_answers_are_listed_and_searched(client, library, query, expected):
    page = client.get(f"/consultations/answers{query}")
    assert page.status_code == 200
    assert page.data.count(b'<li class="card">') == expected


def test_answers_search_gives_htmx_its_fragment_and_refuses_bad_filters(client, library):
    fragment = client.get("/consultations/answers?q=trees", headers={"HX-Request": "true"})
    assert b'<section id="answers-results"' in fragment.data and b"<html" not in fragment.data
    for query in ("?topic=astrology", "?q=" + "x" * 101, "?page=0", "?page=x"):
        assert client.get(f"/consultations/answers{query}").status_code == 400
    assert client.get("/consultations/answers/nosuchthing").status_code == 404
