"""Safety fixtures: cheap password hashing and clients signed in as anyone."""

import pytest
from argon2 import PasswordHasher

from robimgood.accounts import services as account_services

from ..conftest import PASSWORD


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch):
    """These tests sign many people in; light Argon2 parameters keep them fast (the real
    parameters are tested with the accounts)."""
    monkeypatch.setattr(account_services, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def signed_in(app):
    """signed_in(user) -> a new client signed in as user."""

    def make(user):
        client = app.test_client()
        response = client.post("/login", data={"username": user.username, "password": PASSWORD})
        assert response.status_code == 303, response.data[:300]
        return client

    return make
