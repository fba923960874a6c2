"""Statistics and open data in a real browser: the charts are drawn and coloured under the strict
CSP, the tables open without JavaScript, a phone needs no sideways scrolling, and the list's
download link gives the CSV."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(live_server):
    from robimgood.accounts import services as accounts
    from robimgood.extensions import db
    from robimgood.initiatives import services as initiatives

    from ..conftest import VALID_INITIATIVE

    with live_server.app.app_context():
        organiser = accounts.register("browser-stats", "correct horse battery")
        for n, (category, status, city) in enumerate([
                ("green", "done", "Minsk"), ("green", "idea", "Minsk"), ("transport", "planning", "Brest"),
                ("waste", "in_progress", "Гомель")]):
            initiatives.create(organiser, {**VALID_INITIATIVE, "title": f"Initiative {n}",
                                           "category": category, "status": status, "city": city})
        db.session.commit()
        db.session.remove()


def no_trouble(page, page_log):
    assert page_log.page_errors == [] and page_log.aborted == []
    assert page_log.csp_messages == [] and page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("javascript", [True, False])
def test_the_statistics_page_draws_its_charts(live_server, seeded, make_page, page_log, javascript):
    page = make_page(page_log, java_script_enabled=javascript)
    page.goto(live_server.url + "/stats")
    chart = page.locator("#chart-status")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 200
    bars = page.locator("#chart-status rect")
    assert bars.count() == 5
    # Coloured by the stylesheet (no style attributes): "done" is green, not the default black.
    fill = page.locator("#chart-status rect.st-done").evaluate("e => getComputedStyle(e).fill")
    assert fill == "rgb(46, 125, 50)"
    table = page.locator("#table-status")
    expect(table).to_be_hidden()
    page.get_by_text("The numbers as a table").first.click()
    expect(table).to_be_visible()
    expect(table.locator("tr", has_text="Done")).to_contain_text("1")
    expect(page.locator("#table-cities")).to_contain_text("Гомель")
    if javascript:
        no_trouble(page, page_log)


def test_a_phone_needs_no_sideways_scrolling(live_server, seeded, make_page, page_log):
    page = make_page(page_log, viewport={"width": 360, "height": 740})
    for path in ("/stats", "/api"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px too wide for a phone"
    no_trouble(page, page_log)


def test_the_list_offers_its_initiatives_as_csv(live_server, seeded, page, page_log):
    page.goto(live_server.url + "/initiatives?category=green")
    link = page.get_by_role("link", name="CSV")
    assert link.get_attribute("href") == "/api/initiatives.csv?category=green"
    with page.expect_download() as download:
        link.click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("id,title,summary")
    assert "Initiative 0" in text and "Initiative 1" in text and "Initiative 2" not in text
    page.goto(live_server.url + "/api")
    expect(page.locator("#initiativesGeoJSON")).to_contain_text("GET /api/initiatives.geojson")
    no_trouble(page, page_log)
