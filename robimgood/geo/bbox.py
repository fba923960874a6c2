"""Parsing and checking of bounding boxes given as 'west,south,east,north' in degrees."""

import math
from typing import NamedTuple


class BBoxError(ValueError):
    """The bbox text is malformed or outside the globe; the message says what is wrong."""


class BBox(NamedTuple):
    west: float
    south: float
    east: float
    north: float


def parse_bbox(raw: str) -> BBox:
    """Parse 'W,S,E,N'. Boxes crossing the antimeridian (W > E) are refused: the map clamps."""
    parts = raw.split(",")
    if len(parts) != 4:
        raise BBoxError("bbox must be four numbers: west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BBoxError("bbox must be four numbers: west,south,east,north") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise BBoxError("bbox numbers must be finite")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BBoxError("bbox longitudes must be between -180 and 180")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BBoxError("bbox latitudes must be between -90 and 90")
    if west > east:
        raise BBoxError("bbox west must not be greater than east")
    if south > north:
        raise BBoxError("bbox south must not be greater than north")
    return BBox(west, south, east, north)
