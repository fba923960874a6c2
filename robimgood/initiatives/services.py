"""Initiative queries and writes. Services flush; the view commits."""

import secrets
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from .. import geo
from ..accounts.models import User
from ..community import lifecycle
from ..extensions import db
from ..text import slugify
from ..urls import page_names
from .models import PRECISIONS, Initiative

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no look-alikes (l/1, o/0)


def new_public_id() -> str:
    """Ten random characters (50 bits): not guessable, not sequential, short enough to read out."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(10))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_text(title: str, summary: str, city: str) -> str:
    return " ".join((title, summary, city)).casefold()


def filtered(q="", category=None, status=None, city="", bbox=None, guide=None,
             min_progress=None) -> Select:
    """The public initiatives (none a moderator hid) matching the filters, newest first (not
    yet executed): the list, the map, the GeoJSON and the exports. guide: True for
    those following a guide, False for the others; min_progress: per cent of the checklist done."""
    from ..guided.hooks import following_guide  # not at import time: see guided.hooks

    stmt = select(Initiative).where(Initiative.visible)
    if category:
        stmt = stmt.where(Initiative.category == category)
    if status:
        stmt = stmt.where(Initiative.status == status)
    if city:
        stmt = stmt.where(Initiative.city_key == city.casefold())
    if q:
        stmt = stmt.where(
            Initiative.search_text.like(f"%{_escape_like(q.casefold())}%", escape="\\")
        )
    if guide is not None:
        stmt = stmt.where(following_guide() if guide else ~following_guide())
    if min_progress is not None:
        stmt = stmt.where(Initiative.progress >= min_progress)
    if bbox:
        stmt = stmt.where(geo.in_bbox(Initiative.public_location, bbox))
    return stmt.order_by(Initiative.created_at.desc(), Initiative.id.desc())


@dataclass
class Page:
    items: list[Initiative]
    page: int
    per_page: int
    total: int
    capped: bool = False  # more than total matched; they were not all counted
    more: bool = False  # rows follow this page: known even past the cap, where pages is not

    @property
    def pages(self) -> int:
        """How many pages; when capped, a number of pages that there are more than."""
        return max(1, self.total // self.per_page if self.capped else -(-self.total // self.per_page))


def page_of(stmt: Select, page: int, per_page: int, cap: int | None = None) -> Page:
    """One page of stmt's rows and their number; with cap, counting stops after cap (a count
    of a million rows is what makes a list slow, and nobody pages that far). One row more than
    the page is read to tell whether a next page exists, which the capped count cannot say."""
    counted = stmt.order_by(None)
    if cap is not None:
        counted = counted.limit(cap + 1)
    total = db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    rows = db.session.scalars(stmt.limit(per_page + 1).offset((page - 1) * per_page)).all()
    capped = cap is not None and total > cap
    return Page(list(rows[:per_page]), page, per_page, cap if capped else total, capped,
                len(rows) > per_page)


def geojson_select(stmt: Select, limit: int) -> Select:
    """stmt's (public_id, slug, title, summary, language, category, status, progress, guide,
    lon, lat) rows, at most limit + 1; guide says whether the initiative follows a guide."""
    from ..guided.hooks import following_guide  # not at import time: see guided.hooks

    lon, lat = geo.lon_lat(Initiative.public_location)
    return stmt.with_only_columns(
        Initiative.public_id, Initiative.slug, Initiative.title, Initiative.summary,
        Initiative.language, Initiative.category, Initiative.status, Initiative.progress,
        following_guide().label("guide"), lon, lat,
    ).limit(limit + 1)


def by_public_id(public_id: str, viewer=None) -> Initiative | None:
    """The initiative; one a moderator hid is as missing as one that never was, except to
    moderators and (given as viewer) its organisers."""
    initiative = db.session.scalar(select(Initiative).where(Initiative.public_id == public_id))
    if initiative is None or initiative.visible or may_see_hidden(viewer, initiative):
        return initiative
    return None


def may_see_hidden(user, initiative: Initiative) -> bool:
    """Moderators, and the organisers of a hidden initiative (who are told it is hidden)."""
    return bool(user and user.is_authenticated and (
        user.moderates or lifecycle.is_organiser(user, initiative)))


def by_organiser(user: User, limit: int = 50) -> list[Initiative]:
    """What the person organises, as far as they let the public know."""
    return lifecycle.publicly_organised_by(user, limit)


def can_edit(user, initiative: Initiative) -> bool:
    """Its organisers and admins may change or delete an initiative."""
    return bool(user and user.is_authenticated and (
        user.is_admin or lifecycle.is_organiser(user, initiative)
    ))


def visible_lon_lat(user, initiative: Initiative) -> tuple[float, float]:
    """Where this person may see the initiative: exact for its members, public for others."""
    if not initiative.is_approximate or lifecycle.may_see_exact_location(user, initiative):
        return initiative.lon_lat
    return initiative.public_lon_lat


def _apply(initiative: Initiative, data: dict) -> None:
    for name in ("title", "summary", "description", "category", "status", "language"):
        setattr(initiative, name, data[name].strip() if isinstance(data[name], str) else data[name])
    initiative.city = data["city"].strip()
    initiative.city_key = initiative.city.casefold()
    initiative.needs = sorted(set(data.get("needs") or []))
    initiative.location = geo.point(data["longitude"], data["latitude"])
    initiative.location_precision = data.get("location_precision") or "200m"
    metres = PRECISIONS[initiative.location_precision][0]
    initiative.public_location = geo.point(*geo.snap(data["longitude"], data["latitude"], metres))
    initiative.slug = slugify(initiative.title, reserved=page_names("initiatives.detail"))
    initiative.search_text = search_text(initiative.title, initiative.summary, initiative.city)


def create(organiser: User | None, data: dict, external_id: str | None = None) -> Initiative:
    initiative = Initiative(public_id=new_public_id(), organiser=organiser,
                            external_id=external_id)
    _apply(initiative, data)
    db.session.add(initiative)
    db.session.flush()
    lifecycle.initiative_created(initiative, organiser)
    return initiative


def update(initiative: Initiative, data: dict, by: User | None = None) -> None:
    old_status = initiative.status
    _apply(initiative, data)
    db.session.flush()
    if initiative.status != old_status:
        lifecycle.status_changed(initiative, old_status, by)


def delete(initiative: Initiative) -> None:
    db.session.delete(initiative)
    db.session.flush()
