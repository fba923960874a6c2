"""Demo data: 46 accounts and 324 initiatives across Belarus, so the map has something to show.

The texts are illustrative: typical neighbourhood projects by invented people at invented
addresses, placed around the real centres of real towns. Loading is idempotent — accounts are
keyed by user name and initiatives by external_id "demo:<n>" — so running it again adds nothing.
Demo accounts have no password and cannot sign in, which keeps the data safe in production.
"""

import math
import random
import re
from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts import services as accounts
from ..accounts.models import User
from ..extensions import db
from ..initiatives import services as initiatives
from ..initiatives.models import Initiative
from .people import ACTIVISTS, URBANISTS
from .places import CITIES, places
from .texts import HEADINGS, NEEDS, STATUS_LINES, SUBJECTS

__all__ = ["load", "plan"]

SEED = 2026
# "Today" for the data set: a fixed date, so a load on another day produces the same rows.
TODAY = datetime(2026, 11, 1)
LANGUAGES = {"be": 60, "ru": 30, "en": 10}
STATUSES = {"idea": 15, "planning": 27, "in_progress": 33, "done": 15, "paused": 10}
CATEGORIES = {"green": 16, "public_space": 13, "transport": 14, "accessibility": 9,
              "heritage": 9, "safety": 10, "waste": 12, "children_sport": 10, "other": 7}
NEED_CODES = ("volunteers", "skills", "materials", "money")
_COLUMN = {"be": 1, "ru": 2, "en": 3}  # which text of a place tuple
# Belarusian ў: after a vowel the preposition у is written ў (our place phrases start with у).
_U_AFTER_VOWEL = re.compile(r"(?<=[аеёіоуыэюя]) у(?= )")


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _near(rng: random.Random, lat: float, lon: float, sigma: float, limit: float):
    """A gaussian point around (lat, lon) no further than limit (degrees of latitude);
    longitude is stretched so the scatter is round on the ground, not squashed."""
    stretch = 1 / math.cos(math.radians(lat))
    while True:
        dy, dx = rng.gauss(0, sigma), rng.gauss(0, sigma)
        if math.hypot(dx, dy) <= limit:
            return round(lat + dy, 6), round(lon + dx * stretch, 6)


def _text(language: str, template: str, where: str) -> str:
    text = template.format(where=where)
    return _U_AFTER_VOWEL.sub(" ў", text) if language == "be" else text


def _description(language, body, steps, needs, status, where):
    what, help_ = HEADINGS[language]
    helping = "\n".join(f"- {NEEDS[language][n]}" for n in needs) or NEEDS[language][None]
    return "\n\n".join([
        _text(language, body, where),
        f"### {what}",
        "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1)),
        f"### {help_}",
        helping,
        f"_{STATUS_LINES[language][status]}_",
    ])


def plan() -> list[dict]:
    """Every demo initiative, computed from the tables and a fixed seed only (never from the
    database), so each run yields the same list and external ids keep their meaning."""
    rng = random.Random(SEED)
    rows = []
    for city, region, lat, lon, radius, count in CITIES:
        spots = places(city)
        # Initiatives at one spot sit near each other, as on a real street.
        anchors = [_near(rng, lat, lon, radius / 2, radius) for _ in spots]
        pairs = [(s, p) for s in SUBJECTS for p in range(len(spots)) if spots[p][0] in s[1].split()]
        rng.shuffle(pairs)  # each pair is used once: no two equal titles in a city
        people = [a[0] for a in ACTIVISTS if a[2] == city] or [
            a[0] for a in ACTIVISTS if a[2] == region]
        for _ in range(count):
            wanted = _pick(rng, CATEGORIES)
            index = next((i for i, (s, _p) in enumerate(pairs) if s[0] == wanted), 0)
            (category, _kinds, texts), spot = pairs.pop(index)
            language = _pick(rng, LANGUAGES)
            status = _pick(rng, STATUSES)
            where = spots[spot][_COLUMN[language]]
            title, summary, body, steps = texts[language]
            needs = sorted(rng.sample(NEED_CODES, rng.choice((0, 1, 1, 2, 2, 3))))
            if status == "done" and rng.random() < 0.7:
                needs = []
            low = 120 if status == "done" else 0
            high = 365 if status == "idea" else 730
            age = timedelta(seconds=int(rng.uniform(low, high) * 86400))
            created = TODAY - age
            latitude, longitude = _near(rng, *anchors[spot], radius / 10, radius / 4)
            rows.append({
                "external_id": f"demo:{len(rows) + 1}",
                "organiser": rng.choice(people),
                "created_at": created,
                "updated_at": created + timedelta(seconds=int(rng.uniform(0, age.total_seconds()))),
                "data": {
                    "title": _text(language, title, where),
                    "summary": _text(language, summary, where),
                    "description": _description(language, body, steps, needs, status, where),
                    "category": category, "status": status, "city": city,
                    "latitude": latitude, "longitude": longitude,
                    "needs": needs, "language": language,
                },
            })
    return rows


def _account(index: int, username, display_name, city, skills, bio) -> tuple[User, bool]:
    """The demo user (created if missing, without a password) and whether it is new."""
    user = accounts.by_username(username)
    if user is not None:
        return user, False
    user = User(
        username=username, username_key=accounts.username_key(username), password_hash=None,
        display_name=display_name, city=city, skills=skills, bio=bio,
        created_at=TODAY - timedelta(days=760) + timedelta(hours=7 * index),
    )
    db.session.add(user)
    return user, True


def load() -> dict[str, int]:
    """Add whatever part of the demo set is missing; flush only (the caller commits).
    Rows that exist are left as they are, even if someone edited them."""
    users, created_users = {}, 0
    for i, (username, name, city, skills, bio) in enumerate(ACTIVISTS):
        users[username], new = _account(i, username, name, city, skills, bio)
        created_users += new
    for i, (username, name, city, specialties, skills, bio) in enumerate(URBANISTS):
        user, new = _account(len(ACTIVISTS) + i, username, name, city, skills, bio)
        if new:
            db.session.flush()
            accounts.grant_role(user, "urbanist", specialties)
            created_users += 1
    db.session.flush()

    have = set(db.session.scalars(
        select(Initiative.external_id).where(Initiative.external_id.like("demo:%"))))
    created = 0
    for row in plan():
        if row["external_id"] in have:
            continue
        initiative = initiatives.create(users[row["organiser"]], row["data"],
                                        external_id=row["external_id"])
        initiative.created_at, initiative.updated_at = row["created_at"], row["updated_at"]
        created += 1
    db.session.flush()
    return {"users": created_users, "initiatives": created}
