"""Open data: the public data set out (GeoJSON, CSV), other maps in (GeoJSON, CSV, KML), and the
OpenAPI description of every public endpoint."""

from flask import Blueprint

# cli_group=None: `robimgood export` and `robimgood import` sit beside `robimgood demo`.
bp = Blueprint("opendata", __name__, cli_group=None)

from . import cli, views  # noqa: E402,F401
