"""What the initiatives feature asks of the community feature: who organises an initiative, and
what happens when one is created or changes its status. initiatives.services imports this
module, so nothing here may import initiatives.services back at import time."""

from ..accounts.models import User
from ..initiatives.models import Initiative
from . import services


def is_organiser(user, initiative: Initiative) -> bool:
    """Organising is a membership role: the creator is the first organiser, others are made so."""
    return services.is_organiser(user, initiative)


def may_see_exact_location(user, initiative: Initiative) -> bool:
    """The exact point is for the initiative's members; everyone else sees the public point."""
    return services.is_member(user, initiative)


def initiative_created(initiative: Initiative, creator: User | None) -> None:
    """The creator becomes the first organiser, the timeline starts, neighbours hear of it."""
    if creator is not None:
        services.add_founder(initiative, creator)
    services.record_status(initiative, None, creator)
    services.notify_areas(initiative, creator)


def status_changed(initiative: Initiative, old_status: str, by: User | None) -> None:
    """Every status change goes on the timeline and reaches members and followers."""
    services.record_status(initiative, old_status, by)


def publicly_organised_by(user: User, limit: int = 50) -> list[Initiative]:
    return services.publicly_organised_by(user, limit)
