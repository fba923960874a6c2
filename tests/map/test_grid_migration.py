"""The grid's ALL-status revision on a database that has initiatives, and back, on both
engines: the rows it adds are the sums of the others, and undoing it leaves the grid as the
revision before had it."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from robimgood.extensions import db
from robimgood.geo import grid

from ..conftest import ENGINES, PASSWORD, VALID_INITIATIVE, make_app

BEFORE = "f66200c7029b"


def _grid() -> dict:
    """The grid as it is, read on a connection of its own (a migration must not wait for it)."""
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT band, cx, cy, category, status, n FROM map_cells"))
        return {tuple(row[:5]): row[5] for row in rows}


@pytest.mark.parametrize("engine", ENGINES)
def test_all_status_rows_come_and_go_with_the_revision(database_url, engine):
    from robimgood.accounts import services as accounts
    from robimgood.initiatives import services as initiatives

    app = make_app(database_url(engine))
    with app.app_context():
        organiser = accounts.register("grid-migration", PASSWORD)
        for status in ("idea", "done", "done"):
            initiatives.create(organiser, {**VALID_INITIATIVE, "status": status})
        db.session.commit()
        with_all = _grid()
        downgrade(revision=BEFORE)
        db.session.remove()
        before = _grid()
        assert before and all(key[4] != grid.ALL for key in before)
        assert {key: n for key, n in with_all.items() if key[4] != grid.ALL} == before
        sums = {}
        for (band, cx, cy, category, _), n in before.items():
            sums[(band, cx, cy, category, grid.ALL)] = sums.get(
                (band, cx, cy, category, grid.ALL), 0) + n
        db.session.remove()
        upgrade(revision="heads")
        assert _grid() == {**before, **sums} == with_all
        # The triggers are the new ones: a write keeps the ALL rows.
        initiatives.create(organiser, {**VALID_INITIATIVE, "status": "idea"})
        db.session.commit()
        assert sum(n for key, n in _grid().items() if key[0] == 15 and key[4] == grid.ALL) == 4
        db.session.remove()
        db.engine.dispose()
