"""Initiatives: local projects pinned on the Map of Initiatives."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from geoalchemy2 import Geometry
from geoalchemy2.shape import to_shape
from sqlalchemy import JSON, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow

CATEGORIES = {
    "green": _l("Green spaces"),
    "public_space": _l("Public space"),
    "transport": _l("Transport and cycling"),
    "accessibility": _l("Accessibility"),
    "heritage": _l("Heritage and culture"),
    "safety": _l("Safety"),
    "waste": _l("Waste and recycling"),
    "children_sport": _l("Children and sport"),
    "other": _l("Other"),
}

STATUSES = {
    "idea": _l("Idea"),
    "planning": _l("Planning"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "paused": _l("Paused"),
}

# How precisely the public sees where an initiative is: the grid size in metres (0 = exact).
PRECISIONS = {
    "exact": (0, _l("Exact: a public place")),
    "200m": (200, _l("Approximate: within about 200 m")),
    "1km": (1000, _l("Approximate: within about 1 km")),
}

NEEDS = {
    "volunteers": _l("Volunteers"),
    "skills": _l("Skills"),
    "materials": _l("Materials"),
    "money": _l("Money"),
}


class Moderated:
    """Content a moderator can hide (initiatives, updates, comments). `visible` is the one
    filter every public query uses, in Python and in SQL: hidden content is gone for everyone
    but moderators (and an initiative's organisers, who see it with a notice)."""

    moderated_at: Mapped[datetime | None] = mapped_column()

    @hybrid_property
    def visible(self) -> bool:
        return self.moderated_at is None

    @visible.inplace.expression
    @classmethod
    def _visible(cls):
        return cls.moderated_at.is_(None)


class Initiative(Moderated, db.Model):
    __tablename__ = "initiatives"
    __table_args__ = (Index("ix_initiatives_status_category", "status", "category"),)

    # The integer key is internal (and is SpatiaLite's rowid); the world sees public_id.
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(280))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), default="idea")
    city: Mapped[str] = mapped_column(String(80), default="")
    # Case-folded copies for filtering: SQLite's lower() and LIKE only fold ASCII, not Cyrillic.
    city_key: Mapped[str] = mapped_column(String(80), default="", index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(5), default="be")
    location = mapped_column(
        Geometry("POINT", srid=4326, spatial_index=True, nullable=False), nullable=False
    )
    # Who created it. Who organises it now is a membership role (community.lifecycle).
    # The public sees (map, list, API, feeds, exports) only this point: the exact location
    # snapped to the grid the organiser chose. The exact one is for members and organisers.
    location_precision: Mapped[str] = mapped_column(String(10), default="200m")
    public_location = mapped_column(
        Geometry("POINT", srid=4326, spatial_index=True, nullable=False), nullable=False
    )
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Per cent of the checklist done (None without one), kept by community.services on every
    # checklist change, so the list and the map read it with the row.
    progress: Mapped[int | None] = mapped_column(SmallInteger)
    # Identifies rows that came from outside (demo data, imports) so reloading updates them.
    external_id: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organiser: Mapped[User | None] = relationship()

    @property
    def category_label(self) -> str:
        return str(CATEGORIES.get(self.category, self.category))

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    @property
    def need_labels(self) -> list[str]:
        return [str(NEEDS[n]) for n in self.needs or [] if n in NEEDS]

    @property
    def lon_lat(self) -> tuple[float, float]:
        """The exact location: only for the initiative's members and organisers."""
        point = to_shape(self.location)
        return point.x, point.y

    @property
    def public_lon_lat(self) -> tuple[float, float]:
        point = to_shape(self.public_location)
        return point.x, point.y

    @property
    def is_approximate(self) -> bool:
        return PRECISIONS.get(self.location_precision, (0,))[0] > 0
