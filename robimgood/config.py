"""Configuration from environment variables, with defaults that are safe for development."""

import os
import secrets
from pathlib import Path


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret_key(instance_path: Path) -> str:
    """A random key generated once per checkout, so development sessions survive restarts."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class ConfigError(RuntimeError):
    """Raised when the configuration would be unsafe to run with."""


def load(instance_path: Path) -> dict:
    """Build the Flask config dict from the environment."""
    production = os.environ.get("ROBIMGOOD_ENV", "development") == "production"
    secret = os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError("SECRET_KEY must be set when ROBIMGOOD_ENV=production")
        secret = _dev_secret_key(instance_path)
    elif production and len(secret) < 32:
        raise ConfigError("SECRET_KEY must be at least 32 characters in production")

    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{instance_path / 'robimgood.sqlite'}"
    )
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://"):]
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]

    tile_mode = os.environ.get("TILE_MODE", "direct")
    if tile_mode not in ("direct", "proxy"):
        raise ConfigError("TILE_MODE must be 'direct' or 'proxy'")
    tile_url = os.environ.get("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    if not tile_url.startswith(("https://", "http://")):
        raise ConfigError("TILE_URL must be an http:// or https:// address")

    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SPATIALITE_LIBRARY_PATH": os.environ.get("SPATIALITE_LIBRARY_PATH", "mod_spatialite"),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "TILE_URL": tile_url,
        "TILE_ATTRIBUTION": os.environ.get(
            "TILE_ATTRIBUTION",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
        ),
        # direct: browsers fetch tiles from TILE_URL; proxy: the app fetches them (tiles/).
        "TILE_MODE": tile_mode,
        "TILE_CACHE_DIR": os.environ.get("TILE_CACHE_DIR", str(instance_path / "tiles")),
        "TILE_CACHE_SECONDS": int(os.environ.get("TILE_CACHE_SECONDS", str(7 * 24 * 3600))),
        "TILE_TIMEOUT": float(os.environ.get("TILE_TIMEOUT", "10")),
        "TILE_CONTACT": os.environ.get("TILE_CONTACT", ""),
        "MAP_CENTER": (
            float(os.environ.get("MAP_CENTER_LAT", "53.7")),
            float(os.environ.get("MAP_CENTER_LON", "27.95")),
        ),
        "MAP_ZOOM": int(os.environ.get("MAP_ZOOM", "7")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "be",
        "LANGUAGES": ("be", "ru", "en"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        # Redis down: count in each worker's memory meanwhile rather than fail every sign-in.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": False,
        # How many reverse proxies stand in front of the app (for HTTPS detection and the
        # per-client rate limits); 0 when gunicorn faces the internet itself.
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", "0")),
        # E-mail for notifications: off unless MAIL_SERVER names an SMTP host, or "file" to
        # write messages under instance/outbox/ (development).
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_STARTTLS": _bool("MAIL_STARTTLS", True),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Robim Good <noreply@localhost>"),
        # Responses are compressed by the app itself (robimgood/compression.py), so gunicorn alone
        # serves them small too; streamed exports are gzipped chunk by chunk and still stream.
        "COMPRESS_MIMETYPES": [
            "text/html", "text/css", "text/javascript", "application/javascript", "text/csv",
            "application/json", "application/geo+json", "image/svg+xml", "application/atom+xml",
            "text/plain",
        ],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        # Brotli would hold a whole export in its 4 MB window before writing a byte.
        "COMPRESS_ALGORITHM_STREAMING": ["gzip"],
        "COMPRESS_BR_LEVEL": 5,
        "COMPRESS_MIN_SIZE": 500,
        "PER_PAGE": 20,
        # The list counts initiatives up to this many, then says "more than".
        "LIST_COUNT_CAP": 1000,
        "GEOJSON_LIMIT": 500,  # features per map answer, clusters or points
        # Consultations: an unanswered claim returns to the queue after this many days, and a
        # closed consultation can be reopened for this many days.
        "CONSULTATION_CLAIM_DAYS": int(os.environ.get("CONSULTATION_CLAIM_DAYS", "7")),
        "CONSULTATION_REOPEN_DAYS": int(os.environ.get("CONSULTATION_REOPEN_DAYS", "30")),
    }
