"""The download of one's data: every table that refers to an account is in it, the person's
texts are, other people's private data, secrets and session data are not."""

import json

import pytest
from sqlalchemy import insert

from robimgood.accounts.models import User
from robimgood.extensions import db as _db
from robimgood.notifications.models import Notification
from robimgood.privacy import services

from .conftest import canary


def user_tables() -> set[str]:
    """Introspected, so that a new table pointing at accounts fails here until it is exported."""
    return {fk.parent.table.name for table in _db.metadata.sorted_tables
            for fk in table.foreign_keys if fk.column.table.name == "users"}


def download(client) -> dict:
    response = client.get("/profile/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.get_data())


def everything(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_every_table_that_refers_to_an_account_is_exported(app, db, world, signed_in):
    assert {"memberships", "follows", "comments", "notifications", "consultations"} <= user_tables()
    data = download(signed_in(db.session.get(User, world.user_ids["organiser"])))
    assert user_tables() | {"users"} <= set(data["tables"])
    assert {t.name for t in services.exported_tables()} == set(data["tables"])
    mine = data["tables"]
    assert [u["username"] for u in mine["users"]] == ["w-organiser"]
    assert {i["title"] for i in mine["initiatives"]} == {canary("yard.title"), canary("bench.title")}
    assert {m["role"] for m in mine["memberships"]} == {"organiser"}
    assert mine["updates"] and mine["stories"] and mine["comments"] and mine["notifications"]
    assert mine["initiatives"][0]["location"]["type"] == "Point"


@pytest.mark.parametrize("role", ["listed", "member", "other", "urbanist", "requester"])
def test_the_export_holds_my_data_and_no_one_elses_secrets(app, db, world, signed_in, role):
    data = download(signed_in(db.session.get(User, world.user_ids[role])))
    text = everything(data)
    for field in ("email", "display_name", "city", "bio", "skills"):
        assert canary(f"{role}.{field}") in text
    assert data["username"] == f"w-{role}"
    mine = {
        "listed": ["comment.body", "update_comment.body", "hidden_comment.body"],
        "member": ["area.label"],
        "other": ["signed_question", "signed_followup", "signed_answer"],
        # The requests they took, as they read them in the queue.
        "urbanist": ["urbanist.cities", "anon_answer", "published.answer", "draft_guide.title",
                     "anon_question", "signed_question"],
        "requester": [],
    }[role]
    assert [k for k in mine if canary(k) not in text] == []
    # Other people's private data: who else joined, their profiles, areas, questions.
    # (The founder's display name is public: it signs their reply to the member's comment.)
    others = [k for k in world.keys if k.split(".")[0] in world.users and not k.startswith(role)
              and k != "organiser.display_name"]
    others += [k for k in ("area.label", "signed_question", "open_question", "anon_question")
               if k not in mine]
    assert [k for k in others if canary(k) in text] == []
    assert [name for r, name in world.users.items() if r != role and name in text] == []
    for secret in ("password_hash", "session_version", "token_hash", "argon2", "_user_id"):
        assert secret not in text
    assert data["tables"]["memberships"] == [] or {
        m["user_id"] for m in data["tables"]["memberships"]} == {world.user_ids[role]}


def test_the_export_streams_in_chunks(app, db, make_user, login, client):
    user = login(make_user())
    db.session.execute(insert(Notification), [
        {"user_id": user.id, "kind": "join_accepted", "params": {"initiative": f"n{i}"}, "url": "/"}
        for i in range(1200)])
    db.session.commit()
    response = client.get("/profile/data.json", buffered=False)
    assert response.is_streamed
    chunks = list(response.response)
    response.close()
    assert len(chunks) > 5
    data = json.loads(b"".join(chunks))
    assert len(data["tables"]["notifications"]) == 1200


def test_the_page_and_the_download_need_a_session(client, make_user, login):
    for url in ("/profile/data", "/profile/data.json", "/profile/delete"):
        assert client.get(url).status_code == 302
    login(make_user())
    page = client.get("/profile/data")
    assert page.status_code == 200
    assert "/profile/data.json" in page.get_data(as_text=True)
    assert "/profile/data" in client.get("/profile").get_data(as_text=True)
