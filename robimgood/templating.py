"""What every template can use: labels, the CSP nonce, Markdown, dates in the user's language."""

from flask import Flask
from flask_babel import format_datetime, format_number, get_locale
from flask_wtf.csrf import generate_csrf

from .accounts.models import SPECIALTIES
from .geo import towns
from .initiatives.models import CATEGORIES, NEEDS, PRECISIONS, STATUSES
from .security import csp_nonce
from .text import render_markdown


def register(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt)
    app.jinja_env.filters["number"] = format_number  # 12 345 in be/ru, 12,345 in en
    app.jinja_env.globals.update(
        CATEGORIES=CATEGORIES, STATUSES=STATUSES, NEEDS=NEEDS, PRECISIONS=PRECISIONS,
        SPECIALTIES=SPECIALTIES, csp_nonce=csp_nonce,
        get_locale=get_locale, csrf_token=generate_csrf,
        town_names=lambda: towns.names(str(get_locale())),
    )
