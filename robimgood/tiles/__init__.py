from flask import Blueprint

bp = Blueprint("tiles", __name__)

from . import views  # noqa: E402,F401
