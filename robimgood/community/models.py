"""Memberships (organisers are a role), follows, the timeline, checklist, discussion, stories
and saved areas. Every row belongs to an initiative or a person and goes with it (CASCADE)."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from geoalchemy2 import Geometry
from geoalchemy2.shape import to_shape
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..initiatives.models import Initiative, Moderated
from ..timeutil import utcnow

ORGANISER, MEMBER = "organiser", "member"
ROLES = {MEMBER: _l("Member"), ORGANISER: _l("Organiser")}
RADIUS_MIN_M, RADIUS_MAX_M = 100, 20_000


class Membership(db.Model):
    """A person in an initiative. Private: only the organisers and the member see it, unless
    the member chose to be listed publicly. A pending row is a request awaiting the organisers."""

    __tablename__ = "memberships"
    # One row per person and initiative: double clicks and parallel requests cannot add two.
    __table_args__ = (UniqueConstraint("initiative_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    pending: Mapped[bool] = mapped_column(default=False)
    listed_publicly: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    initiative: Mapped[Initiative] = relationship()

    @property
    def is_organiser(self) -> bool:
        return self.role == ORGANISER and not self.pending


class JoinPolicy(db.Model):
    """Present (with approval_required) when an initiative's organisers accept members by hand."""

    __tablename__ = "join_policies"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    approval_required: Mapped[bool] = mapped_column(default=False)


class Follow(db.Model):
    """Someone who hears about updates and status changes without joining. Private."""

    __tablename__ = "follows"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StatusChange(db.Model):
    """One step on the initiative's timeline; old_status is None for the first one."""

    __tablename__ = "status_changes"
    __table_args__ = (Index("ix_status_changes_initiative_created", "initiative_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    old_status: Mapped[str | None] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    # Kept for the organisers' record; never shown to the public.
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Update(Moderated, db.Model):
    """A progress report by the organisers, in Markdown. Shown as from "the organisers"."""

    __tablename__ = "updates"
    __table_args__ = (Index("ix_updates_initiative_created", "initiative_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column()


class Milestone(db.Model):
    """One item of an initiative's checklist; the share done is the initiative's progress.
    General on purpose: the steps of a guide the initiative follows are items of the same list
    (robimgood.guided)."""

    __tablename__ = "milestones"
    __table_args__ = (Index("ix_milestones_initiative_position", "initiative_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(default=False)
    due_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column()
    # The guide step the item was copied from. No foreign key: the item remembers its origin
    # even after the step is removed from the guide or the guide is dropped.
    guide_step_id: Mapped[int | None] = mapped_column()
    # Why the organisers decided not to do this step. A skipped step is not done, and counts
    # neither as done nor in the total of the progress.
    skipped_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def skipped(self) -> bool:
        return self.skipped_reason is not None


class Comment(Moderated, db.Model):
    """A comment on an initiative or on one of its updates; a reply has a top-level parent.
    Hidden comments stay (the thread keeps its shape) but only organisers read them; a comment
    a moderator hides (moderated_at) is gone for everyone."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_initiative_created", "initiative_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    # Indexed for the cascades: deleting an update or a comment deletes what hangs on it.
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("updates.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column()
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class Story(db.Model):
    """How a done initiative went, for others to learn from: what worked, what did not, the cost."""

    __tablename__ = "stories"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    worked: Mapped[str] = mapped_column(Text, default="")
    did_not_work: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    initiative: Mapped[Initiative] = relationship()


class AreaSubscription(db.Model):
    """A neighbour's saved area, a circle: new initiatives inside it reach them. Private.
    extent is the box around the circle, kept for the spatial index (see geo.circles_containing)."""

    __tablename__ = "area_subscriptions"
    __table_args__ = (
        CheckConstraint(f"radius_m BETWEEN {RADIUS_MIN_M} AND {RADIUS_MAX_M}", name="radius_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    centre = mapped_column(
        Geometry("POINT", srid=4326, spatial_index=False, nullable=False), nullable=False)
    radius_m: Mapped[int] = mapped_column()
    extent = mapped_column(
        Geometry("POLYGON", srid=4326, spatial_index=True, nullable=False), nullable=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def lon_lat(self) -> tuple[float, float]:
        point = to_shape(self.centre)
        return point.x, point.y
