"""Forms for following a guide: choosing it, taking its new steps, dropping it, skipping a step."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from ..forms import Form, choices

KEEP, REMOVE = "keep", "remove"


def _no_nul(text):
    """PostgreSQL refuses NUL characters in text; nobody types them, so they simply go."""
    return text.replace("\x00", "") if isinstance(text, str) else text


class AdoptForm(Form):
    # The options are the published guides (set by the view); any value is looked up, so that
    # a guide's page may offer its own language version too.
    guide = SelectField(_l("Guide"), validate_choice=False, id="guide-choice",  # #guide is the section
                        validators=[InputRequired(_l("Choose a guide."))])


class UpToDateForm(Form):
    """Carries the guide's revision the page showed: a guide changed again meanwhile is a 409."""

    revision = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    steps = SelectMultipleField(
        _l("New steps to add to the checklist"), coerce=int, validators=[Optional()],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )


class DropForm(Form):
    steps = RadioField(_l("The guide's steps in the checklist"), default=KEEP, choices=choices({
        KEEP: _l("Keep them as our own steps, with their ticks, notes and dates"),
        REMOVE: _l("Remove them from the checklist, done ones too"),
    }), validators=[InputRequired(_l("Say what happens to the guide's steps."))])


class SkipForm(Form):
    reason = TextAreaField(
        _l("Why do you skip this step?"), filters=[_no_nul],
        validators=[DataRequired(_l("Say why the step is skipped.")), Length(max=500)],
        description=_l("Shown with the step to everyone, for example: “The housing office agreed "
                       "by phone, no letter needed.” A skipped step does not count in the progress."),
    )
