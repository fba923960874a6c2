"""Leaflet maps built server-side with folium, without any of folium's CDN assets.

We take only the map's <div> and its inline script from folium; the page itself loads the
vendored Leaflet files, and the script hands the map object to our own static map.js.
"""

import folium
from branca.element import MacroElement
from flask import current_app, url_for
from jinja2 import Template
from markupsafe import Markup


class _Hook(MacroElement):
    """Calls robimgood.<function>(map) once folium has created the map."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "robimgood.{{ this.function }}({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, function: str):
        super().__init__()
        self.function = function


def tile_url() -> str:
    """Leaflet's tile template: the tile server itself, or our /tiles/ when TILE_MODE=proxy."""
    cfg = current_app.config
    if cfg["TILE_MODE"] != "proxy":
        return cfg["TILE_URL"]
    return url_for("tiles.tile", z=0, x=0, y=0).replace("/0/0/0.png", "/{z}/{x}/{y}.png")


def build(hook: str, center=None, zoom=None) -> tuple[Markup, Markup]:
    """(html, script) of a map that calls robimgood.<hook>(map) from static/js/map.js."""
    cfg = current_app.config
    fmap = folium.Map(location=center or cfg["MAP_CENTER"], zoom_start=zoom or cfg["MAP_ZOOM"],
                      tiles=None, control_scale=True, min_zoom=3, world_copy_jump=False)
    folium.TileLayer(tiles=tile_url(), attr=cfg["TILE_ATTRIBUTION"], max_zoom=19,
                     max_native_zoom=19, subdomains="abc").add_to(fmap)
    _Hook(hook).add_to(fmap)
    root = fmap.get_root()
    root.render()
    return Markup(root.html.render()), Markup(root.script.render())
