"""The data set as CSV (and, through the map's URL, as GeoJSON), the OpenAPI description and
the page that explains the API to people."""

import orjson
from flask import Response, render_template, request, stream_with_context

from ..errors import json_error
from ..initiatives import services as initiatives
from ..initiatives.forms import FilterForm
from . import bp, openapi, services


def export_response(filters: dict, fmt: str) -> Response:
    """Every initiative matching filters, streamed in fmt: constant memory, however many."""
    body = services.export(initiatives.filtered(**filters), fmt)
    response = Response(stream_with_context(body), content_type=services.FORMATS[fmt][1])
    if fmt == "csv":
        response.headers["Content-Disposition"] = 'attachment; filename="robimgood-initiatives.csv"'
    return response


def _filter_errors(form: FilterForm) -> Response:
    return json_error(400, "invalid parameters",
                      {k: [str(m) for m in v] for k, v in form.errors.items()})


@bp.get("/api/initiatives.csv")
def initiatives_csv():
    """The public data set as CSV, with the same filters as the list and the map."""
    form = FilterForm(formdata=request.args)
    if not form.validate():
        return _filter_errors(form)
    return export_response(form.filters(), "csv")


@bp.get("/api/openapi.json")
def openapi_json():
    """The OpenAPI 3.1 description of every public endpoint."""
    return Response(orjson.dumps(openapi.spec()), mimetype="application/json")


@bp.get("/api")
def api():
    """The API and the downloads, explained for people."""
    return render_template("opendata/api.html", spec=openapi.spec())
