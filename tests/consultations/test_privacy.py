"""An anonymous request leaves no link to any account and no IP address in the database; the
secret link is stored only as a hash and kept out of logs; the asker's times are rounded."""

import logging

from sqlalchemy import JSON, String, Text, cast, func, inspect, select
from sqlalchemy import Table as SATable

from robimgood.consultations import HideSecretLinks, services
from robimgood.consultations.models import Consultation, ConsultationMessage
from robimgood.geo.engine import _SYSTEM_PREFIXES
from robimgood.notifications.models import Notification

from .test_asking import FORM, secret_link

CLIENT_ADDRESS = "127.0.0.1"  # the test client's REMOTE_ADDR


def text_columns_containing(db, needle: str) -> list[str]:
    """table.column of every text-like column, in every table of the database, holding needle."""
    connection = db.session.connection()
    inspector = inspect(connection)
    found = []
    for name in inspector.get_table_names():
        table = SATable(name, db.MetaData())
        columns = [c for c in inspector.get_columns(name)
                   if isinstance(c["type"], String | Text | JSON) or "CHAR" in str(c["type"]).upper()
                   or "TEXT" in str(c["type"]).upper()]
        for column in columns:
            col = db.column(column["name"])
            stmt = select(func.count()).select_from(table).where(
                cast(col, Text).like(f"%{needle}%"))
            try:
                with db.session.begin_nested():
                    hits = db.session.scalar(stmt)
            except Exception:  # noqa: BLE001 — only the engines' own virtual tables may refuse
                assert name.lower().startswith(_SYSTEM_PREFIXES), f"could not scan {name}"
                continue
            if hits:
                found.append(f"{name}.{column['name']}")
    return found


def rows_pointing_at(db, user) -> list[str]:
    """table.column of every foreign key to users.id, in every table, that points at user."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "users" for fk in column.foreign_keys):
                if db.session.scalar(select(func.count()).select_from(table)
                                     .where(column == user.id)):
                    found.append(f"{table.name}.{column.name}")
    return found


def test_an_anonymous_request_leaves_no_link_and_no_ip(app, db, client, make_user, login,
                                                        urbanist, signed_in_client, caplog):
    caplog.set_level(logging.DEBUG)
    member = login(make_user("secretive", display_name="Secretive Sasha"))
    assert rows_pointing_at(db, member) == []

    # A member asks anonymously, and a visitor without an account asks too.
    token = secret_link(client.post("/consultations/new", data={**FORM, "anonymous": "y"}))
    visitor = app.test_client()
    other_token = secret_link(visitor.post("/consultations/new", data=FORM))
    c = services.by_token(token)
    holder = signed_in_client(urbanist)
    url = f"/consultations/{c.public_id}"
    assert holder.post(f"{url}/claim").status_code == 303
    assert holder.post(f"{url}/messages", data={"body": "Here is the answer."}).status_code == 303
    for path, data in (("messages", {"body": "Thank you!"}), ("consent", {"consent": "yes"}),
                       ("close", {"helped": "yes"})):
        assert client.post(f"/c/{token}/{path}", data=data).status_code == 303
    assert holder.post(f"{url}/publish", data={"question": "A bench question.", "answer": "Ask.",
                                               "city": "Minsk"}).status_code == 303
    assert visitor.post(f"/c/{other_token}/messages", data={"body": "Anyone?"}).status_code == 303

    db.session.expire_all()
    # The scans see what is there (a check of the checks) ...
    assert text_columns_containing(db, "Here is the answer") == ["consultation_messages.body"]
    assert sorted(rows_pointing_at(db, urbanist)) == [
        "consultation_messages.author_id", "consultations.urbanist_id", "notifications.user_id",
        "published_answers.urbanist_id", "user_specialties.user_id"]
    # ... and find nothing of the member, the addresses or the links.
    assert rows_pointing_at(db, member) == []
    for needle in (CLIENT_ADDRESS, token, other_token, "secretive", "Secretive Sasha"):
        where = text_columns_containing(db, needle)
        if needle == "secretive":
            where = [w for w in where if not w.startswith("users.")]  # the account itself
        if needle == "Secretive Sasha":
            where = [w for w in where if w != "users.display_name"]
        assert where == [], f"{needle!r} found in {where}"
    assert text_columns_containing(db, services.token_hash(token)) == ["consultations.token_hash"]

    for consultation in db.session.scalars(select(Consultation)):
        assert consultation.asker_id is None and consultation.initiative_id is None
        assert not consultation.asker_name_shown
    # Nothing about the consultations was logged with an address or a link either.
    assert not [r for r in caplog.records
                if CLIENT_ADDRESS in r.getMessage() or token in r.getMessage()]
    # The browser's session cookie carries nothing but the CSRF token and flashed messages.
    with client.session_transaction() as session:
        assert set(session) <= {"csrf_token", "_flashes", "_user_id", "_fresh", "_id"}
        assert not session.get("_id")
    with visitor.session_transaction() as session:
        assert set(session) <= {"csrf_token", "_flashes"}


def test_the_askers_times_are_rounded_to_the_hour(db, ask, asker, urbanist, client):
    c, token = ask()
    signed_in = ask(asker)[0]
    for consultation in (c, signed_in):
        assert consultation.created_at == consultation.created_at.replace(minute=0, second=0,
                                                                          microsecond=0)
    services.claim(c, urbanist)
    services.write(c, "urbanist", "Answer.", author=urbanist)
    db.session.commit()
    client.post(f"/c/{token}/messages", data={"body": "Thanks!"})
    client.post(f"/c/{token}/close", data={"helped": "yes"})
    db.session.refresh(c)
    asker_times = [m.created_at for m in c.messages if m.by_asker] + [c.closed_at]
    assert all(t.minute == t.second == t.microsecond == 0 for t in asker_times)
    notices = db.session.scalars(select(Notification).where(Notification.kind.in_(
        ["consultation_new", "consultation_message", "consultation_closed"])))
    assert all(n.created_at.minute == n.created_at.second == 0 for n in notices)
    hour = c.created_at.strftime("%-I:00\u202f%p")  # Babel's short English time, e.g. 6:00 PM
    assert f"{hour}–".encode() in client.get(f"/c/{token}").data  # the hour it lies in


def test_the_queue_shows_the_hour_only(db, ask, urbanist, signed_in_client):
    c = ask()[0]
    page = signed_in_client(urbanist).get("/consultations/queue")
    assert f'datetime="{c.created_at.isoformat()}Z"'.encode() in page.data
    assert c.created_at.minute == 0


def test_the_secret_link_is_masked_before_the_access_log(app, client, ask):
    """gunicorn logs PATH_INFO and RAW_URI from the environ it passed to the app, after the app
    answered: capture that same dict, as gunicorn would."""
    _, token = ask()
    seen, inner = [], app.wsgi_app

    def server(environ, start_response):
        seen.append(environ)
        return inner(environ, start_response)

    app.wsgi_app = server
    try:
        for method, path in (("GET", f"/c/{token}"), ("POST", f"/c/{token}/messages"),
                             ("GET", f"/c/{'A' * 43}")):
            client.open(path, method=method, data={"body": "More details here."},
                        environ_overrides={"RAW_URI": path, "REQUEST_URI": path})
    finally:
        app.wsgi_app = inner
    assert [e["PATH_INFO"] for e in seen] == ["/c/[secret]", "/c/[secret]/messages", "/c/[secret]"]
    assert not [e for e in seen if token in e["RAW_URI"] or token in e["REQUEST_URI"]]


def test_the_development_server_log_hides_secret_links():
    token = "x" * 43
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '"%s" %s %s',
                               (f"GET /c/{token}/messages HTTP/1.1", "200", "-"), None)
    assert HideSecretLinks().filter(record)
    assert token not in record.getMessage() and "/c/[secret]/messages" in record.getMessage()
    assert any(isinstance(f, HideSecretLinks) for f in logging.getLogger("werkzeug").filters)


def test_only_the_hash_of_the_token_is_stored(db, ask):
    c, token = ask()
    assert len(token) == 43  # 32 random bytes, URL-safe base64: 256 bits
    assert c.token_hash == services.token_hash(token) and len(c.token_hash) == 64
    assert services.by_token(token).id == c.id
    assert services.by_token(c.token_hash) is None  # the hash itself is no key
    assert db.session.scalar(select(func.count()).select_from(ConsultationMessage)) == 0


def test_an_anonymous_request_cannot_name_an_account_in_the_database(db, ask, asker):
    c, _ = ask()
    c.asker_id = asker.id  # an account and a secret link at once are refused by the database
    try:
        with db.session.begin_nested():
            db.session.flush()
        raise AssertionError("the check constraint did not hold")
    except Exception as err:  # noqa: BLE001 — IntegrityError, whatever the driver calls it
        assert "one_kind_of_asker" in str(err) or "CHECK" in str(err).upper()
    db.session.rollback()
