"""Reach: fixtures shared with the safety tests (cheap password hashing, signed-in clients)."""

from ..safety.conftest import quick_passwords, signed_in  # noqa: F401 — fixtures
