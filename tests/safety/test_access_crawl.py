"""The access crawl: every rule of the URL map, as every role, on a world with a distinct canary in
every private field.

ROWS holds one row per rule and method (a rule may have more rows, for more objects): the path
on the world and the status each role must get. A rule without a row fails the test, so a new
feature must add its rows. For every response the test checks that no canary reaches a role
that may not see it (HTML, JSON, GeoJSON, Atom, CSV alike; GETs also as HTMX fragments), and that
a private object answers exactly the 404 of one that does not exist. POSTs run inside a savepoint
that is rolled back, so each role meets the same world; they are sent empty (FORMS fills the few
that check their input first).

While it crawls it also records every log line (DEBUG and up): no canary, e-mail address or client
IP may be in them. Then the client writes something of every kind, and no text column of any
table may hold its IP.
"""

import logging
import re

from sqlalchemy import String, Text, select

from . import world as world_module
from .crawl import (
    CLIENT_ADDRESS,
    EXACT,
    ROLES,
    Canaries,
    client_for,
    csrf_free,
    fill,
    fill_missing,
)

#   method, path on the world                                                ano oth mem org urb adm
ROWS = [
    ("GET", "/",                                                            "200 200 200 200 200 200"),
    ("GET", "/api",                                                         "200 200 200 200 200 200"),
    ("GET", "/api/initiatives.csv",                                         "200 200 200 200 200 200"),
    ("GET", "/api/initiatives.geojson",                                     "200 200 200 200 200 200"),
    ("GET", "/api/openapi.json",                                            "200 200 200 200 200 200"),
    ("GET", "/api/stats.json",                                              "200 200 200 200 200 200"),
    ("GET", "/areas",                                                       "200 200 200 200 200 200"),
    ("POST", "/areas",                                                      "302 400 400 400 400 400"),
    ("POST", "/areas/{area}/delete",                                        "302 404 303 404 404 404"),
    ("GET", "/c/{token}",                                                   "200 200 200 200 200 200"),
    ("POST", "/c/{token}/close",                                            "400 400 400 400 400 400"),
    ("POST", "/c/{token}/consent",                                          "400 400 400 400 400 400"),
    ("POST", "/c/{token}/messages",                                         "400 400 400 400 400 400"),
    ("POST", "/c/{token}/reopen",                                           "409 409 409 409 409 409"),
    ("GET", "/consultations",                                               "200 200 200 200 200 200"),
    ("GET", "/consultations/{asked}",                                       "302 200 404 404 200 200"),
    ("POST", "/consultations/{open}/claim",                                 "302 404 404 404 303 403"),
    ("POST", "/consultations/{asked}/close",                                "302 400 404 404 403 403"),
    ("POST", "/consultations/{asked}/consent",                              "302 400 404 404 403 403"),
    ("POST", "/consultations/{asked}/messages",                             "302 400 404 404 400 403"),
    ("GET", "/consultations/{asked}/publish",                               "302 403 404 404 409 403"),
    ("POST", "/consultations/{asked}/publish",                              "302 403 404 404 409 403"),
    ("POST", "/consultations/{asked}/release",                              "302 403 404 404 409 403"),
    ("POST", "/consultations/{asked}/reopen",                               "302 409 404 404 409 403"),
    ("GET", "/consultations/answers",                                       "200 200 200 200 200 200"),
    ("GET", "/consultations/answers/{published}",                           "200 200 200 200 200 200"),
    ("GET", "/consultations/new",                                           "200 200 200 200 200 200"),
    ("POST", "/consultations/new",                                          "400 400 400 400 400 400"),
    ("GET", "/consultations/queue",                                         "302 403 403 403 200 403"),
    ("GET", "/consultations/settings",                                      "302 403 403 403 200 403"),
    ("POST", "/consultations/settings",                                     "302 403 403 403 303 403"),
    ("GET", "/feeds/area.atom?lat=53.886421&lon=27.649813&radius_m=1500",   "200 200 200 200 200 200"),
    ("GET", "/guides",                                                      "200 200 200 200 200 200"),
    ("GET", "/guides/{draft}",                                              "404 404 404 404 301 301"),
    ("GET", "/guides/{guide}/{guide_slug}",                                 "200 200 200 200 200 200"),
    ("GET", "/guides/{draft}/delete",                                       "302 404 404 404 403 200"),
    ("POST", "/guides/{draft}/delete",                                      "302 404 404 404 403 303"),
    ("GET", "/guides/{draft}/edit",                                         "302 404 404 404 200 200"),
    ("POST", "/guides/{draft}/edit",                                        "302 404 404 404 400 400"),
    ("GET", "/guides/{draft}/history",                                      "404 404 404 404 200 200"),
    ("GET", "/guides/{draft}/print",                                        "404 404 404 404 200 200"),
    ("GET", "/guides/{guide}/steps/{guide_step}/delete",                    "302 403 403 403 200 200"),
    ("POST", "/guides/{guide}/steps/{guide_step}/delete",                   "302 403 403 403 400 400"),
    ("GET", "/guides/{guide}/steps/{guide_step}/edit",                      "302 403 403 403 200 200"),
    ("POST", "/guides/{guide}/steps/{guide_step}/edit",                     "302 403 403 403 400 400"),
    ("POST", "/guides/{guide}/steps/{guide_step}/move",                     "302 403 403 403 400 400"),
    ("GET", "/guides/{guide}/steps/new",                                    "302 403 403 403 200 200"),
    ("POST", "/guides/{guide}/steps/new",                                   "302 403 403 403 400 400"),
    ("POST", "/guides/{guide}/translate",                                   "302 403 403 403 400 400"),
    ("GET", "/guides/new",                                                  "302 403 403 403 200 200"),
    ("POST", "/guides/new",                                                 "302 403 403 403 400 400"),
    ("GET", "/healthz",                                                     "200 200 200 200 200 200"),
    ("GET", "/i/{yard}",                                                    "301 301 301 301 301 301"),
    ("GET", "/i/{yard}/{yard_slug}",                                        "200 200 200 200 200 200"),
    ("POST", "/i/{yard}/comments",                                          "302 400 400 400 400 400"),
    ("POST", "/i/{yard}/comments/{hidden_comment}/hide",                    "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/delete",                                             "302 403 403 200 403 200"),
    ("POST", "/i/{yard}/delete",                                            "302 403 403 303 403 303"),
    ("GET", "/i/{yard}/edit",                                               "302 403 403 200 403 200"),
    ("POST", "/i/{yard}/edit",                                              "302 403 403 400 403 400"),
    ("GET", "/i/{yard}/feed.atom",                                          "200 200 200 200 200 200"),
    ("GET", "/i/{yard}/flyer",                                              "200 200 200 200 200 200"),
    ("POST", "/i/{yard}/follow",                                            "302 303 303 303 303 303"),
    ("GET", "/i/{yard}/guide",                                              "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/guide",                                             "302 403 403 400 403 403"),
    ("GET", "/i/{yard}/guide/drop",                                         "302 403 403 409 403 403"),
    ("POST", "/i/{yard}/guide/drop",                                        "302 403 403 409 403 403"),
    ("POST", "/i/{yard}/guide/update",                                      "302 403 403 409 403 403"),
    ("POST", "/i/{yard}/join",                                              "302 303 303 303 303 303"),
    ("POST", "/i/{yard}/leave",                                             "302 303 303 409 303 303"),
    ("POST", "/i/{yard}/listing",                                           "302 409 303 303 409 409"),
    ("GET", "/i/{yard}/members",                                            "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/members/{request_membership}/accept",               "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/members/{request_membership}/decline",              "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/members/{member_membership}/remove",                "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/members/{member_membership}/role",                  "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/members/approval",                                  "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/milestones",                                         "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/milestones",                                        "302 403 403 400 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/delete",                     "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/done",                       "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/milestones/{milestone}/edit",                        "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/edit",                       "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/move",                       "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/milestones/{milestone}/skip",                        "302 403 403 409 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/skip",                       "302 403 403 409 403 403"),
    ("POST", "/i/{yard}/milestones/{milestone}/unskip",                     "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/status",                                            "302 403 403 303 403 403"),
    ("GET", "/i/{bench}/story/edit",                                        "302 403 403 200 403 403"),
    ("POST", "/i/{bench}/story/edit",                                       "302 403 403 303 403 403"),
    ("POST", "/i/{yard}/unfollow",                                          "302 303 303 303 303 303"),
    ("GET", "/i/{yard}/updates/{update}/delete",                            "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/updates/{update}/delete",                           "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/updates/{update}/edit",                              "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/updates/{update}/edit",                             "302 403 403 303 403 403"),
    ("GET", "/i/{yard}/updates/new",                                        "302 403 403 200 403 403"),
    ("POST", "/i/{yard}/updates/new",                                       "302 403 403 400 403 403"),
    ("GET", "/initiatives",                                                 "200 200 200 200 200 200"),
    ("GET", "/initiatives/new",                                             "302 200 200 200 200 200"),
    ("POST", "/initiatives/new",                                            "302 400 400 400 400 400"),
    ("POST", "/language",                                                   "400 400 400 400 400 400"),
    ("GET", "/login",                                                       "200 200 200 200 200 200"),
    ("POST", "/login",                                                      "400 400 400 400 400 400"),
    ("POST", "/logout",                                                     "302 303 303 303 303 303"),
    ("GET", "/map",                                                         "200 200 200 200 200 200"),
    ("GET", "/me/initiatives",                                              "302 200 200 200 200 200"),
    ("GET", "/i/{yard}/report",                                             "302 200 200 200 200 200"),
    ("POST", "/i/{yard}/report",                                            "302 400 400 400 400 400"),
    ("GET", "/i/{yard}/updates/{update}/report",                            "302 200 200 200 200 200"),
    ("POST", "/i/{yard}/updates/{update}/report",                           "302 400 400 400 400 400"),
    ("GET", "/i/{yard}/comments/{comment}/report",                          "302 200 200 200 200 200"),
    ("POST", "/i/{yard}/comments/{comment}/report",                         "302 400 400 400 400 400"),
    ("GET", "/moderation",                                                  "302 403 403 403 403 200"),
    ("GET", "/moderation/log",                                              "302 403 403 403 403 200"),
    ("POST", "/moderation/initiative/{yard_id}/hide",                       "302 403 403 403 403 303"),
    ("POST", "/moderation/initiative/{yard_id}/restore",                    "302 403 403 403 403 409"),
    ("POST", "/moderation/comment/{comment}/dismiss",                       "302 403 403 403 403 400"),
    ("POST", "/moderation/users/{member_id}/ban",                           "302 403 403 403 403 303"),
    ("POST", "/moderation/users/{member_id}/unban",                         "302 403 403 403 403 409"),
    ("GET", "/notifications",                                               "302 200 200 200 200 200"),
    ("POST", "/notifications/read",                                         "302 303 303 303 303 303"),
    ("GET", "/profile",                                                     "302 200 200 200 200 200"),
    ("POST", "/profile",                                                    "302 303 303 303 303 303"),
    ("GET", "/profile/data",                                                "302 200 200 200 200 200"),
    ("GET", "/profile/data.json",                                           "302 200 200 200 200 200"),
    ("GET", "/profile/delete",                                              "302 200 200 200 200 200"),
    ("POST", "/profile/delete",                                             "302 400 400 400 400 400"),
    ("GET", "/profile/password",                                            "302 200 200 200 200 200"),
    ("POST", "/profile/password",                                           "302 400 400 400 400 400"),
    ("GET", "/register",                                                    "200 200 200 200 200 200"),
    ("POST", "/register",                                                   "400 400 400 400 400 400"),
    ("GET", "/start?idea=bench",                                            "200 200 200 200 200 200"),
    ("GET", "/static/css/app.css",                                          "200 200 200 200 200 200"),
    ("GET", "/stats",                                                       "200 200 200 200 200 200"),
    ("GET", "/stories",                                                     "200 200 200 200 200 200"),
    ("GET", "/tiles/1/0/0.png",                                             "404 404 404 404 404 404"),
    ("GET", "/u/w-organiser",                                               "200 200 200 200 200 200"),
    ("GET", "/urbanists",                                                   "200 200 200 200 200 200"),
    ("GET", "/urbanists/w-urbanist",                                        "200 200 200 200 200 200"),
    # More objects behind the same rules: each one's canaries must reach only the right people.
    ("GET", "/i/{bench}/{bench_slug}",                                      "200 200 200 200 200 200"),
    ("GET", "/i/{bench}/feed.atom",                                         "200 200 200 200 200 200"),
    ("GET", "/c/{open_token}",                                              "200 200 200 200 200 200"),
    ("GET", "/consultations/{answered}",                                    "302 404 404 404 200 200"),
    ("GET", "/consultations/{open}",                                        "302 404 404 404 200 200"),
    ("GET", "/guides/{guide}",                                              "301 301 301 301 301 301"),
    ("GET", "/u/w-listed",                                                  "200 200 200 200 200 200"),
    ("GET", "/feeds/area.atom?lat=53.92&lon=27.58&radius_m=3000",             "200 200 200 200 200 200"),
    ("GET", "/api/initiatives.geojson?bbox=27.5,53.9,27.7,53.95",           "200 200 200 200 200 200"),
]
# Forms for the actions that check their input before who is asking, so that the crawl reaches
# the check of who is asking. Every other POST is sent empty.
FORMS = {
    "/i/{yard}/comments/{hidden_comment}/hide": {"hidden": "0"},
    "/i/{yard}/members/{member_membership}/role": {"role": "member"},
    "/i/{yard}/milestones/{milestone}/done": {"done": "1"},
    "/i/{yard}/milestones/{milestone}/move": {"direction": "up"},
    "/i/{yard}/status": {"status": "in_progress"},
}

# Who may see each canary (fnmatch patterns, first match wins). A person always sees their own
# fields; everything else not listed here is seen by nobody.
EVERYONE = set(ROLES)
SEEN_BY = [
    ("member.display_name", {"organiser"}),        # an unlisted member: the organisers
    ("requester.display_name", {"organiser"}),     # a request to join: the organisers
    ("*.email", set()),
    ("organiser.*", EVERYONE),                     # the founder is named, their profile public
    ("listed.*", EVERYONE),                        # a member who chose to be listed
    ("urbanist.display_name", EVERYONE),           # the urbanist directory
    ("urbanist.bio", EVERYONE),
    ("urbanist.cities", EVERYONE),
    ("admin.display_name", EVERYONE),              # a guide's author
    ("hidden_comment.body", {"organiser"}),        # who hid it (and its author)
    ("area.label", {"member"}),                     # the member's own saved area
    ("open_question*", {"urbanist", "admin"}),     # an open request: urbanists of the topic
    ("anon_*", {"urbanist", "admin"}),             # the urbanist holding it (and the secret link)
    ("signed_*", {"other", "urbanist", "admin"}),  # the asker `other` and the urbanist
    ("draft_guide.*", {"urbanist", "admin"}),      # its author and the admins
    ("exact", {"member", "organiser"}),            # the approximate initiative's exact place
    ("*", EVERYONE),                               # initiatives, updates, comments, guides, answers
]
# Rows whose path itself grants more: the secret link shows its thread to whoever holds it, an
# admin who may edit an initiative edits its real place, and a moderator sees whom they moderate.
GRANTED_BY_PATH = {
    "/c/{token}": ("anon_*", EVERYONE),
    "/c/{open_token}": ("open_question*", EVERYONE),
    "/i/{yard}/edit": ("exact", {"admin"}),
    "/moderation": ("*.display_name", {"admin"}),  # moderators name whom they ban or unban
}


def may_see(role: str, key: str, template: str) -> bool:
    from fnmatch import fnmatch

    if key.split(".")[0] == role:
        return True
    for prefix, (pattern, roles) in GRANTED_BY_PATH.items():
        if (template == prefix or template.startswith(prefix + "/")) and fnmatch(key, pattern) \
                and role in roles:
            return True
    return next(role in roles for pattern, roles in SEEN_BY if fnmatch(key, pattern))


def shown(canaries: Canaries, body: str) -> set[str]:
    """The canary keys in body, and "exact" when it holds the exact place."""
    return canaries.found(body) | ({"exact"} if all(re.search(e, body) for e in EXACT) else set())


def test_every_rule_of_the_url_map_has_a_row(app):
    adapter = app.url_map.bind("localhost")
    covered = {(method, adapter.match(fill_missing(path).split("?")[0], method=method,
                                      return_rule=True)[0].rule) for method, path, _ in ROWS}
    wanted = {(method, rule.rule) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert sorted(wanted - covered) == [], "add a row to ROWS for each of these"
    assert all(len(statuses.split()) == len(ROLES) for _, _, statuses in ROWS)


def test_every_role_gets_its_status_and_sees_only_what_it_may(app, db, caplog):
    caplog.set_level(logging.DEBUG)
    canaries = Canaries()
    w = world_module.build(canaries)
    clients = {role: client_for(app, w, role) for role in ROLES}
    connection = db.engines[None]
    problems = []
    for method, template, statuses in ROWS:
        path = fill(template, w)
        for role, status in zip(ROLES, map(int, statuses.split()), strict=True):
            if method == "GET":
                response = clients[role].get(path)
            else:
                savepoint = connection.begin_nested()
                try:
                    response = clients[role].open(path, method=method, data=FORMS.get(template))
                finally:
                    savepoint.rollback()
                if template == "/logout" and role != "anonymous":
                    clients[role] = client_for(app, w, role)
            where = f"{method} {template} as {role}"
            if response.status_code != status:
                problems.append(f"{where}: {response.status_code}, expected {status}")
            body = response.get_data(as_text=True)
            if method == "GET":  # and the fragment HTMX would get
                body += clients[role].get(path, headers={"HX-Request": "true"}).get_data(as_text=True)
            leaked = sorted(key for key in shown(canaries, body) if not may_see(role, key, template))
            if leaked:
                problems.append(f"{where} shows {leaked}")
            if method == "GET" and status == 404 and "{" in template:
                # Asked again after the missing one, so that a flashed message shows in neither.
                missing_path = fill_missing(template)
                missing = clients[role].get(missing_path)
                again = clients[role].get(path).get_data(as_text=True)
                if missing.status_code != 404 or csrf_free(again) != csrf_free(
                        missing.get_data(as_text=True).replace(missing_path, path)):
                    problems.append(f"{where}: its 404 differs from a missing object's")
    assert problems == [], "\n".join(problems)

    # The application's logs name nobody and no address, and no table keeps the address.
    logged = caplog.text + "\n".join(record.getMessage() for record in caplog.records)
    assert canaries.found(logged) == set()
    assert "@example.org" not in logged and CLIENT_ADDRESS not in logged
    write_everything(app, w)
    assert stored_addresses(db) == []


def write_everything(app, w) -> None:
    """From CLIENT_ADDRESS: an account, an anonymous question and its follow-up, a comment, a
    join, a follow, a saved area, an initiative."""
    from ..conftest import VALID_INITIATIVE

    anonymous, member = client_for(app, w, "anonymous"), client_for(app, w, "member")
    bench = fill("/i/{bench}", w)
    for client, path, data, status in [
        (anonymous, "/consultations/new", {"topic": "law", "question": "May we plant a tree?",
                                           "language": "en", "city": "Minsk"}, 201),
        (anonymous, fill("/c/{token}/messages", w), {"body": "One more thing."}, 303),
        (anonymous, "/register", {"username": "newcomer", "password": "long enough password",
                                  "confirm": "long enough password"}, 303),
        (member, bench + "/comments", {"body": "Well done!"}, 303),
        (member, bench + "/join", {}, 303),
        (member, "/areas", {"lat": 53.9, "lon": 27.56, "radius_m": 800, "label": "Home"}, 303),
        (member, "/initiatives/new", VALID_INITIATIVE, 303),
        (client_for(app, w, "other"), bench + "/follow", {}, 303),
    ]:
        assert client.post(path, data=data).status_code == status, path


def stored_addresses(db) -> list[str]:
    """Every table.column whose text holds the client's address."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text) and db.session.scalar(
                    select(column).where(column.contains(CLIENT_ADDRESS)).limit(1)) is not None:
                found.append(f"{table.name}.{column.name}")
    return found
