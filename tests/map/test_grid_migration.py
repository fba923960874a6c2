"""The grid's revisions on a database that has initiatives, down and up again, on both
engines: each layout holds the rows of the one after it that it knows (the ALL-status rows
came with 4b1d2c7e9a10, the cells' total rows with 9e3a61c5d2f7), and upgrading again gives
back the very grid the triggers had kept."""

import orjson
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from robimgood.extensions import db
from robimgood.geo import grid

from ..conftest import ENGINES, PASSWORD, VALID_INITIATIVE, make_app

# (the revision before a layout, what a row needs to exist there: (category, status))
BEFORE = [("4b1d2c7e9a10", lambda category, status: category != grid.ALL),
          ("f66200c7029b", lambda category, status: grid.ALL not in (category, status))]


def _grid() -> dict:
    """The grid as it is, read on a connection of its own (a migration must not wait for it);
    a total row's value is its count and its categories."""
    with db.engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("map_cells")}
        extra = ", categories" if "categories" in columns else ", NULL"
        rows = connection.execute(text(f"SELECT band, cx, cy, category, status, n{extra} "
                                       "FROM map_cells"))
        return {tuple(row[:5]): (row[5], row[6] and orjson.loads(row[6])) for row in rows}


@pytest.mark.parametrize("revision, kept", BEFORE, ids=[b[0] for b in BEFORE])
@pytest.mark.parametrize("engine", ENGINES)
def test_the_grid_goes_down_and_up_again(database_url, engine, revision, kept):
    from robimgood.accounts import services as accounts
    from robimgood.initiatives import services as initiatives

    app = make_app(database_url(engine))
    with app.app_context():
        organiser = accounts.register("grid-migration", PASSWORD)
        for status, category in (("idea", "green"), ("done", "green"), ("done", "waste")):
            initiatives.create(organiser, {**VALID_INITIATIVE, "status": status,
                                           "category": category})
        db.session.commit()
        now = _grid()
        assert any(key[3] == grid.ALL and value[1] == {"green": 1, "waste": 1}
                   for key, value in now.items())
        downgrade(revision=revision)
        db.session.remove()
        before = _grid()
        assert before == {key: (n, None) for key, (n, _) in now.items() if kept(*key[3:])}
        upgrade(revision="heads")
        db.session.remove()
        assert _grid() == now
        # The triggers are the new ones: a write keeps the total rows.
        initiatives.create(organiser, {**VALID_INITIATIVE, "status": "idea", "category": "waste"})
        db.session.commit()
        totals = [value for key, value in _grid().items()
                  if key[0] == 15 and key[3] == grid.ALL and key[4] == grid.ALL]
        assert sum(n for n, _ in totals) == 4
        assert sum(sum(c.values()) for _, c in totals) == 4
        db.session.remove()
        db.engine.dispose()
