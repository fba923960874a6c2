"""Guided-initiative fixtures: a published guide with three steps, an initiative with its
organiser (signed in on a client of their own), and the community and guide factories."""

import pytest
from sqlalchemy import select

from robimgood.community.models import Milestone

from ..community.conftest import (  # noqa: F401
    cheap_password_hashing,
    initiative,
    org_client,
    organiser,
    signed_in,
)
from ..guides.conftest import make_guide, step_data  # noqa: F401

STEPS = ("Talk to the neighbours", "Write to the housing office", "Hold the clean-up day")


@pytest.fixture
def guide(make_guide, make_user):  # noqa: F811
    return make_guide(make_user(role="urbanist", specialties=["law"]), steps=STEPS,
                      title="A clean-up day in your yard")


def checklist(db, item) -> list[Milestone]:
    """The initiative's checklist as the database has it now, in order."""
    db.session.expire_all()
    return list(db.session.scalars(select(Milestone).where(Milestone.initiative_id == item.id)
                                   .order_by(Milestone.position, Milestone.id)))


def progress_of(db, item):
    db.session.expire_all()
    return db.session.get(type(item), item.id).progress


def adopt(client, item, chosen):
    """The organisers' form on the initiative's page: follow the chosen guide."""
    return client.post(f"/i/{item.public_id}/guide", data={"guide": chosen.public_id})
