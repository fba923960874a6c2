"""Moderation fixtures: an initiative with an update and a comment, people in every role, and
clients signed in as them."""

from dataclasses import dataclass

import pytest

from ..safety.conftest import quick_passwords, signed_in  # noqa: F401 (fixtures used here)


@dataclass
class Scene:
    organiser: object
    author: object  # wrote the comment
    user: object  # anyone else signed in
    moderator: object
    admin: object
    initiative: object
    update: object
    comment: object


@pytest.fixture
def scene(db, make_user, make_initiative):
    from robimgood.community import services as community

    organiser = make_user("olia", display_name="Olia Organiser")
    author = make_user("artur", display_name="Artur Author")
    initiative = make_initiative(organiser, title="Yard garden", summary="Flowers in the yard.")
    update = community.post_update(initiative, organiser, "Spring planting", "We planted tulips.")
    comment = community.add_comment(initiative, author, "Buy cheap watches here")
    db.session.commit()
    return Scene(organiser, author, make_user("uladz"), make_user("masha", role="moderator"),
                 make_user("ales", role="admin"), initiative, update, comment)


@pytest.fixture
def as_(app, signed_in, scene):  # noqa: F811 (the fixture imported above)
    """as_("moderator") -> a client signed in as that person of the scene; "anonymous" -> not."""
    clients = {}

    def make(role):
        if role not in clients:
            clients[role] = (app.test_client() if role == "anonymous"
                             else signed_in(getattr(scene, role)))
        return clients[role]

    return make
