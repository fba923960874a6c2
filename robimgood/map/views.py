"""The Map of Initiatives (also the home page) and the GeoJSON its markers come from."""

from flask import Response, current_app, render_template, request

from ..errors import json_error
from ..initiatives import services as initiative_services
from ..initiatives.forms import FilterForm
from ..opendata.views import export_response
from . import bp, folium_map
from .services import feature_collection


@bp.get("/map")
@bp.get("/")
def home():
    """The map with the list of initiatives in view beside it."""
    form = FilterForm(formdata=request.args)
    valid = form.validate()
    page = initiative_services.page_of(
        initiative_services.filtered(**form.filters()), 1, current_app.config["PER_PAGE"]
    ) if valid else None
    html, script = folium_map.build("initMap")
    return render_template("map/page.html", form=form, page=page, map_html=html,
                           map_script=script), 200 if valid else 400


@bp.get("/api/initiatives.geojson")
def geojson():
    """Initiatives in a bbox as an RFC 7946 FeatureCollection (at most GEOJSON_LIMIT); without
    a bbox, every initiative with all its public fields, streamed."""
    form = FilterForm(formdata=request.args)
    if not form.validate():
        return json_error(400, "invalid parameters", {k: [str(m) for m in v]
                                                      for k, v in form.errors.items()})
    if not form.bbox.data:  # no box: the whole public data set, streamed (opendata)
        return export_response(form.filters(), "geojson")
    limit = current_app.config["GEOJSON_LIMIT"]
    rows = initiative_services.geojson_rows(initiative_services.filtered(**form.filters()), limit)
    return Response(feature_collection(rows, limit), mimetype="application/geo+json")
