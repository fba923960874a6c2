"""Moderation forms: a report, and the reason a moderator gives for an action."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form, choices
from .models import REASONS

MAX_TEXT = 1000


class ReportForm(Form):
    reason = RadioField(_l("What is wrong with it?"), choices=choices(REASONS),
                        validators=[DataRequired(_l("Choose a reason."))])
    details = TextAreaField(_l("Anything the moderators should know (optional)"),
                            validators=[Optional(), Length(max=MAX_TEXT)])


class ActionForm(Form):
    reason = TextAreaField(_l("Reason (for the audit log)"),
                           validators=[Optional(), Length(max=MAX_TEXT)])
    # Dismissing closes the reports the moderator saw: those up to this id, not newer ones.
    last_report = IntegerField(validators=[Optional()])
