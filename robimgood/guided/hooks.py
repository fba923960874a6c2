"""What other features ask of guided initiatives: the list and map filter, and following a
guide straight from the new-initiative form (the link from a guide's page or the wizard's plan
names it as ?guide=<public id>).

initiatives.services imports this module inside its functions: it is itself imported while
the blueprints load, before guides.services (which this module needs) can import it back.
"""

from dataclasses import dataclass

from flask import g, request
from flask_babel import gettext as _

from ..guides.models import Guide
from . import services

following_guide = services.following_guide


@dataclass
class FollowChoice:
    guide: Guide | None  # the published guide the form offers to follow
    checked: bool  # whether the organiser wants to follow it
    error: str | None = None


def follow_choice() -> FollowChoice:
    """What the new-initiative form says about following a guide, read once per request: the
    link names the guide and the box starts ticked; the form sends both back."""
    if "guided_choice" not in g:
        posted = request.method == "POST"
        public_id = (request.form if posted else request.args).get("guide", "")[:16]
        checked = request.form.get("follow_guide") == "y" if posted else True
        guide = services.published_guide(public_id)
        error = None
        if posted and checked and public_id and guide is None:
            error = _("The guide you chose can no longer be followed: it was unpublished or "
                      "deleted. Save again to publish the initiative without it.")
        g.guided_choice = FollowChoice(guide, checked and guide is not None, error)
    return g.guided_choice


def follow_choice_valid(form) -> bool:
    """False (with the reason among the form's errors) when the chosen guide cannot be followed."""
    choice = follow_choice()
    if choice.error:
        form.form_errors.append(choice.error)
    return choice.error is None


def follow_chosen_guide(initiative) -> None:
    """Right after the initiative is created by its first organiser: adopt the chosen guide."""
    choice = follow_choice()
    if choice.checked:
        services.adopt(initiative, choice.guide)
