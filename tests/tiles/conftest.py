"""A fake tile server and an app in TILE_MODE=proxy that fetches from it."""

import pytest

from ..conftest import make_app
from . import fake_server


@pytest.fixture(scope="session")
def fake_tiles():
    fake, server = fake_server.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def proxy_app(database_url, fake_tiles):
    """Tiles touch no database: one engine is enough for this app."""
    from robimgood.extensions import db

    app = make_app(database_url("sqlite"), TILE_MODE="proxy", TILE_URL=fake_tiles.url,
                   TILE_CONTACT="ops@robimgood.example", TILE_TIMEOUT=0.5)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def tiles(proxy_app, fake_tiles, tmp_path, monkeypatch):
    """(client, fake server, cache folder), fresh for each test."""
    fake_tiles.reset()
    monkeypatch.setitem(proxy_app.config, "TILE_CACHE_DIR", str(tmp_path / "tiles"))
    return proxy_app.test_client(), fake_tiles, tmp_path / "tiles"
