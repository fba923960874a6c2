"""The Map of Initiatives at scale: one command loads N synthetic initiatives, measures the map
endpoint against a naive baseline, measures throughput next to a Flask hello-world, and prints
(and saves) one table of targets with PASS or FAIL.

    make bench                                   # PostGIS, 1,000,000 initiatives
    make bench BENCH_ARGS="--engine sqlite"      # SpatiaLite, 100,000
    .venv/bin/python benchmarks/map_api.py --initiatives 500 --requests 5 --no-wrk   # smoke

PostGIS: BENCH_DATABASE_URL names an empty database to use; without it a throwaway cluster is
started (as in the tests). Latency goes through Flask's test client (the whole app, no
network); throughput through gunicorn (4 sync workers) and wrk on loopback, in the same run as
benchmarks/hello.py, because only figures from one run on one machine compare.
"""

import argparse
import gzip
import json
import math
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 32)
os.environ["RATELIMIT_ENABLED"] = "false"

import orjson  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from geoalchemy2.shape import to_shape  # noqa: E402
from sqlalchemy import text  # noqa: E402

from robimgood import create_app, geo  # noqa: E402
from robimgood.demo import bulk  # noqa: E402
from robimgood.extensions import db  # noqa: E402
from robimgood.geo import grid  # noqa: E402
from robimgood.initiatives import services as initiatives  # noqa: E402
from robimgood.initiatives.models import Initiative  # noqa: E402

ZOOMS = (6, 9, 12, 15)
VIEWPORT = (1280, 800)  # pixels: a laptop's map
TARGETS = {"p95_ms": 50, "features": 500, "gzip_kb": 60, "speedup_z6": 10, "rps": 300,
           "rps_share": 0.25, "list_p95_ms": 30, "rss_mb": 150, "map_js_kb": 70, "page_js_kb": 20}


def viewport(rng: random.Random, zoom: int) -> geo.BBox:
    """A VIEWPORT-sized box at zoom, centred where the synthetic data lies."""
    w, s, e, n = bulk.BELARUS
    lon, lat = rng.uniform(w + 0.5, e - 0.5), rng.uniform(s + 0.3, n - 0.3)
    world = 256 * 2 ** zoom

    def y(lat_):
        phi = math.radians(lat_)
        return (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * world

    def lat_of(y_):
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y_ / world))))

    dlon = VIEWPORT[0] / world * 360 / 2
    cy = y(lat)
    return geo.BBox(round(max(-180, lon - dlon), 5), round(lat_of(cy + VIEWPORT[1] / 2), 5),
                    round(min(180, lon + dlon), 5), round(lat_of(cy - VIEWPORT[1] / 2), 5))


def naive(box: geo.BBox, zoom: int) -> bytes:
    """The baseline: clusters by a GROUP BY over the whole box per request; points as ORM
    objects serialised one by one, with the standard json module."""
    limit = 500
    stmt = initiatives.filtered(bbox=box)
    if zoom <= grid.MAX_BAND:
        features, total, _ = grid.naive_clusters(stmt, Initiative.public_location,
                                                  grid.band_for(box, zoom), None)
        if total > limit:
            return orjson.dumps({"type": "FeatureCollection", "features": features})
    features = []
    for i in db.session.scalars(stmt.limit(limit)):
        point = to_shape(i.public_location)
        features.append({"type": "Feature", "id": i.public_id, "geometry": {
            "type": "Point", "coordinates": [point.x, point.y]}, "properties": {
            "id": i.public_id, "title": i.title, "summary": i.summary, "category": i.category,
            "status": i.status, "progress": i.progress, "url": f"/i/{i.public_id}/{i.slug}"}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def timed(client, url: str):
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code, response.data[:300])
    return elapsed, response.data


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(module: str, env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "4", "-b", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning", module],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Ready when it answers, not when it listens: each worker builds the app after the fork.
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30):
                pass
            return process
        except urllib.error.HTTPError:
            return process  # it answers (even 404 or 503 is an answer)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn {module} did not start: {process.stderr.read()[:2000]!r}")


def worker_rss_mb(master: subprocess.Popen) -> float:
    """The biggest resident set among the master's worker processes, in MB."""
    biggest = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master.pid):
            biggest = max(biggest, int(fields.get("VmRSS", "0 kB").split()[0]))
    return biggest / 1024


def wrk(port: int, paths: list[str], seconds: int, during=None) -> tuple[float, float]:
    """(requests per second, peak worker RSS MB) with wrk picking a random path per request."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "paths.txt").write_text("\n".join(paths) + "\n")
        script = Path(tmp, "paths.lua")
        script.write_text(
            'local paths = {}\nfor line in io.lines("' + tmp + '/paths.txt") do '
            "paths[#paths + 1] = line end\n"
            "math.randomseed(os.time())\n"
            "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n")
        process = subprocess.Popen(
            ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
             f"http://127.0.0.1:{port}"],
            stdout=subprocess.PIPE, text=True)
        peak = 0.0
        while process.poll() is None:
            if during is not None:
                peak = max(peak, during())
            time.sleep(0.5)
        out = process.stdout.read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} failed responses:\n{out}")
    return rate, peak


def js_weight_kb(client, path: str) -> float:
    """Gzipped size of every script a page loads, in KB."""
    html = client.get(path).data.decode()
    total = 0
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        total += len(gzip.compress(client.get(src.split("?")[0]).data, 9))
    return total / 1024


def machine(engine_version: str) -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return [f"- machine: {os.cpu_count()} CPUs ({cpu}), {mem:.1f} GB RAM, {platform.platform()}",
            f"- software: Python {platform.python_version()}, {engine_version}",
            f"- load while measuring (uptime): {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
            f"{os.getloadavg()[2]:.2f} (the machine is shared; figures are what it gave)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--initiatives", type=int)
    parser.add_argument("--requests", type=int, default=200, help="viewports per zoom")
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per endpoint")
    parser.add_argument("--no-wrk", action="store_true", help="skip the throughput part")
    parser.add_argument("--no-load", action="store_true",
                        help="measure the data already in BENCH_DATABASE_URL (a rerun)")
    parser.add_argument("--output", help="results file (default benchmarks/results/<date>-<engine>.md)")
    args = parser.parse_args()
    n = args.initiatives or (1_000_000 if args.engine == "postgresql" else 100_000)
    cluster = None
    if args.engine == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp(prefix='robimgood-bench-')}/bench.sqlite"
    elif not (url := os.environ.get("BENCH_DATABASE_URL", "")):
        from tests import pg

        cluster = pg.Cluster()
        url = pg.create_database(cluster.start(), "robimgood_bench")
    try:
        return run(args, n, url)
    finally:
        if cluster:
            cluster.stop()


def run(args, n: int, url: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(revision="heads")
        start = time.perf_counter()
        if args.no_load:
            n, phases = db.session.scalar(text("SELECT count(*) FROM initiatives")), "reused"
        else:
            phases = bulk.load(n)
            db.session.commit()
        load_s = None if args.no_load else time.perf_counter() - start
        engine = db.engine.dialect.name
        version = db.session.scalar(text(
            "SELECT version() || ', PostGIS ' || postgis_lib_version()" if engine == "postgresql"
            else "SELECT 'SQLite ' || sqlite_version() || ', SpatiaLite ' || spatialite_version()"))
    print(f"{n} initiatives, load {load_s} s ({phases})", flush=True)

    client = app.test_client()
    rng = random.Random(1)
    rows, all_paths = [], []
    for zoom in ZOOMS:
        boxes = [viewport(rng, zoom) for _ in range(args.requests)]
        paths = [f"/api/initiatives.geojson?bbox={','.join(map(str, b))}&zoom={zoom}" for b in boxes]
        all_paths += paths
        for path in paths[:5]:  # warm up
            timed(client, path)
        fast, features, raw, gz = [], [], [], []
        for path in paths:
            ms, body = timed(client, path)
            fast.append(ms)
            features.append(len(json.loads(body)["features"]))
            raw.append(len(body))
            gz.append(len(gzip.compress(body, 6)))
        slow = []
        with app.test_request_context():
            for box in boxes[: max(3, args.requests // 10)]:  # the baseline is slow: a sample
                start = time.perf_counter()
                naive(box, zoom)
                slow.append((time.perf_counter() - start) * 1000)
                db.session.rollback()
        p50, p95 = percentiles(fast)
        rows.append({"zoom": zoom, "p50": p50, "p95": p95, "naive_p50": percentiles(slow)[0],
                     "features": max(features), "raw_kb": max(raw) / 1024, "gz_kb": max(gz) / 1024})
        print(f"zoom {zoom}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, naive p50 "
              f"{rows[-1]['naive_p50']:.1f} ms, ≤{max(features)} features", flush=True)
    list_paths = [f"/initiatives?page={rng.randint(1, 20)}" for _ in range(args.requests)]
    for path in list_paths[:5]:
        timed(client, path)
    list_p50, list_p95 = percentiles([timed(client, p)[0] for p in list_paths])
    map_js, page_js = js_weight_kb(client, "/map"), js_weight_kb(client, "/initiatives")

    throughput = {}
    if not args.no_wrk and shutil.which("wrk"):
        env = {"DATABASE_URL": url, "RATELIMIT_ENABLED": "false", "PYTHONPATH": str(ROOT)}
        for name, module, paths in (("hello", "benchmarks.hello:app", ["/"]),
                                    ("map", "wsgi:app", all_paths),
                                    ("list", "wsgi:app", list_paths)):
            port = free_port()
            server = gunicorn(module, env, port)
            try:
                wrk(port, paths[:50], 5)  # warm every worker: connections, caches
                throughput[name] = wrk(port, paths, args.seconds,
                                       during=lambda s=server: worker_rss_mb(s))
            finally:
                server.terminate()
                server.wait()
            print(f"throughput {name}: {throughput[name][0]:.0f} req/s", flush=True)

    report = table(args, n, engine, load_s, rows, list_p50, list_p95, map_js, page_js, throughput)
    lines = [f"# Map benchmark, {engine}, {n:,} initiatives, {datetime.now():%Y-%m-%d %H:%M}",
             "", *machine(version),
             f"- command: `{' '.join([Path(sys.executable).name, *sys.argv])}`", "", *report]
    print("\n".join(report))
    out = Path(args.output) if args.output else (
        ROOT / "benchmarks" / "results" / f"{datetime.now():%Y-%m-%d}-{engine}.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print(f"written to {out}")
    return 0


def table(args, n, engine, load_s, rows, list_p50, list_p95, map_js, page_js, throughput):
    t = TARGETS
    out = ["| measure | value | target | result |", "|---|---|---|---|"]

    def line(measure, value, target, ok):
        # The targets are PostGIS's at 1,000,000; SpatiaLite's figures are reported beside them.
        result = ("PASS" if ok else "FAIL") if engine == "postgresql" else "(reported)"
        out.append(f"| {measure} | {value} | {target} | {result} |")

    if load_s is not None:
        line("load (demo --initiatives)", f"{load_s:.1f} s for {n:,}", "≤ 120 s for 1,000,000",
             load_s <= 120 * n / 1_000_000)
    for r in rows:
        z = r["zoom"]
        line(f"map zoom {z} p50 / p95", f"{r['p50']:.1f} / {r['p95']:.1f} ms", f"p95 ≤ {t['p95_ms']} ms",
             r["p95"] <= t["p95_ms"])
        line(f"map zoom {z} features (max)", r["features"], f"≤ {t['features']}",
             r["features"] <= t["features"])
        line(f"map zoom {z} payload raw / gzip (max)", f"{r['raw_kb']:.1f} / {r['gz_kb']:.1f} KB",
             f"gzip ≤ {t['gzip_kb']} KB", r["gz_kb"] <= t["gzip_kb"])
        ratio = r["naive_p50"] / r["p50"]
        target = f"≥ {t['speedup_z6']}×" if z == 6 else "(reported)"
        line(f"map zoom {z} naive baseline p50, speed-up", f"{r['naive_p50']:.1f} ms, {ratio:.1f}×",
             target, z != 6 or ratio >= t["speedup_z6"])
    line("list page p50 / p95", f"{list_p50:.1f} / {list_p95:.1f} ms", f"p95 ≤ {t['list_p95_ms']} ms",
         list_p95 <= t["list_p95_ms"])
    if throughput:
        hello, map_, list_ = throughput["hello"][0], throughput["map"][0], throughput["list"][0]
        line("hello-world throughput (4 workers)", f"{hello:.0f} req/s", "(yardstick)", True)
        line("map throughput (4 workers, uncached)", f"{map_:.0f} req/s = {map_ / hello:.0%} of hello",
             f"≥ {t['rps']} req/s and ≥ {t['rps_share']:.0%}",
             map_ >= t["rps"] and map_ / hello >= t["rps_share"])
        line("list page throughput", f"{list_:.0f} req/s = {list_ / hello:.0%} of hello", "(reported)",
             True)
        rss = max(throughput["map"][1], throughput["list"][1])
        line("worker RSS under load (max)", f"{rss:.0f} MB", f"≤ {t['rss_mb']} MB", rss <= t["rss_mb"])
    line("/map JavaScript (gzip)", f"{map_js:.1f} KB", f"≤ {t['map_js_kb']} KB", map_js <= t["map_js_kb"])
    line("/initiatives JavaScript (gzip)", f"{page_js:.1f} KB", f"≤ {t['page_js_kb']} KB",
         page_js <= t["page_js_kb"])
    return out


if __name__ == "__main__":
    sys.exit(main())
