"""Community fixtures: an initiative with its organiser, clients signed in as anyone, and the
live server (a threaded server on its own database) for the tests that need real HTTP."""

import pytest
from argon2 import PasswordHasher

from ..browser.conftest import live_server  # noqa: F401
from ..conftest import PASSWORD


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """These tests sign in hundreds of people; Argon2id at its cheapest keeps them fast. (Its
    real cost is the accounts tests' business; a hash records the parameters it was made with.)"""
    from robimgood.accounts import services

    monkeypatch.setattr(services, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def signed_in(app):
    """signed_in(user) -> a test client of its own, signed in as user."""

    def make(user):
        client = app.test_client()
        response = client.post("/login", data={"username": user.username, "password": PASSWORD})
        assert response.status_code == 303
        return client

    return make


@pytest.fixture
def organiser(make_user):
    return make_user("organiser", display_name="Olia Organiser")


@pytest.fixture
def initiative(organiser, make_initiative):
    return make_initiative(organiser, title="Yard garden", summary="Flowers and herbs in the yard.")


@pytest.fixture
def org_client(signed_in, organiser):
    return signed_in(organiser)
