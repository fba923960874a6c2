"""Map endpoint benchmark: GeoJSON and list latency over random viewports, as ratios against
/healthz (a request that does almost nothing) measured in the same run, because these machines
are noisy and only ratios compare across runs.

    .venv/bin/python benchmarks/map_api.py [--initiatives 20000] [--database-url URL]

Without --database-url it uses a fresh SpatiaLite file. It loads the demo data plus synthetic
initiatives spread over Belarus, then times requests through Flask's test client (no network).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 32)
os.environ["RATELIMIT_ENABLED"] = "false"

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from robimgood import create_app, geo  # noqa: E402
from robimgood.demo import load as load_demo  # noqa: E402
from robimgood.extensions import db  # noqa: E402
from robimgood.initiatives.models import CATEGORIES, STATUSES, Initiative  # noqa: E402
from robimgood.initiatives.services import new_public_id, search_text  # noqa: E402

ZOOM_SPAN = {8: (2.8, 1.4), 12: (0.18, 0.09), 15: (0.022, 0.011)}  # degrees lon, lat in view


def synthetic(n: int, rng: random.Random) -> None:
    rows = []
    for i in range(n):
        lon, lat = rng.uniform(23.5, 32.5), rng.uniform(51.5, 56.0)
        title = f"Synthetic initiative {i}"
        rows.append({
            "public_id": new_public_id(), "slug": f"synthetic-{i}", "title": title,
            "summary": "Neighbours improve their yard.", "description": "",
            "category": rng.choice(list(CATEGORIES)), "status": rng.choice(list(STATUSES)),
            "city": "Synthetic", "city_key": "synthetic", "needs": [], "language": "en",
            "search_text": search_text(title, "neighbours improve their yard.", "synthetic"),
            "location": geo.point(lon, lat),
        })
        if len(rows) == 5000:
            db.session.execute(insert(Initiative), rows)
            rows = []
    if rows:
        db.session.execute(insert(Initiative), rows)


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiatives", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    rng = random.Random(1)
    with app.app_context():
        upgrade(revision="heads")
        load_demo()
        synthetic(args.initiatives, rng)
        db.session.commit()
        total = db.session.query(Initiative).count()
        engine = db.engine.dialect.name
    client = app.test_client()
    for _ in range(20):  # warm caches and the connection pool
        timed(client, "/healthz")
    base = [timed(client, "/healthz") for _ in range(args.requests)]
    base_p50, _ = percentiles(base)
    print(f"engine={engine} initiatives={total} requests={args.requests} per row")
    print(f"{'endpoint':<34}{'p50 ms':>9}{'p95 ms':>9}{'p50/baseline':>14}")
    print(f"{'/healthz (baseline)':<34}{base_p50:>9.2f}{percentiles(base)[1]:>9.2f}{1:>14.1f}")
    for zoom, (dlon, dlat) in ZOOM_SPAN.items():
        samples = []
        for _ in range(args.requests):
            lon, lat = rng.uniform(24, 31.5), rng.uniform(52, 55.5)
            bbox = f"{lon:.4f},{lat:.4f},{lon + dlon:.4f},{lat + dlat:.4f}"
            samples.append(timed(client, f"/api/initiatives.geojson?bbox={bbox}"))
        p50, p95 = percentiles(samples)
        print(f"{f'geojson zoom {zoom}':<34}{p50:>9.2f}{p95:>9.2f}{p50 / base_p50:>14.1f}")
    samples = [timed(client, f"/initiatives?page={rng.randint(1, 20)}") for _ in range(args.requests)]
    p50, p95 = percentiles(samples)
    print(f"{'list page /initiatives':<34}{p50:>9.2f}{p95:>9.2f}{p50 / base_p50:>14.1f}")


if __name__ == "__main__":
    main()
