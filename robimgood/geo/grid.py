"""Server-side clustering: a grid of cells per zoom band, kept by database triggers on write.

A cell at band b is a slippy-map tile of zoom b + 1: 128 px wide on a screen at zoom b, and the
four cells of band b + 1 inside it nest exactly (cx_b = cx_(b+1) // 2), so a bulk refresh builds
each band from the one below it. `map_cells` holds, per (band, status, category, cell), how
many initiatives have their public point there and the sums of their longitudes and latitudes
(for the centroid). Rows with status ALL ("*") count every status, rows with category ALL a
cell's every category, with its {category: count} as JSON text: the unfiltered map, the common
case, reads one row per cell, nothing to group. The triggers on `initiatives` add and subtract
those rows and bump `map_state.version`, the data version behind the map's ETag (stored in the
database, so every app server agrees); the triggers on `guide_adoptions` bump it too, since a
point shows whether its initiative follows a guide.

Reading a viewport is one range of the primary key, `band = ? AND status = ? AND category = ?
AND cx IN (…) AND cy BETWEEN ? AND ?`, a row per cell, in the same statement as the data
version; orjson writes the features. Filters the grid does not know (text, city, guide,
progress) fall back to `naive_clusters`, the same cells computed per request with a GROUP BY
over the box, bounded by a row limit.

All the SQL is generated here for both engines, so the triggers (created by the migration),
the bulk refresh and the per-request fallback put a point in the same cell.
"""

import math

import orjson
import sqlalchemy as sa
from sqlalchemy import Integer, Select, cast, func, literal_column, select, text

from ..extensions import db
from .bbox import BBox
from .engine import read

MIN_BAND, MAX_BAND = 3, 15  # clusters for zooms up to MAX_BAND; points beyond
MAX_CELLS = 500  # a response never has more features than this
MAX_LAT = 85.0511287798  # Web Mercator's edge
BANDS = range(MIN_BAND, MAX_BAND + 1)
FORMAT = "m3"  # part of the ETag: bump when the GeoJSON's shape changes
ALL = "*"  # the status or category of a cell's summary rows: every status, every category
# The layout of map_cells that trigger_ddl and refresh_sql write for: 1, a row per status and
# category; 2, also status ALL; 3, also category ALL, a cell's totals with its categories as
# JSON. Migrations name the layout they build, so an old revision keeps its own.
LAYOUT = 3


def _scale(band: int) -> int:
    return 2 ** (band + 1)


def _least(sqlite: bool, *args: str) -> str:
    return f"{'min' if sqlite else 'least'}({', '.join(args)})"


def _greatest(sqlite: bool, *args: str) -> str:
    return f"{'max' if sqlite else 'greatest'}({', '.join(args)})"


def _fractions_sql(lon: str, lat: str, sqlite: bool) -> tuple[str, str]:
    """SQL for a point's Web Mercator x and y as fractions of the world (0..1)."""
    clamped = _least(sqlite, _greatest(sqlite, lat, f"-{MAX_LAT}"), str(MAX_LAT))
    phi = f"radians({clamped})"
    x = f"(({lon}) + 180.0) / 360.0"
    y = f"(1.0 - ln(tan({phi}) + 1.0 / cos({phi})) / pi()) / 2.0"
    return x, y


def _cell_sql(fraction: str, scale, sqlite: bool) -> str:
    """SQL for the cell index of a fraction at a scale (clamped: longitude 180 is in the last)."""
    return _least(sqlite, f"CAST(floor({fraction} * {scale}) AS INTEGER)", f"{scale} - 1")


def _bands_sql() -> str:
    """The bands as a table (band, scale): SQLite allows no WITH or VALUES alias in a trigger."""
    return " UNION ALL ".join(f"SELECT {b} AS band, {_scale(b)} AS scale" for b in BANDS)


def _json_object_sql(sqlite: bool, key: str, value: str) -> str:
    return f"json_object({key}, {value})" if sqlite else f"json_build_object({key}, {value})::text"


def _cells_of_row_sql(row: str, sign: int, sqlite: bool, moderated: bool, layout: int) -> str:
    """SELECT band, cx, cy, category, status, n, sum_lon, sum_lat[, categories] for one row
    (NEW or OLD), counting sign (+1 or -1) in each band under its status and category, from
    layout 2 under status ALL too, from layout 3 under category ALL too (the cell's totals,
    whose categories {category: sign} the upsert merges); nothing for an initiative a
    moderator hid (moderated: the schema has robimgood.moderation's column)."""
    x, y = _fractions_sql("p.lon", "p.lat", sqlite)
    status, category, extra, keys = "p.status", "p.category", "", ""
    if layout >= 2:
        status = f"CASE WHEN k.all_status = 1 THEN '{ALL}' ELSE p.status END"
        keys += ", (SELECT 0 AS all_status UNION ALL SELECT 1) AS k"
    if layout >= 3:
        category = f"CASE WHEN t.total = 1 THEN '{ALL}' ELSE p.category END"
        extra = (f", CASE WHEN t.total = 1 THEN {_json_object_sql(sqlite, 'p.category', str(sign))}"
                 " END AS categories")
        keys += ", (SELECT 0 AS total UNION ALL SELECT 1) AS t"
    return (
        f"SELECT b.band AS band, {_cell_sql(x, 'b.scale', sqlite)} AS cx, "
        f"{_cell_sql(y, 'b.scale', sqlite)} AS cy, {category} AS category, {status} AS status, "
        f"{sign} AS n, {sign} * p.lon AS sum_lon, {sign} * p.lat AS sum_lat{extra} "
        f"FROM ({_bands_sql()}) AS b, (SELECT ST_X({row}.public_location) AS lon, "
        f"ST_Y({row}.public_location) AS lat, {row}.category AS category, "
        f"{row}.status AS status) AS p{keys} WHERE 1 = 1"
        + (f" AND {row}.moderated_at IS NULL" if moderated else "")
    )


_KEY = "band, cx, cy, category, status"


def _columns(categories: bool = False) -> str:
    return f"{_KEY}, n, sum_lon, sum_lat" + (", categories" if categories else "")


def _merge_sql(sqlite: bool) -> str:
    """SQL for the upsert: a total row's {category: count} plus the incoming one, without the
    categories that reach 0 (NULL for the other rows)."""
    each, agg, value = (("json_each", "json_group_object", "value") if sqlite else
                        ("json_each_text", "json_object_agg", "value::int"))
    cast = "" if sqlite else "::json"
    merged = (f"SELECT {agg}(key, total){'' if sqlite else '::text'} FROM (SELECT key, "
              f"sum({value}) AS total FROM (SELECT key, value FROM {each}(map_cells.categories{cast}) "
              f"UNION ALL SELECT key, value FROM {each}(excluded.categories{cast})) AS e "
              f"GROUP BY key HAVING sum({value}) <> 0) AS m")
    return f"CASE WHEN excluded.categories IS NULL THEN NULL ELSE ({merged}) END"


def _apply_sql(row: str, sign: int, sqlite: bool, moderated: bool, layout: int) -> list[str]:
    """Statements adding (sign=1) or removing (sign=-1) one initiative row from the grid."""
    cells = _cells_of_row_sql(row, sign, sqlite, moderated, layout)
    upsert = (
        f"INSERT INTO map_cells ({_columns(layout >= 3)}) {cells} "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET n = map_cells.n + excluded.n, "
        "sum_lon = map_cells.sum_lon + excluded.sum_lon, "
        "sum_lat = map_cells.sum_lat + excluded.sum_lat"
        + (f", categories = {_merge_sql(sqlite)}" if layout >= 3 else "")
    )
    if sign > 0:
        return [upsert]
    keys = f"SELECT {_KEY} FROM ({cells}) AS c"
    return [upsert, f"DELETE FROM map_cells WHERE n <= 0 AND ({_KEY}) IN ({keys})"]


_BUMP = "UPDATE map_state SET version = version + 1 WHERE id = 1"


def trigger_ddl(dialect: str, moderated: bool = True, layout: int = LAYOUT) -> list[str]:
    """CREATE statements for the grid's and the data version's triggers (run by migrations).
    moderated=False for the schema before moderation, and an earlier layout: earlier
    revisions recreate what they had."""
    watched = "category, status, public_location" + (", moderated_at" if moderated else "")
    if dialect == "sqlite":
        remove = _apply_sql("OLD", -1, True, moderated, layout)
        add = _apply_sql("NEW", 1, True, moderated, layout)

        def body(*statements):
            return "BEGIN " + "; ".join(statements) + "; END"

        return [
            f"CREATE TRIGGER map_cells_insert AFTER INSERT ON initiatives {body(*add, _BUMP)}",
            f"CREATE TRIGGER map_cells_delete AFTER DELETE ON initiatives {body(*remove, _BUMP)}",
            f"CREATE TRIGGER map_cells_update AFTER UPDATE OF {watched} "
            f"ON initiatives {body(*remove, *add)}",
            f"CREATE TRIGGER map_version_update AFTER UPDATE ON initiatives {body(_BUMP)}",
            *(f"CREATE TRIGGER map_version_adoption_{op.lower()} AFTER {op} ON guide_adoptions "
              f"{body(_BUMP)}" for op in ("INSERT", "UPDATE", "DELETE")),
        ]
    remove = "; ".join(_apply_sql("OLD", -1, False, moderated, layout))
    add = "; ".join(_apply_sql("NEW", 1, False, moderated, layout))
    return [
        "CREATE FUNCTION map_cells_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {remove}; END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {add}; END IF; RETURN NULL; END $$",
        f"CREATE TRIGGER map_cells_sync AFTER INSERT OR DELETE OR UPDATE OF {watched} "
        "ON initiatives FOR EACH ROW EXECUTE FUNCTION map_cells_sync()",
        "CREATE FUNCTION map_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{_BUMP}; RETURN NULL; END $$",
        *(f"CREATE TRIGGER map_version_bump AFTER INSERT OR UPDATE OR DELETE ON {table} "
          "FOR EACH STATEMENT EXECUTE FUNCTION map_version_bump()"
          for table in ("initiatives", "guide_adoptions")),
    ]


def drop_trigger_ddl(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in (
            "map_cells_insert", "map_cells_delete", "map_cells_update", "map_version_update",
            "map_version_adoption_insert", "map_version_adoption_update",
            "map_version_adoption_delete")]
    return ["DROP TRIGGER IF EXISTS map_cells_sync ON initiatives",
            "DROP TRIGGER IF EXISTS map_version_bump ON initiatives",
            "DROP TRIGGER IF EXISTS map_version_bump ON guide_adoptions",
            "DROP FUNCTION IF EXISTS map_cells_sync()", "DROP FUNCTION IF EXISTS map_version_bump()"]


def refresh_sql(dialect: str, moderated: bool = True, layout: int = LAYOUT) -> list[str]:
    """Statements rebuilding the whole grid from the initiatives (after a bulk load with the
    triggers off, and in migrations): the finest band from the points, its ALL-status rows
    from it, then each coarser band from the one below it, which is far cheaper than every
    band from the points; last, every cell's totals from its categories. Each band is written
    in key order, so a viewport's cells lie together on disk (PostgreSQL then reads a few
    pages per request, not one page per row)."""
    sqlite = dialect == "sqlite"
    x, y = _fractions_sql("ST_X(public_location)", "ST_Y(public_location)", sqlite)
    scale = _scale(MAX_BAND)
    columns = _columns()  # a row per category: no categories of its own
    within = "category, cx, cy" if layout >= 3 else "cx, cy, category"  # the key after status
    ordered = f"ORDER BY status, {within}"
    return [
        "DELETE FROM map_cells" if sqlite else "TRUNCATE map_cells",
        f"INSERT INTO map_cells ({columns}) SELECT {MAX_BAND}, cx, cy, category, status, "
        "count(*), sum(lon), sum(lat) FROM (SELECT "
        f"{_cell_sql(x, scale, sqlite)} AS cx, {_cell_sql(y, scale, sqlite)} AS cy, category, "
        "status, ST_X(public_location) AS lon, ST_Y(public_location) AS lat FROM initiatives"
        + (" WHERE moderated_at IS NULL" if moderated else "") + ") "
        f"AS p GROUP BY cx, cy, category, status {ordered}",
        *([f"INSERT INTO map_cells ({columns}) SELECT {MAX_BAND}, cx, cy, category, '{ALL}', "
           f"sum(n), sum(sum_lon), sum(sum_lat) FROM map_cells WHERE band = {MAX_BAND} "
           f"GROUP BY cx, cy, category ORDER BY {within}"] if layout >= 2 else []),
        *(f"INSERT INTO map_cells ({columns}) SELECT {band}, cx / 2 AS cx, cy / 2 AS cy, "
          f"category, status, sum(n), sum(sum_lon), sum(sum_lat) FROM map_cells "
          f"WHERE band = {band + 1} GROUP BY cx / 2, cy / 2, category, status {ordered}"
          for band in range(MAX_BAND - 1, MIN_BAND - 1, -1)),
        *([f"INSERT INTO map_cells ({_columns(True)}) SELECT band, cx, cy, '{ALL}', status, "
           f"sum(n), sum(sum_lon), sum(sum_lat), {_categories_sql(sqlite)} FROM map_cells "
           "GROUP BY band, status, cx, cy ORDER BY band, status, cx, cy"] if layout >= 3 else []),
        _BUMP,
    ]


# The primary key of each layout: its order is the order of a viewport's range.
_LAYOUT_KEYS = {1: ("band", "cx", "cy", "category", "status"),
                2: ("band", "status", "cx", "cy", "category"),
                3: ("band", "status", "category", "cx", "cy")}


def rebuild_for_layout(op, layout: int) -> None:
    """For migrations (op: alembic's): map_cells made anew in a layout, with its triggers, and
    refilled. It holds only what the triggers derive from the initiatives, so building it is
    simpler and faster than altering it row by row. SQLite stores it in key order (WITHOUT
    ROWID), as CLUSTER would."""
    dialect = op.get_bind().dialect.name
    for statement in drop_trigger_ddl(dialect):
        op.execute(statement)
    op.drop_table("map_cells")
    key = _LAYOUT_KEYS[layout]
    op.create_table(
        "map_cells",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) if name in ("cx", "cy") else
          sa.Column(name, sa.String(length=20), nullable=False) for name in key[1:]),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("sum_lon", sa.Double(), nullable=False),
        sa.Column("sum_lat", sa.Double(), nullable=False),
        *([sa.Column("categories", sa.Text(), nullable=True)] if layout >= 3 else []),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_map_cells")),
        sqlite_with_rowid=False,
    )
    for statement in trigger_ddl(dialect, True, layout) + refresh_sql(dialect, True, layout):
        op.execute(statement)


def refresh() -> None:
    """Rebuild the grid in the current transaction (see refresh_sql)."""
    for statement in refresh_sql(db.engine.dialect.name):
        db.session.execute(text(statement))


def set_triggers(enabled: bool) -> None:
    """Switch the grid's triggers off for a bulk load (then refresh()) and on again, inside
    the current transaction."""
    dialect = db.engine.dialect.name
    if dialect == "sqlite":
        for statement in trigger_ddl(dialect) if enabled else drop_trigger_ddl(dialect):
            db.session.execute(text(statement))
        return
    action = "ENABLE" if enabled else "DISABLE"
    for table, trigger in (("initiatives", "map_cells_sync"), ("initiatives", "map_version_bump")):
        db.session.execute(text(f"ALTER TABLE {table} {action} TRIGGER {trigger}"))


# Reading ----------------------------------------------------------------------------------------


def cell_range(box: BBox, band: int) -> tuple[int, int, int, int]:
    """(cx0, cy0, cx1, cy1): the cells of band that a box touches (y grows southwards)."""
    scale = _scale(band)

    def y(lat):
        phi = math.radians(max(-MAX_LAT, min(MAX_LAT, lat)))
        return (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2

    def clamp(v):
        return max(0, min(scale - 1, math.floor(v * scale)))

    return (clamp((box.west + 180) / 360), clamp(y(box.north)),
            clamp((box.east + 180) / 360), clamp(y(box.south)))


def band_for(box: BBox, zoom: int) -> int:
    """The band to cluster a box at for a map at zoom: the zoom's own, made coarser until the
    box holds at most MAX_CELLS cells (a huge box at a high zoom cannot ask for millions)."""
    band = max(MIN_BAND, min(MAX_BAND, zoom))
    while band > MIN_BAND:
        x0, y0, x1, y1 = cell_range(box, band)
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_CELLS:
            break
        band -= 1
    return band


def _categories_sql(sqlite: bool) -> str:
    """SQL: a cell's {category: count} as JSON text (the serialiser embeds it as it is)."""
    return "json_group_object(category, n)" if sqlite else "json_object_agg(category, n)::text"


def features(cells, band: int, category: str | None = None) -> list[dict]:
    """Cluster features from rows (cx, cy, n, sum of longitudes, sum of latitudes, categories
    as JSON text, or None for a cell of the one category asked for), one per cell: plain
    dicts for orjson, which writes them faster than the database builds JSON (measured: 0.4
    ms of PostgreSQL's time for 63 cells)."""
    return [{"type": "Feature", "id": f"c{band}/{cx}/{cy}",
             "geometry": {"type": "Point", "coordinates": [round(sl / n, 6), round(sa / n, 6)]},
             "properties": {"cluster": True, "count": n, "categories": (
                 {category: n} if categories is None else orjson.Fragment(categories))}}
            for cx, cy, n, sl, sa, categories in cells]


_CLUSTERS_SQL: dict[str, str] = {}


def _clusters_sql(dialect: str) -> str:
    """The grid read as driver SQL, written once per engine: the map's hot path skips
    SQLAlchemy's statement building. One row per cell, a range of the primary key: band, the
    status and category (each ALL unless filtered; the unfiltered map reads the cells' total
    rows), the cell columns (an array on PostgreSQL, a JSON list on SQLite) and a range of
    cell rows. The data version comes in the same statement (one row with no cell when the
    box is empty), so the ETag names exactly the data sent."""
    if dialect not in _CLUSTERS_SQL:
        sqlite = dialect == "sqlite"
        p = {name: f":{name}" if sqlite else f"%({name})s"
             for name in ("band", "xs", "x0", "x1", "y0", "y1", "category", "status")}
        # The columns as a list the index takes one by one (a range of cx would read every
        # cy of each column); PostgreSQL makes it, since psycopg is slow to send a list.
        columns = (f"cx IN (SELECT value FROM json_each({p['xs']}))" if sqlite else
                   f"cx = ANY(ARRAY(SELECT generate_series({p['x0']}::int, {p['x1']}::int)))")
        cells = (
            "SELECT cx, cy, n, sum_lon, sum_lat, categories FROM map_cells "
            f"WHERE band = {p['band']} AND status = {p['status']} "
            f"AND category = {p['category']} AND {columns} AND cy BETWEEN {p['y0']} AND {p['y1']}")
        _CLUSTERS_SQL[dialect] = (
            "SELECT s.version, c.cx, c.cy, c.n, c.sum_lon, c.sum_lat, c.categories "
            f"FROM map_state AS s LEFT JOIN ({cells}) AS c ON 1 = 1 WHERE s.id = 1")
    return _CLUSTERS_SQL[dialect]


def _clusters_params(dialect: str, box: BBox, band: int, category: str | None = None,
                     status: str | None = None) -> dict:
    """The parameters of _clusters_sql for the box at band."""
    x0, y0, x1, y1 = cell_range(box, band)
    params = {"band": band, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "category": category or ALL,
              "status": status or ALL}
    if dialect == "sqlite":
        params["xs"] = str(list(range(x0, x1 + 1)))
    return params


def clusters(box: BBox, band: int, category: str | None = None,
             status: str | None = None) -> tuple[list[tuple], int, int]:
    """(cells, initiatives they count, data version) for the box at band, from the grid, in
    one statement. The cells become features (features()) only when they are the answer: a
    box with few initiatives is answered with its points."""
    dialect = db.engine.dialect.name
    rows = read(_clusters_sql(dialect), _clusters_params(dialect, box, band, category, status))
    cells = [row[1:] for row in rows if row[1] is not None]
    return cells, sum(cell[2] for cell in cells), rows[0][0]


def naive_clusters(stmt: Select, location, band: int,
                   limit: int | None) -> tuple[list[dict], int, bool]:
    """(features, initiatives counted, truncated): the clusters of what stmt selects (already
    filtered to the box), computed per request with a GROUP BY over at most limit rows. For
    filters the grid does not know, and as the benchmark's baseline (limit None)."""
    from ..initiatives.models import Initiative

    sqlite = db.engine.dialect.name == "sqlite"
    points = stmt.with_only_columns(func.ST_X(location).label("lon"),
                                    func.ST_Y(location).label("lat"),
                                    Initiative.category.label("category")).order_by(None)
    truncated = False
    if limit is not None:
        truncated = db.session.scalar(select(func.count()).select_from(
            points.limit(limit + 1).subquery())) > limit
        points = points.limit(limit)
    q = points.subquery("q")
    x, y = _fractions_sql("q.lon", "q.lat", sqlite)
    cx = literal_column(_cell_sql(x, _scale(band), sqlite))
    cy = literal_column(_cell_sql(y, _scale(band), sqlite))
    cells = select(cx.label("cx"), cy.label("cy"), q.c.category, func.count().label("n"),
                   func.sum(q.c.lon).label("sl"), func.sum(q.c.lat).label("sa"),
                   ).group_by(cx, cy, q.c.category).subquery("t")
    by_cell = select(cells.c.cx, cells.c.cy, cast(func.sum(cells.c.n), Integer), func.sum(cells.c.sl),
                     func.sum(cells.c.sa), literal_column(_categories_sql(sqlite)),
                     ).group_by(cells.c.cx, cells.c.cy)
    rows = db.session.execute(by_cell).all()
    return features(rows, band), sum(row[2] for row in rows), truncated
