"""Nothing private stays in the browser: htmx's history cache is off, so after a member browses,
swaps panels with HTMX and goes back and forward, localStorage is empty, and sessionStorage holds
only the path htmx keeps of the current page (gone with the tab)."""

import pytest

from .conftest import build_world, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def world(live_server):
    return build_world(live_server, lambda key, length: f"storage {key}"[:length])


STORAGE = "() => [Object.keys(localStorage), Object.keys(sessionStorage)]"


@pytest.mark.parametrize("role", ["member", "organiser"])
def test_browsing_as_a_member_leaves_nothing_in_the_browsers_storage(live_server, world, make_page,
                                                                     role):
    page = make_page()
    sign_in(page, live_server, world.users[role])
    yard = f"{live_server.url}/i/{world.ids['yard']}/{world.ids['yard_slug']}"
    page.goto(yard)
    assert page.evaluate("typeof htmx") == "object"
    # An HTMX swap of the panel (the member's name listed on the page, with a notice), then a
    # pushed HTMX history entry (the list's filter).
    page.locator("#community form.listing button").click()
    page.wait_for_selector("#community .flash")
    page.goto(live_server.url + "/initiatives")
    page.fill("#filter-q", "storage")
    page.wait_for_url("**/initiatives?*q=storage*")
    for path in ("/areas", "/notifications", "/me/initiatives", "/profile",
                 f"/i/{world.ids['yard']}/members"):
        page.goto(live_server.url + path)
    page.go_back()
    page.go_back()
    page.go_forward()
    page.wait_for_load_state("networkidle")
    local, session = page.evaluate(STORAGE)
    assert local == []
    assert set(session) <= {"htmx-current-path-for-history"}
    assert "storage " not in page.evaluate("JSON.stringify(sessionStorage)")
