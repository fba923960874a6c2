"""The three journeys of the issue, with JavaScript on, as people make them: an activist
registers, pins an initiative on the map picker and sees it on the map; a neighbour finds it on
the map, opens it from the popup and joins; an anonymous activist asks, an urbanist answers and
the activist reads the answer by the secret link.

Each journey saves a screenshot of every step under test-results/<test name>/ at the repo root.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PageLog, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
GARDEN = "Herb garden behind Block 12"
GARDEN_AT = (53.9123, 27.5432)


@pytest.fixture
def shot(request):
    """shot(page, step): a full-page screenshot, numbered in the order of the journey."""
    folder = RESULTS / re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    count = iter(range(1, 100))

    def take(page, step: str) -> None:
        # caret="initial": hiding the caret would inject a <style>, which the CSP refuses.
        page.screenshot(path=str(folder / f"{next(count):02d}-{step}.png"), full_page=True,
                        caret="initial")

    yield take
    print(f"\nscreenshots: {folder}")


@pytest.fixture(scope="module")
def people(live_server):
    """A neighbour, an urbanist, and an initiative on the map for the neighbour to find."""
    from robimgood.accounts import services as accounts
    from robimgood.extensions import db
    from robimgood.initiatives import services as initiatives

    from ..conftest import VALID_INITIATIVE

    with live_server.app.app_context():
        organiser = accounts.register("journey-organiser", PASSWORD)
        accounts.register("journey-neighbour", PASSWORD)
        urbanist = accounts.register("journey-urbanist", PASSWORD, display_name="Architect Alena")
        accounts.grant_role(urbanist, "urbanist", ["architecture", "law"])
        initiatives.create(organiser, {**VALID_INITIATIVE, "title": GARDEN,
                                       "latitude": GARDEN_AT[0], "longitude": GARDEN_AT[1],
                                       "location_precision": "exact"})
        db.session.commit()
        db.session.remove()


def assert_clean(log: PageLog, server) -> None:
    """Nothing went wrong in the page: no script error, no CSP violation, no request to a host
    but ours (the tiles are refused by the test's router)."""
    assert log.page_errors == [] and log.csp_messages == [], (log.page_errors, log.csp_messages)
    assert {h for h in log.hosts() if h != server.host} <= {
        re.sub(r"^https?://", "", u).split("/")[0] for u in log.aborted}


def marker(page, title: str):
    return page.locator(f"#map-panel .leaflet-marker-icon[title='{title}']")


def test_an_activist_registers_pins_an_initiative_and_sees_it_on_the_map(
        live_server, people, make_page, shot):
    log = PageLog()
    page = make_page(log)
    page.goto(live_server.url + "/")
    shot(page, "home")
    page.get_by_role("link", name="Register").click()
    page.fill("#username", "journey-activist")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    shot(page, "registration-form")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".flashes")).to_contain_text("Welcome to Robim Good!")
    shot(page, "registered")

    page.get_by_role("link", name="New initiative", exact=True).click()
    page.fill("#title", "Swings for the yard on Kulman")
    page.fill("#summary", "The old swings broke; we want new ones for the children.")
    page.select_option("#category", "children_sport")
    page.fill("#city", "Minsk")
    picker = page.locator(".picker-map .folium-map")
    expect(picker.locator(".leaflet-tile-pane")).to_be_attached()
    picker.scroll_into_view_if_needed()
    box = picker.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    expect(page.locator(".picker-map .pin-picked")).to_be_visible()
    lat, lon = float(page.input_value("#latitude")), float(page.input_value("#longitude"))
    assert 51 < lat < 56.5 and 23 < lon < 33, (lat, lon)  # Belarus, where the picker opens
    page.select_option("#location_precision", "exact")
    shot(page, "pinned-on-the-picker")
    page.get_by_role("button", name="Publish on the map").click()
    expect(page.locator("h1")).to_have_text("Swings for the yard on Kulman")
    shot(page, "published")

    page.goto(f"{live_server.url}/map#{lat:.4f},{lon:.4f},16")
    pin = marker(page, "Swings for the yard on Kulman")
    expect(pin).to_be_visible()
    expect(page.locator("#results .card h3", has_text="Swings for the yard")).to_be_visible()
    shot(page, "on-the-map")
    assert_clean(log, live_server)


def test_a_neighbour_finds_it_on_the_map_opens_it_and_joins(live_server, people, make_page, shot):
    log = PageLog()
    page = make_page(log)
    sign_in(page, live_server, "journey-neighbour")
    page.goto(f"{live_server.url}/map#{GARDEN_AT[0]},{GARDEN_AT[1]},15")
    expect(marker(page, GARDEN)).to_be_visible()
    shot(page, "the-map")
    marker(page, GARDEN).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".popup-title")).to_have_text(GARDEN)
    shot(page, "popup")
    popup.locator(".popup-link").click()
    expect(page.locator("h1")).to_have_text(GARDEN)
    shot(page, "the-initiative")
    panel = page.locator("#community")
    panel.get_by_role("button", name="Join").click()  # HTMX swaps the panel in place
    expect(panel).to_contain_text("You are a member.")
    expect(page.locator("h1")).to_have_text(GARDEN)
    shot(page, "joined")
    page.goto(live_server.url + "/me/initiatives")
    expect(page.locator("main")).to_contain_text(GARDEN)
    shot(page, "my-initiatives")
    assert_clean(log, live_server)


def test_an_anonymous_activist_asks_an_urbanist_answers_and_the_answer_is_read(
        live_server, people, make_page, shot):
    asker_log, urbanist_log = PageLog(), PageLog()
    asker = make_page(asker_log)
    asker.goto(live_server.url + "/consultations")
    shot(asker, "consultations")
    asker.get_by_role("link", name="Ask an expert").first.click()
    asker.select_option("#topic", "architecture")
    asker.fill("#question", "Can a pergola stand in a yard without a building permit?")
    asker.fill("#city", "Minsk")
    asker.select_option("#language", "en")
    shot(asker, "question")
    asker.get_by_role("button", name="Send the question").click()
    expect(asker.locator("h1")).to_have_text("Your question is sent")
    link = asker.locator("#secret-link").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/c/[A-Za-z0-9_-]{43}", link), link
    shot(asker, "secret-link")

    urbanist = make_page(urbanist_log)
    sign_in(urbanist, live_server, "journey-urbanist")
    urbanist.goto(live_server.url + "/consultations/queue")
    card = urbanist.locator(".queue-list .card", has_text="pergola")
    shot(urbanist, "queue")
    card.get_by_role("button", name="Take this request").click()
    urbanist.fill("#body", "A light pergola without foundations needs no permit; ask the "
                           "housing office to agree on the place.")
    shot(urbanist, "answer")
    urbanist.get_by_role("button", name="Send the answer").click()
    expect(urbanist.locator("#thread .state")).to_have_text("Answered")
    shot(urbanist, "answered")

    reader = make_page(PageLog())  # days later, another browser: the link is all there is
    reader.goto(link)
    expect(reader.locator("#thread .messages .from-urbanist")).to_contain_text("needs no permit")
    expect(reader.locator(".consultation-status")).to_contain_text("Architect Alena has answered")
    shot(reader, "answer-read")
    assert_clean(asker_log, live_server)
    assert_clean(urbanist_log, live_server)
