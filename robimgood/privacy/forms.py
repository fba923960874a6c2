"""The account deletion form: the password proves it is the owner, the choice says what
happens to what they wrote."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField
from wtforms.validators import DataRequired, InputRequired, Length

from ..forms import Form, choices

CONTENT = {
    "keep": _l("Keep what I wrote, anonymised: my initiatives, updates, comments and stories stay, "
               "shown as from a deleted account; initiatives I organise go to a co-organiser."),
    "delete": _l("Delete what I wrote: the initiatives I alone organise, my updates, comments, "
                 "stories, answers to consultations and drafts."),
}


class DeleteAccountForm(Form):
    content = RadioField(_l("What happens to what you wrote"), choices=choices(CONTENT),
                         validators=[InputRequired(message=_l("Choose what happens to what you wrote."))])
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=200)])
