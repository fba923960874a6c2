"""Guide fixtures: a guide factory and signing in with each role."""

import pytest

ROLES = ["anonymous", "activist", "urbanist", "admin"]


def step_data(title: str, **fields) -> dict:
    return {"title": title, "instructions": f"How to {title.lower()}.", "legal_notes": "",
            "documents": "", "contacts": "", "duration": "", **fields}


@pytest.fixture
def make_guide(db):
    """make_guide(editor=None, status="published", steps=("Ask", "Do"), family=None, **fields)."""
    from robimgood.guides import services

    def make(editor=None, status="published", steps=("Ask the housing office", "Do the work"),
             family=None, **fields):
        data = {"title": "Clean the yard together", "summary": "How neighbours clean a yard.",
                "category": "waste", "language": "en", "status": status,
                "steps": [s if isinstance(s, dict) else step_data(s) for s in steps], **fields}
        guide = services.create(editor, data, family=family)
        db.session.commit()
        return guide

    return make


@pytest.fixture
def sign_in(make_user, login):
    """sign_in(role) signs the test client in with a new user of that role ("anonymous": nobody)."""

    def do(role: str):
        if role == "anonymous":
            return None
        if role == "activist":
            return login(make_user())
        return login(make_user(role=role, specialties=["law"] if role == "urbanist" else ()))

    return do
