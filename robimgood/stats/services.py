"""The movement's numbers: aggregates only, never a row about a person. Memberships and
consultations are private, so from them only counts leave, over the whole site."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime

from flask import url_for
from sqlalchemy import distinct, func, select

from .. import geo
from ..community.models import Membership, StatusChange
from ..consultations.models import Consultation
from ..extensions import db
from ..guided.models import GuideAdoption
from ..guides.models import Guide
from ..initiatives.models import CATEGORIES, STATUSES, Initiative
from ..timeutil import utcnow

MONTHS = 12  # how far back the monthly series go, this month included
TOP_CITIES = 20  # cities shown one by one on the page (the API lists them all)


def months(today: date | None = None, count: int = MONTHS) -> list[str]:
    """The last count months as "YYYY-MM", oldest first, this month last."""
    today = today or utcnow().date()
    index = today.year * 12 + today.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def _month(column):
    """SQL for "YYYY-MM" of a timestamp column; the two engines spell it differently."""
    if geo.dialect() == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _since(keys: list[str]) -> datetime:
    year, month = map(int, keys[0].split("-"))
    return datetime(year, month, 1)


def _per_month(column, keys: list[str], *where, count=None) -> list[int]:
    """How many rows (or distinct values of count) fall in each month of keys."""
    month = _month(column)
    counted = func.count(distinct(count)) if count is not None else func.count()
    rows = db.session.execute(
        select(month, counted).where(column >= _since(keys), *where).group_by(month)).all()
    found = dict(rows)
    return [found.get(key, 0) for key in keys]


def _counts(column, codes, *where) -> dict[str, int]:
    found = dict(db.session.execute(select(column, func.count()).where(*where)
                                    .group_by(column)).all())
    return {code: found.get(code, 0) for code in codes}


def _public_ids():
    """Initiatives a moderator did not hide: the only ones the numbers count."""
    return select(Initiative.id).where(Initiative.visible)


@dataclass
class City:
    name: str  # one of its spellings, the first alphabetically ("" for none given)
    total: int
    by_status: dict[str, int]
    started: list[int]  # initiatives started per month, as the page's months

    @property
    def done(self) -> int:
        return self.by_status.get("done", 0)


def cities(keys: list[str]) -> list[City]:
    """Every city with its initiatives by status and started per month, biggest first."""
    rows = db.session.execute(
        select(Initiative.city_key, func.min(Initiative.city), Initiative.status, func.count())
        .where(Initiative.visible).group_by(Initiative.city_key, Initiative.status)).all()
    found: dict[str, City] = {}
    for key, name, status, count in rows:
        city = found.setdefault(key, City(name, 0, dict.fromkeys(STATUSES, 0), [0] * len(keys)))
        city.name = min(city.name, name)
        city.by_status[status] = city.by_status.get(status, 0) + count
        city.total += count
    month = _month(Initiative.created_at)
    position = {key: n for n, key in enumerate(keys)}
    for key, when, count in db.session.execute(
            select(Initiative.city_key, month, func.count())
            .where(Initiative.created_at >= _since(keys), Initiative.visible)
            .group_by(Initiative.city_key, month)):
        if key in found and when in position:
            found[key].started[position[when]] = count
    return sorted(found.values(), key=lambda c: (-c.total, c.name.casefold()))


def consultations(keys: list[str]) -> dict:
    """Asked, answered, the median time to an answer, and both per month: counts only."""
    asked = db.session.scalar(select(func.count()).select_from(Consultation)) or 0
    pairs = db.session.execute(select(Consultation.created_at, Consultation.answered_at)
                               .where(Consultation.answered_at.is_not(None))).all()
    hours = [(answered - created).total_seconds() / 3600 for created, answered in pairs]
    return {
        "asked": asked,
        "answered": len(pairs),
        # Asked times are stored rounded down to the hour, so this is right to about an hour.
        "median_hours_to_answer": round(statistics.median(hours), 1) if hours else None,
        "asked_per_month": _per_month(Consultation.created_at, keys),
        "answered_per_month": _per_month(Consultation.answered_at, keys),
    }


def guides_followed(limit: int = 10) -> dict:
    """Published guides, and the initiatives that follow one (their guide adoptions)."""
    published = db.session.scalar(
        select(func.count()).select_from(Guide).where(Guide.status == "published")) or 0
    following = db.session.scalar(
        select(func.count()).select_from(GuideAdoption)
        .join(Guide, Guide.id == GuideAdoption.guide_id).where(Guide.status == "published")
        .where(GuideAdoption.initiative_id.in_(_public_ids()))) or 0
    count = func.count(GuideAdoption.initiative_id)
    rows = db.session.execute(
        select(Guide.public_id, Guide.slug, Guide.title, count)
        .join(GuideAdoption, GuideAdoption.guide_id == Guide.id).where(Guide.status == "published")
        .where(GuideAdoption.initiative_id.in_(_public_ids()))
        .group_by(Guide.id, Guide.public_id, Guide.slug, Guide.title)
        .order_by(count.desc(), Guide.title).limit(limit)).all()
    return {
        "published": published,
        "initiatives_following": following,
        "by_guide": [{"title": title, "initiatives": count,
                      "url": url_for("guides.detail", public_id=public_id, slug=slug, _external=True)}
                     for public_id, slug, title, count in rows],
    }


def overview() -> dict:
    """Every number /stats shows, as plain data (the page and /api/stats.json both use it)."""
    keys = months()
    by_status = _counts(Initiative.status, STATUSES, Initiative.visible)
    memberships = (Membership.pending.is_(False),)
    return {
        "generated_at": utcnow().replace(microsecond=0).isoformat() + "Z",
        "months": keys,
        "initiatives": {
            "total": sum(by_status.values()),
            "by_status": by_status,
            "by_category": _counts(Initiative.category, CATEGORIES, Initiative.visible),
            "by_city": cities(keys),
            "started_per_month": _per_month(Initiative.created_at, keys, Initiative.visible),
            # One initiative done twice in a month (reopened, done again) counts once.
            "done_per_month": _per_month(StatusChange.created_at, keys,
                                         StatusChange.new_status == "done",
                                         StatusChange.initiative_id.in_(_public_ids()),
                                         count=StatusChange.initiative_id),
        },
        "members": {
            "memberships": db.session.scalar(
                select(func.count()).select_from(Membership).where(*memberships)) or 0,
            "people": db.session.scalar(
                select(func.count(distinct(Membership.user_id))).where(*memberships)) or 0,
            "joined_per_month": _per_month(Membership.created_at, keys, *memberships),
        },
        "consultations": consultations(keys),
        "guides": guides_followed(),
    }
