"""Reports and the moderators' audit log."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow

REASONS = {
    "spam": _l("Spam or advertising"),
    "abuse": _l("Abuse or harassment"),
    "danger": _l("Puts a person in danger or reveals personal data"),
    "illegal": _l("Illegal content"),
    "other": _l("Something else"),
}
KINDS = {
    "initiative": _l("initiative"),
    "update": _l("update"),
    "comment": _l("comment"),
    "user": _l("person"),
}
ACTIONS = {
    "hide": _l("hide"),
    "restore": _l("restore"),
    "dismiss": _l("dismiss the reports"),
    "ban": _l("ban"),
    "unban": _l("lift the ban"),
}


class Report(db.Model):
    """An open report: someone asks the moderators to look at an object. Reports go when a
    moderator acts on the object (the audit log keeps the action and how many there were), so
    the reporter may report the same object again if it comes back. Who reported is for the
    moderators' eyes only."""

    __tablename__ = "reports"
    # One open report per person and object; a second one is refused with a friendly message.
    __table_args__ = (UniqueConstraint("reporter_id", "target"),
                      Index("ix_reports_target", "target"))

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # "initiative:12", "update:5" or "comment:7": what is reported, in one comparable value.
    target: Mapped[str] = mapped_column(String(32))
    # Every reported object belongs to an initiative; the foreign keys take reports away with
    # the object when it is deleted.
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("updates.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    reporter: Mapped[User] = relationship()

    @property
    def reason_label(self) -> str:
        return str(REASONS.get(self.reason, self.reason))


class ModerationAction(db.Model):
    """One line of the audit log: who did what to which object, and why. The time is rounded
    down to the hour; the object is named by kind and id (no foreign key), so the line outlives
    it."""

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # initiative, update, comment or user
    object_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    reports: Mapped[int] = mapped_column(default=0)  # how many open reports the action closed
    created_at: Mapped[datetime] = mapped_column(index=True)

    moderator: Mapped[User | None] = relationship()

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))
