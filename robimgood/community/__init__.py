"""Community: joining, following and reporting the progress of initiatives; discussion, stories,
neighbours' area alerts and feeds."""

from flask import Blueprint

bp = Blueprint("community", __name__)

from . import views  # noqa: E402,F401
