"""People: one account per person, with roles and an urbanist's specialties."""

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow

SPECIALTIES = {
    "urban_planning": _l("Urban planning"),
    "architecture": _l("Architecture"),
    "law": _l("Law"),
    "ecology": _l("Ecology"),
    "transport": _l("Transport"),
    "fundraising": _l("Fundraising"),
    "community": _l("Community organising"),
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32))
    # Case-folded user name: 'Anna' and 'anna' are one account.
    username_key: Mapped[str] = mapped_column(String(32), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(80), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(String(300), default="")
    locale: Mapped[str | None] = mapped_column(String(5))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_urbanist: Mapped[bool] = mapped_column(default=False)
    # Works the moderation queue (admins do too; see `moderates`).
    is_moderator: Mapped[bool] = mapped_column(default=False)
    # Set when a moderator bans the person: they cannot sign in until the ban is lifted.
    banned_at: Mapped[datetime | None] = mapped_column()
    # Part of the login id: bumping it signs the user out of every browser at once. It starts
    # at random because SQLite may give a deleted account's id to the next new account, whose
    # login id must not match a cookie the deleted account left behind.
    session_version: Mapped[int] = mapped_column(default=lambda: secrets.randbelow(2**30) + 1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    specialties: Mapped[list["UserSpecialty"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def name(self) -> str:
        """What other people see."""
        return self.display_name or self.username

    @property
    def specialty_codes(self) -> list[str]:
        return sorted(s.specialty for s in self.specialties)

    @property
    def moderates(self) -> bool:
        """Admins and moderators work the moderation queue and see hidden content."""
        return self.is_admin or self.is_moderator

    @property
    def roles(self) -> list[str]:
        return ["activist"] + (["urbanist"] if self.is_urbanist else []) + (
            ["moderator"] if self.is_moderator else []) + (["admin"] if self.is_admin else [])


class UserSpecialty(db.Model):
    __tablename__ = "user_specialties"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    specialty: Mapped[str] = mapped_column(String(32), primary_key=True)
    user: Mapped[User] = relationship(back_populates="specialties")
