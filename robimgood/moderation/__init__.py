"""Moderation: anyone signed in reports an initiative, an update or a comment; moderators
(admins, and people given the moderator role) hide, restore, dismiss and ban, and every action
they take is in the audit log. What hidden means for the public surfaces is the `visible` filter
of `initiatives.models.Moderated`."""

from flask import Blueprint

bp = Blueprint("moderation", __name__)

from . import views  # noqa: E402,F401
