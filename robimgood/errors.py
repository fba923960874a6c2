"""Error pages in the user's language, and JSON errors for the API; never a bare 500."""

import logging
import traceback

from flask import Flask, Response, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from .extensions import db, login

log = logging.getLogger(__name__)

TITLES = {
    400: _l("This request is not right"),
    403: _l("You may not do this"),
    404: _l("Nothing here"),
    405: _l("This address does not take that kind of request"),
    409: _l("This cannot be done now"),
    413: _l("That is too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong on our side"),
    503: _l("We are briefly unavailable"),
}
EXPLANATIONS = {
    400: _l("Please check what you sent and try again."),
    403: _l("Only the people responsible for this may do that."),
    404: _l("The page may have been deleted, or the address is mistyped."),
    405: _l("Use the buttons and links on the page instead."),
    409: _l("Reload the page to see its current state."),
    413: _l("Please send something smaller."),
    429: _l("Please wait a little and try again."),
    500: _l("It is not your fault. Please try again later."),
    503: _l("The database does not answer. Please try again in a minute."),
}


def json_error(status: int, message: str, fields: dict | None = None) -> Response:
    import orjson

    body = {"error": message, "status": status}
    if fields:
        body["fields"] = fields
    return Response(orjson.dumps(body), status=status, mimetype="application/json")


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _page(status: int, detail: str | None = None):
    if _wants_json():
        return json_error(status, detail or str(TITLES.get(status, "error")))
    return render_template("errors/error.html", status=status,
                           title=TITLES.get(status, TITLES[500]),
                           explanation=detail or EXPLANATIONS.get(status, "")), status


def without_database() -> None:
    """Let the rest of the request run without the database: roll back, and treat the visitor
    as signed out (loading their account would ask the database again). The page then speaks
    the language of their cookie or browser."""
    db.session.rollback()
    g._login_user = login.anonymous_user()


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if err.code is None or err.code < 400:
            return err
        # Only our own abort(400, "…") descriptions are meant for people.
        custom = err.description if err.description != type(err).description else None
        return _page(err.code, custom)

    @app.errorhandler(RateLimitExceeded)
    def too_many(err: RateLimitExceeded):
        # Its description is the limit ("10 per 1 minute"), in English: the page says it in words.
        return _page(429)

    @app.errorhandler(CSRFError)
    def csrf_error(err: CSRFError):
        return _page(400, str(_l("The form has expired. Please reload the page and try again.")))

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_down(err):
        # Connection refused or lost, server restarting, pool exhausted, SQLite locked.
        without_database()
        log.error("database unavailable: %s", type(getattr(err, "orig", None) or err).__name__)
        response = _page(503)
        response = response if isinstance(response, Response) else app.make_response(response)
        response.headers["Retry-After"] = "60"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(DataError)
    def bad_data(err: DataError):
        # A value the database refuses (out of range, malformed): the request was wrong.
        db.session.rollback()
        log.warning("database refused a value: %s", type(err.orig).__name__)
        return _page(400)

    @app.errorhandler(ServiceUnavailable)
    def unavailable(err):
        return _page(503)

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        db.session.rollback()
        if isinstance(err, DBAPIError):
            # The database's own message may quote the values (PostgreSQL's "DETAIL: Key
            # (username_key)=(…) already exists"): log where it failed, not what it said.
            log.error("unhandled %s on %s %s\n%s", type(err.orig).__name__, request.method,
                      request.endpoint, "".join(traceback.format_tb(err.__traceback__)))
        else:
            log.exception("unhandled error on %s %s", request.method, request.endpoint)
        return _page(500)
