"""Several app servers: two gunicorn instances (2 workers each) on one PostGIS and one Redis,
talked to over real HTTP as a browser behind a load balancer would. A session from one works
on the other, signing out on one signs out on the other, a rate limit counts requests to
both, and what one writes the other shows at once.

Redis is REDIS_URL_TEST when given, else a redis-server started here on a free port (missing:
skipped, or a failure under CI=true).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
import requests

from ..conftest import CI, ENGINES, PASSWORD, VALID_INITIATIVE

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif("postgresql" not in ENGINES, reason="PostGIS not among TEST_ENGINES")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    """Until url answers; booting workers on a busy 2-core machine may take a while."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=30).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="module")
def redis_server():
    """(URL, process) of Redis; the process is None when REDIS_URL_TEST names one."""
    if url := os.environ.get("REDIS_URL_TEST"):
        yield url, None
        return
    server = shutil.which("redis-server")
    if not server:
        message = "redis-server is not installed (scripts/system-deps.sh test installs it)"
        if CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="robimgood-redis-")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url, process
    process.terminate()
    process.wait(10)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_url(redis_server):
    return redis_server[0]


@pytest.fixture(scope="module")
def servers(database_url, redis_url):
    """Base URLs of two gunicorn instances on one migrated PostGIS database and one Redis."""
    env = {**os.environ, "DATABASE_URL": database_url("postgresql"), "REDIS_URL": redis_url,
           "SECRET_KEY": "two-servers-" + "k" * 40, "WEB_CONCURRENCY": "2",
           "RATELIMIT_ENABLED": "true", "MAIL_SERVER": ""}
    subprocess.run([str(BIN / "robimgood"), "db", "upgrade", "heads"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    processes, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            processes.append(subprocess.Popen(
                [str(BIN / "gunicorn"), "wsgi:app"], cwd=ROOT,
                env={**env, "BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            _wait(url + "/healthz", process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _browser() -> requests.Session:
    browser = requests.Session()
    browser.headers["Accept-Language"] = "en"
    return browser


def _csrf(browser: requests.Session, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200, response.text[:300]
    return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)


def _post(browser, url: str, data: dict, form_page: str | None = None):
    """POST a form with the CSRF token read from its page (form_page, else url itself)."""
    token = _csrf(browser, form_page or url)
    return browser.post(url, data={**data, "csrf_token": token}, allow_redirects=False)


def _signed_in(browser, base: str) -> bool:
    response = browser.get(base + "/profile", allow_redirects=False)
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def _login(browser, base: str, username: str, password: str = PASSWORD):
    return _post(browser, base + "/login", {"username": username, "password": password})


def test_a_session_from_one_server_works_on_the_other_and_ends_on_both(servers):
    a, b = servers
    laptop = _browser()
    response = _post(laptop, a + "/register", {"username": "olga", "password": PASSWORD,
                                                "confirm": PASSWORD})
    assert response.status_code == 303
    # The same cookie, sent to the other server: signed in there too.
    assert _signed_in(laptop, b)
    assert "olga" in laptop.get(b + "/profile").text
    assert not _signed_in(_browser(), b)

    phone = _browser()
    assert _login(phone, b, "olga").status_code == 303
    assert _signed_in(phone, a)

    # A new password through A signs the phone out on B; the laptop stays in, on both.
    new = "a brand new passphrase"
    response = _post(laptop, a + "/profile/password", {"current": PASSWORD, "password": new,
                                                        "confirm": new})
    assert response.status_code == 303
    assert not _signed_in(phone, b) and not _signed_in(phone, a)
    assert _signed_in(laptop, b)

    # Signing out through B: the laptop's old cookie, replayed on A, is signed out too.
    old_cookie = laptop.cookies.get("session")
    response = _post(laptop, b + "/logout", {}, form_page=b + "/profile")
    assert response.status_code == 303
    replay = _browser()
    replay.cookies.set("session", old_cookie)
    assert not _signed_in(replay, a)


def test_a_rate_limit_counts_requests_to_both_servers(servers, redis_url):
    a, b = servers
    redis.Redis.from_url(redis_url).flushdb()  # earlier tests logged in too
    browser = _browser()
    tokens = {a: _csrf(browser, a + "/login"), b: _csrf(browser, b + "/login")}
    statuses = []
    for attempt in range(11):  # the limit is 10 per minute; each server sees only 5 or 6
        server = (a, b)[attempt % 2]
        statuses.append(browser.post(server + "/login", allow_redirects=False, data={
            "username": "nobody", "password": "wrong password", "csrf_token": tokens[server]
        }).status_code)
    assert statuses == [400] * 10 + [429]
    # The limit holds on both servers now.
    assert browser.post(a + "/login", data={"username": "x", "password": "y",
                                             "csrf_token": tokens[a]}).status_code == 429


def test_what_one_server_writes_the_other_shows_at_once(servers, redis_url):
    a, b = servers
    redis.Redis.from_url(redis_url).flushdb()
    browser = _browser()
    assert _post(browser, a + "/register", {"username": "pavel", "password": PASSWORD,
                                             "confirm": PASSWORD}).status_code == 303
    box = {"bbox": "27.4,53.8,27.8,54.0", "zoom": "15"}
    before = browser.get(b + "/api/initiatives.geojson", params=box)
    assert before.status_code == 200 and before.json()["features"] == []
    revalidate = {"If-None-Match": before.headers["ETag"]} if "ETag" in before.headers else {}

    title = "Bench by the river in Loshitsa"
    response = _post(browser, a + "/initiatives/new", {**VALID_INITIATIVE, "title": title},
                     form_page=b + "/initiatives/new")
    assert response.status_code == 303, response.text[:500]

    after = browser.get(b + "/api/initiatives.geojson", params=box, headers=revalidate)
    assert after.status_code == 200
    assert [f["properties"]["title"] for f in after.json()["features"]] == [title]
    listed = browser.get(b + "/initiatives", params={"q": "Loshitsa"})
    assert title in listed.text
    assert title in browser.get(b + response.headers["Location"]).text


def test_without_redis_signing_in_still_works(servers, redis_server):
    """Rate limits fall back to each worker's memory: no 500 for everyone while Redis is down."""
    url, process = redis_server
    if process is None:
        pytest.skip("REDIS_URL_TEST names a Redis this test must not stop")
    a, b = servers
    process.terminate()
    process.wait(10)
    for server in (a, b):
        browser = _browser()
        assert _login(browser, server, "pavel").status_code == 303
        assert _signed_in(browser, server)
