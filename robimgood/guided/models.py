"""An initiative's adoption of a guide. The steps themselves are copied into the initiative's
checklist (community.models.Milestone, with guide_step_id), so that editing the guide later
changes nothing there; the adoption remembers which revision the checklist was made from, and
comparing that revision's snapshot with the guide as it is now says what changed since."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..guides.models import Guide
from ..timeutil import utcnow


class GuideAdoption(db.Model):
    """The guide an initiative follows: one at a time (the initiative is the key). Deleting the
    guide ends the adoption; the copied steps stay in the checklist."""

    __tablename__ = "guide_adoptions"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    # The guide's revision the checklist was made from, or last brought up to date with.
    revision: Mapped[int] = mapped_column()
    adopted_at: Mapped[datetime] = mapped_column(default=utcnow)

    guide: Mapped[Guide] = relationship(lazy="joined")
