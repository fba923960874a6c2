"""The guided migration on a database that already has checklists: the existing items are
nobody's guide steps and are not skipped, so the progress stays; and it can be undone, on both
engines."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from robimgood.extensions import db

from ..conftest import ENGINES, make_app

BEFORE = "c3c64a2ce775"


@pytest.mark.parametrize("engine", ENGINES)
def test_existing_checklists_keep_their_progress(database_url, engine):
    app = make_app(database_url(engine))
    with app.app_context():
        downgrade(revision=BEFORE)
        point = ("ST_GeomFromText('POINT(27.5 53.9)', 4326)" if engine == "postgresql"
                 else "GeomFromText('POINT(27.5 53.9)', 4326)")
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO initiatives (id, public_id, slug, title, summary, description, category, "
                "status, city, city_key, search_text, needs, language, location, progress, created_at, "
                f"updated_at) VALUES (1, 'pid1', 's', 't', 's', '', 'green', 'idea', '', '', '', '[]', "
                f"'be', {point}, 50, '2026-01-01', '2026-01-01')"))
            for n, done in ((1, "true"), (2, "false")):
                conn.execute(text(
                    "INSERT INTO milestones (id, initiative_id, position, title, done, note, created_at) "
                    f"VALUES ({n}, 1, {n}, 'step {n}', {done}, '', '2026-01-01')"))
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, title, done, guide_step_id, skipped_reason FROM milestones ORDER BY id")).all()
            adoptions = conn.execute(text("SELECT count(*) FROM guide_adoptions")).scalar()
        assert [tuple(r) for r in rows] == [(1, "step 1", True, None, None), (2, "step 2", False, None, None)]
        assert adoptions == 0
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM milestones")).scalar() == 2
        upgrade(revision="heads")
        db.session.remove()
        db.engine.dispose()
