"""Community pages in a real browser: progress in the map popup, done pins, joining with HTMX
and without JavaScript, the area picker, and the flyer in print. Nothing breaks the CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def seeded(live_server):
    """In the live server's database: an organiser, a neighbour who can sign in, and two
    initiatives in Minsk, one half-way through its checklist and one done."""
    from robimgood.accounts import services as accounts
    from robimgood.community import services
    from robimgood.extensions import db
    from robimgood.initiatives import services as initiatives

    from ..conftest import VALID_INITIATIVE

    made = {}
    with live_server.app.app_context():
        organiser = accounts.register("browser-organiser", PASSWORD)
        accounts.register("browser-neighbour", PASSWORD)
        half = initiatives.create(organiser, {**VALID_INITIATIVE, "title": "Half-way garden",
                                              "status": "in_progress", "language": "be"})
        for n in range(2):
            step = services.add_milestone(half, {"title": f"Step {n}", "due_date": None, "note": ""})
        services.set_done(half, step, True)
        done = initiatives.create(organiser, {**VALID_INITIATIVE, "title": "Finished bench",
                                              "status": "done", "latitude": 53.925, "longitude": 27.60})
        db.session.commit()
        made = {"half": (half.public_id, half.slug), "done": (done.public_id, done.slug)}
        db.session.remove()
    return made


def sign_in(page, server, username="browser-neighbour"):
    page.goto(server.url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.stacked button[type=submit], main form button[type=submit]")
    page.wait_for_url(server.url + "/")


def no_trouble(page, page_log):
    assert page_log.page_errors == []
    assert page_log.csp_messages == [] and page.evaluate("window.__cspViolations") == []


def test_the_map_shows_progress_and_done_initiatives_differently(live_server, seeded, page, page_log):
    page.goto(live_server.url + "/map#53.9225,27.5950,14")
    half = page.locator('#map-panel .leaflet-marker-icon[title="Half-way garden"]')
    done = page.locator('#map-panel .leaflet-marker-icon[title="Finished bench"]')
    expect(half).to_be_visible()
    expect(done).to_be_visible()
    assert "status-done" in done.get_attribute("class")
    assert "status-done" not in half.get_attribute("class")
    tick = done.evaluate("e => getComputedStyle(e, '::after').content")
    assert tick == '"✓"'
    half.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator("progress.popup-progress")).to_have_attribute("value", "50")
    expect(popup.locator(".popup-progress-text")).to_have_text("50% done")
    # The organiser's words carry their language, the page's own words the page's.
    expect(popup.locator(".popup-title")).to_have_attribute("lang", "be")
    expect(popup.locator(".popup-summary")).to_have_attribute("lang", "be")
    assert popup.locator(".popup-progress-text").evaluate("e => e.closest('[lang]').lang") == "en"
    no_trouble(page, page_log)


def test_join_with_htmx_swaps_the_panel(live_server, seeded, page, page_log):
    sign_in(page, live_server)
    public_id, slug = seeded["done"]
    page.goto(f"{live_server.url}/i/{public_id}/{slug}")
    page.evaluate("window.__samePage = true")
    page.locator("#community button", has_text="Join").click()
    expect(page.locator("#community .flash")).to_have_text("Welcome aboard! You are a member now.")
    expect(page.locator("#community")).to_contain_text("2 members")
    assert page.evaluate("window.__samePage") is True  # swapped in place, not reloaded
    page.locator("#community button", has_text="Leave").click()
    expect(page.locator("#community .flash")).to_have_text("You have left the initiative.")
    no_trouble(page, page_log)


def test_join_and_follow_without_javascript(live_server, seeded, make_page):
    page = make_page(java_script_enabled=False)
    sign_in(page, live_server)
    public_id, slug = seeded["half"]
    page.goto(f"{live_server.url}/i/{public_id}/{slug}")
    page.locator("#community button", has_text="Follow").click()
    page.wait_for_url(f"{live_server.url}/i/{public_id}/{slug}#community")
    expect(page.locator(".flashes")).to_contain_text("You follow this initiative.")
    page.locator("#community button", has_text="Join").click()
    expect(page.locator(".flashes")).to_contain_text("Welcome aboard!")
    expect(page.locator("#community")).to_contain_text("You are a member.")


def test_the_area_picker(live_server, seeded, page, page_log):
    sign_in(page, live_server)
    page.goto(live_server.url + "/areas")
    expect(page.locator(".picker-map .folium-map")).to_be_visible()
    page.fill("#radius_m", "1500")
    box = page.locator(".picker-map .folium-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#lat")).not_to_have_value("")
    expect(page.locator("path.area-circle")).to_have_count(1)
    page.fill("#label", "Home")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".flashes")).to_contain_text("The area is saved.")
    expect(page.locator(".area-list")).to_contain_text("1500 m around")
    no_trouble(page, page_log)


def test_the_flyer_prints_without_the_site_around_it(live_server, seeded, page, page_log):
    public_id, _slug = seeded["half"]
    page.goto(f"{live_server.url}/i/{public_id}/flyer")
    expect(page.locator(".print-button")).to_be_visible()  # shown by the script
    expect(page.locator(".flyer svg.qr")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".no-print")).to_be_hidden()
    expect(page.locator(".flyer h1")).to_have_text("Half-way garden")
    no_trouble(page, page_log)
