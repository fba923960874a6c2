"""Charts drawn on the server as small inline SVG: no JavaScript, a few kilobytes each, and
accessible: role="img", a <title> and a <desc> that say what the chart shows (the page puts the
same numbers in a table beside it). Colours come from classes in app.css (strict CSP: no
style attributes). Built with ElementTree, which escapes every text it writes."""

from datetime import date
from xml.etree import ElementTree as ET

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from ..initiatives.models import CATEGORIES, STATUSES

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)


def _svg(chart_id: str, title: str, description: str, width: int, height: int,
         css: str) -> ET.Element:
    svg = ET.Element(f"{{{SVG}}}svg", {
        "viewBox": f"0 0 {width} {height}", "role": "img", "class": css, "id": chart_id,
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "focusable": "false",
    })
    _add(svg, "title", title, id=f"{chart_id}-title")
    _add(svg, "desc", description, id=f"{chart_id}-desc")
    return svg


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, f"{{{SVG}}}{tag}",
                         {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _markup(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode"))


def _fmt(value: float) -> str:
    return f"{value:g}"


def bars(chart_id: str, title: str, description: str,
         items: list[tuple[str, int, str]]) -> Markup:
    """Horizontal bars, one per (label, value, css class), the label above its bar so that the
    chart stays readable when a phone shrinks it."""
    width, row, label_h, bar_h = 400, 40, 16, 16
    top = max((v for _label, v, _css in items), default=0) or 1
    svg = _svg(chart_id, title, description, width, row * len(items) + 4, "chart chart-bars")
    for n, (label, value, css) in enumerate(items):
        y = n * row
        _add(svg, "text", label, x=0, y=y + label_h - 3, class_="chart-label")
        length = round((width - 60) * value / top, 1)
        _add(svg, "rect", x=0, y=y + label_h, width=max(length, 1 if value else 0), height=bar_h,
             class_=f"chart-bar {css}".strip())
        _add(svg, "text", _fmt(value), x=length + 6, y=y + label_h + bar_h - 3,
             class_="chart-value")
    return _markup(svg)


def columns(chart_id: str, title: str, description: str, labels: list[str],
            series: list[tuple[str, list[int], str]]) -> Markup:
    """Grouped columns: one group per label (a month), one column per (name, values, css class)
    series, with a legend on top."""
    width, height, legend_h, axis_h = 420, 220, 24, 34
    plot_h = height - legend_h - axis_h
    top = max((v for _name, values, _css in series for v in values), default=0) or 1
    svg = _svg(chart_id, title, description, width, height, "chart chart-columns")
    x = 0
    for name, _values, css in series:
        _add(svg, "rect", x=x, y=4, width=12, height=12, class_=f"chart-key {css}")
        _add(svg, "text", name, x=x + 18, y=15, class_="chart-label")
        x += 30 + 7 * len(name)
    group = width / max(len(labels), 1)
    column = (group - 8) / max(len(series), 1)
    base = legend_h + plot_h
    _add(svg, "line", x1=0, y1=base, x2=width, y2=base, class_="chart-axis")
    for n, label in enumerate(labels):
        for s, (_name, values, css) in enumerate(series):
            value = values[n]
            h = round(plot_h * value / top, 1)
            cx = round(n * group + 4 + s * column, 1)
            _add(svg, "rect", x=cx, y=round(base - h, 1), width=round(column - 1, 1), height=h,
                 class_=f"chart-bar {css}")
            if value:
                _add(svg, "text", _fmt(value), x=round(cx + column / 2, 1), y=round(base - h - 3, 1),
                     class_="chart-value chart-centred")
        month, _, year = label.partition(" ")
        middle = round(n * group + group / 2, 1)
        _add(svg, "text", month, x=middle, y=base + 15, class_="chart-label chart-centred")
        if year:
            _add(svg, "text", year, x=middle, y=base + 30, class_="chart-label chart-centred")
    return _markup(svg)


def sparkline(chart_id: str, title: str, description: str, values: list[int]) -> Markup:
    """A word-sized line of values over time (the last point marked)."""
    width, height = 96, 20
    top = max(values, default=0) or 1
    step = (width - 4) / max(len(values) - 1, 1)
    points = [(round(2 + n * step, 1), round(height - 2 - (height - 4) * v / top, 1))
              for n, v in enumerate(values)]
    svg = _svg(chart_id, title, description, width, height, "chart sparkline")
    _add(svg, "polyline", points=" ".join(f"{x},{y}" for x, y in points), class_="spark-line")
    if points:
        _add(svg, "circle", cx=points[-1][0], cy=points[-1][1], r=2, class_="spark-end")
    return _markup(svg)


def stacked(chart_id: str, title: str, description: str,
            parts: list[tuple[int, str]]) -> Markup:
    """One bar split into (value, css class) parts, as wide as the whole."""
    width, height = 120, 14
    total = sum(v for v, _ in parts) or 1
    svg = _svg(chart_id, title, description, width, height, "chart stacked-bar")
    x = 0.0
    for value, css in parts:
        if value:
            w = width * value / total
            _add(svg, "rect", x=round(x, 1), y=0, width=round(w, 1), height=height, class_=css)
            x += w
    return _markup(svg)


# --- the charts of /stats ------------------------------------------------------------------

def month_labels(keys: list[str]) -> list[str]:
    """"Jan 2026"-style labels in the reader's language; the year only where it changes."""
    labels = []
    for n, key in enumerate(keys):
        year, month = map(int, key.split("-"))
        name = format_date(date(year, month, 1), "LLL").replace(" ", "\u00a0")
        labels.append(f"{name} {year}" if n == 0 or month == 1 else name)
    return labels


def _listing(items) -> str:
    return "; ".join(f"{label}: {value}" for label, value in items)


def for_overview(data: dict) -> dict[str, Markup]:
    """Every chart of the /stats page, from stats.services.overview()."""
    initiatives, labels = data["initiatives"], month_labels(data["months"])
    by_status = [(str(STATUSES[c]), v, f"st-{c}") for c, v in initiatives["by_status"].items()]
    by_category = [(str(CATEGORIES[c]), v, f"cat-{c}")
                   for c, v in initiatives["by_category"].items()]
    started, done = initiatives["started_per_month"], initiatives["done_per_month"]
    consultations = data["consultations"]
    period = _("from %(first)s to %(last)s", first=labels[0], last=labels[-1])
    return {
        "status": bars("chart-status", _("Initiatives by status"),
                       _listing((label, value) for label, value, _c in by_status), by_status),
        "category": bars("chart-category", _("Initiatives by category"),
                         _listing((label, value) for label, value, _c in by_category), by_category),
        "months": columns(
            "chart-months", _("Initiatives started and done per month"),
            _("Started: %(started)d, done: %(done)d, %(period)s.", started=sum(started),
              done=sum(done), period=period),
            labels, [(_("Started"), started, "series-started"), (_("Done"), done, "series-done")]),
        "members": columns(
            "chart-members", _("People who joined initiatives, per month"),
            _("%(count)d memberships, %(period)s.",
              count=sum(data["members"]["joined_per_month"]), period=period),
            labels, [(_("Joined"), data["members"]["joined_per_month"], "series-joined")]),
        "consultations": columns(
            "chart-consultations", _("Consultations asked and answered per month"),
            _("Asked: %(asked)d, answered: %(answered)d, %(period)s.",
              asked=sum(consultations["asked_per_month"]),
              answered=sum(consultations["answered_per_month"]), period=period),
            labels, [(_("Asked"), consultations["asked_per_month"], "series-asked"),
                     (_("Answered"), consultations["answered_per_month"], "series-answered")]),
    }


def for_city(n: int, city, labels: list[str]) -> dict[str, Markup]:
    """The small bar (initiatives by status) and sparkline (started per month) of one city."""
    name = city.name or _("No city given")
    parts = [(city.by_status.get(code, 0), f"st-{code}") for code in STATUSES]
    return {
        "bar": stacked(f"city-{n}-bar", _("%(city)s: initiatives by status", city=name),
                       _listing((str(STATUSES[c]), city.by_status.get(c, 0)) for c in STATUSES),
                       parts),
        "spark": sparkline(f"city-{n}-spark", _("%(city)s: initiatives started per month",
                                                city=name),
                           _listing(zip(labels, city.started, strict=True)), city.started),
    }


def tables(data: dict, labels: list[str]) -> dict[str, list[tuple]]:
    """The rows of the table under each chart: the very numbers the chart draws."""
    initiatives, consultations = data["initiatives"], data["consultations"]
    return {
        "status": [(str(STATUSES[c]), v) for c, v in initiatives["by_status"].items()],
        "category": [(str(CATEGORIES[c]), v) for c, v in initiatives["by_category"].items()],
        "months": list(zip(labels, initiatives["started_per_month"], initiatives["done_per_month"],
                           strict=True)),
        "members": list(zip(labels, data["members"]["joined_per_month"], strict=True)),
        "consultations": list(zip(labels, consultations["asked_per_month"],
                                  consultations["answered_per_month"], strict=True)),
    }
