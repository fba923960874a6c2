"""Guides: step-by-step paths from an idea to a done project, legal steps included.

A guide is written in one language; its translations are separate guides sharing a `family`
key, so each language version has its own editors, status and history, and a reader is shown
the version in their language when there is one.

Every saved change bumps `revision` and stores a snapshot of the whole guide as a
`GuideRevision`. Steps keep their ids for life. An initiative that adopts a guide (the
checklist, coming next) copies the steps it needs and records the guide, the revision and the
step ids: editing the guide later changes nothing in its checklist, and comparing the adopted
snapshot with the current one says exactly which steps were added, changed or removed.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow

GUIDE_STATUSES = {"draft": _l("Draft"), "published": _l("Published")}
GUIDE_LANGUAGES = {"be": "Беларуская", "ru": "Русский", "en": "English"}
# What a change touched, as the history page names it.
FIELD_LABELS = {
    "title": _l("title"), "summary": _l("summary"), "category": _l("category"),
    "language": _l("language"), "status": _l("status"), "instructions": _l("what to do"),
    "legal_notes": _l("legal notes"), "documents": _l("documents"), "contacts": _l("whom to contact"),
    "duration": _l("duration"),
}


class Guide(db.Model):
    __tablename__ = "guides"
    __table_args__ = (UniqueConstraint("family", "language", name="uq_guides_family_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    slug: Mapped[str] = mapped_column(String(80))
    # Translations of one guide share the family key; one guide per family and language.
    family: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(400))
    category: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    revision: Mapped[int] = mapped_column(default=1)
    # Case-folded title, summary and step texts: SQLite's LIKE folds ASCII only, not Cyrillic.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # "content:<family>:<language>" for guides shipped with the app, so reloading finds them.
    external_id: Mapped[str | None] = mapped_column(String(120), unique=True)
    # The revision the content loader wrote last: while it is the current one, nobody has
    # changed the guide on this site, and loading a newer shipped version may replace it.
    content_revision: Mapped[int | None] = mapped_column()
    last_editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    last_editor: Mapped[User | None] = relationship()
    steps: Mapped[list["GuideStep"]] = relationship(
        back_populates="guide", cascade="all, delete-orphan", order_by="GuideStep.position",
        lazy="selectin",
    )

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def language_name(self) -> str:
        return GUIDE_LANGUAGES.get(self.language, self.language)


class GuideStep(db.Model):
    __tablename__ = "guide_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    # 1, 2, 3 … within the guide; services renumber after every move or removal.
    position: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(160))
    instructions: Mapped[str] = mapped_column(Text, default="")
    legal_notes: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")
    duration: Mapped[str] = mapped_column(String(80), default="")

    guide: Mapped[Guide] = relationship(back_populates="steps")

    TEXT_FIELDS = ("title", "instructions", "legal_notes", "documents", "contacts", "duration")


class GuideRevision(db.Model):
    """The whole guide as it was after one saved change: who, when, and what it said."""

    __tablename__ = "guide_revisions"
    __table_args__ = (UniqueConstraint("guide_id", "number", name="uq_guide_revisions_guide_id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # {"title", "summary", "category", "language", "status", "steps": [{"id", "title", …}]}
    snapshot: Mapped[dict] = mapped_column(JSON)

    editor: Mapped[User | None] = relationship()
