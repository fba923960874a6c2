"""Response headers that keep pages from loading anything but our own files and the tiles."""

import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, g, request, session
from flask_babel import gettext as _
from flask_login import COOKIE_NAME, current_user


def csp_nonce() -> str:
    """A fresh nonce per response, for the one inline script: the folium map."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _tile_origin(tile_url: str) -> str:
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if not parts.netloc:
        return ""
    host = parts.netloc
    # {s} subdomains a, b, c: allow the wildcard only for that pattern.
    if "{s}" in tile_url:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def _has_nul(pairs) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def refuse_nul() -> None:
    """No text anywhere may hold a NUL character: PostgreSQL refuses it, feeds and mail headers
    break on it, and nobody types one. Refused as a whole, before any view sees it."""
    if "\x00" in request.path or _has_nul(request.args.items(multi=True)):
        abort(400, _("The address contains a NUL character, which no text here may hold."))
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") and (
        _has_nul(request.form.items(multi=True))
        or any("\x00" in (f.filename or "") for f in request.files.values())
    ):
        abort(400, _("The form contains a NUL character, which no text here may hold. "
                     "Remove it and send the form again."))


def register(app: Flask) -> None:
    # Proxied tiles come from our own /tiles/: then no outside host is allowed at all.
    tiles = _tile_origin(app.config["TILE_URL"]) if app.config["TILE_MODE"] == "direct" else ""
    app.before_request(refuse_nul)

    policy = "; ".join([
        "default-src 'self'",
        "script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        f"img-src 'self' data: {tiles}".strip(),
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ])

    fixed = {"Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
             "X-Frame-Options": "DENY",
             "Permissions-Policy": "geolocation=(self), camera=(), microphone=()"}
    cookies = {app.config["SESSION_COOKIE_NAME"], app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)}

    @app.after_request
    def headers(response):
        # Added, not set: nothing else writes these (set() would search the list for each).
        response.headers.extend(
            {**fixed, "Content-Security-Policy": policy.replace("{nonce}", csp_nonce())})
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        # Whatever a signed-in person is shown may be theirs alone: no browser or proxy cache
        # keeps it. That is every page, and any answer that read the session (it may depend on
        # who asked). Reading current_user for anything else would itself read the session and
        # add "Vary: Cookie", keeping shared caches from storing static files and public data;
        # what a view declares public (map tiles) is the same for everyone. (Flask 3.1 marks
        # the session accessed when anything, this test included, looks at it; so a request
        # without the cookies that could sign someone in, most of them, skips the test.)
        if (not cookies.isdisjoint(request.cookies)
                and (response.mimetype == "text/html" or session.accessed)
                and not response.cache_control.public
                and current_user and current_user.is_authenticated):
            response.headers["Cache-Control"] = "no-store"
        return response
