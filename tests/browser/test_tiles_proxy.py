"""TILE_MODE=proxy in Chromium: the map draws its tiles, and the page asks no host but the app."""

import pytest
from playwright.sync_api import expect

from ..conftest import ENGINES
from ..tiles import fake_server
from .conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fake_tiles():
    fake, server = fake_server.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", params=ENGINES)
def proxy_server(request, database_url, fake_tiles, tmp_path_factory):
    with serve(database_url, request.param, TILE_MODE="proxy", TILE_URL=fake_tiles.url,
               TILE_CACHE_DIR=str(tmp_path_factory.mktemp("tiles"))) as server:
        yield server


def test_the_map_page_contacts_no_host_but_the_app(proxy_server, fake_tiles, page, page_log):
    page.goto(proxy_server.url + "/map#53.9000,27.5600,12")
    tiles = page.locator("#map-panel img.leaflet-tile-loaded")
    expect(tiles.first).to_be_visible()
    assert page.evaluate("[...document.querySelectorAll('#map-panel img.leaflet-tile-loaded')]"
                         ".every(img => img.naturalWidth === 256)")
    assert page_log.hosts() == {proxy_server.host}, page_log.hosts()
    assert page_log.aborted == []
    assert any("/tiles/12/" in url for url in page_log.requests)
    assert fake_tiles.requests, "the tiles did not come through the proxy"
    assert all(seen.path.startswith("/12/") for seen in fake_tiles.requests)
    assert page_log.csp_messages == [] and page.evaluate("window.__cspViolations") == []
    assert page_log.console_errors == [] and page_log.page_errors == []
