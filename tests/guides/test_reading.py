"""Reading guides: the list and its search, a guide's page, print version and history, drafts
kept private, and the version shown in the reader's language."""

import re

import pytest

from .conftest import step_data


def titles(response) -> list[str]:
    return re.findall(r'<h2 lang="\w+"><a href="/guides/[^"]+">([^<]+)</a></h2>', response.text)


def test_the_list_shows_published_guides_to_everyone_and_drafts_to_editors(
        app, client, make_guide, make_user, sign_in):
    make_guide(title="Published guide")
    make_guide(title="Secret draft", status="draft")
    assert titles(client.get("/guides")) == ["Published guide"]
    sign_in("activist")
    assert titles(client.get("/guides")) == ["Published guide"]
    editor = app.test_client()
    editor.post("/login", data={"username": make_user(role="urbanist", specialties=["law"]).username,
                                "password": "correct horse battery"})
    page = editor.get("/guides")
    assert titles(page) == ["Published guide", "Secret draft"]
    assert b'class="badge draft"' in page.data
    assert b"Write a guide" in page.data and b"Write a guide" not in client.get("/guides").data


@pytest.mark.parametrize("path", ["", "/slug", "/print", "/history"])
@pytest.mark.parametrize("role", ["anonymous", "activist"])
def test_drafts_answer_404_like_a_missing_guide(client, make_guide, sign_in, role, path):
    guide = make_guide(status="draft")
    sign_in(role)
    response = client.get(f"/guides/{guide.public_id}{path}")
    missing = client.get(f"/guides/nosuchguide{path}")
    assert response.status_code == missing.status_code == 404
    assert b"Nothing here" in response.data and b"Nothing here" in missing.data
    assert guide.title.encode() not in response.data


@pytest.mark.parametrize("role", ["urbanist", "admin"])
def test_editors_read_drafts(client, make_guide, sign_in, role):
    guide = make_guide(status="draft")
    sign_in(role)
    page = client.get(f"/guides/{guide.public_id}/{guide.slug}")
    assert page.status_code == 200
    assert b"Draft: only admins and urbanists see it" in page.data


def test_search_by_text_folds_cyrillic_case_and_filters_by_category(client, make_guide):
    make_guide(title="Суботнік у двары", language="be", category="waste", summary="Прыбіраем.",
               steps=(step_data("Узгадніце з ЖЭС", legal_notes="Закон аб зваротах"),))
    make_guide(title="Bench by the entrance", category="public_space", summary="Sit down.")
    make_guide(title="Trees for the yard", category="green", summary="Plant them.")

    assert titles(client.get("/guides?q=СУБОТНІК")) == ["Суботнік у двары"]
    assert titles(client.get("/guides?q=жэс")) == ["Суботнік у двары"]  # step texts count too
    assert titles(client.get("/guides?q=зваротах")) == ["Суботнік у двары"]
    assert titles(client.get("/guides?q=YARD")) == ["Trees for the yard"]
    assert titles(client.get("/guides?category=public_space")) == ["Bench by the entrance"]
    assert titles(client.get("/guides?q=yard&category=public_space")) == []
    assert b"No guide matches" in client.get("/guides?q=100%25_").data
    fragment = client.get("/guides?q=bench", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and 'id="guide-results"' in fragment.text


@pytest.mark.parametrize("query, message", [
    ("category=weapons", b"Not a valid choice"),
    ("q=" + "x" * 101, b"longer than 100"),
])
def test_a_bad_search_is_explained(client, query, message):
    response = client.get(f"/guides?{query}")
    assert response.status_code == 400
    assert message in response.data


def test_each_reader_gets_the_version_in_their_language(client, make_guide):
    family = "yard-garden"
    make_guide(title="Агарод у двары", language="be", family=family)
    make_guide(title="Огород во дворе", language="ru", family=family)
    make_guide(title="A yard garden", language="en", family=family, status="draft")
    make_guide(title="Only in Belarusian", language="be")

    def shown(language):
        return set(titles(client.get("/guides", headers={"Accept-Language": language})))

    assert shown("ru") == {"Only in Belarusian", "Огород во дворе"}
    assert shown("be") == {"Агарод у двары", "Only in Belarusian"}
    # The English version is a draft: an English reader gets the Belarusian original.
    assert shown("en") == {"Агарод у двары", "Only in Belarusian"}
    # A search that matches only the Russian text shows the Russian version.
    assert titles(client.get("/guides?q=огород", headers={"Accept-Language": "be"})) == ["Огород во дворе"]


def test_a_guide_page_shows_every_part_of_its_steps_safely(client, make_guide, make_user):
    editor = make_user("jurist", role="urbanist", specialties=["law"], display_name="Ales the lawyer")
    guide = make_guide(editor=editor, steps=(step_data(
        "Write the appeal", instructions="Write **politely**. <script>alert(1)</script>",
        legal_notes="Usually answered within 15 days.", documents="- signature lists",
        contacts="- the district administration", duration="two weeks"),))
    page = client.get(f"/guides/{guide.public_id}")
    assert page.status_code == 301
    page = client.get(page.headers["Location"])
    assert page.status_code == 200
    for text in (b"Step 1.", b"Write the appeal", b"<strong>politely</strong>", b"Legal notes",
                 b"Usually answered within 15 days.", b"Documents to prepare", b"signature lists",
                 b"Whom to contact", b"district administration", b"Typical duration", b"two weeks",
                 b"This guide is not legal advice", b'href="/consultations/new?topic=law"',
                 b"Last edited by Ales the lawyer", b"revision 1"):
        assert text in page.data, text
    assert b"<script>alert" not in page.data
    start = re.search(rb'href="(/initiatives/new\?[^"]+)"', page.data).group(1).decode()
    assert "category=waste" in start and "Clean+the+yard+together" in start


def test_the_print_version_has_the_whole_guide_and_where_it_came_from(client, make_guide):
    guide = make_guide(steps=(step_data("First", legal_notes="Law note."), step_data("Second")))
    page = client.get(f"/guides/{guide.public_id}/print")
    assert page.status_code == 200
    for text in (b"First", b"Second", b"Law note.", b"This guide is not legal advice",
                 b"/consultations/new?topic=law", f"/guides/{guide.public_id}/{guide.slug}".encode()):
        assert text in page.data
    assert b'class="guide-contents"' not in page.data
    assert re.search(rb"/static/js/guides\.[0-9a-f]+\.js", page.data)  # the print button, by script


def test_the_history_of_a_published_guide_is_public(client, make_guide):
    guide = make_guide()
    page = client.get(f"/guides/{guide.public_id}/history")
    assert page.status_code == 200
    assert b"Revision 1" in page.data and b"Created." in page.data


def test_the_header_links_to_guides_and_the_wizard(client):
    page = client.get("/guides")
    assert b'href="/guides">Guides</a>' in page.data
    assert b'href="/start">Start an initiative</a>' in page.data


def test_a_title_that_reads_like_a_page_name_gets_its_own_slug(client, make_guide):
    guide = make_guide(title="Print")
    assert guide.slug == "print-guide"
    response = client.get(f"/guides/{guide.public_id}")
    assert response.headers["Location"] == f"/guides/{guide.public_id}/print-guide"
