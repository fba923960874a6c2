"""The statistics page and the same numbers as JSON."""

import orjson
from flask import Response, render_template

from . import bp, charts, services


@bp.get("/stats")
def index():
    """The movement's numbers: charts, each with its table."""
    data = services.overview()
    labels = charts.month_labels(data["months"])
    cities = data["initiatives"]["by_city"]
    shown = cities[:services.TOP_CITIES]
    return render_template(
        "stats/page.html", data=data, labels=labels, charts=charts.for_overview(data),
        tables=charts.tables(data, labels),
        cities=[(city, charts.for_city(n, city, labels)) for n, city in enumerate(shown)],
        other_cities=cities[len(shown):])


@bp.get("/api/stats.json")
def as_json():
    """The numbers of /stats, for anyone's own charts."""
    data = services.overview()
    data["initiatives"]["by_city"] = [
        {"city": city.name, "total": city.total, "by_status": city.by_status,
         "started_per_month": city.started} for city in data["initiatives"]["by_city"]]
    return Response(orjson.dumps(data), mimetype="application/json")
