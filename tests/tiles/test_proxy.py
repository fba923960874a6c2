"""TILE_MODE=proxy: the tile server sees our server and our User-Agent, never a visitor; tiles are
cached on disk; bad addresses are 404s and the tile server's failures 502/504 without its words."""

import os
import re
import time

import pytest

from robimgood import config
from robimgood.tiles.services import upstream_url, user_agent

from .fake_server import TILE, UPSTREAM_SECRET

VISITOR = {
    "Cookie": "session=visitor-session-cookie; lang=ru",
    "X-Forwarded-For": "198.51.100.23",
    "X-Real-IP": "198.51.100.23",
    "Forwarded": "for=198.51.100.23",
    "Referer": "http://localhost/i/abc/secret-initiative",
    "Accept-Language": "ru-RU,ru;q=0.9",
    "User-Agent": "VisitorBrowser/99.0 (fingerprint)",
    "Authorization": "Basic dmlzaXRvcjpzZWNyZXQ=",
    "DNT": "1",
}
VISITOR_VALUES = ["visitor-session-cookie", "198.51.100.23", "203.0.113.9", "secret-initiative",
                  "ru-RU", "VisitorBrowser", "dmlzaXRvcjpzZWNyZXQ="]


def test_the_tile_server_sees_our_user_agent_and_nothing_of_the_visitor(tiles):
    client, fake, _ = tiles
    response = client.get("/tiles/12/2365/1323.png", headers=VISITOR,
                          environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 200
    assert response.mimetype == "image/png" and response.data == TILE
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert "Set-Cookie" not in response.headers  # the tile server's cookie stays with us
    [seen] = fake.requests
    assert seen.path == "/12/2365/1323.png"
    assert re.fullmatch(r"RobimGood/[\w.+-]+ \(\+ops@robimgood\.example\)", seen.headers["user-agent"])
    assert set(seen.headers) <= {"host", "user-agent", "accept", "accept-encoding", "connection"}
    sent = " ".join(seen.headers.values())
    assert not [value for value in VISITOR_VALUES if value in sent]


def test_the_second_request_is_served_from_the_disk_cache(tiles):
    client, fake, cache = tiles
    first = client.get("/tiles/3/4/5.png")
    second = client.get("/tiles/3/4/5.png")
    assert first.status_code == second.status_code == 200
    assert second.data == TILE
    assert len(fake.requests) == 1
    path = cache / "3" / "4" / "5.png"
    assert path.read_bytes() == TILE
    # Fresh for the hour the tile server allowed; browsers are told what remains of it.
    assert 3590 < path.stat().st_mtime - time.time() <= 3600
    assert 3590 < int(second.headers["Cache-Control"].rsplit("=", 1)[1]) <= 3600


def test_an_expired_tile_is_fetched_again(tiles):
    client, fake, cache = tiles
    client.get("/tiles/3/4/5.png")
    past = time.time() - 1
    os.utime(cache / "3" / "4" / "5.png", (past, past))
    assert client.get("/tiles/3/4/5.png").status_code == 200
    assert len(fake.requests) == 2


def test_without_cache_control_a_tile_is_kept_for_the_default_time(tiles, proxy_app):
    client, fake, cache = tiles
    fake.behaviour = "plain"
    client.get("/tiles/2/1/1.png")
    kept = (cache / "2" / "1" / "1.png").stat().st_mtime - time.time()
    assert proxy_app.config["TILE_CACHE_SECONDS"] == 7 * 24 * 3600
    assert 7 * 24 * 3600 - 10 < kept <= 7 * 24 * 3600


def test_no_store_upstream_is_not_cached(tiles):
    client, fake, cache = tiles
    fake.behaviour = "no-store"
    for _ in range(2):
        response = client.get("/tiles/1/1/1.png")
        assert response.status_code == 200 and response.data == TILE
        assert response.headers["Cache-Control"] == "public, max-age=0"
    assert len(fake.requests) == 2
    assert not (cache / "1" / "1" / "1.png").exists()


@pytest.mark.parametrize("path", [
    "/tiles/20/0/0.png", "/tiles/1/2/0.png", "/tiles/1/0/2.png", "/tiles/0/1/0.png",
    "/tiles/-1/0/0.png", "/tiles/1/-1/0.png", "/tiles/a/0/0.png", "/tiles/0/0/0.jpg",
    "/tiles/0/0/0", "/tiles/99999999999999999999999/0/0.png", "/tiles/19/524288/0.png",
])
def test_tiles_outside_the_pyramid_are_404_and_never_asked_for(tiles, path):
    client, fake, _ = tiles
    assert client.get(path).status_code == 404
    assert fake.requests == []


def test_the_corners_of_the_pyramid_are_tiles(tiles):
    client, fake, _ = tiles
    for path in ("/tiles/0/0/0.png", "/tiles/19/524287/524287.png"):
        assert client.get(path).status_code == 200
    assert [seen.path for seen in fake.requests] == ["/0/0/0.png", "/19/524287/524287.png"]


@pytest.mark.parametrize("behaviour, status", [("error", 502), ("html", 502), ("missing", 404),
                                               ("slow", 504)])
def test_tile_server_failures_say_nothing_of_its_answer(tiles, behaviour, status):
    client, fake, cache = tiles
    fake.behaviour = behaviour
    started = time.monotonic()
    response = client.get("/tiles/5/6/7.png")
    assert response.status_code == status
    assert time.monotonic() - started < 1.5  # TILE_TIMEOUT is 0.5 s in these tests
    assert UPSTREAM_SECRET not in response.data
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert not (cache / "5" / "6" / "7.png").exists()


def test_a_stale_tile_serves_while_the_tile_server_fails(tiles):
    client, fake, cache = tiles
    client.get("/tiles/4/4/4.png")
    past = time.time() - 1
    os.utime(cache / "4" / "4" / "4.png", (past, past))
    fake.behaviour = "error"
    response = client.get("/tiles/4/4/4.png")
    assert response.status_code == 200 and response.data == TILE
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_in_proxy_mode_pages_name_no_outside_host(tiles, fake_tiles):
    client, fake, _ = tiles
    response = client.get("/map")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '"/tiles/{z}/{x}/{y}.png"' in html
    assert "127.0.0.1:" not in html and "openstreetmap.org/{z}" not in html
    csp = dict(part.split(" ", 1) for part in response.headers["Content-Security-Policy"].split("; "))
    assert csp["img-src"] == "'self' data:"
    assert "http" not in response.headers["Content-Security-Policy"]
    assert fake.requests == []  # the page itself fetches nothing; browsers ask /tiles/


def test_in_direct_mode_browsers_ask_the_tile_server_and_there_is_no_proxy(client, app):
    assert app.config["TILE_MODE"] == "direct"
    tile_url = app.config["TILE_URL"]
    response = client.get("/map")
    assert f'"{tile_url}"' in response.get_data(as_text=True)
    origin = "/".join(tile_url.split("/", 3)[:3])
    csp = dict(part.split(" ", 1) for part in response.headers["Content-Security-Policy"].split("; "))
    assert csp["img-src"] == f"'self' data: {origin}"
    assert client.get("/tiles/0/0/0.png").status_code == 404


def test_user_agent_without_a_contact():
    assert re.fullmatch(r"RobimGood/[\w.+-]+", user_agent(""))


@pytest.mark.parametrize("variable, value", [("TILE_MODE", "cache"),
                                             ("TILE_URL", "file:///etc/passwd"),
                                             ("TILE_URL", "//tiles.example/{z}/{x}/{y}.png")])
def test_unsafe_tile_settings_refuse_to_start(monkeypatch, tmp_path, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(config.ConfigError):
        config.load(tmp_path)


def test_subdomain_templates_spread_tiles_over_the_hosts():
    template = "https://{s}.tiles.example/{z}/{x}/{y}{r}.png"
    assert [upstream_url(template, 2, x, 1) for x in range(3)] == [
        "https://b.tiles.example/2/0/1.png", "https://c.tiles.example/2/1/1.png",
        "https://a.tiles.example/2/2/1.png"]


def test_a_signed_in_visitor_may_keep_tiles_in_the_browser_cache(tiles):
    client, _, _ = tiles
    response = client.post("/register", data={"username": "tile-viewer", "password": "long enough pw",
                                              "confirm": "long enough pw"})
    assert response.status_code == 303
    assert client.get("/notifications").headers["Cache-Control"] == "no-store"
    assert client.get("/tiles/12/2365/1323.png").headers["Cache-Control"] == "public, max-age=3600"
