"""Your data, your choice: download everything we hold about you, or delete your account."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from . import views  # noqa: E402,F401
