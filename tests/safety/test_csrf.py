"""CSRF on every state change, HTMX included, and no GET that changes anything.

Every POST row of the access crawl is sent as the role that reaches its action: without a token
(plain, and as HTMX without the X-CSRFToken header) it is a 400 and every table stays as it was;
with the token in the X-CSRFToken header, as htmx sends it, it answers what the crawl expects.
"""

import re

import pytest

from . import world as world_module
from .crawl import ROLES, client_for, fill, fingerprint
from .test_access_crawl import FORMS, ROWS

EXPIRED = b"The form has expired"
# The role that reaches each action: the first one, in this order, that is neither sent to log
# in nor refused.
PREFERENCE = ("organiser", "urbanist", "admin", "other", "member", "anonymous")


def acting_role(statuses: str) -> tuple[str, int]:
    expected = dict(zip(ROLES, map(int, statuses.split()), strict=True))
    role = next((r for r in PREFERENCE if expected[r] not in (302, 403, 404)), "organiser")
    return role, expected[role]


def token_of(client) -> str:
    body = client.get("/initiatives").get_data(as_text=True)
    return re.search(r'"X-CSRFToken": "([^"]+)"', body).group(1)


@pytest.fixture
def world(app):
    return world_module.build(lambda key, length: key)


def test_every_state_change_needs_the_token(app, db, csrf, world):
    clients = {role: client_for(app, world, role) for role in ROLES}
    tokens = {role: token_of(client) for role, client in clients.items()}
    before = fingerprint(db)
    connection = db.engines[None]
    rows = [row for row in ROWS if row[0] != "GET"]
    assert len(rows) > 40
    for method, template, statuses in rows:
        role, status = acting_role(statuses)
        path, client = fill(template, world), clients[role]
        for headers in ({}, {"HX-Request": "true"}, {"HX-Request": "true", "X-CSRFToken": "forged"}):
            refused = client.open(path, method=method, data=FORMS.get(template), headers=headers)
            assert refused.status_code == 400 and EXPIRED in refused.data, (template, role, headers)
        assert fingerprint(db) == before, (template, role)

        for htmx in ({}, {"HX-Request": "true"}):
            savepoint = connection.begin_nested()
            try:
                allowed = client.open(path, method=method, data=FORMS.get(template),
                                      headers={"X-CSRFToken": tokens[role], **htmx})
            finally:
                savepoint.rollback()
            if template == "/logout":
                clients[role] = client = client_for(app, world, role)
                tokens[role] = token_of(client)
            assert EXPIRED not in allowed.data, (template, role, htmx)
            # HTMX may get a fragment (200) where a form gets its redirect (303).
            assert allowed.status_code == status or htmx and allowed.status_code < 400, (
                template, role, allowed.status_code)


def test_a_form_with_the_token_works_and_one_without_writes_nothing(app, db, csrf, world):
    client = client_for(app, world, "other")
    before = fingerprint(db)
    path = fill("/i/{bench}/join", world)
    assert client.post(path).status_code == 400
    assert fingerprint(db) == before
    response = client.post(path, data={"csrf_token": token_of(client)})
    assert response.status_code == 303
    assert fingerprint(db) != before


def test_no_get_changes_anything(app, db, world):
    clients = {role: client_for(app, world, role) for role in ROLES}
    before = fingerprint(db)
    for template in (template for method, template, _ in ROWS if method == "GET"):
        for client in clients.values():
            client.get(fill(template, world))
            client.get(fill(template, world), headers={"HX-Request": "true"})
        assert fingerprint(db) == before, template
