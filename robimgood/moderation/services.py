"""Reports, the queue and the moderators' actions. Services flush; the view commits.

Every action is one UPDATE (or DELETE) whose WHERE re-checks the state it changes: of two
moderators hiding the same comment, or a second click on a stale page, one changes nothing and
gets a ModerationConflict (409), and nothing else is written for it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..community.models import Comment, Update
from ..extensions import db
from ..initiatives.models import Initiative
from ..timeutil import hour_of, utcnow
from .models import ModerationAction, Report

MODELS = {"initiative": Initiative, "update": Update, "comment": Comment}
QUEUE_LIMIT = 500  # open reports read for the queue page
LIST_LIMIT = 200  # lines of the audit log and hidden objects shown


class ModerationConflict(Exception):
    """The action does not fit the object's current state (409); the message is for people."""


@dataclass
class Target:
    """A reportable object: an initiative, or an update or comment of one."""

    kind: str
    initiative: Initiative
    item: Initiative | Update | Comment

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item.id}"

    @property
    def author(self) -> User | None:
        """Who wrote it (an initiative's creator), if their account still exists."""
        author_id = self.item.organiser_id if self.kind == "initiative" else self.item.author_id
        return db.session.get(User, author_id) if author_id else None


def find(public_id: str, kind: str, item_id: int | None, user) -> Target | None:
    """What a person reports, by the initiative's public id (and the update's or comment's
    id): None when it does not exist or is hidden from them."""
    if kind not in MODELS or (kind == "initiative") != (item_id is None):
        return None
    initiative = db.session.scalar(select(Initiative).where(Initiative.public_id == public_id))
    target = _target(kind, initiative, item_id)
    if target is None or not (user.moderates or (initiative.visible and target.item.visible)):
        return None
    return target


def by_id(kind: str, object_id: int) -> Target | None:
    """For moderators: any object, hidden or not, by kind and internal id."""
    if kind not in MODELS:
        return None
    if kind == "initiative":
        return _target(kind, db.session.get(Initiative, object_id), None)
    item = db.session.get(MODELS[kind], object_id)
    return item and _target(kind, db.session.get(Initiative, item.initiative_id), object_id)


def _target(kind: str, initiative: Initiative | None, item_id: int | None) -> Target | None:
    if initiative is None:
        return None
    if item_id is None:
        return Target(kind, initiative, initiative)
    item = db.session.get(MODELS[kind], item_id)
    if item is None or item.initiative_id != initiative.id:
        return None
    return Target(kind, initiative, item)


def report(target: Target, reporter: User, reason: str, details: str) -> bool:
    """File a report; False when this person has an open report on the object already. The
    unique constraint decides between parallel requests (the loser's savepoint rolls back)."""
    if _open_report(target, reporter) is not None:
        return False
    row = Report(reporter_id=reporter.id, target=target.key, initiative_id=target.initiative.id,
                 update_id=target.item.id if target.kind == "update" else None,
                 comment_id=target.item.id if target.kind == "comment" else None,
                 reason=reason, details=details.strip())
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return False
    return True


def _open_report(target: Target, reporter: User) -> Report | None:
    return db.session.scalar(select(Report).where(
        Report.reporter_id == reporter.id, Report.target == target.key))


# --- the queue -----------------------------------------------------------------------------

@dataclass
class QueueItem:
    target: Target
    reports: list[Report] = field(default_factory=list)

    @property
    def last_report(self) -> int:
        return max(r.id for r in self.reports)


def queue() -> list[QueueItem]:
    """Open reports grouped by object, the object most recently reported first."""
    reports = db.session.scalars(select(Report).order_by(Report.created_at.desc(), Report.id.desc())
                                 .limit(QUEUE_LIMIT))
    grouped: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        grouped[r.target].append(r)
    items = []
    for key, rows in grouped.items():
        first = rows[0]
        initiative = db.session.get(Initiative, first.initiative_id)
        kind, _, item_id = key.partition(":")
        item = initiative if kind == "initiative" else db.session.get(MODELS[kind], int(item_id))
        items.append(QueueItem(Target(kind, initiative, item), rows))
    return items


def open_report_count() -> int:
    return db.session.scalar(select(func.count(func.distinct(Report.target)))) or 0


def hidden() -> list[Target]:
    """What moderators hid and has not been restored, most recently hidden first."""
    found = []
    for kind, model in MODELS.items():
        rows = db.session.scalars(select(model).where(~model.visible)
                                  .order_by(model.moderated_at.desc()).limit(LIST_LIMIT))
        for item in rows:
            initiative = item if kind == "initiative" else db.session.get(Initiative,
                                                                          item.initiative_id)
            found.append(Target(kind, initiative, item))
    return sorted(found, key=lambda t: t.item.moderated_at, reverse=True)[:LIST_LIMIT]


def banned() -> list[User]:
    return list(db.session.scalars(select(User).where(User.banned_at.is_not(None))
                                   .order_by(User.banned_at.desc()).limit(LIST_LIMIT)))


def audit_log(limit: int = LIST_LIMIT) -> list[ModerationAction]:
    return list(db.session.scalars(select(ModerationAction).order_by(
        ModerationAction.created_at.desc(), ModerationAction.id.desc()).limit(limit)))


# --- actions -------------------------------------------------------------------------------

def _changed(statement, message) -> None:
    """Run the UPDATE; when its WHERE matched nothing the state had moved on."""
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise ModerationConflict(message)


def _close_reports(target: Target, up_to: int | None = None) -> int:
    stmt = delete(Report).where(Report.target == target.key)
    if up_to is not None:
        stmt = stmt.where(Report.id <= up_to)
    return db.session.execute(stmt.execution_options(synchronize_session=False)).rowcount


def _log(moderator: User, action: str, kind: str, object_id: int, reason: str,
         reports: int = 0) -> ModerationAction:
    entry = ModerationAction(moderator_id=moderator.id, action=action, kind=kind,
                             object_id=object_id, reason=reason.strip(), reports=reports,
                             created_at=hour_of(utcnow()))
    db.session.add(entry)
    db.session.flush()
    return entry


def set_hidden(target: Target, hidden: bool, moderator: User, reason: str) -> None:
    """Hide (closing the object's reports) or restore."""
    model = MODELS[target.kind]
    _changed(update(model).where(model.id == target.item.id,
                                 model.visible if hidden else ~model.visible)
             .values(moderated_at=utcnow() if hidden else None),
             _l("This is hidden already.") if hidden else _l("This is not hidden."))
    closed = _close_reports(target) if hidden else 0
    _log(moderator, "hide" if hidden else "restore", target.kind, target.item.id, reason, closed)
    db.session.refresh(target.item)


def dismiss(target: Target, up_to: int, moderator: User, reason: str) -> None:
    """Close the reports on the object the moderator saw (those up to id up_to)."""
    closed = _close_reports(target, up_to)
    if not closed:
        raise ModerationConflict(_l("These reports are closed already."))
    _log(moderator, "dismiss", target.kind, target.item.id, reason, closed)


def set_banned(user: User, banned: bool, moderator: User, reason: str) -> None:
    """Ban (the person's sessions end at once: the session version moves on) or lift a ban.
    Their content stays until it is hidden on its own. Admins cannot be banned."""
    if banned and (user.is_admin or user.id == moderator.id):
        raise ModerationConflict(_l("Admins and you yourself cannot be banned."))
    condition = User.banned_at.is_(None) if banned else User.banned_at.is_not(None)
    values = ({"banned_at": utcnow(), "session_version": User.session_version + 1} if banned
              else {"banned_at": None})
    _changed(update(User).where(User.id == user.id, condition).values(**values),
             _l("This person is banned already.") if banned else _l("This person is not banned."))
    _log(moderator, "ban" if banned else "unban", "user", user.id, reason)
    db.session.refresh(user)
