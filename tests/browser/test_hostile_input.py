"""An XSS corpus in every user text field, shown on every page that shows it, in Chromium: no
script runs (no dialog, no error, no injected element, no request to the attacker's host), and
the pages report no CSP violation. Map popups included."""

import re

import pytest
from playwright.sync_api import expect

from ..safety import world as world_module
from .conftest import PageLog, build_world, sign_in

pytestmark = pytest.mark.browser

CANARY_HOST = "xss.canary.test"
# Classic payloads, most potent first: a short field gets the first ones that fit.
ATTACKS = [
    '"><img src=x onerror=alert(1)>',
    "<script>alert(2)</script>",
    "'><svg onload=alert(3)>",
    "{{7*7}}${7*7}",
    f'<img src="http://{CANARY_HOST}/img.png">',
    '<a href="javascript:alert(4)">js link</a>',
    "[md link](javascript:alert(5))",
    '<div hx-get="/xss-htmx" hx-trigger="load">htmx</div>',
    "</textarea></title></noscript><script>alert(6)</script>",
    f"<iframe src=//{CANARY_HOST}/frame></iframe>",
    f'<style>@import "//{CANARY_HOST}/s.css";</style>',
    f'<base href="//{CANARY_HOST}/">',
    f'<meta http-equiv="refresh" content="0;url=//{CANARY_HOST}/">',
    f'<form action="//{CANARY_HOST}/"><button>go</button></form>',
    f'<object data="//{CANARY_HOST}/o"></object>',
    "<b onmouseover=alert(7)>hover</b>",
    '<a href="data:text/html,<script>alert(8)</script>">data link</a>',
    "javascript:alert(9)//",
]


def attack(key: str, max_length: int) -> str:
    """As many payloads as fit, with the field's key so that each field is told apart."""
    text = f"{key.split('.')[0][:6]} {ATTACKS[0]}"
    for payload in ATTACKS[1:]:
        if len(text) + 1 + len(payload) > max_length:
            break
        text += " " + payload
    return text[:max_length]


@pytest.fixture(scope="module")
def world(live_server):
    return build_world(live_server, attack)


# What each role visits: every page that shows user text, forms with the text in them included.
def pages(w) -> dict[str, list[str]]:
    yard, bench = f"/i/{w.ids['yard']}", f"/i/{w.ids['bench']}"
    guide = f"/guides/{w.ids['guide']}"
    return {
        "anonymous": [
            "/", "/initiatives", "/initiatives?q=img", f"{yard}/{w.ids['yard_slug']}",
            f"{bench}/{w.ids['bench_slug']}", f"{yard}/flyer", "/stories", "/guides", "/guides?q=img",
            f"{guide}/{w.ids['guide_slug']}", f"{guide}/print", f"{guide}/history",
            "/consultations/answers", f"/consultations/answers/{w.ids['published']}", "/urbanists",
            "/urbanists/w-urbanist", "/u/w-organiser", "/u/w-listed", f"/c/{w.token}",
            f"/c/{w.open_token}", "/start?idea=bench",
        ],
        "organiser": [
            f"{yard}/{w.ids['yard_slug']}", f"{yard}/members", f"{yard}/milestones",
            f"{yard}/milestones/{w.ids['milestone']}/edit", f"{yard}/edit",
            f"{yard}/updates/{w.ids['update']}/edit", f"{yard}/updates/{w.ids['update']}/delete",
            f"{yard}/delete", f"{bench}/story/edit", "/notifications", "/me/initiatives", "/profile",
            "/consultations/new",
        ],
        "member": [f"{yard}/{w.ids['yard_slug']}", "/areas", "/profile", "/me/initiatives",
                   "/notifications"],
        "other": ["/consultations", f"/consultations/{w.ids['asked']}", "/notifications"],
        "urbanist": [
            "/consultations", "/consultations/queue", f"/consultations/{w.ids['answered']}",
            f"/consultations/{w.ids['asked']}", f"/consultations/{w.ids['open']}",
            "/consultations/settings", f"/guides/{w.ids['draft']}", f"/guides/{w.ids['draft']}/edit",
            f"{guide}/steps/{w.ids['guide_step']}/edit", f"{guide}/steps/{w.ids['guide_step']}/delete",
            "/notifications",
        ],
        "admin": ["/guides", f"{guide}/edit", f"{guide}/delete", f"{yard}/edit",
                  f"/consultations/{w.ids['answered']}"],
    }


INJECTED = ("[onerror], [onload], [onmouseover], iframe, object, embed, base, meta[http-equiv], "
            "style, [hx-get='/xss-htmx'], a[href^='javascript:' i], a[href^='data:' i], "
            f"form[action*='{CANARY_HOST}'], img[src*='{CANARY_HOST}']")
# Scripts the page may have: ours from /static/, and folium's map script (it carries the nonce).
FOREIGN_SCRIPTS = """() => Array.from(document.scripts).filter(s =>
    s.src ? !s.src.startsWith(location.origin + "/static/")
          : !/^\\s*robimgood\\.|var map_|L\\.map\\(/.test(s.textContent) || /alert\\(/.test(s.textContent)
).map(s => s.outerHTML.slice(0, 200))"""


def assert_inert(page, log: PageLog, where: str) -> None:
    page.wait_for_load_state("networkidle")
    assert log.dialogs == [], (where, log.dialogs)
    assert log.page_errors == [], (where, log.page_errors)
    assert log.csp_messages == [] and page.evaluate("window.__cspViolations") == [], where
    touched = [u for u in log.requests + log.aborted if CANARY_HOST in u or "/xss-htmx" in u]
    assert touched == [], (where, touched)
    injected = page.evaluate(f"Array.from(document.querySelectorAll({INJECTED!r})).map(e => e.outerHTML"
                             ".slice(0, 200))")
    assert injected == [], (where, injected)
    assert page.evaluate(FOREIGN_SCRIPTS) == [], where


@pytest.mark.parametrize("role", ["anonymous", "organiser", "member", "other", "urbanist", "admin"])
def test_no_payload_runs_on_any_page(live_server, world, make_page, role):
    log = PageLog()
    page = make_page(log)
    if role != "anonymous":
        sign_in(page, live_server, world.users[role])
    for path in pages(world)[role]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, (role, path, response.status)
        assert_inert(page, log, f"{role} {path}")
    # The title is shown as the text it is, not as markup.
    if role in ("anonymous", "member"):
        page.goto(f"{live_server.url}/i/{world.ids['yard']}/{world.ids['yard_slug']}")
        expect(page.locator("h1")).to_have_text(attack("yard.title", 120))


def test_map_popups_show_the_payload_as_text(live_server, world, make_page):
    log = PageLog()
    page = make_page(log)
    page.goto(live_server.url + f"/map#{world_module.EXACT_LAT},{world_module.EXACT_LON},15")
    title = attack("yard.title", 120)
    marker = page.locator("#map-panel .leaflet-marker-icon").and_(page.get_by_title(title, exact=True))
    expect(marker).to_have_count(1)
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".popup-title")).to_have_text(title)
    expect(popup.locator(".popup-summary")).to_have_text(attack("yard.summary", 280))
    assert_inert(page, log, "map popup")
    # The list beside the map shows the same texts, escaped.
    expect(page.locator("#results")).to_contain_text(re.compile(re.escape("onerror=alert(1)")))
    assert_inert(page, log, "map list")
