"""Synthetic initiatives in bulk, for benchmarks: `robimgood demo --initiatives N`.

Rows go straight to the table (PostgreSQL COPY; SQLite executemany in big transactions) with
the map grid's triggers off, then the grid is rebuilt in one pass, which is far faster than a
million trigger runs. Six in ten sit around the demo towns (as real initiatives crowd into
cities), the rest anywhere in Belarus. Everything is in the caller's transaction.
"""

import itertools
import random
import struct
import time
from datetime import timedelta

from sqlalchemy import text

from .. import geo
from ..extensions import db
from ..geo import grid
from ..initiatives.models import PRECISIONS
from ..initiatives.services import _ALPHABET
from . import CATEGORIES, STATUSES, TODAY
from .places import CITIES

BELARUS = (23.2, 51.3, 32.7, 56.1)  # west, south, east, north
COLUMNS = ("public_id", "slug", "title", "summary", "description", "category", "status", "city",
           "city_key", "search_text", "needs", "language", "location", "location_precision",
           "public_location", "created_at", "updated_at")
TITLES = ("Yard garden", "Bike parking", "Bench by the stop", "Clean-up day", "Playground repair",
          "Ramp at the clinic", "Street trees", "Safer crossing", "Sorting bins", "Old house plaque")


def _ewkb(lon: float, lat: float) -> str:
    """A point as hex EWKB with SRID 4326: what PostGIS parses fastest."""
    return struct.pack("<BIidd", 1, 0x20000001, 4326, lon, lat).hex()


def _ewkt(lon: float, lat: float) -> str:
    return f"SRID=4326;POINT({lon!r} {lat!r})"


def rows(n: int, seed: int = 1, point=_ewkt):
    """n synthetic rows as tuples of COLUMNS, geometries made by point(lon, lat)."""
    rng = random.Random(seed)
    random_, gauss, choices = rng.random, rng.gauss, rng.choices
    cities = [(c[0], c[0].casefold(), c[2], c[3], c[4]) for c in CITIES]
    city_weights = list(itertools.accumulate(c[5] for c in CITIES))
    categories = list(CATEGORIES)
    category_weights = list(itertools.accumulate(CATEGORIES.values()))
    statuses = list(STATUSES)
    status_weights = list(itertools.accumulate(STATUSES.values()))
    precisions = [(code, metres) for code, (metres, _) in PRECISIONS.items()]
    summary = "Neighbours improve their street together."
    span = 2 * 365 * 86400
    for i in range(n):
        if random_() < 0.6:
            city, key, lat, lon, radius = choices(cities, cum_weights=city_weights)[0]
            lat, lon = round(lat + gauss(0, radius * 2), 6), round(lon + gauss(0, radius * 3.4), 6)
        else:
            city, key = "Беларусь", "беларусь"
            lon = round(BELARUS[0] + random_() * (BELARUS[2] - BELARUS[0]), 6)
            lat = round(BELARUS[1] + random_() * (BELARUS[3] - BELARUS[1]), 6)
        precision, metres = precisions[int(random_() * 3)]
        title = f"{TITLES[int(random_() * len(TITLES))]} {i}"
        created = TODAY - timedelta(seconds=int(random_() * span))
        yield ("".join(choices(_ALPHABET, k=10)), f"synthetic-{i}", title, summary, "",
               choices(categories, cum_weights=category_weights)[0],
               choices(statuses, cum_weights=status_weights)[0], city, key,
               f"{title} {summary} {city}".casefold(), "[]", "en", point(lon, lat), precision,
               point(*geo.snap(lon, lat, metres)), created, created)


def _secondary_indexes() -> list[tuple[str, str]]:
    """PostgreSQL: (name, definition) of the initiatives' indexes other than the primary key
    and unique constraints, which a bulk load drops and rebuilds (one sorted build beats a
    million inserts into each GiST)."""
    return db.session.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'initiatives' "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint "
        "WHERE conrelid = 'initiatives'::regclass)")).all()


def load(n: int, seed: int = 1) -> dict:
    """Insert n synthetic initiatives and rebuild the map grid; returns seconds per phase."""
    timings, start = {}, time.perf_counter()

    def phase(name):
        nonlocal start
        timings[name] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()

    grid.set_triggers(False)
    raw = db.session.connection().connection.driver_connection
    if db.engine.dialect.name == "postgresql":
        indexes = _secondary_indexes()
        for name, _ in indexes:
            db.session.execute(text(f'DROP INDEX "{name}"'))
        with raw.cursor() as cursor, cursor.copy(
                f"COPY initiatives ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows(n, seed, _ewkb):
                copy.write_row(row)
        phase("copy")
        db.session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for _, definition in indexes:
            db.session.execute(text(definition))
        phase("indexes")
        # Rows in the order of the public points' spatial index, as an operator's periodic
        # CLUSTER (or pg_repack) keeps them: a viewport's points then share a few pages instead
        # of one page each, which under load is what keeps the zoomed-in map in memory.
        spatial = next(name for name, definition in indexes
                       if "gist (public_location)" in definition)
        db.session.execute(text(f'CLUSTER initiatives USING "{spatial}"'))
        phase("cluster")
    else:
        marks = ", ".join("GeomFromEWKT(?)" if c.endswith("location") else "?" for c in COLUMNS)
        sql = f"INSERT INTO initiatives ({', '.join(COLUMNS)}) VALUES ({marks})"
        batch = []
        for row in rows(n, seed):
            # As SQLAlchemy writes datetimes on SQLite.
            batch.append((*row[:-2], *(t.strftime("%Y-%m-%d %H:%M:%S.%f") for t in row[-2:])))
            if len(batch) == 20_000:
                raw.executemany(sql, batch)
                batch = []
        raw.executemany(sql, batch)
        phase("insert")
    grid.set_triggers(True)
    grid.refresh()
    phase("grid")
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE initiatives"))
        db.session.execute(text("ANALYZE map_cells"))
        phase("analyze")
    return timings
