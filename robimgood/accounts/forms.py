"""Account forms: registration needs only a user name and a password."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from ..forms import Form
from . import services

USERNAME_RE = r"^[\w.-]+$"


class RegisterForm(Form):
    username = StringField(
        _l("User name"),
        validators=[
            DataRequired(),
            Length(min=3, max=32),
            Regexp(USERNAME_RE, message=_l("Use letters, digits, dots, dashes and underscores.")),
        ],
        description=_l("Shown to others unless you set a display name. It need not be your real name."),
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=10, max=200)],
                             description=_l("At least 10 characters."))
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    email = EmailField(
        _l("E-mail (optional)"),
        validators=[Optional(), Email(), Length(max=254)],
        description=_l("Only for notifications you ask for. You can leave it empty."),
    )

    def validate_username(self, field):
        if services.by_username(field.data) is not None:
            raise ValidationError(_l("This user name is taken."))


class LoginForm(Form):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=32)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ProfileForm(Form):
    display_name = StringField(_l("Display name"), validators=[Optional(), Length(max=80)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=80)])
    bio = TextAreaField(_l("About you"), validators=[Optional(), Length(max=2000)])
    skills = StringField(
        _l("Skills"), validators=[Optional(), Length(max=300)],
        description=_l("For example: carpentry, design, law, gardening."),
    )
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)])


class PasswordForm(Form):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(min=10, max=200)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )
