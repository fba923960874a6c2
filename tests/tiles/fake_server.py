"""A tile server on 127.0.0.1 that records every request it gets, for the proxy's tests."""

import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def png(size: int = 256, rgb=(170, 211, 223)) -> bytes:
    """A plain square PNG: a real image, so a browser draws it as a tile."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


TILE = png()
UPSTREAM_SECRET = b"upstream-internal-detail-7f3a"  # what a failing tile server says


@dataclass
class Seen:
    path: str
    headers: dict  # lower-case name -> value
    client: str


@dataclass
class FakeTileServer:
    """behaviour: ok (max-age=3600), plain (no Cache-Control), no-store, error (500),
    missing (404), html (200 text/html), slow (answers after `delay` seconds)."""

    url: str = ""
    requests: list[Seen] = field(default_factory=list)
    behaviour: str = "ok"
    delay: float = 2.0

    def reset(self):
        self.requests.clear()
        self.behaviour = "ok"


def start() -> tuple[FakeTileServer, ThreadingHTTPServer]:
    fake = FakeTileServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            fake.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()},
                                      self.client_address[0]))
            mode = fake.behaviour
            if mode == "slow":
                time.sleep(fake.delay)
            status, kind, body = {
                "error": (500, "text/plain", UPSTREAM_SECRET),
                "missing": (404, "text/plain", UPSTREAM_SECRET),
                "html": (200, "text/html", b"<p>" + UPSTREAM_SECRET + b"</p>"),
            }.get(mode, (200, "image/png", TILE))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Set-Cookie", "tracker=upstream")
            if mode in ("ok", "slow"):
                self.send_header("Cache-Control", "max-age=3600")
            elif mode == "no-store":
                self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:  # the proxy gave up waiting (timeout test)
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="fake-tiles", daemon=True).start()
    fake.url = f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png"
    return fake, server
