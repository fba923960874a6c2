"""Browser fixtures: headless Chromium (Debian's, never a downloaded one), a live server per test
module and engine, and pages that cannot reach the Internet.

The rollback-per-test `app` fixture binds one connection and cannot serve a threaded server, so
every live server runs its own app on its own fresh database.
"""

import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from ..conftest import ENGINES, _unavailable, make_app
from ..safety import world as world_module

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}

# Records the page's CSP violations as they happen, whatever the console says.
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; skipped (failed under CI=true) when it cannot start."""
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as err:  # noqa: BLE001 — reported as skip or CI failure
            _unavailable(f"Chromium did not start: {err}")
        yield browser
        browser.close()


@dataclass
class LiveServer:
    url: str
    app: object
    engine: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@contextmanager
def serve(database_url, engine: str, **config):
    """A LiveServer: the app (with config) on a fresh database of the engine, served over HTTP
    on 127.0.0.1 by a threaded server until the block ends."""
    from robimgood.extensions import db

    app = make_app(database_url(engine), RATELIMIT_ENABLED=False, WTF_CSRF_ENABLED=True, **config)
    server = make_server(LOCAL_HOST, 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://{LOCAL_HOST}:{server.server_port}", app, engine)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="module", params=ENGINES)
def live_server(request, database_url):
    """The app on a fresh database of its own; one per test module and engine, so modules
    cannot see each other's data."""
    with serve(database_url, request.param) as server:
        yield server


def build_world(server: LiveServer, text) -> world_module.World:
    """The safety tests' world (people in every role, content of every kind) on the server's
    database, every user text made by text(key, max_length): modules differ only in the words."""
    from robimgood.extensions import db

    with server.app.app_context():
        built = world_module.build(text)
        db.session.remove()
    return built


def sign_in(page, server: LiveServer, username: str, password: str = world_module.PASSWORD) -> None:
    """Signs the page in through the log-in form (as a person of the world, by default)."""
    page.goto(server.url + "/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(server.url + "/")


@dataclass
class PageLog:
    """What a page did: every request URL, console errors, uncaught errors, CSP violations."""

    requests: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)
    page_errors: list[str] = field(default_factory=list)
    csp_messages: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests if urlsplit(url).scheme != "data"}


def _block_other_hosts(log: PageLog):
    """Route handler: only 127.0.0.1 is reached; anything else is aborted, never sent."""

    def handle(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.hostname != LOCAL_HOST:
            log.aborted.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    return handle


def _listen(page, log: PageLog) -> None:
    page.on("request", lambda req: log.requests.append(req.url))
    page.on("pageerror", lambda err: log.page_errors.append(str(err)))

    def on_console(msg):
        if "Content Security Policy" in msg.text:
            log.csp_messages.append(msg.text)
        if msg.type == "error":
            log.console_errors.append((msg.text, (msg.location or {}).get("url", "")))

    page.on("console", on_console)

    def on_dialog(dialog):
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)


@pytest.fixture
def make_page(browser, request):
    """make_page(log=None, **context_options) -> a page in a fresh context that records what it
    does into log and cannot reach any host but 127.0.0.1. A screenshot of each page is saved
    under test-output/screenshots/ when the test ends."""
    contexts, pages = [], []

    def make(log: PageLog | None = None, **options):
        log = log if log is not None else PageLog()
        context = browser.new_context(**{"viewport": VIEWPORT, "locale": "en-US", **options})
        contexts.append(context)
        context.set_default_timeout(10_000)
        context.route("**/*", _block_other_hosts(log))
        context.add_init_script(_CSP_LISTENER)
        page = context.new_page()
        _listen(page, log)
        pages.append(page)
        return page

    yield make
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1]).strip("_")
    for index, page in enumerate(pages):
        suffix = f"-{index}" if index else ""
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), full_page=True)
        except Exception:  # noqa: BLE001 — a failed screenshot must not hide the test's result
            pass
    for context in contexts:
        context.close()


@pytest.fixture
def page_log():
    return PageLog()


@pytest.fixture
def page(make_page, page_log):
    """A fresh context and page for the test; what it does goes to page_log."""
    return make_page(page_log)
