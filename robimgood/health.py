"""/healthz: for load balancers and people: which engine, and does it answer."""

import orjson
from flask import Blueprint, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .errors import without_database
from .extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """200 with the engine when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
        ok = True
    except SQLAlchemyError:
        without_database()
        ok = False
    body = {"status": "ok" if ok else "unavailable", "engine": db.engine.dialect.name,
            "database": ok}
    return Response(orjson.dumps(body), status=200 if ok else 503, mimetype="application/json")
