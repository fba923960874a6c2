"""/tiles/z/x/y.png: the map's tiles through our server when TILE_MODE=proxy."""

from flask import Response, abort, current_app

from ..extensions import limiter
from . import bp, services


@bp.get("/tiles/<int:z>/<int:x>/<int:y>.png")
@limiter.limit("1200 per minute")  # a map view takes some dozens; more is someone scraping
def tile(z, x, y):
    """One map tile from the disk cache or the tile server; the tile server never sees who asked."""
    if current_app.config["TILE_MODE"] != "proxy" or not services.exists(z, x, y):
        abort(404)
    try:
        body, max_age = services.tile(current_app.config, z, x, y)
    except services.TileUnavailable as err:
        # Nothing of the tile server's answer is passed on, and nobody keeps the failure.
        return Response(status=err.status, headers={"Cache-Control": "no-store"})
    return Response(body, mimetype="image/png",
                    headers={"Cache-Control": f"public, max-age={max_age}"})
