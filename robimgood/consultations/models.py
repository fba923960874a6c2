"""Consultations: an activist asks, an urbanist answers in a private thread.

An anonymous request has no account behind it: the asker holds a secret link, and the database
keeps only the SHA-256 hash of its token. Every time written by the asker's own action is rounded
down to the hour, so the exact moment never exists in the database.
"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, and_, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import SPECIALTIES, User
from ..extensions import db
from ..initiatives.models import Initiative
from ..timeutil import hour_of, utcnow  # noqa: F401 (hour_of: what we store for the asker)

TOPICS = SPECIALTIES
LANGUAGES = {"be": "Беларуская", "ru": "Русский", "en": "English"}
STATES = {
    "open": _l("Waiting for an urbanist"),
    "claimed": _l("An urbanist is on it"),
    "answered": _l("Answered"),
    "closed": _l("Closed"),
}


def claim_cutoff() -> datetime:
    """Claims made before this moment and still unanswered have lapsed."""
    return utcnow() - timedelta(days=current_app.config["CONSULTATION_CLAIM_DAYS"])


class Consultation(db.Model):
    __tablename__ = "consultations"
    __table_args__ = (
        # Exactly one way to reach the asker: an account, or the secret link. Never both.
        CheckConstraint("(asker_id IS NULL) <> (token_hash IS NULL)", name="one_kind_of_asker"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    topic: Mapped[str] = mapped_column(String(32), index=True)
    question: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(80), default="")
    # Case-folded copy for the queue filter: SQLite's lower() folds ASCII only.
    city_key: Mapped[str] = mapped_column(String(80), default="", index=True)
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"))
    # A signed-in asker; deleting the account deletes their questions too.
    asker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    asker_name_shown: Mapped[bool] = mapped_column(default=False)
    # An anonymous asker: the hex SHA-256 of the secret link's token (256 random bits).
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What was last written; `state` below is what it means now (a lapsed claim is open again).
    recorded_state: Mapped[str] = mapped_column(String(10), default="open", index=True)
    closed_from: Mapped[str | None] = mapped_column(String(10))
    urbanist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                    index=True)
    claimed_at: Mapped[datetime | None] = mapped_column()
    answered_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    helped: Mapped[bool | None] = mapped_column()
    share_consent: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=lambda: hour_of(utcnow()), index=True)

    asker: Mapped[User | None] = relationship(foreign_keys=[asker_id])
    urbanist: Mapped[User | None] = relationship(foreign_keys=[urbanist_id])
    initiative: Mapped[Initiative | None] = relationship()
    messages: Mapped[list["ConsultationMessage"]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ConsultationMessage.id",
    )
    published: Mapped["PublishedAnswer | None"] = relationship(back_populates="consultation")

    @property
    def claim_lapsed(self) -> bool:
        return self.recorded_state == "claimed" and self.claimed_at < claim_cutoff()

    @property
    def state(self) -> str:
        """The state everyone sees: a claim left unanswered too long counts as open."""
        return "open" if self.claim_lapsed else self.recorded_state

    @property
    def holder_id(self) -> int | None:
        """The urbanist who holds the consultation now (none once the claim has lapsed)."""
        return None if self.claim_lapsed else self.urbanist_id

    @property
    def claim_expires_at(self) -> datetime | None:
        if self.state != "claimed":
            return None
        return self.claimed_at + timedelta(days=current_app.config["CONSULTATION_CLAIM_DAYS"])

    @property
    def reopen_until(self) -> datetime | None:
        if self.state != "closed" or self.closed_at is None:
            return None
        return self.closed_at + timedelta(days=current_app.config["CONSULTATION_REOPEN_DAYS"])

    @property
    def is_anonymous(self) -> bool:
        return self.asker_id is None

    @property
    def topic_label(self) -> str:
        return str(TOPICS.get(self.topic, self.topic))

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])

    @property
    def language_label(self) -> str:
        return LANGUAGES.get(self.language, self.language)

    @classmethod
    def in_state(cls, state: str):
        """SQL condition matching `state` as the `state` property computes it."""
        lapsed = and_(cls.recorded_state == "claimed", cls.claimed_at < claim_cutoff())
        if state == "open":
            return or_(cls.recorded_state == "open", lapsed)
        if state == "claimed":
            return and_(cls.recorded_state == "claimed", cls.claimed_at >= claim_cutoff())
        return cls.recorded_state == state


class ConsultationMessage(db.Model):
    __tablename__ = "consultation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    by_asker: Mapped[bool] = mapped_column()
    # The urbanist who wrote it. The asker's messages name nobody: an anonymous asker's words
    # must never point to an account, and a signed-in asker is known from the consultation.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    # Rounded down to the hour for the asker's messages; threads are ordered by id.
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    consultation: Mapped[Consultation] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()


class PublishedAnswer(db.Model):
    """An anonymised public copy of an answered consultation, made with the asker's consent.

    It is a copy edited by the urbanist (who removes what could identify the asker), without the
    asker, their initiative or the thread's times; the private thread stays private."""

    __tablename__ = "published_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), unique=True)
    urbanist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                    index=True)
    topic: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(80), default="")
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    # Case-folded question, answer and city for search (SQLite's LIKE folds ASCII only).
    search_text: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    consultation: Mapped[Consultation | None] = relationship(back_populates="published")
    urbanist: Mapped[User | None] = relationship()

    @property
    def topic_label(self) -> str:
        return str(TOPICS.get(self.topic, self.topic))


class UrbanistProfile(db.Model):
    """What an urbanist adds to their account for consultations."""

    __tablename__ = "urbanist_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    cities: Mapped[str] = mapped_column(String(200), default="")
    # A paused urbanist gets no new-request notices and cannot take requests.
    paused: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()

    @property
    def language_labels(self) -> list[str]:
        return [LANGUAGES[code] for code in self.languages or [] if code in LANGUAGES]
