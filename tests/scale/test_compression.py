"""Compression: pages, data, styles and scripts shrink, and decompress to exactly what an
uncompressed request gets; streamed exports still stream; cross-site pages stay uncompressed."""

import gzip
import zlib

import brotli
import pytest

from ..conftest import same_page

DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}


def fetch(client, url, encoding=None, **headers):
    if encoding:
        headers["Accept-Encoding"] = encoding
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.data[:300]
    assert "Accept-Encoding" in response.headers["Vary"]
    return response


@pytest.fixture
def town(make_user, make_initiative):
    owner = make_user()
    for n in range(12):
        make_initiative(owner, title=f"Courtyard garden number {n}", city="Hrodna",
                        latitude=53.68 + n / 1000, longitude=23.83)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
@pytest.mark.parametrize("url", [
    "/initiatives", "/api/initiatives.geojson?bbox=23,53,24,54", "/api/openapi.json",
    "/static/css/app.css", "/static/js/map.js", "/static/vendor/leaflet-1.9.4/leaflet.js",
])
def test_responses_shrink_and_decompress_to_the_same_bytes(client, town, url, encoding):
    plain = fetch(client, url)
    packed = fetch(client, url, f"{encoding}, identity;q=0.5")
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 2
    body = DECODE[encoding](packed.data)
    if packed.mimetype == "text/html":
        assert same_page(body) == same_page(plain.data)
    else:
        assert body == plain.data


def test_brotli_is_preferred_and_tiny_responses_are_left_alone(client, town):
    assert fetch(client, "/initiatives", "gzip, deflate, br").headers["Content-Encoding"] == "br"
    tiny = fetch(client, "/healthz", "gzip, br")
    assert len(tiny.data) < 500 and "Content-Encoding" not in tiny.headers


def test_no_compression_without_accept_encoding_or_for_images(client):
    assert "Content-Encoding" not in fetch(client, "/initiatives", "identity").headers
    png = fetch(client, "/static/vendor/leaflet-1.9.4/images/layers-2x.png", "gzip, br")
    assert "Content-Encoding" not in png.headers


def test_pages_asked_for_by_another_site_are_not_compressed(client, town):
    """BREACH needs the compressed size of a page with a secret, requested cross-site."""
    for site in ("cross-site", "same-site"):
        page = fetch(client, "/initiatives?q=garden", "gzip, br", **{"Sec-Fetch-Site": site})
        assert "Content-Encoding" not in page.headers
        assert "Sec-Fetch-Site" in page.headers["Vary"]
    for site in ("same-origin", "none"):
        page = fetch(client, "/initiatives?q=garden", "gzip, br", **{"Sec-Fetch-Site": site})
        assert page.headers["Content-Encoding"] == "br"
    # Data has no secret in it: open data fetched by other sites is still compressed.
    data = fetch(client, "/api/initiatives.geojson?bbox=23,53,24,54", "gzip",
                 **{"Sec-Fetch-Site": "cross-site"})
    assert data.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("url", ["/api/initiatives.geojson", "/api/initiatives.csv"])
def test_a_streamed_export_is_gzipped_as_it_streams(client, many, url):
    """Brotli would buffer the whole export in its window, so streams get gzip, chunk by chunk."""
    many(3000)
    plain = client.get(url).data
    response = client.get(url, buffered=False, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Content-Length" not in response.headers
    inflate, chunks, body = zlib.decompressobj(zlib.MAX_WBITS | 16), [], b""
    for chunk in response.response:  # the body as the server sends it, piece by piece
        chunks.append(chunk)
        body += inflate.decompress(chunk)
    response.close()
    assert len(chunks) >= 2  # pieces sent as the rows come, not one body at the end
    assert body == plain and plain.count(b"Bulk initiative ") == 3000
    assert sum(len(c) for c in chunks) < len(plain) / 4
