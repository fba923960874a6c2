"""Consultation fixtures: people in every role, requests in every state, and clients for each."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from robimgood.accounts import services as account_services
from robimgood.consultations import services
from robimgood.consultations.models import Consultation

from ..conftest import PASSWORD

QUESTION = "How do we get permission for a bench in our yard?"


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch):
    """These tests sign many people in; Argon2 with light parameters keeps them fast (the real
    parameters are tested with the accounts)."""
    monkeypatch.setattr(account_services, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def urbanist(make_user):
    return make_user("lawyer", role="urbanist", specialties=["law"], display_name="Lawyer Lena")


@pytest.fixture
def other_urbanist(make_user):
    return make_user("planner", role="urbanist", specialties=["law", "urban_planning"])


@pytest.fixture
def asker(make_user):
    return make_user("asker", display_name="Asker Ales")


@pytest.fixture
def activist(make_user):
    return make_user("activist")


@pytest.fixture
def admin(make_user):
    return make_user("admin", role="admin")


@pytest.fixture
def ask(db):
    """ask(asker=None, **fields) -> (consultation, token): asks through the service and commits."""

    def make(asker=None, topic="law", question=QUESTION, language="en", city="Minsk", **more):
        consultation, token = services.ask(asker, topic, question, language, city, **more)
        db.session.commit()
        return consultation, token

    return make


@pytest.fixture
def signed_in_client(app):
    """signed_in_client(user) -> a new test client signed in as user (None: nobody)."""

    def make(user=None):
        client = app.test_client()
        if user is not None:
            response = client.post("/login", data={"username": user.username, "password": PASSWORD})
            assert response.status_code == 303
        return client

    return make


def claim(db, consultation, urbanist):
    db.session.refresh(consultation)
    services.claim(consultation, urbanist)
    db.session.commit()


def answer(db, consultation, urbanist, body="Ask the district administration first."):
    db.session.refresh(consultation)
    if consultation.state == "open":
        claim(db, consultation, urbanist)
    services.write(consultation, "urbanist", body, author=urbanist)
    db.session.commit()


def close(db, consultation, helped=True):
    db.session.refresh(consultation)
    services.close(consultation, helped)
    db.session.commit()


def age(db, consultation, days: float, *columns: str) -> None:
    """Move the given times of consultation days into the past."""
    for column in columns:
        setattr(consultation, column, getattr(consultation, column) - timedelta(days=days))
    db.session.commit()


@dataclass
class States:
    """One consultation per state, asked by `asker` (signed in) and held by `urbanist`."""

    open: Consultation
    claimed: Consultation
    answered: Consultation
    closed: Consultation


@pytest.fixture
def states(db, ask, asker, urbanist):
    opened = ask(asker)[0]
    answered = ask(asker)[0]
    answer(db, answered, urbanist)
    closed = ask(asker)[0]
    answer(db, closed, urbanist)
    close(db, closed)
    claimed = ask(asker)[0]  # last: an urbanist holds one unanswered request at a time
    claim(db, claimed, urbanist)
    return States(opened, claimed, answered, closed)
