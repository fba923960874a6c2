"""Consultation forms: asking, writing, closing, publishing; the queue, answers and directory
filters (which read request.args, without CSRF); an urbanist's settings."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import Form, choices
from .models import LANGUAGES, TOPICS

MAX_TEXT = 5000


class AskForm(Form):
    topic = SelectField(_l("Topic"), choices=choices(TOPICS, _l("Choose the kind of expert")),
                        validators=[DataRequired(_l("Choose a topic."))])
    question = TextAreaField(
        _l("Your question"), validators=[DataRequired(), Length(min=10, max=MAX_TEXT)],
        description=_l("Markdown: **bold**, *italic*, lists and links. Leave out names, addresses "
                       "and anything else that could show who you are, unless you want it known."),
    )
    city = StringField(_l("City or town (optional)"), validators=[Optional(), Length(max=80)])
    language = SelectField(_l("Answer me in"), choices=choices(LANGUAGES),
                           validators=[DataRequired()])
    # Only for signed-in askers; the view removes these fields for everyone else.
    initiative = SelectField(
        _l("About one of my initiatives (optional)"), validators=[Optional()], choices=[],
        description=_l("The urbanist who takes the question sees the initiative, and so who "
                       "organises it."),
    )
    show_name = BooleanField(_l("Show my display name to the urbanist who takes the question"))
    anonymous = BooleanField(
        _l("Ask anonymously"),
        description=_l("The question is not linked to your account; you get a secret link to "
                       "follow it instead."),
    )

    def validate_initiative(self, field):
        if field.data and self.anonymous.data:
            raise ValidationError(_l("An anonymous question cannot name your initiative: it would "
                                     "show who asked."))

    def validate_show_name(self, field):
        if field.data and self.anonymous.data:
            raise ValidationError(_l("An anonymous question cannot show your name."))


class MessageForm(Form):
    body = TextAreaField(_l("Your message"), validators=[DataRequired(), Length(max=MAX_TEXT)],
                         description=_l("Markdown: **bold**, *italic*, lists and links."))


class CloseForm(Form):
    helped = RadioField(_l("Did the answer help?"), validators=[Optional()],
                        choices=choices({"yes": _l("Yes, it helped"), "no": _l("No, it did not")}))


class ConsentForm(Form):
    consent = SelectField(choices=choices({"yes": "yes", "no": "no"}), validators=[InputRequired()])


class PublishForm(Form):
    question = TextAreaField(
        _l("Question, as the public will read it"),
        validators=[DataRequired(), Length(min=10, max=MAX_TEXT)],
        description=_l("Remove names, addresses, dates and anything else that could identify the "
                       "asker."),
    )
    answer = TextAreaField(_l("Answer"), validators=[DataRequired(), Length(max=4 * MAX_TEXT)])
    city = StringField(_l("City or town (optional)"), validators=[Optional(), Length(max=80)],
                       description=_l("Leave it empty when a small place could point to the asker."))


class QueueFilterForm(Form):
    """Reads request.args; no CSRF, since filtering changes nothing."""

    class Meta:
        csrf = False

    topic = SelectField(_l("Topic"), validators=[Optional()], default="",
                        choices=choices({"all": _l("All topics"), **TOPICS}, _l("My specialties")))
    language = SelectField(_l("Language"), choices=choices(LANGUAGES, _l("Any language")),
                           validators=[Optional()], default="")
    city = StringField(_l("City"), validators=[Optional(), Length(max=80)])

    def topics(self, mine: list[str]) -> list[str] | None:
        """The topics to show: the urbanist's own by default, every topic for "all"."""
        if self.topic.data == "all":
            return None
        return [self.topic.data] if self.topic.data else (mine or None)

    def query_args(self) -> dict:
        return {k: v for k in ("topic", "language", "city") if (v := getattr(self, k).data)}


class AnswersFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    topic = SelectField(_l("Topic"), choices=choices(TOPICS, _l("All topics")),
                        validators=[Optional()], default="")

    def query_args(self) -> dict:
        return {k: v for k in ("q", "topic") if (v := getattr(self, k).data)}


class UrbanistFilterForm(Form):
    class Meta:
        csrf = False

    specialty = SelectField(_l("Specialty"), choices=choices(TOPICS, _l("All specialties")),
                            validators=[Optional()], default="")
    language = SelectField(_l("Language"), choices=choices(LANGUAGES, _l("Any language")),
                           validators=[Optional()], default="")


class UrbanistSettingsForm(Form):
    languages = SelectMultipleField(
        _l("Languages I answer in"), choices=choices(LANGUAGES), validators=[Optional()],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )
    cities = StringField(_l("Cities I know well"), validators=[Optional(), Length(max=200)],
                         description=_l("Separated by commas. Shown on your public profile."))
    paused = BooleanField(_l("Pause: take no new requests for now"),
                          description=_l("You get no notices of new requests and cannot take one "
                                         "until you clear this."))
