"""Guided initiatives: an initiative follows a guide, whose steps become its checklist."""

from flask import Blueprint

bp = Blueprint("guided", __name__)

from . import views  # noqa: E402,F401
