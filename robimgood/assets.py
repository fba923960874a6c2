"""Fingerprinted static files: css/app.css is linked as css/app.<hash>.css.

A name that changes whenever the content changes may be cached by browsers and proxies for a
year (`immutable`), so a returning visitor asks for nothing at all; after a deploy the pages
link the new names. The hashes are computed once, when the app starts. Every
`url_for('static', filename=...)` gets the fingerprinted name through a URL default, so
templates, folium's map page and future code need nothing special. Stylesheets are served
with their own `url(...)` references rewritten to fingerprinted names too (Leaflet's images).
The plain names keep working, with a short max-age, for anyone who links them directly.
"""

import hashlib
import mimetypes
import posixpath
import re
from pathlib import Path

from flask import Flask, abort, current_app, request
from flask.sessions import SecureCookieSessionInterface

YEAR = 365 * 24 * 3600
SHORT = 600
_HASH = 12
FINGERPRINTED = re.compile(rf"^(?P<stem>.+)\.[0-9a-f]{{{_HASH}}}(?P<ext>\.[A-Za-z0-9]+)$")
# url(...) in CSS, except data: URIs, absolute URLs and fragments (url(#default#VML)).
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z]+:|/|#)([^'")?#]+)([^'")]*)\1\s*\)""")


class Manifest:
    """Plain name → fingerprinted name for every file under the static folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.names: dict[str, str] = {}
        # Every file's bytes (a few hundred KB in all), stylesheets with their url()s
        # fingerprinted: served from memory as whole bodies, which compress with brotli.
        self.bodies: dict[str, bytes] = {}
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        # Stylesheets last: their hash covers the rewritten references to the images.
        for name in sorted(files, key=lambda n: n.endswith(".css")):
            body = (folder / name).read_bytes()
            if name.endswith(".css"):
                body = self._rewrite(name, body)
            self.bodies[name] = body
            stem, ext = posixpath.splitext(name)
            self.names[name] = f"{stem}.{hashlib.sha256(body).hexdigest()[:_HASH]}{ext}"
        self.plain = {fingerprinted: name for name, fingerprinted in self.names.items()}

    def _rewrite(self, name: str, body: bytes) -> bytes:
        base = posixpath.dirname(name)

        def replace(match: re.Match) -> str:
            quote, path, rest = match.groups()
            target = posixpath.normpath(posixpath.join(base, path))
            if target not in self.names:
                return match.group(0)
            relative = posixpath.relpath(self.names[target], base or ".")
            return f"url({quote}{relative}{rest}{quote})"

        return CSS_URL.sub(replace, body.decode()).encode()

    def serve(self, filename: str):
        """The file behind a plain or fingerprinted name, with the caching that name allows."""
        if name := self.plain.get(filename):
            response = self._send(name)
            response.cache_control.max_age = YEAR
            response.cache_control.public = True
            response.cache_control.immutable = True
            return response
        # An old fingerprint (a page from before the deploy) gets today's file, briefly cached.
        if (match := FINGERPRINTED.match(filename)) and match["stem"] + match["ext"] in self.names:
            filename = match["stem"] + match["ext"]
        if filename not in self.names:
            abort(404)
        response = self._send(filename)
        response.cache_control.max_age = SHORT
        response.cache_control.public = True
        return response

    def _send(self, name: str):
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = current_app.response_class(self.bodies[name], mimetype=mimetype)
        response.set_etag(self.names[name].rsplit("/", 1)[-1])
        return response.make_conditional(request)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask-Login peeks into the session after every request, which would add "Vary: Cookie"
    to static files too and make a shared cache keep one copy per visitor. A static file
    never depends on the session, so its response leaves the session alone. A request
    without the cookie (most: the map's, anonymous visitors') gets an empty session without
    the signer being built for nothing (10 µs of the 140 µs Flask and our hooks take)."""

    def open_session(self, app, request):
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if request.endpoint != "static":
            super().save_session(app, session, response)


def register(app: Flask) -> None:
    """Fingerprint every static file now, and serve and link them by those names."""
    manifest = Manifest(Path(app.static_folder))
    app.extensions["assets"] = manifest

    @app.url_defaults
    def fingerprint(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest.names.get(values["filename"], values["filename"])

    app.view_functions["static"] = manifest.serve
    app.session_interface = _SessionInterface()
