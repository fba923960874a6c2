"""The Map of Initiatives in a real browser: markers and list of the viewport, popups, filters,
no third-party requests but the tiles, and the list's filter form without JavaScript."""

import json
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MINSK_VIEW = "/map#53.9000,27.5600,12"
XSS_TITLE = "Bench repair <img src=x onerror=alert(1)>"


@dataclass(frozen=True)
class Seed:
    title: str
    city: str
    category: str
    status: str
    latitude: float
    longitude: float
    public_id: str = ""
    slug: str = ""

    @property
    def path(self) -> str:
        return f"/i/{self.public_id}/{self.slug}"


# Minsk markers sit on a 3 x 2 grid (about 115 px by 150 px apart at zoom 12); so few are answered
# as points by the server, each its own pin.
SEEDS = [
    Seed("Yard garden on Surhanava", "Minsk", "green", "idea", 53.915, 27.52),
    Seed("Bike lanes for Niamiha", "Minsk", "transport", "planning", 53.915, 27.56),
    Seed("Lights in Chalyuskintsau park", "Minsk", "safety", "in_progress", 53.915, 27.60),
    Seed(XSS_TITLE, "Minsk", "public_space", "done", 53.885, 27.52),
    Seed("Old mill facade rescue", "Minsk", "heritage", "paused", 53.885, 27.56),
    Seed("Pocket park at Kastrychnitskaya", "Minsk", "green", "done", 53.885, 27.60),
    Seed("Brest fortress alley trees", "Brest", "green", "idea", 52.09, 23.73),
    Seed("Brest glass recycling point", "Brest", "waste", "in_progress", 52.10, 23.70),
    Seed("Vitebsk river bank clean-up", "Vitebsk", "green", "planning", 55.19, 30.20),
]


@pytest.fixture(scope="module")
def seeded(live_server):
    """The SEEDS in the live server's database (with their public ids), removed afterwards."""
    from robimgood.accounts import services as accounts
    from robimgood.accounts.models import User
    from robimgood.extensions import db
    from robimgood.initiatives import services as initiatives
    from robimgood.initiatives.models import Initiative

    made = []
    with live_server.app.app_context():
        organiser = accounts.register("map-organiser", "correct horse battery")
        for seed in SEEDS:
            item = initiatives.create(organiser, {
                "title": seed.title, "summary": f"Summary of {seed.title}.", "description": "",
                "category": seed.category, "status": seed.status, "city": seed.city,
                "latitude": seed.latitude, "longitude": seed.longitude, "needs": ["volunteers"],
                "language": "en",
            })
            made.append(Seed(**{**seed.__dict__, "public_id": item.public_id, "slug": item.slug}))
        db.session.commit()
        user_id = organiser.id
        db.session.remove()
    yield made
    with live_server.app.app_context():
        db.session.execute(db.delete(Initiative).where(Initiative.organiser_id == user_id))
        db.session.execute(db.delete(User).where(User.id == user_id))
        db.session.commit()
        db.session.remove()


def titles(seeds, **where) -> list[str]:
    return sorted(s.title for s in seeds if all(getattr(s, k) == v for k, v in where.items()))


def _wait_for_texts(page, what: str, script: str, expected: list[str],
                    timeout: float = 10_000) -> None:
    """Wait until the texts gathered by script (a JS expression giving a list of strings) are
    exactly expected, in any order; on timeout, say what was there instead."""
    wanted = sorted(expected)
    try:
        page.wait_for_function(
            "([wanted]) => { const got = (" + script + ").sort();"
            " return JSON.stringify(got) === JSON.stringify([...wanted].sort()); }",
            arg=[wanted], timeout=timeout,
        )
    except PlaywrightError:
        got = sorted(page.evaluate(script))
        pytest.fail(f"{what}: expected {wanted}, got {got}", pytrace=False)


MARKER_TITLES = ("[...document.querySelectorAll('#map-panel .leaflet-marker-pane"
                 " .leaflet-marker-icon')].map(e => e.title)")
LIST_TITLES = ("[...document.querySelectorAll('#results .card h3')]"
               ".map(e => e.textContent.trim())")


def expect_markers(page, expected: list[str]) -> None:
    """The map shows exactly these markers, each as its own pin (no clusters)."""
    _wait_for_texts(page, "markers on the map", MARKER_TITLES, expected)
    expect(page.locator("#map-panel .cluster")).to_have_count(0)
    expect(page.locator("#map-panel .leaflet-marker-icon.pin")).to_have_count(len(expected))
    expect(page.locator("#map-panel")).to_have_attribute("aria-busy", "false")


def expect_list(page, expected: list[str], timeout: float = 10_000) -> None:
    """The list beside the map shows exactly these titles."""
    _wait_for_texts(page, "titles in the list", LIST_TITLES, expected, timeout)


def open_map(page, server, view: str = MINSK_VIEW) -> None:
    page.goto(server.url + view)
    expect(page.locator("#map-panel")).to_have_attribute("aria-busy", "false")
    expect(page.locator("#map-status")).to_be_empty()  # no error, nothing truncated


def marker(page, title: str):
    return page.locator(f"#map-panel .leaflet-marker-icon[title={json.dumps(title)}]")


def tile_host(server) -> str:
    return urlsplit(server.app.config["TILE_URL"].replace("{s}", "a")).netloc


def test_markers_show_only_initiatives_in_view(live_server, seeded, page):
    open_map(page, live_server)
    expect_markers(page, titles(seeded, city="Minsk"))
    for seed in seeded:
        if seed.city != "Minsk":
            expect(marker(page, seed.title)).to_have_count(0)


def test_list_shows_only_initiatives_in_view_once_the_map_loads(live_server, seeded, page):
    open_map(page, live_server)
    minsk = titles(seeded, city="Minsk")
    expect_markers(page, minsk)
    expect_list(page, minsk, timeout=3_000)
    expect(page.locator("#results .count")).to_contain_text("in view")
    for seed in seeded:
        if seed.city != "Minsk":
            expect(page.locator("#results .card h3", has_text=seed.title)).to_have_count(0)


def test_list_follows_the_map_when_it_moves(live_server, seeded, page):
    open_map(page, live_server, "/map#53.9150,27.5600,13")
    page.locator("#map-panel .leaflet-control-zoom-in").click()  # zoom 14 on the same centre
    one = titles(seeded, latitude=53.915, longitude=27.56)
    assert len(one) == 1
    expect_markers(page, one)
    expect_list(page, one)
    expect(page.locator("#results .count")).to_contain_text("in view")


def test_marker_popup_links_to_the_initiative(live_server, seeded, page):
    open_map(page, live_server)
    seed = next(s for s in seeded if s.title == "Old mill facade rescue")
    expect_markers(page, titles(seeded, city="Minsk"))
    marker(page, seed.title).click()
    link = page.locator(".leaflet-popup-content .popup-title")
    expect(link).to_have_text(seed.title)
    expect(link).to_have_attribute("href", seed.path)
    expect(page.locator(".leaflet-popup-content .popup-link")).to_have_attribute("href", seed.path)
    link.click()
    expect(page).to_have_url(live_server.url + seed.path)
    expect(page.locator("h1")).to_have_text(seed.title)


def test_popup_stays_open_when_opening_it_pans_the_map(live_server, seeded, page):
    # The top row of Minsk markers lies near the top edge of the map, so the popup (above its
    # marker) cannot fit and Leaflet pans the map to show it.
    open_map(page, live_server, "/map#53.8706,27.5600,12")
    seed = next(s for s in seeded if s.title == "Bike lanes for Niamiha")
    pin, panel = marker(page, seed.title), page.locator("#map-panel")
    expect(pin).to_be_visible()
    assert pin.bounding_box()["y"] - panel.bounding_box()["y"] < 150
    # A closed popup fades out for 200 ms before it leaves the DOM: count Leaflet's events.
    page.evaluate("""() => {
        const map = Object.values(window).find(v => v instanceof L.Map);
        window.__popupsClosed = 0;
        map.on("popupclose", () => { window.__popupsClosed += 1; });
    }""")
    with page.expect_response(lambda r: "/api/initiatives.geojson" in r.url):
        pin.click()
        expect(page.locator(".leaflet-popup-content .popup-title")).to_have_text(seed.title)
    expect(panel).to_have_attribute("aria-busy", "false")  # the markers of the new view are in
    assert page.evaluate("window.__popupsClosed") == 0, "the popup closed by itself"
    expect(page.locator(".leaflet-popup-content .popup-title")).to_have_text(seed.title)


def test_clusters_show_their_counts_and_zoom_in_on_click(live_server, seeded, page):
    """With room for only 3 features, Belarus at zoom 6 is answered with clusters from the
    server's grid: discs with the count, labelled, that zoom in when clicked."""
    live_server.app.config["GEOJSON_LIMIT"] = 3
    try:
        open_map(page, live_server, "/map#53.5000,27.5000,6")
        clusters = page.locator("#map-panel .leaflet-marker-icon.cluster")
        expect(clusters.first).to_be_visible()
        counts = [int(text) for text in clusters.all_inner_texts()]
        assert sum(counts) == len(seeded)
        minsk = clusters.filter(has_text="6")
        expect(minsk).to_have_attribute("title", "6 initiatives here: zoom in to see them")
        with page.expect_request(lambda r: "zoom=8" in r.url):
            minsk.click()
    finally:
        live_server.app.config["GEOJSON_LIMIT"] = 500


def test_html_in_a_title_is_shown_as_text(live_server, seeded, page, page_log):
    open_map(page, live_server)
    expect_markers(page, titles(seeded, city="Minsk"))
    marker(page, XSS_TITLE).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".popup-title")).to_have_text(XSS_TITLE)
    expect(popup.locator("img")).to_have_count(0)
    expect(page.locator("#results .card h3", has_text=XSS_TITLE)).to_have_count(1)
    expect(page.locator("#results img")).to_have_count(0)
    assert page_log.dialogs == []
    assert not [url for url in page_log.requests if urlsplit(url).path.endswith("/x")]


def test_category_filter_updates_markers_and_list(live_server, seeded, page):
    open_map(page, live_server)
    expect_markers(page, titles(seeded, city="Minsk"))
    page.select_option("#filter-category", "green")
    green = titles(seeded, city="Minsk", category="green")
    assert len(green) == 2 and len(titles(seeded, category="green")) > 2
    expect_markers(page, green)
    expect_list(page, green)


def test_only_the_tile_server_is_contacted_and_nothing_is_refused(live_server, seeded, page,
                                                                 page_log):
    open_map(page, live_server)
    expect_markers(page, titles(seeded, city="Minsk"))
    tiles = tile_host(live_server)
    expect(page.locator("#map-panel img.leaflet-tile").first).to_be_attached()

    assert page_log.hosts() <= {live_server.host, tiles}, page_log.hosts()
    assert tiles in page_log.hosts(), "the tile layer asked for no tile"
    assert all(urlsplit(url).netloc == tiles for url in page_log.aborted), page_log.aborted
    assert page_log.page_errors == []
    not_tiles = [(text, url) for text, url in page_log.console_errors
                 if urlsplit(url).netloc != tiles]
    assert not_tiles == []
    assert page_log.csp_messages == []
    assert page.evaluate("window.__cspViolations") == []


def test_list_filters_work_without_javascript(live_server, seeded, make_page):
    page = make_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/initiatives?category=green")
    expect_list_static(page, titles(seeded, category="green"))
    expect(page.locator("#filter-category")).to_have_value("green")

    page.fill("#filter-q", "brest")
    page.press("#filter-q", "Enter")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["brest"])
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/initiatives"
    assert query["category"] == ["green"]
    expect_list_static(page, titles(seeded, category="green", city="Brest"))

    page.select_option("#filter-category", "waste")
    page.click("#filters button[type=submit]")
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("category") == ["waste"])
    expect_list_static(page, titles(seeded, category="waste", city="Brest"))


def expect_list_static(page, expected: list[str]) -> None:
    """Without JavaScript nothing can be waited for by script: the page is loaded, so read it."""
    got = sorted(t.strip() for t in page.locator("#results .card h3").all_text_contents())
    assert got == sorted(expected)
