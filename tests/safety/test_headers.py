"""Security headers on every response: every GET row of the access crawl, anonymous and signed in,
error pages included; HTTPS detection behind a proxy; and gunicorn itself (no version header, an
access log without addresses or secrets)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from robimgood import create_app

from . import world as world_module
from .crawl import client_for, fill
from .test_access_crawl import ROWS

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";")}


def check_headers(response, signed_in: bool, where: str) -> str:
    """Asserts the headers every response must carry; returns the CSP nonce."""
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    csp = directives(response)
    assert csp["object-src"] == "object-src 'none'", where
    assert csp["base-uri"] == "base-uri 'none'", where
    assert csp["frame-ancestors"] == "frame-ancestors 'none'", where
    assert csp["default-src"] == "default-src 'self'", where
    nonce = re.fullmatch(r"script-src 'self' 'nonce-([\w-]{22,})'", csp["script-src"])
    assert nonce, (where, csp["script-src"])
    assert response.headers["Referrer-Policy"] == "same-origin", where
    assert response.headers["X-Content-Type-Options"] == "nosniff", where
    assert "geolocation=" in response.headers["Permissions-Policy"], where
    assert "camera=()" in response.headers["Permissions-Policy"], where
    assert "Strict-Transport-Security" not in response.headers, where  # plain HTTP here
    assert "Server" not in response.headers and "X-Powered-By" not in response.headers, where
    # Signed in, every page and every answer that depends on who asks (Vary: Cookie) is no-store.
    if signed_in and (response.mimetype == "text/html" or "Cookie" in response.headers.get("Vary", "")):
        assert response.headers.get("Cache-Control") == "no-store", where
    # Every inline script carries this response's nonce; none carries another.
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        for attributes in re.findall(r"<script\b([^>]*)>", body):
            if "src=" not in attributes:
                assert f'nonce="{nonce.group(1)}"' in attributes, (where, attributes)
    return nonce.group(1)


@pytest.mark.parametrize("role", ["anonymous", "organiser", "urbanist"])
def test_every_response_carries_the_headers_and_a_fresh_nonce(app, role):
    w = world_module.build(lambda key, length: key)
    client = client_for(app, w, role)
    nonces = []
    for template in (template for method, template, _ in ROWS if method == "GET"):
        response = client.get(fill(template, w))
        nonces.append(check_headers(response, role != "anonymous", f"{template} as {role}"))
    nonces.append(check_headers(client.get("/no/such/page"), role != "anonymous", "404"))
    nonces.append(check_headers(client.post("/i/x/join"), role != "anonymous", "POST"))
    assert len(set(nonces)) == len(nonces)


def test_the_map_script_carries_the_nonce(client):
    first, second = client.get("/"), client.get("/")
    for response in (first, second):
        nonce = directives(response)["script-src"].split("'nonce-")[1].rstrip("'")
        assert f'<script nonce="{nonce}">' in response.get_data(as_text=True)
    assert directives(first)["script-src"] != directives(second)["script-src"]


def test_anonymous_pages_and_static_files_may_be_cached(client, make_user, login):
    assert "no-store" not in client.get("/initiatives").headers.get("Cache-Control", "")
    login(make_user())
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    assert "Cookie" not in static.headers.get("Vary", "")
    assert client.get("/profile/data.json").headers["Cache-Control"] == "no-store"
    assert client.get("/initiatives", headers={"HX-Request": "true"}).headers["Cache-Control"] == \
        "no-store"


@pytest.fixture
def bare_app(tmp_path):
    """An app without a migrated database: enough for static files and headers."""

    def make(**config):
        return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI":
                           f"sqlite:///{tmp_path / 'bare.sqlite'}", **config})

    return make


def test_hsts_only_over_https_and_forwarded_proto_only_from_a_trusted_proxy(bare_app):
    direct = bare_app(PROXY_HOPS=0).test_client()
    assert "Strict-Transport-Security" not in direct.get("/static/css/app.css").headers
    over_tls = direct.get("/static/css/app.css", base_url="https://localhost")
    assert over_tls.headers["Strict-Transport-Security"].startswith("max-age=")
    # Without a proxy in front, anyone could send the header: it is not believed.
    forged = direct.get("/static/css/app.css", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers

    proxied = bare_app(PROXY_HOPS=1).test_client()
    behind = proxied.get("/static/css/app.css", headers={"X-Forwarded-Proto": "https"})
    assert behind.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in proxied.get("/static/css/app.css").headers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path, engine_app):
    """gunicorn with the project's gunicorn.conf.py on a free port, on a SQLite database."""
    if engine_app.engine_name != "sqlite":
        pytest.skip("gunicorn's own behaviour does not depend on the engine")
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite'}"}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
                                    "wsgi:app"], cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        process.wait(timeout=20)


def _get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as err:
        return err.code, err.headers


def test_gunicorn_sends_no_version_and_logs_no_address_or_secret(gunicorn):
    url, log = gunicorn
    status, headers = _get(url + "/static/css/app.css?q=cnry999x", **{"X-Forwarded-For": "198.51.100.9"})
    assert status == 200
    assert not re.search(r"[\d/]", headers.get("Server", "")), headers.get("Server")
    assert headers["X-Content-Type-Options"] == "nosniff"
    secret = "/c/" + "S" * 43
    assert _get(url + secret)[0] in (404, 503)
    time.sleep(0.5)  # the access log is written after the response
    text = log.read_text()
    assert '"GET /static/css/app.css" 200' in text
    for private in ("127.0.0.1 -", "198.51.100.9", "cnry999x", "S" * 43):
        assert private not in text, private
