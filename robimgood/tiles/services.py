"""Map tiles fetched by the server (TILE_MODE=proxy), so that no visitor's address, cookies or
viewport ever reach the tile server: it sees one well-identified client, our server.

Tiles are kept on disk under TILE_CACHE_DIR for as long as the tile server's Cache-Control
allows (TILE_CACHE_SECONDS when it says nothing), as OpenStreetMap's tile usage policy asks.
"""

import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from http.client import HTTPException
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

MAX_ZOOM = 19
MAX_BYTES = 1024 * 1024  # a tile is some kilobytes; anything larger is not a tile
STALE_SECONDS = 60  # how long browsers keep a stale tile served while the tile server is away
_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*(\d+)", re.IGNORECASE)
_NO_STORE = re.compile(r"(?:^|,)\s*(?:no-store|no-cache|private)\b", re.IGNORECASE)


class TileUnavailable(Exception):
    """The tile server failed us: status is what our visitor gets (404, 502 or 504)."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def exists(z: int, x: int, y: int) -> bool:
    """Whether z/x/y names a tile of the Web Mercator pyramid the map uses."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z


def user_agent(contact: str) -> str:
    """Who we are and how to reach us, as the tile usage policy asks of every client."""
    try:
        release = version("robimgood")
    except PackageNotFoundError:
        release = "0"
    return f"RobimGood/{release}" + (f" (+{contact})" if contact else "")


def upstream_url(template: str, z: int, x: int, y: int) -> str:
    """TILE_URL filled in; {s} spreads the tiles over the a/b/c hosts as Leaflet would."""
    return (template.replace("{s}", "abc"[(x + y) % 3]).replace("{r}", "")
            .replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y)))


def tile(config, z: int, x: int, y: int) -> tuple[bytes, int]:
    """The tile's bytes and how many seconds they stay fresh: from the disk cache while fresh,
    else from the tile server (a stale copy still serves while the tile server fails)."""
    path = Path(config["TILE_CACHE_DIR"]) / str(z) / str(x) / f"{y}.png"
    now = time.time()
    try:
        # The file's modification time is set to the moment the tile expires: no index file,
        # nothing to keep consistent between workers.
        expires, body = path.stat().st_mtime, path.read_bytes()
    except FileNotFoundError:
        expires, body = None, b""
    if expires is not None and expires > now:
        return body, int(expires - now)
    try:
        fresh, max_age = _download(config, z, x, y)
    except TileUnavailable as err:
        if expires is None or err.status == 404:
            raise
        return body, STALE_SECONDS
    if max_age > 0:
        _store(path, fresh, now + max_age)
    return fresh, max_age


def _download(config, z: int, x: int, y: int) -> tuple[bytes, int]:
    """GET the tile with our User-Agent alone: no header of the visitor's is ever passed on."""
    request = urllib.request.Request(
        upstream_url(config["TILE_URL"], z, x, y),
        headers={"User-Agent": user_agent(config["TILE_CONTACT"]), "Accept": "image/*"},
    )
    try:
        with urllib.request.urlopen(request, timeout=config["TILE_TIMEOUT"]) as response:
            kind = response.headers.get_content_type()
            cache_control = response.headers.get("Cache-Control", "")
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as err:
        raise TileUnavailable(404 if err.code == 404 else 502) from None
    except urllib.error.URLError as err:
        raise TileUnavailable(504 if isinstance(err.reason, TimeoutError) else 502) from None
    except TimeoutError:
        raise TileUnavailable(504) from None
    except (OSError, HTTPException):
        raise TileUnavailable(502) from None
    if not kind.startswith("image/") or not body or len(body) > MAX_BYTES:
        raise TileUnavailable(502)
    if _NO_STORE.search(cache_control):
        return body, 0
    found = _MAX_AGE.search(cache_control)
    return body, int(found.group(1)) if found else config["TILE_CACHE_SECONDS"]


def _store(path: Path, body: bytes, expires: float) -> None:
    """Write whole or not at all (another worker may read the same tile meanwhile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(body)
        os.utime(temporary, (expires, expires))
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
