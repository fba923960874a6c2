"""Backups restore to the same data, as docs/operations.md describes them: a PostGIS dump
(pg_dump -Fc, pg_restore into a fresh database) and a SpatiaLite copy taken while the app runs
(VACUUM INTO, or SQLite's backup API). Every table is compared row by row, geometries and the
spatial index included, and the restored app serves the same map data."""

import shutil
import subprocess
from pathlib import Path

import pytest
import sqlean
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from robimgood.extensions import db

from .. import pg
from ..conftest import ENGINES, make_app
from . import world
from .contents import contents

MAP_DATA = "/api/initiatives.geojson?bbox=27.0,53.0,28.5,54.5"


def _built(url: str):
    """A migrated app on url holding the safety world, committed."""
    app = make_app(url)
    with app.app_context():
        world.build(lambda key, length: f"{key} Ünïcode ‘text’ ✓"[:length])
        app.contents = contents(db.session.connection())
        db.session.remove()
    return app


def _close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _same(restored_url: str, source) -> None:
    """The restored database holds what the source holds, and the app serves it alike."""
    restored = make_app(restored_url)  # migrating is a no-op: alembic_version came along
    try:
        with restored.app_context():
            assert contents(db.session.connection()) == source.contents
        answer = restored.test_client().get(MAP_DATA)
        assert answer.status_code == 200 and answer.json["features"]
        assert answer.data == source.test_client().get(MAP_DATA).data
    finally:
        _close(restored)


@pytest.mark.skipif("postgresql" not in ENGINES, reason="PostGIS not selected")
def test_a_postgis_dump_restores_into_a_fresh_database(database_url, postgres_server, tmp_path):
    source = _built(database_url("postgresql"))
    try:
        bindir = pg.ensure_installed()
        dump = tmp_path / "robimgood.dump"

        def libpq(url: str) -> str:
            return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

        subprocess.run([bindir / "pg_dump", "-Fc", "-f", dump, "-d",
                        libpq(source.config["SQLALCHEMY_DATABASE_URI"])], check=True)
        fresh = pg.create_database(postgres_server, "robimgood_restored")
        subprocess.run([bindir / "pg_restore", "--exit-on-error", "--no-owner", "-d", libpq(fresh),
                        dump], check=True)
        _same(fresh, source)
    finally:
        _close(source)


def _holds(path: Path, expected: dict) -> bool:
    engine = create_engine(f"sqlite:///{path}", module=sqlean)
    try:
        with engine.connect() as connection:
            return contents(connection) == expected
    except OperationalError:  # tables missing altogether
        return False
    finally:
        engine.dispose()


def _vacuum_into(live, copy) -> None:
    live.execute("VACUUM INTO ?", (str(copy),))


def _backup_api(live, copy) -> None:
    with sqlean.connect(copy) as target:
        live.backup(target)
    target.close()


@pytest.mark.skipif("sqlite" not in ENGINES, reason="SpatiaLite not selected")
@pytest.mark.parametrize("method", [_vacuum_into, _backup_api], ids=["vacuum-into", "backup-api"])
def test_a_spatialite_file_copied_while_the_app_runs_restores(database_url, tmp_path, method):
    source = _built(database_url("sqlite"))
    path = make_url(source.config["SQLALCHEMY_DATABASE_URI"]).database
    try:
        with source.app_context():
            # The app is running: its pooled connection keeps the latest commits in the WAL.
            db.session.connection()
            assert Path(path + "-wal").stat().st_size > 0
            naive = tmp_path / "cp.sqlite"
            shutil.copyfile(path, naive)  # what `cp` would take: the main file without the WAL
            copy = tmp_path / "backup.sqlite"
            live = sqlean.connect(path)
            try:
                method(live, copy)
            finally:
                live.close()
            db.session.remove()
        assert not _holds(naive, source.contents)  # why the docs say never to `cp` it
        _same(f"sqlite:///{copy}", source)
    finally:
        _close(source)
