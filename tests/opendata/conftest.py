"""Open data fixtures: the fixture maps, running the CLI, an organiser to import for, and
thousands of initiatives inserted in one statement (for the streaming tests)."""

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name


@pytest.fixture
def cli(app):
    """cli(*args) -> click's Result of `robimgood *args`, inside the test's transaction."""
    runner = app.test_cli_runner()

    def run(*args):
        return runner.invoke(args=[str(a) for a in args])

    return run


@pytest.fixture
def owner(make_user):
    return make_user("olia_organiser", display_name="Olia Organiser")


@pytest.fixture
def count(db):
    from robimgood.initiatives.models import Initiative

    return lambda: db.session.scalar(select(func.count()).select_from(Initiative))


@pytest.fixture
def many(db):
    """many(n): n initiatives in one INSERT, spread over Belarus (no services: thousands of
    them through create() would take minutes on two engines)."""
    from robimgood import geo
    from robimgood.initiatives.models import Initiative

    def make(n: int, prefix: str = "Bulk"):
        rows = []
        for i in range(n):
            lon, lat = 24 + (i % 700) / 100, 52 + (i // 700) / 10
            title = f"{prefix} initiative {i}"
            rows.append({
                "public_id": f"{prefix[:3].lower()}{i:07d}", "slug": f"bulk-{i}", "title": title,
                "summary": "Many of them.", "description": "", "category": "green", "status": "idea",
                "city": "Minsk", "city_key": "minsk", "search_text": title.casefold(), "needs": [],
                "language": "en", "location": geo.point(lon, lat), "location_precision": "exact",
                "public_location": geo.point(lon, lat),
            })
        db.session.execute(insert(Initiative), rows)
        db.session.commit()

    return make
