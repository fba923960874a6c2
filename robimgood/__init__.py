"""Robim Good: a map of civic initiatives for urban activists."""

import logging
import re
from pathlib import Path

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from . import config as config_module
from .extensions import babel, csrf, db, limiter, login, migrate


def select_locale() -> str:
    """The person's choice (cookie, then profile), then the browser's, then Belarusian."""
    languages = ("be", "ru", "en")
    chosen = request.cookies.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    # By the browser's weights, regional variants included: werkzeug's best_match would prefer
    # an exact "en;q=0.5" to "ru-RU;q=0.9".
    for value, _quality in request.accept_languages:
        if (primary := value.split("-")[0].split("_")[0].lower()) in languages:
            return primary
    return "be"


def create_app(config: dict | None = None) -> Flask:
    """Build the app; config overrides what the environment says (tests use it)."""
    app = Flask(__name__, instance_relative_config=True)
    from .urls import DatabaseIntConverter

    app.url_map.converters["int"] = DatabaseIntConverter
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(config_module.load(Path(app.instance_path)))
    app.config.update(config or {})
    if hops := app.config["PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from .geo.engine import engine_options, install

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["SPATIALITE_LIBRARY_PATH"]
    )
    db.init_app(app)
    with app.app_context():
        install(db.engine, app.config["SPATIALITE_LIBRARY_PATH"])
    migrate.init_app(app, db, directory=str(Path(__file__).parent.parent / "migrations"),
                     render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    from . import compression

    compression.register(app)  # first, so it compresses the final response

    from .accounts.services import load_from_login_id

    login.init_app(app)
    # Flask-Login puts a hash of the IP address and browser into the session ("_id"); we keep
    # neither, so session protection is off and the identifier is empty.
    login.session_protection = None
    login._session_identifier_generator = str
    login.user_loader(load_from_login_id)
    login.login_view = "accounts.login"
    login.login_message = _l("Please sign in to continue.")
    login.login_message_category = "info"

    from . import (
        accounts,
        assets,
        community,
        consultations,
        errors,
        guided,
        guides,
        health,
        initiatives,
        map,
        moderation,
        notifications,
        opendata,
        privacy,
        security,
        stats,
        tiles,
    )
    from .templating import register as register_templating

    for blueprint in (accounts.bp, initiatives.bp, map.bp, notifications.bp, community.bp,
                      consultations.bp, guides.bp, guided.bp, opendata.bp, stats.bp, health.bp,
                      tiles.bp, privacy.bp, moderation.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    security.register(app)
    register_templating(app)
    assets.register(app)

    from .cli import register as register_cli

    register_cli(app)
    _quiet_access_log()
    return app


def _quiet_access_log() -> None:
    """Werkzeug's access log starts with the client's IP address; we keep no IPs, even there."""

    class _NoAddress(logging.Filter):
        def filter(self, record):
            if isinstance(record.msg, str):
                record.msg = re.sub(r"^\S+ - - ", "", record.msg)
            return True

    logging.getLogger("werkzeug").addFilter(_NoAddress())
