"""Time helpers: all stored times are naive UTC, the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hour_of(moment: datetime) -> datetime:
    """moment rounded down to the hour: how precisely we keep times that say who did what."""
    return moment.replace(minute=0, second=0, microsecond=0)
