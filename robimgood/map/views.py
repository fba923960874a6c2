"""The Map of Initiatives (also the home page) and the GeoJSON its markers come from."""

from flask import Response, current_app, render_template, request
from flask_babel import ngettext

from ..errors import json_error
from ..initiatives import services as initiative_services
from ..initiatives.forms import FilterForm
from ..opendata.views import export_response
from . import bp, folium_map, services


def _cluster_forms() -> dict:
    """A cluster's label in each plural form that the browser's Intl.PluralRules may name
    (one, few, many, other); map.js puts the count in."""
    return {form: ngettext("%(count)s initiative here: zoom in to see it",
                           "%(count)s initiatives here: zoom in to see them", n, count="{count}")
            for form, n in (("one", 1), ("few", 2), ("many", 5), ("other", 5))}


@bp.get("/map")
@bp.get("/")
def home():
    """The map with the list of initiatives in view beside it."""
    form = FilterForm(formdata=request.args)
    valid = form.validate()
    page = initiative_services.page_of(
        initiative_services.filtered(**form.filters()), 1, current_app.config["PER_PAGE"],
        current_app.config["LIST_COUNT_CAP"]) if valid else None
    html, script = folium_map.build("initMap")
    return render_template("map/page.html", form=form, page=page, map_html=html,
                           map_script=script, cluster_forms=_cluster_forms()), 200 if valid else 400


_ZOOM = frozenset({"zoom"})


def _zoom() -> tuple[int | None, str | None]:
    """The map's zoom level from the address, or the reason it is not one."""
    raw = request.args.get("zoom", "")
    if not raw:
        return None, None
    if not (raw.isascii() and raw.isdigit()) or not 0 <= int(raw) <= 24:
        return None, "zoom must be a whole number from 0 to 24"
    return int(raw), None


@bp.get("/api/initiatives.geojson")
def geojson():
    """Initiatives in a bbox as an RFC 7946 FeatureCollection: clusters from the grid when a
    zoom is given and the box holds more than GEOJSON_LIMIT, else points (at most that many);
    an ETag from the data version answers 304 when nothing changed. Without a bbox, every
    initiative with all its public fields, streamed."""
    zoom, zoom_error = _zoom()
    filters = FilterForm.map_filters(request.args, _ZOOM)
    if filters is None or zoom_error:
        form = FilterForm(formdata=request.args)
        if not form.validate() or zoom_error:
            fields = {k: [str(m) for m in v] for k, v in form.errors.items()}
            if zoom_error:
                fields["zoom"] = [zoom_error]
            return json_error(400, "invalid parameters", fields)
        filters = form.filters()
    if not filters["bbox"]:  # no box: the whole public data set, streamed (opendata)
        return export_response(filters, "geojson")
    # A client with a copy is asked about the version alone first; the others get the version
    # with the data, in the same statement.
    if request.if_none_match and request.if_none_match.contains_weak(
            etag := services.etag(services.version())):  # RFC 9110: weak comparison
        response = Response(status=304)
    else:
        version, body = services.geojson(filters, zoom)
        etag = services.etag(version)
        response = Response(body, mimetype="application/geo+json")
    # Weak: the gzip, brotli and plain bodies are the same data (and Flask-Compress leaves a
    # weak ETag alone, so a client's copy validates whichever encoding it got).
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "no-cache"  # keep it, but ask each time (the ETag)
    return response
