"""The idea wizard in a real browser: a first-time visitor with JavaScript off answers the
questions, gets a plan, registers and puts the pre-filled initiative on the map; with JavaScript
on the same flow runs in place through HTMX; the plan's guide prints without the site around it."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ANSWERS = [  # the label of each answer, in question order
    "Clean up a yard, a park or a river bank",
    "A yard between houses",
    "No, we can do it ourselves",
    "Just me and a few neighbours",
]
GUIDE_TITLE = "A clean-up day in your yard"


@pytest.fixture(scope="module")
def with_guides(live_server):
    """The shipped guides in the live server's database."""
    from robimgood.extensions import db
    from robimgood.guides.content import load

    with live_server.app.app_context():
        load()
        db.session.commit()
        db.session.remove()
    return live_server


def answer_all(page, number_of_answers=None):
    for number, label in enumerate(ANSWERS[:number_of_answers], 1):
        expect(page.locator(".wizard-progress")).to_have_text(f"Question {number} of 4")
        page.get_by_label(label, exact=True).check()
        page.locator("#wizard button[type=submit]").click()


def test_the_wizard_works_without_javascript_from_idea_to_the_map(with_guides, make_page):
    server = with_guides
    page = make_page(java_script_enabled=False)
    page.goto(f"{server.url}/start")
    # Pressing Next without an answer is stopped by the browser itself, no script needed.
    page.locator("#wizard button[type=submit]").click()
    expect(page.locator(".wizard-progress")).to_have_text("Question 1 of 4")
    assert page.locator("input[name=goal]:invalid").count() == 7

    answer_all(page)
    expect(page.locator("#wizard h2")).to_have_text("Your plan")
    query = parse_qs(urlsplit(page.url).query)
    assert {k: v[0] for k, v in query.items() if k != "asked"} == {
        "goal": "clean", "place": "yard", "permission": "no", "people": "few"}
    expect(page.locator(".recommended-guides h4 a")).to_have_text([GUIDE_TITLE])

    # Back from the plan: "Change" for the last question asks it again.
    page.get_by_role("link", name=re.compile(r"^Change\W+How many people")).click()
    expect(page.locator(".wizard-progress")).to_have_text("Question 4 of 4")
    page.get_by_label("Many: a whole block or district", exact=True).check()
    page.locator("#wizard button[type=submit]").click()
    expect(page.locator(".recommended-guides h4 a")).to_have_text(
        [GUIDE_TITLE, "A residents' meeting"])

    page.get_by_role("link", name="Turn it into an initiative on the map").click()
    assert urlsplit(page.url).path == "/login"
    page.locator("main").get_by_role("link", name="Register").click()
    page.fill("#username", "first-timer")
    page.fill("#password", "correct horse battery")
    page.fill("#confirm", "correct horse battery")
    page.get_by_role("button", name="Create my account").click()

    assert urlsplit(page.url).path == "/initiatives/new"
    expect(page.locator("#title")).to_have_value("Clean-up day in our yard")
    expect(page.locator("#category")).to_have_value("waste")
    expect(page.locator("#description")).to_contain_text(f"We follow the guide: [{GUIDE_TITLE}]")
    page.fill("#city", "Hrodna")
    page.fill("#latitude", "53.6780")
    page.fill("#longitude", "23.8290")
    page.get_by_role("button", name="Publish on the map").click()

    expect(page.locator("h1")).to_have_text("Clean-up day in our yard")
    link = page.locator(".prose a", has_text=GUIDE_TITLE)
    link.click()
    expect(page.locator("h1")).to_have_text(GUIDE_TITLE)
    expect(page.locator(".guide-step")).to_have_count(7)


def test_with_javascript_the_wizard_is_one_page(with_guides, page, page_log):
    server = with_guides
    page.goto(f"{server.url}/start")
    page.evaluate("window.__samePage = true")
    answer_all(page, 2)
    expect(page.locator(".wizard-progress")).to_have_text("Question 3 of 4")
    assert parse_qs(urlsplit(page.url).query)["place"] == ["yard"]  # the address follows
    expect(page.locator("#wizard-question")).to_be_focused()
    page.get_by_role("link", name="Back").click()
    expect(page.locator(".wizard-progress")).to_have_text("Question 2 of 4")
    page.get_by_label("A park, a square or a river bank", exact=True).check()
    page.locator("#wizard button[type=submit]").click()
    for label in ANSWERS[2:]:
        page.get_by_label(label, exact=True).check()
        page.locator("#wizard button[type=submit]").click()
    expect(page.locator("#wizard h2")).to_have_text("Your plan")
    expect(page.locator(".recommended-guides h4 a")).to_have_text(
        [GUIDE_TITLE, "A collective appeal to the city administration"])
    expect(page.locator(".wizard-note")).to_contain_text("Streets and parks belong to the city")
    assert page.evaluate("window.__samePage") is True, "a step reloaded the whole page"

    # A refused answer is explained in place, as without JavaScript.
    page.evaluate("htmx.ajax('GET', '/start?goal=moon', {target: '#wizard', swap: 'outerHTML'})")
    expect(page.locator("#wizard .form-errors")).to_contain_text("“moon” is not one of the answers")
    assert page.evaluate("window.__samePage") is True
    assert page_log.page_errors == [] and page_log.csp_messages == []
    assert page.evaluate("window.__cspViolations") == []


def test_a_guide_prints_without_the_site_around_it(with_guides, page):
    server = with_guides
    page.goto(f"{server.url}/guides")
    page.get_by_role("link", name=GUIDE_TITLE).click()
    page.get_by_role("link", name="Printable version").click()
    expect(page.locator("button[data-print]")).to_be_visible()  # revealed by guides.js
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("button[data-print]")).to_be_hidden()
    expect(page.locator(".guide-step")).to_have_count(7)
    expect(page.locator(".legal-disclaimer")).to_be_visible()
    expect(page.locator(".print-source")).to_contain_text("/guides/")
