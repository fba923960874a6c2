"""`robimgood demo --initiatives N` and the benchmark, in miniature, so that neither rots."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from robimgood.initiatives.models import Initiative
from robimgood.map import services as map_services

from .test_clusters import expected_grid, stored_grid

ROOT = Path(__file__).resolve().parents[2]


def test_demo_bulk_load_keeps_the_grid_and_triggers(app, db, client):
    before = db.session.scalar(select(func.count()).select_from(Initiative))
    version = map_services.version()
    result = app.test_cli_runner().invoke(args=["demo", "--initiatives", "2000"])
    assert result.exit_code == 0, result.output
    assert "2000 synthetic initiatives" in result.output
    assert db.session.scalar(select(func.count()).select_from(Initiative)) == before + 2000
    assert map_services.version() != version
    assert stored_grid(db) == expected_grid(db)
    # The triggers are back on: a later write still reaches the grid.
    victim = db.session.scalars(select(Initiative).limit(1)).one()
    victim.status = "paused" if victim.status != "paused" else "done"
    db.session.commit()
    assert stored_grid(db) == expected_grid(db)
    response = client.get("/api/initiatives.geojson?bbox=23,51,33,57&zoom=7")
    features = response.json["features"]
    assert response.status_code == 200 and 0 < len(features) <= 500
    assert sum(f["properties"]["count"] for f in features) == before + 2000


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_the_benchmark_runs_in_smoke_mode(engine, database_url, tmp_path):
    from ..conftest import ENGINES

    if engine not in ENGINES:
        pytest.skip(f"{engine} not in TEST_ENGINES")
    env = {**os.environ, "BENCH_DATABASE_URL": database_url(engine) if engine != "sqlite" else ""}
    out = tmp_path / "result.md"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "map_api.py"), "--engine", engine,
         "--initiatives", "500", "--requests", "3", "--no-wrk", "--output", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    report = out.read_text()
    for zoom in (6, 9, 12, 15):
        assert f"map zoom {zoom} p50 / p95" in report
    assert "naive baseline" in report and "/map JavaScript (gzip)" in report
    assert "nproc" in report or "CPUs" in report
