"""Consultations: activists ask, urbanists answer, signed in or anonymous."""

import logging
import re

from flask import Blueprint

bp = Blueprint("consultations", __name__)

SECRET_PATH = re.compile(r"/c/[A-Za-z0-9_-]+")
MASKED_PATH = "/c/[secret]"


class HideSecretLinks(logging.Filter):
    """The development server logs each request line; a secret link must not end up in a log."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(SECRET_PATH.sub(MASKED_PATH, a) if isinstance(a, str) else a
                                for a in record.args)
        if isinstance(record.msg, str):
            record.msg = SECRET_PATH.sub(MASKED_PATH, record.msg)
        return True


@bp.record_once
def _hide_secret_links_from_logs(state):
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, HideSecretLinks) for f in logger.filters):
        logger.addFilter(HideSecretLinks())


from . import views  # noqa: E402,F401
