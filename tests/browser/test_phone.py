"""A cheap phone (375×667, touch): no page scrolls sideways, the header's links fold behind a
menu that opens without JavaScript, and the map page shows the map or the list, by two links
that work without JavaScript too."""

import pytest
from playwright.sync_api import expect

from .conftest import build_world, sign_in

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
# A realistic text with what makes phones scroll sideways: a long word and a long address.
LONG_WORD = "Перапланіроўка-дваровай-тэрыторыі-на-вуліцы-Сурганава"
LONG_URL = "https://example.org/" + "a-very-long-path-segment-" * 4


def text(key: str, max_length: int) -> str:
    return f"{key} Жыхары двара {LONG_WORD} {LONG_URL} і суседзі."[:max_length]


@pytest.fixture(scope="module")
def world(live_server):
    return build_world(live_server, text)


def main_pages(w) -> dict[str, list[str]]:
    """The pages people use most, as the public and as an organiser."""
    yard = f"/i/{w.ids['yard']}"
    return {
        "anonymous": [
            "/", "/map", "/initiatives", f"{yard}/{w.ids['yard_slug']}", "/consultations",
            "/consultations/new", "/consultations/answers", f"/c/{w.token}", "/urbanists",
            "/guides", f"/guides/{w.ids['guide']}/{w.ids['guide_slug']}", "/start",
            "/start?idea=bench", "/stories", "/areas", "/login", "/register", "/stats", "/api",
            f"/u/{w.users['organiser']}",
        ],
        "organiser": [
            "/", f"{yard}/{w.ids['yard_slug']}", "/initiatives/new", f"{yard}/edit",
            f"{yard}/members", f"{yard}/milestones", f"{yard}/guide", "/me/initiatives",
            "/notifications", "/profile", "/areas",
        ],
    }


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("role", ["anonymous", "organiser"])
def test_no_main_page_scrolls_sideways_on_a_phone(live_server, world, make_page, role, javascript):
    page = make_page(java_script_enabled=javascript, **PHONE)
    if role != "anonymous":
        sign_in(page, live_server, world.users[role])
    too_wide = {}
    for path in main_pages(world)[role]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if (extra := overflow(page)) > 0:
            too_wide[path] = extra
    assert too_wide == {}, f"pages wider than the phone (px): {too_wide}"
    assert len(main_pages(world)[role]) > 10


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_menu_folds_and_opens(live_server, world, make_page, javascript):
    page = make_page(java_script_enabled=javascript, **PHONE)
    sign_in(page, live_server, world.users["organiser"])
    nav = page.get_by_role("navigation", name="Main")
    menu = page.locator(".site-header summary")
    expect(menu).to_have_text("Menu")
    expect(nav.get_by_role("link", name="Initiatives", exact=True)).to_be_hidden()
    menu.tap()
    expect(nav.get_by_role("link", name="Initiatives", exact=True)).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    assert overflow(page) <= 0
    header = page.locator(".site-header").bounding_box()
    assert header["width"] <= 375
    nav.get_by_role("link", name="Guides").tap()
    page.wait_for_url(live_server.url + "/guides")
    expect(nav.get_by_role("link", name="Guides")).to_be_hidden()  # a new page, folded again


def test_a_wide_screen_shows_the_links_without_the_menu_button(live_server, world, page):
    page.goto(live_server.url + "/")
    expect(page.locator(".site-header summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides")).to_be_visible()
    expect(page.locator(".view-toggle")).to_be_hidden()
    expect(page.locator("#map-panel")).to_be_visible()
    expect(page.locator("#list-panel")).to_be_visible()


def test_map_and_list_toggle_with_javascript(live_server, world, make_page, page_log):
    page = make_page(page_log, **PHONE)
    page.goto(live_server.url + "/map#53.9200,27.5900,13")
    expect(page.locator("#map-panel .leaflet-marker-icon").first).to_be_visible()
    expect(page.locator("#list-panel")).to_be_hidden()
    page.get_by_role("link", name="List").tap()
    expect(page.locator("#list-panel")).to_be_visible()
    expect(page.locator("#map-panel")).to_be_hidden()
    expect(page.locator("#results .card").first).to_be_visible()
    assert page.evaluate("window.scrollY") == 0  # the toggle stays in sight
    page.get_by_role("link", name="Map").tap()
    expect(page.locator("#map-panel")).to_be_visible()
    expect(page.locator("#map-panel .leaflet-marker-icon").first).to_be_visible()
    size = page.locator("#map-panel .folium-map").bounding_box()
    assert size["width"] > 300 and size["height"] > 300
    assert page_log.page_errors == []


def test_a_list_opened_first_still_gets_a_working_map(live_server, world, make_page, page_log):
    page = make_page(page_log, **PHONE)
    page.goto(live_server.url + "/#list-panel")
    expect(page.locator("#list-panel")).to_be_visible()
    expect(page.locator("#results .card")).not_to_have_count(0)  # not filtered to a 0×0 map
    page.get_by_role("link", name="Map").tap()
    expect(page.locator("#map-panel .leaflet-marker-icon").first).to_be_visible()
    assert page_log.page_errors == []


def test_map_and_list_toggle_without_javascript(live_server, world, make_page):
    page = make_page(java_script_enabled=False, **PHONE)
    page.goto(live_server.url + "/")
    expect(page.locator("#list-panel")).to_be_visible()  # no map without scripts: the list
    expect(page.locator("#results .card").first).to_be_visible()
    expect(page.locator("#map-panel")).to_be_hidden()
    page.get_by_role("link", name="Map").tap()
    expect(page.locator("#map-panel")).to_contain_text("The map needs JavaScript.")
    expect(page.locator("#list-panel")).to_be_hidden()
    page.get_by_role("link", name="List").tap()
    expect(page.locator("#list-panel")).to_be_visible()
    assert overflow(page) <= 0
