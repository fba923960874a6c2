"""Compressed responses (brotli or gzip), made by the app so gunicorn alone serves them small.

BREACH: a page that holds a secret (the CSRF token) and reflects what a request asked for (a
search) can leak the secret through its compressed size to someone who both watches the
network and makes the victim's browser send many requests, which is the threat our users
live with. Such requests come from another site, so an HTML page asked for cross-site
(`Sec-Fetch-Site: cross-site` or `same-site`) is sent uncompressed: its size tells nothing.
Our own pages, typed addresses and bookmarks (`same-origin`, `none`) are compressed.
"""

from flask import Flask, request

from .extensions import compress

_TRUSTED = {None, "same-origin", "none"}


def register(app: Flask) -> None:
    """Call before any other after-request hook is added, so that compression runs last."""
    app.config["COMPRESS_REGISTER"] = False
    compress.init_app(app)

    @app.after_request
    def compress_response(response):
        if response.mimetype != "text/html":
            return compress.after_request(response)
        response.vary.add("Sec-Fetch-Site")
        if request.headers.get("Sec-Fetch-Site") in _TRUSTED:
            return compress.after_request(response)
        response.vary.add("Accept-Encoding")
        return response
