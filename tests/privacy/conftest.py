"""The safety world with a canary in every text, and a raw scan of every text column."""

import pytest
from sqlalchemy import JSON, String, text

from robimgood.extensions import db as _db

from ..safety import world as world_module
from ..safety.conftest import quick_passwords, signed_in  # noqa: F401 — fixtures


def canary(key: str) -> str:
    return f"canary<{key}>"


@pytest.fixture
def world(app):
    """The world of tests/safety/world.py; world.keys lists every canary written."""
    keys = []

    def write(key, max_length):
        keys.append(key)
        return canary(key)[:max_length]

    built = world_module.build(write)
    built.keys = sorted(set(keys))
    return built


def scan(needles) -> dict[str, list[str]]:
    """needle -> the "table.column"s whose raw value contains it (case-folded), over every
    text, varchar and JSON column of every table of the schema, read with plain SQL."""
    found = {n: [] for n in needles}
    connection = _db.session.connection()
    for table in _db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, (String, JSON)):
                continue
            rows = connection.execute(text(f'SELECT "{column.name}" FROM "{table.name}"'))
            values = [str(v).casefold() for (v,) in rows if v is not None]
            for needle in needles:
                if any(needle.casefold() in v for v in values):
                    found[needle].append(f"{table.name}.{column.name}")
    return found
