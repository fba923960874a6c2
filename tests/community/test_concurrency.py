"""Parallel requests against a real threaded server: one membership, however many clicks."""

import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

PARALLEL = 20


class Browser:
    """A minimal cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base: str):
        self.netloc = urlsplit(base).netloc
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        conn = http.client.HTTPConnection(self.netloc, timeout=60)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data.decode()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def joiner(live_server):
    """A user and an initiative of someone else's in the live server's database."""
    from robimgood.accounts import services as accounts
    from robimgood.extensions import db
    from robimgood.initiatives import services as initiatives

    from ..conftest import PASSWORD, VALID_INITIATIVE

    with live_server.app.app_context():
        owner = accounts.register("parallel-owner", PASSWORD)
        accounts.register("parallel-joiner", PASSWORD)
        item = initiatives.create(owner, VALID_INITIATIVE)
        db.session.commit()
        path = f"/i/{item.public_id}/{item.slug}"
        db.session.remove()
    return path


def test_twenty_parallel_joins_make_one_membership(live_server, joiner):
    from robimgood.community.models import Membership
    from robimgood.extensions import db
    from robimgood.notifications.models import Notification

    client = Browser(live_server.url)
    status, html = client.request("GET", "/login")
    status, _ = client.request("POST", "/login", {"username": "parallel-joiner",
                                                  "password": "correct horse battery",
                                                  "csrf_token": _csrf(html)})
    assert status == 303
    status, page = client.request("GET", joiner)
    assert status == 200
    token = _csrf(page)

    def join(_):
        return client.request("POST", joiner.rsplit("/", 1)[0] + "/join", {"csrf_token": token})[0]

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(join, range(PARALLEL)))
    assert statuses == [303] * PARALLEL, statuses

    with live_server.app.app_context():
        memberships = db.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.role == "member"))
        notices = db.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.kind == "new_member"))
        db.session.remove()
    assert memberships == 1
    assert notices == 1  # the organiser hears of the new member once, not twenty times
