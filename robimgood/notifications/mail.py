"""E-mail for notifications, sent only once the transaction that made them has committed.

MAIL_SERVER is an SMTP host, or "file" (development) to write each message under
instance/outbox/ instead. The logs name the kind of message only: never an address or a text.
"""

import logging
import secrets
import smtplib
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from flask import current_app
from sqlalchemy import event

from ..extensions import db

log = logging.getLogger(__name__)
_OUTBOX = "robimgood_mail"


def queue(to: str, subject: str, body: str, kind: str) -> None:
    """Send after the commit; a rollback drops the message with everything else."""
    cfg = current_app.config
    message = EmailMessage()
    message["From"] = cfg["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message.set_content(body)
    db.session().info.setdefault(_OUTBOX, []).append((kind, message))


@event.listens_for(db.session, "after_commit")
def _deliver(session) -> None:
    messages = session.info.pop(_OUTBOX, [])
    if messages:
        deliver(messages)


@event.listens_for(db.session, "after_rollback")
def _drop(session) -> None:
    session.info.pop(_OUTBOX, None)


def deliver(messages: list[tuple[str, EmailMessage]]) -> None:
    """One connection for the lot; a failure is logged (without personal data), never raised:
    the in-app notification exists either way."""
    cfg = current_app.config
    try:
        if cfg["MAIL_SERVER"] == "file":
            outbox = Path(current_app.instance_path) / "outbox"
            outbox.mkdir(parents=True, exist_ok=True)
            for _kind, message in messages:
                (outbox / f"{secrets.token_hex(8)}.eml").write_bytes(message.as_bytes())
        else:
            with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=15) as smtp:
                if cfg["MAIL_STARTTLS"]:
                    smtp.starttls()
                if cfg["MAIL_USERNAME"]:
                    smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
                for _kind, message in messages:
                    smtp.send_message(message)
        log.info("mail sent: %s", ", ".join(kind for kind, _m in messages))
    except (OSError, smtplib.SMTPException) as err:
        log.warning("mail not sent (%s): %s", type(err).__name__,
                    ", ".join(kind for kind, _m in messages))
