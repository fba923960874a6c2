"""The demo data set: large, spread over Belarus, complete, harmless and idempotent."""

from sqlalchemy import func, select

from robimgood import geo
from robimgood.accounts import services as accounts
from robimgood.accounts.models import User
from robimgood.demo import load
from robimgood.initiatives.models import CATEGORIES, Initiative

DEMO = Initiative.external_id.like("demo:%")


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Initiative).where(DEMO))


def test_demo_load_is_rich_and_idempotent(app, db):
    first = load()
    db.session.expire_all()  # read back what went into the database, not the identity map

    total = _count(db)
    assert first["initiatives"] == total >= 300
    assert first["users"] >= 40
    rows = db.session.execute(select(
        Initiative.city, Initiative.title, Initiative.summary, Initiative.category,
        Initiative.language,
    ).where(DEMO)).all()
    assert len({r.city for r in rows}) >= 20
    assert {r.category for r in rows} == set(CATEGORIES)
    # Written in each of the three languages, and marked with the one it is in.
    assert {r.language for r in rows} == {"be", "ru", "en"}
    assert max(len(r.summary) for r in rows) <= 280
    assert len({(r.city, r.title) for r in rows}) == len(rows), "a title repeats within a city"

    lon, lat = geo.lon_lat(Initiative.location)
    west, east, south, north = db.session.execute(
        select(func.min(lon), func.max(lon), func.min(lat), func.max(lat)).where(DEMO)).one()
    assert 23.1 <= west and east <= 32.8 and 51.2 <= south and north <= 56.2

    # Demo accounts cannot sign in.
    assert db.session.scalar(select(func.count()).select_from(User).where(
        User.password_hash.is_not(None))) == 0
    assert accounts.authenticate("alesia_m", "") is None

    second = load()
    assert second == {"users": 0, "initiatives": 0}
    db.session.expire_all()
    assert _count(db) == total
