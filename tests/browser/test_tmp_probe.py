import pytest
from pathlib import Path
from playwright.sync_api import expect
from .test_map_page import *  # noqa
from .test_map_page import seeded  # noqa
pytestmark = pytest.mark.browser
JS = Path("robimgood/static/js/map.js").read_text()

def patched(page, old, new):
    assert old in JS
    body = JS.replace(old, new)
    page.context.route("**/static/js/map.js", lambda r: r.fulfill(body=body, content_type="text/javascript"))

def skip_fix_list(live_server, seeded, page, page_log):
    patched(page, "    viewChanged();\n  }", '    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", viewChanged); } else { viewChanged(); }\n  }')
    test_list_shows_only_initiatives_in_view_once_the_map_loads.__wrapped__(live_server, seeded, page) if hasattr(test_list_shows_only_initiatives_in_view_once_the_map_loads, "__wrapped__") else test_list_shows_only_initiatives_in_view_once_the_map_loads(live_server, seeded, page)
    print(page_log.console_errors)

def skip_xss_regression_caught(live_server, seeded, page, page_log):
    patched(page, 'var title = el("a", "popup-title", props.title);', 'var title = el("a", "popup-title"); title.innerHTML = props.title;')
    test_html_in_a_title_is_shown_as_text(live_server, seeded, page, page_log)

def test_fix_popup(live_server, seeded, page, page_log):
    patched(page, '''          cluster.clearLayers();
          cluster.addLayers(data.features.map(function (f) { return markerFor(f, panel, statusLabels); }));''',
    '''          var keep = {}, add = [];
          data.features.forEach(function (f) { if (markers[f.id]) { keep[f.id] = markers[f.id]; } else { keep[f.id] = markerFor(f, panel, statusLabels); add.push(keep[f.id]); } });
          cluster.removeLayers(Object.keys(markers).filter(function (id) { return !keep[id]; }).map(function (id) { return markers[id]; }));
          cluster.addLayers(add); markers = keep;''')
    page.add_init_script("window.markers = {};")
    test_popup_stays_open_when_opening_it_pans_the_map(live_server, seeded, page)
