"""Parsing and checking of bounding boxes given as 'west,south,east,north' in degrees, and the
box around a circle on the ground."""

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


# Metres per degree on the WGS 84 ellipsoid: a degree of latitude is never shorter than at the
# equator, a degree of longitude at latitude phi never shorter than A_DEGREE * cos(phi).
LATITUDE_DEGREE_MIN_M = 110_574.0
A_DEGREE_M = 111_319.49
_MARGIN = 1.01  # a little more, so that rounding never puts a point of the circle outside


class CircleError(BBoxError):
    """The box around a circle would cross the antimeridian or reach a pole (reason says which):
    our boxes are plain west <= east rectangles, so such areas are refused, not split."""

    def __init__(self, reason: str):  # "antimeridian" or "pole"
        super().__init__(f"the area's box would cross the {reason}")
        self.reason = reason


def circle_bbox(lon: float, lat: float, radius_m: float) -> BBox:
    """A box that surely contains every point within radius_m metres of (lon, lat)."""
    dlat = radius_m / LATITUDE_DEGREE_MIN_M * _MARGIN
    south, north = lat - dlat, lat + dlat
    if north >= 90 or south <= -90:
        raise CircleError("pole")
    widest = max(abs(south), abs(north))  # a degree of longitude is shortest there
    dlon = radius_m / (A_DEGREE_M * math.cos(math.radians(widest))) * _MARGIN
    west, east = lon - dlon, lon + dlon
    if west < -180 or east > 180:
        raise CircleError("antimeridian")
    return BBox(west, south, east, north)
