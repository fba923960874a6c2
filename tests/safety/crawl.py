"""What the safety tests share: the world with a distinct canary in every field, a client per
role (all coming from one recognisable address), and every rule's path on that world.

The canaries are short lowercase words (`cnry017x`) so that they survive e-mail validation,
slugs and case folding, and none is a prefix of another.
"""

import re
from dataclasses import dataclass, field

from . import world as world_module

ROLES = ("anonymous", "other", "member", "organiser", "urbanist", "admin")
# Every request of the crawl comes from here (TEST-NET-3), so that it can be searched for.
CLIENT_ADDRESS = "203.0.113.77"
# The exact place of the approximate initiative, as any page or file would print it.
EXACT = [re.escape(f"{world_module.EXACT_LAT}"[:8]), re.escape(f"{world_module.EXACT_LON}"[:8])]


@dataclass
class Canaries:
    """text(key, max_length) for world.build: a distinct canary per field, remembered by key."""

    by_key: dict = field(default_factory=dict)

    def __call__(self, key: str, max_length: int) -> str:
        return self.by_key.setdefault(key, f"cnry{len(self.by_key):03d}x")

    def found(self, body: str) -> set[str]:
        """The keys whose canary appears in body."""
        seen = set(re.findall(r"cnry\d{3}x", body))
        return {key for key, canary in self.by_key.items() if canary in seen}


def fill(template: str, w) -> str:
    """A path template of the tables with the world's ids and tokens."""
    return template.format(token=w.token, open_token=w.open_token, **w.ids)


# Values that name nothing, for the "private looks missing" comparison.
MISSING = {"yard": "zzzzzzzzzz", "bench": "zzzzzzzzzz", "answered": "zzzzzzzzzz",
           "asked": "zzzzzzzzzz", "open": "zzzzzzzzzz", "published": "zzzzzzzzzz",
           "guide": "zzzzzzzzzz", "draft": "zzzzzzzzzz", "update": 987654, "comment": 987654,
           "hidden_comment": 987654, "milestone": 987654, "member_membership": 987654,
           "request_membership": 987654, "area": 987654, "guide_step": 987654,
           "yard_id": 987654, "member_id": 987654,
           "yard_slug": "nothing", "bench_slug": "nothing", "guide_slug": "nothing"}


def fill_missing(template: str) -> str:
    """The same path with every id replaced by one that names nothing."""
    return template.format(token="A" * 43, open_token="A" * 43, **MISSING)


def csrf_free(body: str) -> str:
    """body without its CSRF tokens, which carry the time they were made."""
    return re.sub(r'(csrf_token" value=|"X-CSRFToken": )"[^"]*"', r"\1", body)


def client_for(app, w, role: str):
    """A test client for role (signed in unless anonymous) from CLIENT_ADDRESS."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = CLIENT_ADDRESS
    if role != "anonymous":
        token = re.search(r'name="csrf_token" value="([^"]*)"', client.get("/login").text)[1]
        response = client.post("/login", data={"username": w.users[role], "csrf_token": token,
                                               "password": world_module.PASSWORD})
        assert response.status_code == 303, response.data[:300]
    return client


def fingerprint(db) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of its contents, to prove nothing was written."""
    import hashlib

    from sqlalchemy import select

    prints = {}
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        digest = hashlib.sha256(repr([tuple(map(_plain, row)) for row in rows]).encode()).hexdigest()
        prints[table.name] = (len(rows), digest)
    return prints


def _plain(value):
    """A geometry's bytes rather than its object (whose repr names its memory address)."""
    from geoalchemy2.elements import _SpatialElement

    if isinstance(value, _SpatialElement):
        value = value.data
    return bytes(value) if isinstance(value, memoryview) else value
