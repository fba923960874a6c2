"""Following a guide: adopting it (its steps join the checklist), seeing what changed in the
guide since and taking its new steps, and dropping it. Services flush; the view commits.

Every checklist write goes through community.services, which keeps Initiative.progress (skipped
steps count neither as done nor in the total) under the initiative's row lock.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from ..community import services as community
from ..community.models import ORGANISER, Membership, Milestone
from ..extensions import db
from ..guides import services as guides
from ..guides.models import Guide, GuideRevision, GuideStep
from ..initiatives.models import Initiative
from .models import GuideAdoption


class GuidedError(Exception):
    """A request that cannot be honoured in the current state (409); the message is for people."""


def following_guide():
    """SQL: the initiative of the row follows a guide. A correlated EXISTS, so the list and the
    map stay one query whatever the number of rows."""
    return exists().where(GuideAdoption.initiative_id == Initiative.id)


def adoption_of(initiative: Initiative) -> GuideAdoption | None:
    return db.session.get(GuideAdoption, initiative.id)


def published_guide(public_id: str | None) -> Guide | None:
    """A guide an initiative may adopt. A draft is as missing as a guide that never was."""
    guide = guides.by_public_id(public_id) if public_id else None
    return guide if guide is not None and guide.is_published else None


def adoptable(locale: str) -> list[Guide]:
    """The published guides, one language version each, by title."""
    return guides.search(None, locale)


def follower_count(guide: Guide) -> int:
    """How many public initiatives follow the guide (none a moderator hid)."""
    return db.session.scalar(select(func.count()).select_from(GuideAdoption).join(
        Initiative, Initiative.id == GuideAdoption.initiative_id).where(
        GuideAdoption.guide_id == guide.id, Initiative.visible)) or 0


def initiatives_to_guide(user, limit: int = 20) -> list[Initiative]:
    """What the person organises that follows no guide yet, newest first (for a guide's page)."""
    if user is None or not user.is_authenticated:
        return []
    stmt = (select(Initiative).join(Membership, Membership.initiative_id == Initiative.id)
            .where(Membership.user_id == user.id, Membership.role == ORGANISER,
                   Membership.pending.is_(False), ~following_guide())
            .order_by(Initiative.created_at.desc(), Initiative.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def _item(step: GuideStep) -> dict:
    return {"title": step.title, "guide_step_id": step.id, "note": "", "due_date": None}


def _step_ids_in_checklist(initiative: Initiative) -> set[int]:
    return set(db.session.scalars(select(Milestone.guide_step_id).where(
        Milestone.initiative_id == initiative.id, Milestone.guide_step_id.is_not(None))))


def adopt(initiative: Initiative, guide: Guide) -> list[Milestone]:
    """Follow the guide: its steps are appended to the checklist, each remembering its step.
    Steps still there from an earlier adoption of the same guide are not copied twice.
    The adoption's key is the initiative: of two parallel requests, one wins, one gets a 409."""
    if (current := adoption_of(initiative)) is not None:
        raise GuidedError(_("This initiative follows the guide “%(title)s” already. Drop it first "
                            "to follow another one.", title=current.guide.title))
    try:
        with db.session.begin_nested():
            db.session.add(GuideAdoption(initiative_id=initiative.id, guide_id=guide.id,
                                         revision=guide.revision))
    except IntegrityError:
        raise GuidedError(_("This initiative has just started to follow a guide. Reload the page "
                            "to see it.")) from None
    have = _step_ids_in_checklist(initiative)
    return community.add_milestones(initiative, [_item(s) for s in guide.steps if s.id not in have])


def _adopted_snapshot(adoption: GuideAdoption) -> dict | None:
    return db.session.scalar(select(GuideRevision.snapshot).where(
        GuideRevision.guide_id == adoption.guide_id, GuideRevision.number == adoption.revision))


@dataclass
class Changes:
    """What changed in the guide since the checklist was made from it (or last brought up to
    date): step by step, and which new steps the checklist does not have."""

    revision: int = 0
    steps: list[guides.Change] = field(default_factory=list)
    new_steps: list[GuideStep] = field(default_factory=list)


def changes(initiative: Initiative, adoption: GuideAdoption) -> Changes:
    """Nothing while the guide is at the adopted revision, or is no longer published."""
    guide = adoption.guide
    if adoption.revision == guide.revision or not guide.is_published:
        return Changes(guide.revision)
    old = _adopted_snapshot(adoption)
    if old is None:
        return Changes(guide.revision)
    adopted = {s["id"] for s in old["steps"]}
    have = _step_ids_in_checklist(initiative)
    return Changes(guide.revision, guides.compare(old, guides.snapshot(guide)),
                   [s for s in guide.steps if s.id not in adopted and s.id not in have])


def bring_up_to_date(initiative: Initiative, adoption: GuideAdoption, step_ids: list[int]) -> list[Milestone]:
    """Take the guide as it is now as the reference: the chosen new steps join the checklist in
    the guide's order; nothing else in the checklist changes. The caller checked that step_ids
    are among changes().new_steps."""
    chosen = set(step_ids)
    added = [_item(s) for s in adoption.guide.steps if s.id in chosen]
    milestones = community.add_milestones(initiative, added) if added else []
    adoption.revision = adoption.guide.revision
    db.session.flush()
    return milestones


def guide_items(initiative: Initiative, adoption: GuideAdoption) -> list[Milestone]:
    """The checklist items copied from this guide: from any of its revisions, so that steps
    since removed from the guide are found too."""
    snapshots = db.session.scalars(select(GuideRevision.snapshot).where(
        GuideRevision.guide_id == adoption.guide_id))
    ids = {s["id"] for snapshot in snapshots for s in snapshot["steps"]}
    ids |= {s.id for s in adoption.guide.steps}
    return [m for m in community.milestones(initiative) if m.guide_step_id in ids]


def drop(initiative: Initiative, adoption: GuideAdoption, remove_steps: bool) -> int:
    """Stop following the guide. Its steps stay in the checklist as the organisers' own (they
    keep their ticks, notes and dates), unless the organisers ask to remove them: then they
    go, done ones too. Returns how many were removed."""
    removed = guide_items(initiative, adoption) if remove_steps else []
    if removed:
        community.delete_milestones(initiative, removed)
    db.session.delete(adoption)
    db.session.flush()
    return len(removed)


@dataclass
class Panel:
    """What the initiative's page shows about the guide it follows, computed once per page."""

    organiser: bool
    adoption: GuideAdoption | None = None
    visible: bool = False  # whether the viewer may open the guide's page
    changes: Changes = field(default_factory=Changes)
    positions: dict[int, int] = field(default_factory=dict)  # step id -> its number in the guide
    choices: list[Guide] = field(default_factory=list)  # guides to adopt (organisers)

    @property
    def guide(self) -> Guide | None:
        return self.adoption.guide if self.adoption else None


def panel(initiative: Initiative, user, locale: str) -> Panel:
    organiser = community.is_organiser(user, initiative)
    adoption = adoption_of(initiative)
    if adoption is None:
        return Panel(organiser, choices=adoptable(locale) if organiser else [])
    guide = adoption.guide
    return Panel(organiser, adoption, visible=guides.visible_to(guide, user),
                 changes=changes(initiative, adoption) if organiser else Changes(guide.revision),
                 positions={s.id: s.position for s in guide.steps})
