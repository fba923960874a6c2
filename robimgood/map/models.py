"""The map's grid of clusters and its data version, both kept by database triggers
(robimgood.geo.grid creates them); nothing in Python writes these tables."""

from sqlalchemy import BigInteger, Double, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class MapCell(db.Model):
    """How many initiatives of a category and status have their public point in a cell of a
    zoom band, with the sums of their coordinates (centroid = sum / n). Status ALL ("*")
    counts every status, category ALL every category (with categories, its {category: count}
    as JSON text), so the map unfiltered reads one row per cell. The key starts with band,
    status and category, so a viewport's rows are one narrow range of it."""

    __tablename__ = "map_cells"
    __table_args__ = {"sqlite_with_rowid": False}  # rows stored in key order

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    cx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cy: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(Integer)
    sum_lon: Mapped[float] = mapped_column(Double)
    sum_lat: Mapped[float] = mapped_column(Double)
    categories: Mapped[str | None] = mapped_column(Text)


class MapState(db.Model):
    """One row: the version of the map's data, bumped by every write the GeoJSON can show
    (the ETag). In the database, so that every app server gives the same answer."""

    __tablename__ = "map_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
