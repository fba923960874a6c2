"""Static files: pages link fingerprinted names (content hash in the name), which may be cached
for a year; stylesheets point at fingerprinted images; plain names still work, briefly cached."""

import re
from pathlib import Path

import pytest

from robimgood.assets import FINGERPRINTED, SHORT, YEAR, Manifest

STATIC = Path(__file__).resolve().parents[2] / "robimgood" / "static"
OWN_ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')
IMMUTABLE = f"immutable, max-age={YEAR}, public"


def cache_control(response) -> str:
    return ", ".join(sorted(part.strip() for part in response.headers["Cache-Control"].split(",")))


@pytest.fixture
def pages(client, make_user, login, make_initiative):
    """Every kind of page that loads assets: the map (folium), forms, guides, the list."""
    user = make_user()
    initiative = make_initiative(user)
    login(user)
    return ["/", "/initiatives", "/initiatives/new", f"/i/{initiative.public_id}/{initiative.slug}",
            "/start", "/stats", "/areas", "/guides"]


def test_every_page_links_only_fingerprinted_assets_that_are_cached_for_a_year(client, pages):
    seen = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        links = OWN_ASSET.findall(response.get_data(as_text=True))
        assert links, page
        seen.update(links)
    assert {"js/map.js", "css/app.css", "vendor/leaflet-1.9.4/leaflet.js",
            "vendor/htmx-2.0.11/htmx.min.js"} <= {
        FINGERPRINTED.match(link.removeprefix("/static/")).expand(r"\g<stem>\g<ext>") for link in seen}
    for link in seen:
        name = link.removeprefix("/static/")
        assert FINGERPRINTED.match(name), link
        response = client.get(link)
        assert response.status_code == 200, link
        assert cache_control(response) == IMMUTABLE
        assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers["Vary"]
        plain = FINGERPRINTED.match(name).expand(r"\g<stem>\g<ext>")
        if not plain.endswith(".css"):
            assert response.data == (STATIC / plain).read_bytes()


def test_stylesheets_point_at_fingerprinted_images(client, app):
    css = client.get("/static/vendor/leaflet-1.9.4/leaflet.css").get_data(as_text=True)
    images = re.findall(r"url\((images/[^)]+)\)", css)
    assert len(images) == 3
    for image in images:
        assert FINGERPRINTED.match(image), image
        response = client.get(f"/static/vendor/leaflet-1.9.4/{image}")
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert cache_control(response) == IMMUTABLE
    assert "url(#default#VML)" in css  # not a file: left as it was


def test_plain_and_outdated_names_work_briefly_cached_and_unknown_ones_are_404(client):
    plain = client.get("/static/css/app.css")
    assert plain.status_code == 200 and plain.data == (STATIC / "css/app.css").read_bytes()
    assert cache_control(plain) == f"max-age={SHORT}, public"
    outdated = client.get("/static/css/app.0123456789ab.css")  # a page from before a deploy
    assert outdated.status_code == 200 and outdated.data == plain.data
    assert "immutable" not in outdated.headers["Cache-Control"]
    for missing in ("/static/css/nothing.css", "/static/css/nothing.0123456789ab.css",
                    "/static/../config.py", "/static/%2e%2e/config.py", "/static/css"):
        assert client.get(missing).status_code == 404, missing


def test_a_cached_copy_is_revalidated_with_a_304(client):
    first = client.get("/static/js/map.js")
    again = client.get("/static/js/map.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_the_name_changes_with_the_content_and_with_the_images_a_stylesheet_uses(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.png").write_bytes(b"one")
    (tmp_path / "site.css").write_text("a { background: url('img/dot.png') } b { x: url(data:,) }")
    (tmp_path / "app.js").write_text("let a = 1;")
    before = Manifest(tmp_path)
    assert re.fullmatch(r"img/dot\.[0-9a-f]{12}\.png", before.names["img/dot.png"])
    dot = before.names["img/dot.png"].removeprefix("img/")
    assert before.bodies["site.css"].decode() == (
        f"a {{ background: url('img/{dot}') }} b {{ x: url(data:,) }}")

    (tmp_path / "img" / "dot.png").write_bytes(b"two")
    after = Manifest(tmp_path)
    assert after.names["img/dot.png"] != before.names["img/dot.png"]
    assert after.names["site.css"] != before.names["site.css"]  # it links the new image
    assert after.names["app.js"] == before.names["app.js"]
