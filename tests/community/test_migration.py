"""The community migration on a database that already has initiatives: every creator becomes
the first organiser, as they were before; and it can be undone, on both engines."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from robimgood.extensions import db

from ..conftest import ENGINES, make_app

BEFORE = "ef133271bac2"


@pytest.mark.parametrize("engine", ENGINES)
def test_creators_become_organisers(database_url, engine):
    app = make_app(database_url(engine))
    with app.app_context():
        downgrade(revision=BEFORE)
        point = ("ST_GeomFromText('POINT(27.5 53.9)', 4326)" if engine == "postgresql"
                 else "GeomFromText('POINT(27.5 53.9)', 4326)")
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO users (id, username, username_key, display_name, city, bio, skills, "
                "is_admin, is_urbanist, session_version, created_at) VALUES "
                "(7, 'old', 'old', '', '', '', '', false, false, 1, '2026-01-01')"))
            for n, organiser in ((1, "7"), (2, "NULL")):
                conn.execute(text(
                    "INSERT INTO initiatives (id, public_id, slug, title, summary, description, "
                    "category, status, city, city_key, search_text, needs, language, location, "
                    f"organiser_id, created_at, updated_at) VALUES ({n}, 'pid{n}', 's', 't', 's', "
                    f"'', 'green', 'idea', '', '', '', '[]', 'be', {point}, {organiser}, "
                    "'2026-01-01', '2026-01-01')"))
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT initiative_id, user_id, role, pending, listed_publicly FROM memberships")).all()
            progress = conn.execute(text("SELECT progress FROM initiatives")).scalars().all()
        assert [tuple(r) for r in rows] == [(1, 7, "organiser", False, True)]
        assert progress == [None, None]
        downgrade(revision=BEFORE)
        upgrade(revision="heads")
        db.session.remove()
        db.engine.dispose()
