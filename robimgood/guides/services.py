"""Guide queries and writes. Services flush; the view commits.

Every write goes through `_saved`, which bumps the revision, records who edited last and keeps
a snapshot of the result, so a guide's history is complete whichever way it was changed.
"""

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..initiatives.services import new_public_id
from ..text import slugify
from ..timeutil import utcnow
from ..urls import page_names
from .models import GUIDE_LANGUAGES, Guide, GuideRevision, GuideStep

# Which language version a reader sees when theirs is missing: the original first.
FALLBACK_LANGUAGES = ("be", "ru", "en")


def can_edit(user) -> bool:
    """Admins and urbanists write, edit, publish and translate guides, and see drafts."""
    return bool(user and user.is_authenticated and (user.is_admin or user.is_urbanist))


def can_delete(user) -> bool:
    return bool(user and user.is_authenticated and user.is_admin)


def visible_to(guide: Guide, user) -> bool:
    """A draft is private to the editors: everyone else gets the same 404 as for nothing."""
    return guide.is_published or can_edit(user)


def by_public_id(public_id: str) -> Guide | None:
    return db.session.scalar(select(Guide).where(Guide.public_id == public_id))


def step_of(guide: Guide, step_id: int) -> GuideStep | None:
    """The step, only if it belongs to this guide."""
    return next((s for s in guide.steps if s.id == step_id), None)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _languages(locale: str) -> list[str]:
    return [locale] + [code for code in FALLBACK_LANGUAGES if code != locale]


def _one_per_family(guides, locale: str) -> list[Guide]:
    """Of each family's versions, the one in the reader's language, else the fallback order."""
    order = _languages(locale)

    def rank(guide: Guide) -> int:
        return order.index(guide.language) if guide.language in order else len(order)

    best: dict[str, Guide] = {}
    for guide in guides:
        if guide.family not in best or rank(guide) < rank(best[guide.family]):
            best[guide.family] = guide
    return sorted(best.values(), key=lambda g: (g.title.casefold(), g.id))


def search(viewer, locale: str, q: str = "", category: str | None = None) -> list[Guide]:
    """Guides matching the text and category, one version per family, by title.

    Guides are few (tens, not thousands), so the choice of version happens here, not in SQL."""
    stmt = select(Guide)
    if not can_edit(viewer):
        stmt = stmt.where(Guide.status == "published")
    if category:
        stmt = stmt.where(Guide.category == category)
    if q:
        stmt = stmt.where(Guide.search_text.like(f"%{_escape_like(q.casefold())}%", escape="\\"))
    return _one_per_family(db.session.scalars(stmt), locale)


def translations(guide: Guide, viewer) -> list[Guide]:
    """The other language versions of the guide the viewer may see."""
    stmt = select(Guide).where(Guide.family == guide.family, Guide.id != guide.id)
    return [g for g in db.session.scalars(stmt.order_by(Guide.language)) if visible_to(g, viewer)]


def published_in_families(families: list[str], locale: str) -> dict[str, Guide]:
    """{family: the published version for this reader} for the families that have one."""
    if not families:
        return {}
    stmt = select(Guide).where(Guide.family.in_(families), Guide.status == "published")
    return {g.family: g for g in _one_per_family(db.session.scalars(stmt), locale)}


def missing_languages(guide: Guide) -> dict[str, str]:
    """{code: name} of the languages the guide's family has no version in yet."""
    have = set(db.session.scalars(select(Guide.language).where(Guide.family == guide.family)))
    return {code: name for code, name in GUIDE_LANGUAGES.items() if code not in have}


def language_taken(family: str, language: str, besides: Guide | None = None) -> bool:
    stmt = select(Guide.id).where(Guide.family == family, Guide.language == language)
    if besides is not None:
        stmt = stmt.where(Guide.id != besides.id)
    return db.session.scalar(stmt.limit(1)) is not None


# --- revisions ------------------------------------------------------------------------------

def snapshot(guide: Guide) -> dict:
    """The guide's content as plain data, for its history and for comparing revisions."""
    return {
        "title": guide.title, "summary": guide.summary, "category": guide.category,
        "language": guide.language, "status": guide.status,
        "steps": [{"id": s.id, **{name: getattr(s, name) for name in GuideStep.TEXT_FIELDS}}
                  for s in sorted(guide.steps, key=lambda s: s.position)],
    }


@dataclass
class Change:
    kind: str  # "added", "removed", "changed", "moved"
    title: str
    fields: tuple[str, ...] = ()


def _in_place(order: list[int]) -> set[int]:
    """The longest run of values already in increasing order: moving one step shifts the
    others, but only the step that was moved should be called moved."""
    best: list[list[int]] = []
    for i, value in enumerate(order):
        longest = max((best[j] for j in range(i) if order[j] < value), key=len, default=[])
        best.append(longest + [value])
    return set(max(best, key=len, default=[]))


def compare(old: dict, new: dict) -> list[Change]:
    """What happened to the steps between two snapshots, step by step (ids are kept for life)."""
    before = {s["id"]: (i, s) for i, s in enumerate(old["steps"])}
    kept_order = [before[s["id"]][0] for s in new["steps"] if s["id"] in before]
    in_place = _in_place(kept_order)
    changes = []
    for step in new["steps"]:
        if step["id"] not in before:
            changes.append(Change("added", step["title"]))
            continue
        index, previous = before[step["id"]]
        fields = tuple(n for n in GuideStep.TEXT_FIELDS if previous.get(n) != step.get(n))
        if fields:
            changes.append(Change("changed", step["title"], fields))
        elif index not in in_place:
            changes.append(Change("moved", step["title"]))
    after = {s["id"] for s in new["steps"]}
    changes += [Change("removed", s["title"]) for s in old["steps"] if s["id"] not in after]
    return changes


def history(guide: Guide) -> list[tuple[GuideRevision, list[Change], list[str]]]:
    """Each revision, newest first, with its step changes and which guide fields changed."""
    revisions = list(db.session.scalars(
        select(GuideRevision).where(GuideRevision.guide_id == guide.id)
        .order_by(GuideRevision.number)))
    rows, previous = [], None
    for revision in revisions:
        if previous is None:
            rows.append((revision, [], []))
        else:
            fields = [n for n in ("title", "summary", "category", "language", "status")
                      if previous.snapshot.get(n) != revision.snapshot.get(n)]
            rows.append((revision, compare(previous.snapshot, revision.snapshot), fields))
        previous = revision
    return rows[::-1]


def _search_text(guide: Guide) -> str:
    parts = [guide.title, guide.summary]
    for step in guide.steps:
        parts += [getattr(step, name) for name in GuideStep.TEXT_FIELDS]
    return " ".join(parts).casefold()


def latest_revision(guide: Guide) -> GuideRevision | None:
    return db.session.scalar(select(GuideRevision).where(GuideRevision.guide_id == guide.id)
                             .order_by(GuideRevision.number.desc()).limit(1))


def _saved(guide: Guide, editor, first: bool = False) -> None:
    """Record a change: the next revision number, its snapshot, who edited last and when.
    Saving without changing anything records nothing."""
    # /guides/<id>/<slug> must not be taken for one of a guide's other pages.
    guide.slug = slugify(guide.title, fallback="guide", reserved=page_names("guides.detail"))
    guide.search_text = _search_text(guide)
    db.session.flush()  # step ids exist before the snapshot names them
    db.session.expire(guide, ["steps"])  # positions may have changed: reload in order
    content = snapshot(guide)
    if not first:
        last = latest_revision(guide)
        if last is not None and last.snapshot == content:
            return
        guide.revision += 1
    guide.last_editor = editor
    guide.updated_at = utcnow()
    db.session.add(GuideRevision(guide_id=guide.id, number=guide.revision, editor=editor,
                                 created_at=guide.updated_at, snapshot=content))
    db.session.flush()


# --- writes ---------------------------------------------------------------------------------

GUIDE_FIELDS = ("title", "summary", "category", "language")


def _apply(target, data: dict, names) -> None:
    for name in names:
        if name in data:
            value = data[name]
            setattr(target, name, value.strip() if isinstance(value, str) else value)


def create(editor, data: dict, family: str | None = None, external_id: str | None = None) -> Guide:
    """A new guide, a draft unless data says otherwise; its family is its own unless given."""
    public_id = new_public_id()
    guide = Guide(public_id=public_id, family=family or public_id, external_id=external_id,
                  status=data.get("status", "draft"), revision=1)
    _apply(guide, data, GUIDE_FIELDS)
    db.session.add(guide)
    for position, step_data in enumerate(data.get("steps", ()), 1):
        step = GuideStep(position=position)
        _apply(step, step_data, GuideStep.TEXT_FIELDS)
        guide.steps.append(step)
    _saved(guide, editor, first=True)
    return guide


def update(guide: Guide, editor, data: dict) -> None:
    _apply(guide, data, GUIDE_FIELDS + ("status",))
    _saved(guide, editor)


def add_step(guide: Guide, editor, data: dict) -> GuideStep:
    step = GuideStep(position=len(guide.steps) + 1)
    _apply(step, data, GuideStep.TEXT_FIELDS)
    guide.steps.append(step)
    _saved(guide, editor)
    return step


def update_step(step: GuideStep, editor, data: dict) -> None:
    _apply(step, data, GuideStep.TEXT_FIELDS)
    _saved(step.guide, editor)


def _renumber(steps: list[GuideStep]) -> None:
    for position, step in enumerate(steps, 1):
        step.position = position


def move_step(step: GuideStep, editor, position: int) -> None:
    """Put the step at position (1-based; the caller checked the range), the others follow."""
    guide = step.guide
    steps = [s for s in sorted(guide.steps, key=lambda s: s.position) if s is not step]
    steps.insert(position - 1, step)
    _renumber(steps)
    _saved(guide, editor)


def remove_step(step: GuideStep, editor) -> None:
    guide = step.guide
    guide.steps.remove(step)
    _renumber(sorted(guide.steps, key=lambda s: s.position))
    _saved(guide, editor)


def rewrite(guide: Guide, editor, data: dict) -> None:
    """Replace the whole content. Steps are matched by position, so a step whose text is
    reworded keeps its id (and shows as "changed", not as removed and added)."""
    _apply(guide, data, GUIDE_FIELDS + ("status",))
    steps = sorted(guide.steps, key=lambda s: s.position)
    for position, step_data in enumerate(data["steps"], 1):
        if position <= len(steps):
            step = steps[position - 1]
        else:
            step = GuideStep(position=position)
            guide.steps.append(step)
        _apply(step, step_data, GuideStep.TEXT_FIELDS)
    for step in steps[len(data["steps"]):]:
        guide.steps.remove(step)
    _saved(guide, editor)


def translate(guide: Guide, editor, language: str) -> Guide:
    """A draft copy in another language of the same family, for the translator to rewrite."""
    data = {name: getattr(guide, name) for name in GUIDE_FIELDS}
    data["language"] = language
    data["steps"] = [{name: getattr(s, name) for name in GuideStep.TEXT_FIELDS}
                     for s in sorted(guide.steps, key=lambda s: s.position)]
    return create(editor, data, family=guide.family)


def delete(guide: Guide) -> None:
    db.session.delete(guide)
    db.session.flush()
