"""The idea wizard at /start: the right guides for each path through its questions, bad answers
refused with a clear message, and the draft initiative it hands to the initiative form."""

import html
import itertools
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from robimgood.guides import content, wizard
from robimgood.guides.models import Guide
from robimgood.initiatives.models import Initiative

CLEAN, TREES, CROSSING = "yard-clean-up", "trees-and-gardens", "pedestrian-crossing"
BENCH, HERITAGE = "bench-or-bike-rack", "historic-building"
APPEAL, MEETING = "collective-appeal", "residents-meeting"

# (goal, place, permission, people) -> the guides recommended, best first.
PATHS = [
    (("clean", "yard", "no", "few"), [CLEAN]),
    (("clean", "park", "no", "group"), [CLEAN, APPEAL]),
    (("clean", "yard", "no", "many"), [CLEAN, MEETING]),
    (("clean", "building", "no", "few"), [CLEAN, MEETING]),
    (("green", "yard", "yes", "group"), [TREES, APPEAL]),
    (("green", "yard", "unsure", "few"), [TREES, APPEAL]),
    (("green", "street", "no", "few"), [TREES, APPEAL]),
    (("traffic", "street", "yes", "group"), [CROSSING, APPEAL]),
    (("traffic", "street", "no", "many"), [CROSSING, APPEAL, MEETING]),
    (("furniture", "yard", "no", "few"), [BENCH]),
    (("furniture", "park", "yes", "few"), [BENCH, APPEAL]),
    (("heritage", "building", "yes", "group"), [HERITAGE, APPEAL, MEETING]),
    (("heritage", "street", "unsure", "many"), [HERITAGE, APPEAL, MEETING]),
    (("city_fix", "yard", "yes", "few"), [APPEAL]),
    (("city_fix", "street", "no", "many"), [APPEAL, MEETING]),
    (("together", "yard", "no", "group"), [MEETING]),
    (("together", "building", "yes", "many"), [MEETING, APPEAL]),
]
EVERY_PATH = list(itertools.product(*(q.choices for q in wizard.QUESTIONS)))


def answers_of(path) -> dict:
    return dict(zip(wizard.QUESTION_NAMES, path, strict=True))


@pytest.fixture
def guides(db):
    content.load()
    db.session.commit()
    return {g.family: g for g in db.session.scalars(select(Guide).where(Guide.language == "en"))}


@pytest.mark.parametrize("path, expected", PATHS, ids=lambda v: "-".join(v) if isinstance(v, tuple) else "")
def test_recommendation_for_each_path(path, expected):
    assert wizard.recommend(answers_of(path)).families == expected


@pytest.mark.parametrize("path", EVERY_PATH, ids="-".join)
def test_every_path_starts_with_the_guide_for_its_goal(path):
    recommendation = wizard.recommend(answers_of(path))
    assert recommendation.families[0] == wizard.GOAL_GUIDES[path[0]]
    assert len(set(recommendation.families)) == len(recommendation.families)
    assert set(recommendation.families) <= {item["family"] for item in content.read_all()}


def _result_titles(response) -> list[str]:
    return [html.unescape(t) for t in
            re.findall(r'<h4 lang="\w+"><a href="/guides/[^"]+">([^<]+)</a></h4>', response.text)]


@pytest.mark.parametrize("path, expected", PATHS, ids=lambda v: "-".join(v) if isinstance(v, tuple) else "")
def test_walking_the_questions_one_page_at_a_time(app, client, guides, path, expected):
    """Each page asks one question and carries the earlier answers in hidden fields, as a browser
    without JavaScript submits them."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        texts = [str(q.text) for q in wizard.QUESTIONS]
    page = client.get("/start")
    for number, (question, answer) in enumerate(zip(wizard.QUESTIONS, path, strict=True), 1):
        assert page.status_code == 200
        assert f"Question {number} of 4" in page.text
        assert texts[number - 1] in html.unescape(page.text)
        section = page.text.split('<section id="wizard"', 1)[1].split("</section>", 1)[0]
        form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', section))
        assert form == {**dict(zip(wizard.QUESTION_NAMES, path[:number - 1], strict=False)),
                        "asked": question.name}
        page = client.get("/start?" + urlencode({**form, question.name: answer}))
    assert page.status_code == 200
    assert "Your plan" in page.text
    assert _result_titles(page) == [guides[family].title for family in expected]


def test_the_plan_pre_fills_a_draft_initiative(client, db, guides, make_user, login):
    page = client.get("/start?goal=traffic&place=street&permission=yes&people=group")
    link = html.unescape(re.search(r'<a class="button" href="([^"]+)">Turn it into an initiative',
                                   page.text).group(1))
    query = parse_qs(urlsplit(link).query)
    crossing = guides[CROSSING]
    assert urlsplit(link).path == "/initiatives/new"
    assert query["title"] == ["A safer road on our street"]
    assert query["category"] == ["safety"]
    assert query["description"] == [
        f"We follow the guide: [{crossing.title}](/guides/{crossing.public_id}/{crossing.slug})"]
    assert "You will be asked to sign in or register first" in page.text

    # Anonymous: signing in comes first, then the form opens filled in.
    response = client.get(link)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    user = make_user()
    signed_in = client.post(response.headers["Location"], data={"username": user.username,
                                                                "password": "correct horse battery"})
    back = urlsplit(signed_in.headers["Location"])
    assert (back.path, parse_qs(back.query)) == ("/initiatives/new", query)
    form = client.get(signed_in.headers["Location"])
    assert form.status_code == 200
    assert 'value="A safer road on our street"' in form.text
    assert '<option selected value="safety">' in form.text
    assert f"[{crossing.title}](/guides/{crossing.public_id}/{crossing.slug})" in html.unescape(form.text)
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == 0


def test_registering_from_the_plan_returns_to_the_draft(app, client):
    link = "/initiatives/new?" + urlencode({"title": "Clean-up day in our yard", "category": "waste"})
    login_page = client.get("/login?" + urlencode({"next": link}))
    register = re.search(r'<a href="(/register\?next=[^"]*)">Register', login_page.text).group(1)
    register = html.unescape(register)
    response = client.post(register, data={"username": "newcomer", "password": "correct horse battery",
                                           "confirm": "correct horse battery"})
    assert response.status_code == 303
    back = urlsplit(response.headers["Location"])
    assert (back.path, parse_qs(back.query)) == ("/initiatives/new", parse_qs(urlsplit(link).query))
    # Only paths on this site: registering never sends anyone elsewhere.
    elsewhere = app.test_client().post("/register?" + urlencode({"next": "//evil.example/x"}), data={
        "username": "second", "password": "correct horse battery", "confirm": "correct horse battery"})
    assert elsewhere.headers["Location"] == "/"


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_the_draft_link_stays_short_enough_for_every_server(app, guides, language):
    """gunicorn refuses request lines over 4094 bytes; Cyrillic takes six bytes per letter."""
    longest = max(guides.values(), key=lambda g: len(g.title))
    with app.test_request_context(headers={"Accept-Language": language}):
        for path in EVERY_PATH:
            draft = wizard.draft_initiative(answers_of(path), longest,
                                            f"/guides/{longest.public_id}/{longest.slug}")
            assert len(draft["summary"]) <= 280 and 3 <= len(draft["title"]) <= 120
            assert len("GET /initiatives/new?" + urlencode(draft) + " HTTP/1.1") < 3000


@pytest.mark.parametrize("query, question, message", [
    ("goal=moon", 1, "“moon” is not one of the answers to “What do you want to change?”"),
    ("goal=clean&place=moon", 2, "“moon” is not one of the answers to “Where is it?”"),
    ("goal=clean&place=yard&permission=maybe", 3, "not one of the answers"),
    ("goal=clean&place=yard&permission=no&people=everyone", 4, "“everyone” is not one of the answers"),
    ("goal=clean&asked=place", 2, "Choose one of the answers."),
    ("asked=goal", 1, "Choose one of the answers."),
    ("goal=" + "x" * 500, 1, "“" + "x" * 40 + "” is not one"),
])
def test_a_bad_answer_is_refused_with_a_clear_message(client, db, query, question, message):
    response = client.get(f"/start?{query}")
    assert response.status_code == 400
    assert message in html.unescape(response.text)
    assert f"Question {question} of 4" in response.text
    assert "x" * 41 not in response.text.split('<section id="wizard"', 1)[1].split("</section>")[0]
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == 0


def test_answers_after_a_missing_one_are_not_carried(client):
    page = client.get("/start?goal=clean&people=many")
    assert page.status_code == 200
    assert "Question 2 of 4" in page.text
    assert 'name="people" value="many"' not in page.text


def test_htmx_gets_only_the_wizard(client, guides):
    response = client.get("/start?goal=clean", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and response.text.lstrip().startswith('<section id="wizard"')
    assert "HX-Request" in response.headers["Vary"]
    bad = client.get("/start?goal=moon", headers={"HX-Request": "true"})
    assert bad.status_code == 400 and "<html" not in bad.text and "not one of the answers" in bad.text


def test_without_guides_the_plan_still_offers_a_draft(client, db):
    page = client.get("/start?goal=heritage&place=building&permission=yes&people=few")
    assert page.status_code == 200
    assert "We have no guide for this yet." in page.text
    assert "/initiatives/new?title=" in page.text and "category=heritage" in page.text


def test_the_plan_is_in_the_readers_language(client, guides):
    page = client.get("/start?goal=clean&place=yard&permission=no&people=few",
                      headers={"Accept-Language": "be"})
    assert "Суботнік у двары" in page.text


@pytest.mark.parametrize("query, kept, dropped", [
    ({"title": "ab"}, [], ['value="ab"']),
    ({"title": "x" * 121}, [], ["x" * 121]),
    ({"category": "weapons"}, [], ['selected value="weapons"']),
    ({"summary": "s" * 281}, [], ["s" * 281]),
    ({"title": "Trees <b>here</b>", "category": "green"},
     ['value="Trees &lt;b&gt;here&lt;/b&gt;"', '<option selected value="green">'], ["<b>here"]),
    ({"description": "Plan: [guide](/guides/x)", "latitude": "53.9", "longitude": "27.5"},
     ["Plan: [guide](/guides/x)", 'value="53.9"'], []),
])
def test_the_initiative_form_keeps_only_valid_pre_filled_values(client, make_user, login, query, kept,
                                                               dropped):
    login(make_user())
    response = client.get("/initiatives/new?" + urlencode(query))
    assert response.status_code == 200
    form = response.text.split('<form method="post" class="stacked"', 1)[1].split("</form>", 1)[0]
    assert 'class="errors"' not in response.text and "Please correct" not in response.text
    for text in kept:
        assert text in form
    for text in dropped:
        assert text not in form
