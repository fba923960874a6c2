from flask import Blueprint

# cli_group=None: `robimgood load-guides` sits beside `robimgood demo`, not under a group.
bp = Blueprint("guides", __name__, cli_group=None)

from . import cli, views  # noqa: E402,F401
