"""Calling the neighbours: the share link and the printable flyer with its QR code; and
notification e-mail, only to people who gave an address, only when mail is configured."""

import email
import email.policy
import logging
import re
from pathlib import Path

import pytest
import segno
from flask_babel import lazy_gettext as _l

from robimgood.community import services
from robimgood.notifications import mail
from robimgood.notifications import services as notifications

CSS = Path(__file__).resolve().parents[2] / "robimgood" / "static" / "css" / "app.css"


def test_the_flyer(client, initiative):
    response = client.get(f"/i/{initiative.public_id}/flyer")
    assert response.status_code == 200
    html = response.data.decode()
    link = f"http://localhost/i/{initiative.public_id}"
    for text in ("Yard garden", "Flowers and herbs in the yard.", "Join us!", link):
        assert text in html
    svg = re.search(r'<svg viewBox="[^"]+" class="qr">.*?</svg>', html, re.S).group(0)
    expected = segno.make(link, error="m").svg_inline(scale=1, omitsize=True, svgclass="qr",
                                                       title=f"QR code of {link}")
    assert svg == expected  # the code encodes the initiative's absolute address
    assert " style=" not in html and "<script>" not in html  # strict CSP: no inline styles or scripts
    css = CSS.read_text()
    assert "@page { size: A4;" in css and "@media print" in css
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").data.decode()
    assert f'href="/i/{initiative.public_id}/flyer"' in page and f">{link}</a>" in page
    assert client.get("/i/nosuchthing/flyer").status_code == 404


def test_the_qr_follows_the_address_behind_a_proxy(app, client, initiative):
    response = client.get(f"/i/{initiative.public_id}/flyer", base_url="https://robimgood.example")
    assert f"https://robimgood.example/i/{initiative.public_id}" in response.data.decode()


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "file")
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "outbox"


def sent(outbox):
    return sorted(outbox.glob("*.eml")) if outbox.exists() else []


def read(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_mail_goes_to_people_with_an_address(db, signed_in, make_user, outbox, make_initiative,
                                             caplog):
    with_address = make_user("withmail", email="org@example.org", locale="en")
    without = make_user("nomail")
    item = make_initiative(with_address, title="Сад")
    services.join(item, without)
    db.session.commit()
    assert len(sent(outbox)) == 1  # the organiser heard of the first member
    for path in sent(outbox):
        path.unlink()
    joiner = make_user("joiner", display_name="Jana")
    caplog.set_level(logging.INFO)
    assert signed_in(joiner).post(f"/i/{item.public_id}/join").status_code == 303
    files = sent(outbox)
    assert len(files) == 1  # to the organiser, who has an address; the other member hears nothing
    message = read(files[0])
    assert message["To"] == "org@example.org"
    assert message["Subject"] == "Jana joined “Сад”"
    body = message.get_content()
    assert f"http://localhost/i/{item.public_id}/members" in body and "Remove the address" in body
    assert "new_member" in caplog.text
    assert "org@example.org" not in caplog.text and "Jana" not in caplog.text  # no personal data


def test_mail_is_written_in_the_readers_language(app, db, make_user, outbox):
    notifications.register_kind("test_hello", _l("Welcome to Robim Good!"))
    try:
        reader = make_user(email="ru@example.org", locale="ru")
        notifications.notify([reader], "test_hello", "/notifications")
        db.session.commit()
    finally:
        notifications.KINDS.pop("test_hello")
    assert read(sent(outbox)[0])["Subject"].startswith("Добро пожаловать")


def test_no_mail_without_configuration_or_after_a_rollback(app, db, make_user, make_initiative,
                                                           outbox, monkeypatch):
    owner = make_user(email="owner@example.org", locale="en")
    item = make_initiative(owner)
    services.join(item, make_user())
    db.session.rollback()
    assert sent(outbox) == []  # the notice was never committed, so neither is the mail
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    services.join(item, make_user())
    db.session.commit()
    assert sent(outbox) == []


def test_smtp_delivery_and_failures(app, db, make_user, make_initiative, monkeypatch, caplog):
    delivered, actions = [], []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            actions.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            actions.append(("starttls",))

        def login(self, user, password):
            actions.append(("login", user))

        def send_message(self, message):
            delivered.append(message)

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    for key, value in {"MAIL_SERVER": "smtp.example.org", "MAIL_PORT": 587, "MAIL_STARTTLS": True,
                       "MAIL_USERNAME": "robim", "MAIL_PASSWORD": "secret"}.items():
        monkeypatch.setitem(app.config, key, value)
    owner = make_user(email="owner@example.org", locale="en")
    item = make_initiative(owner)
    services.join(item, make_user())
    db.session.commit()
    assert actions == [("connect", "smtp.example.org", 587), ("starttls",), ("login", "robim")]
    assert [m["To"] for m in delivered] == ["owner@example.org"]

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError()

    monkeypatch.setattr(mail.smtplib, "SMTP", refuse)
    caplog.set_level(logging.INFO)
    services.join(item, make_user())
    db.session.commit()  # a mail server that is down breaks nothing
    assert "mail not sent (ConnectionRefusedError): new_member" in caplog.text
    assert "owner@example.org" not in caplog.text


def test_a_line_break_in_a_name_cannot_inject_mail_headers(db, make_user, make_initiative, outbox):
    owner = make_user(email="owner@example.org", locale="en")
    item = make_initiative(owner, title="Garden")
    services.join(item, make_user(display_name="Eve\r\nBcc: victim@example.org"))
    db.session.commit()
    message = read(sent(outbox)[0])
    assert message["Subject"] == "Eve Bcc: victim@example.org joined “Garden”"
    assert message["Bcc"] is None
