"""/stats: the movement's progress at a glance, as accessible SVG charts drawn on the server.

A room of its own, apart from opendata: it reads every feature's tables (initiatives,
memberships, consultations, guides) to count them, while opendata moves initiatives in and out.
"""

from flask import Blueprint

bp = Blueprint("stats", __name__)

from . import views  # noqa: E402,F401
