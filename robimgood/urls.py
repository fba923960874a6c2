"""What the URL map says about the addresses an object's slug must not take."""

from flask import current_app
from werkzeug.routing import IntegerConverter


def page_names(endpoint: str) -> frozenset[str]:
    """The fixed path segments after an object's address, read from the URL map.

    For `initiatives.detail` (/i/<public_id>/<slug>) these are "edit", "delete", "members", …:
    a slug equal to one of them would make the object's canonical URL open that page instead.
    Reading them from the map keeps pages added later out of the slugs too."""
    rule = next(r for r in current_app.url_map.iter_rules(endpoint) if r.rule.endswith(">")
                and r.rule.count("/") > 2)
    prefix = rule.rule.rsplit("/", 1)[0] + "/"
    names = set()
    for other in current_app.url_map.iter_rules():
        if other.rule.startswith(prefix):
            segment = other.rule[len(prefix):].split("/", 1)[0]
            if segment and not segment.startswith("<"):
                names.add(segment)
    return frozenset(names)


class DatabaseIntConverter(IntegerConverter):
    """<int:…> limited to what a database integer holds: a larger number is a 404 at routing,
    not an overflow in the driver (SQLite) or the database."""

    def __init__(self, map, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, **kwargs)
