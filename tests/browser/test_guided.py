"""Following a guide in a real browser: with JavaScript off an organiser adopts a guide, ticks
and skips its steps and watches the bar grow on the page and in the list; a guide's "Start an
initiative" link leads to an initiative that follows it; with JavaScript on, the map's popup
says which initiatives follow a guide and the guide filter narrows the map and the list."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
GUIDE = "Bench by the entrance"
STEPS = ["Ask the neighbours", "Write to the housing office", "Put up the bench"]


@pytest.fixture(scope="module")
def seeded(live_server):
    """A published guide; an organiser with an initiative that follows no guide and another that
    follows it, one step of three done."""
    from robimgood.accounts import services as accounts
    from robimgood.community import services as community
    from robimgood.extensions import db
    from robimgood.guided import services as guided
    from robimgood.guides import services as guides
    from robimgood.initiatives import services as initiatives

    from ..conftest import VALID_INITIATIVE

    with live_server.app.app_context():
        organiser = accounts.register("guided-organiser", PASSWORD)
        urbanist = accounts.register("guided-urbanist", PASSWORD)
        accounts.grant_role(urbanist, "urbanist", ["law"])
        guide = guides.create(urbanist, {
            "title": GUIDE, "summary": "How neighbours get a bench.", "category": "public_space",
            "language": "en", "status": "published",
            "steps": [{"title": t, "instructions": f"How to {t.lower()}.", "legal_notes": "",
                       "documents": "", "contacts": "", "duration": ""} for t in STEPS]})
        initiative = initiatives.create(organiser, {**VALID_INITIATIVE, "title": "Bench for Block 5"})
        following = initiatives.create(organiser, {**VALID_INITIATIVE, "title": "Bench for Block 9",
                                                   "latitude": 53.925, "longitude": 27.60})
        community.set_done(following, guided.adopt(following, guide)[0], True)
        db.session.commit()
        made = {"guide": (guide.public_id, guide.slug), "initiative": (initiative.public_id, initiative.slug)}
        db.session.remove()
    return made


def sign_in(page, server):
    page.goto(server.url + "/login")
    page.fill("#username", "guided-organiser")
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(server.url + "/")


def bar(page) -> str:
    return page.locator("#checklist progress").get_attribute("value")


def test_adopt_tick_and_skip_without_javascript(live_server, seeded, make_page):
    page = make_page(java_script_enabled=False)
    sign_in(page, live_server)
    public_id, slug = seeded["initiative"]
    page.goto(f"{live_server.url}/i/{public_id}/{slug}")
    page.select_option("#guide-choice", label=GUIDE)
    page.get_by_role("button", name="Follow this guide").click()
    expect(page.locator(".flashes")).to_contain_text("follows the guide “Bench by the entrance”")
    expect(page.locator("#guide h2")).to_have_text("The guide we follow")
    expect(page.locator("#checklist .checklist-title")).to_have_text(STEPS)
    assert bar(page) == "0"

    page.get_by_role("link", name="Keep the checklist").click()
    page.get_by_role("button", name=f"Not done: {STEPS[0]}").click()
    expect(page.locator(".flashes")).to_contain_text("The checklist is saved.")
    assert bar(page) == "33"
    page.locator(".checklist-item", has_text=STEPS[1]).get_by_role("link", name="Skip").click()
    page.get_by_role("button", name="Skip the step").click()  # without a reason: refused
    expect(page.locator(".errors")).to_contain_text("Say why the step is skipped.")
    page.fill("#reason", "The housing office agreed on the phone.")
    page.get_by_role("button", name="Skip the step").click()
    assert bar(page) == "50"
    expect(page.locator(".checklist-item.skipped")).to_contain_text("agreed on the phone")

    page.goto(f"{live_server.url}/i/{public_id}/{slug}")
    expect(page.locator("#community .progress-text")).to_have_text("50% done")
    expect(page.locator("#milestones .count")).to_have_text("1 of 2 steps done · 1 step skipped")
    page.goto(f"{live_server.url}/initiatives?guide=yes&progress=50")
    expect(page.locator(".card", has_text="Bench for Block 5").locator("progress")).to_have_attribute(
        "value", "50")
    page.goto(f"{live_server.url}/initiatives?guide=no")
    expect(page.locator(".card", has_text="Bench for Block 5")).to_have_count(0)


def test_starting_from_a_guide_follows_it_without_javascript(live_server, seeded, make_page):
    page = make_page(java_script_enabled=False)
    sign_in(page, live_server)
    public_id, slug = seeded["guide"]
    page.goto(f"{live_server.url}/guides/{public_id}/{slug}")
    page.get_by_role("link", name="Start an initiative with this guide").click()
    follow = page.get_by_label(re.compile("Follow the guide “Bench by the entrance”"))
    expect(follow).to_be_checked()
    page.fill("#title", "Bench for Block 7")
    page.fill("#summary", "A bench by the entrance of Block 7.")
    page.fill("#city", "Minsk")
    page.fill("#latitude", "53.93")
    page.fill("#longitude", "27.60")
    page.get_by_role("button", name="Publish on the map").click()
    expect(page.locator("h1")).to_have_text("Bench for Block 7")
    expect(page.locator("#guide .followed-guide a")).to_have_text(GUIDE)
    expect(page.locator("#checklist .checklist-title")).to_have_text(STEPS)


def test_the_map_popup_and_the_guide_filter(live_server, seeded, make_page, page_log):
    page = make_page(page_log)
    sign_in(page, live_server)
    page.goto(live_server.url + "/map#53.9225,27.5950,14")
    marker = page.locator('#map-panel .leaflet-marker-icon[title="Bench for Block 9"]')
    expect(marker).to_be_visible()
    marker.click()
    expect(page.locator(".popup-guide")).to_have_text("Follows a guide")
    expect(page.locator(".popup-progress-text")).to_have_text("33% done")

    page.select_option("#filter-guide", "no")  # HTMX refreshes the list; map.js the markers
    expect(page.locator("#results .card", has_text="Bench for Block 9")).to_have_count(0)
    expect(marker).to_have_count(0)
    page.select_option("#filter-guide", "yes")
    expect(page.locator("#results .card", has_text="Bench for Block 9")).to_have_count(1)
    expect(marker).to_be_visible()
    page.select_option("#filter-progress", "50")
    expect(page.locator("#results .card", has_text="Bench for Block 9")).to_have_count(0)
    expect(marker).to_have_count(0)
    assert page_log.page_errors == []
    assert page_log.csp_messages == [] and page.evaluate("window.__cspViolations") == []
