"""The guides shipped with Robim Good: content/<family>.<language>.toml, loaded idempotently.

TOML (read by the standard library) keeps long Markdown texts readable in triple quotes and
needs no parser of our own. A file holds one language version; the versions of one guide share
the family part of the file name.

Loading adds the guides that are missing and brings up to date those nobody has changed on this
site since the last load; a guide a person has edited keeps their version.
"""

import tomllib
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..initiatives.models import CATEGORIES
from . import services
from .models import GUIDE_LANGUAGES, Guide, GuideStep

CONTENT = Path(__file__).parent / "content"
GUIDE_KEYS = {"title", "summary", "category", "steps"}
STEP_KEYS = set(GuideStep.TEXT_FIELDS)


class ContentError(ValueError):
    """A content file is malformed; the message names the file."""


def _read(path: Path) -> dict:
    family, _, language = path.stem.rpartition(".")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ContentError(f"{path.name}: {err}") from None
    problems = []
    if not family or language not in GUIDE_LANGUAGES:
        problems.append("the name must be <family>.<be|ru|en>.toml")
    if set(data) != GUIDE_KEYS:
        problems.append(f"keys must be {sorted(GUIDE_KEYS)}, not {sorted(data)}")
    if data.get("category") not in CATEGORIES:
        problems.append(f"unknown category {data.get('category')!r}")
    steps = data.get("steps") or []
    if not steps:
        problems.append("a guide needs steps")
    for number, step in enumerate(steps, 1):
        if not {"title", "instructions"} <= set(step) <= STEP_KEYS:
            problems.append(f"step {number}: needs title and instructions, may have "
                            f"{sorted(STEP_KEYS)}")
    if problems:
        raise ContentError(f"{path.name}: " + "; ".join(problems))
    texts = {"title": data["title"].strip(), "summary": data["summary"].strip()}
    return {"family": family, "language": language, "category": data["category"],
            "status": "published", **texts,
            "steps": [{name: step.get(name, "").strip() for name in GuideStep.TEXT_FIELDS}
                      for step in steps]}


def read_all() -> list[dict]:
    """Every shipped guide, checked; raises ContentError on the first bad file."""
    return [_read(path) for path in sorted(CONTENT.glob("*.toml"))]


def _same(guide: Guide, item: dict) -> bool:
    current = services.snapshot(guide)
    for step in current["steps"]:
        del step["id"]
    wanted = {name: item[name] for name in ("title", "summary", "category", "language", "status",
                                            "steps")}
    return {name: current[name] for name in wanted} == wanted


def load() -> dict[str, int]:
    """Add missing guides, refresh unedited ones; flush only (the caller commits)."""
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    for item in read_all():
        external_id = f"content:{item['family']}:{item['language']}"
        guide = db.session.scalar(select(Guide).where(Guide.external_id == external_id))
        if guide is None:
            if services.language_taken(item["family"], item["language"]):
                counts["kept"] += 1  # an editor translated it here first: theirs stays
                continue
            guide = services.create(None, item, family=item["family"], external_id=external_id)
            counts["created"] += 1
        elif guide.content_revision != guide.revision:
            counts["kept"] += 1
            continue
        elif _same(guide, item):
            counts["unchanged"] += 1
        else:
            services.rewrite(guide, None, item)
            counts["updated"] += 1
        guide.content_revision = guide.revision
    db.session.flush()
    return counts
