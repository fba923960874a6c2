"""Notify people of what concerns them. Features register the kinds they send, with a
translatable message, so that each notification is shown in the reader's own language.

E-mail goes out only when the person gave an address and the server has mail configured
(MAIL_SERVER), in the person's own language, after the transaction commits (see mail.py).
"""

from collections.abc import Iterable

from flask import current_app, has_request_context, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ..extensions import db
from ..timeutil import utcnow
from . import mail
from .models import Notification

KINDS: dict[str, object] = {}


def register_kind(kind: str, message) -> None:
    """message: a lazy_gettext string with %(name)s placeholders filled from the params."""
    KINDS[kind] = message


def notify(users: Iterable, kind: str, url: str, **params) -> int:
    """Add a notification for each user (duplicates and None skipped); returns how many."""
    if kind not in KINDS:
        raise KeyError(f"unknown notification kind {kind!r}")
    seen = set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        db.session.add(Notification(user_id=user.id, kind=kind, params=params, url=url))
        if user.email and current_app.config.get("MAIL_SERVER"):
            _queue_mail(user, kind, url, params)
    db.session.flush()
    return len(seen)


_MAIL_FOOTER = _l("You get this e-mail because your Robim Good profile has your address. "
                  "Remove the address from your profile to stop these messages.")


def _queue_mail(user, kind, url, params) -> None:
    link = request.host_url.rstrip("/") + url if has_request_context() else url
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = " ".join(_message(kind, params).split())  # one line: a header takes no breaks
        body = f"{subject}\n\n{link}\n\n-- \nRobim Good\n{_MAIL_FOOTER}\n"
    mail.queue(user.email, subject, body, kind)


def _message(kind: str, params: dict) -> str:
    message = KINDS.get(kind)
    if message is None:
        return kind
    try:
        return str(message) % params
    except (KeyError, TypeError, ValueError):
        return str(message)


def text(notification: Notification) -> str:
    return _message(notification.kind, notification.params)


def unread_count(user) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def recent(user, limit: int = 50) -> list[Notification]:
    stmt = (select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def mark_all_read(user) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
