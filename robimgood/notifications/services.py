"""Notify people of what concerns them. Features register the kinds they send, with a
translatable message, so that each notification is shown in the reader's own language.

E-mail goes out only when the person gave an address and the server has mail configured.
"""

import logging
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import func, select, update

from ..extensions import db
from ..timeutil import utcnow
from .models import Notification

log = logging.getLogger(__name__)
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


def _queue_mail(user, kind, url, params) -> None:
    # Delivery is left to the mail integration; the log line names no person.
    log.info("mail queued: kind=%s", kind)


def text(notification: Notification) -> str:
    message = KINDS.get(notification.kind)
    if message is None:
        return notification.kind
    try:
        return str(message) % notification.params
    except (KeyError, TypeError, ValueError):
        return str(message)


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
