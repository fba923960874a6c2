"""Forms for writing guides and their steps, the guide search, and the idea wizard."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, StopValidation
from wtforms.widgets import HiddenInput

from ..forms import Form, choices
from ..initiatives.models import CATEGORIES
from .models import GUIDE_LANGUAGES, GUIDE_STATUSES
from .wizard import QUESTIONS

MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, lists and links.")


class RevisionForm(Form):
    """Carries the revision the editor saw, so that two editors cannot overwrite each other."""

    revision = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class GuideForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=3, max=120)])
    summary = TextAreaField(
        _l("Summary"), validators=[DataRequired(), Length(max=400)],
        description=_l("Who the guide is for and where it leads, in two or three sentences."),
    )
    category = SelectField(_l("Category"), choices=choices(CATEGORIES), validators=[DataRequired()])
    language = SelectField(_l("Language of the guide"), choices=choices(GUIDE_LANGUAGES),
                           validators=[DataRequired()])

    def to_data(self) -> dict:
        return {name: getattr(self, name).data
                for name in ("title", "summary", "category", "language", "status") if name in self}


class GuideEditForm(GuideForm, RevisionForm):
    status = SelectField(
        _l("Status"), choices=choices(GUIDE_STATUSES), validators=[DataRequired()],
        description=_l("Only admins and urbanists see drafts."),
    )


class StepForm(RevisionForm):
    title = StringField(_l("Step"), validators=[DataRequired(), Length(max=160)],
                        description=_l("What is done in this step, in a few words."))
    instructions = TextAreaField(_l("What to do"), validators=[DataRequired(), Length(max=20000)],
                                 description=MARKDOWN_HINT)
    legal_notes = TextAreaField(
        _l("Legal notes"), validators=[Optional(), Length(max=20000)],
        description=_l("What the law says, in general terms: which kind of appeal, to whom, and "
                       "the answer time it sets. Say “usually”, and advise checking the current law."),
    )
    documents = TextAreaField(_l("Documents to prepare"), validators=[Optional(), Length(max=10000)],
                              description=MARKDOWN_HINT)
    contacts = TextAreaField(_l("Whom to contact"), validators=[Optional(), Length(max=10000)],
                             description=MARKDOWN_HINT)
    duration = StringField(_l("Typical duration"), validators=[Optional(), Length(max=80)],
                           description=_l("For example: “one day” or “two to four weeks”."))

    def to_data(self) -> dict:
        return {name: getattr(self, name).data or "" for name in
                ("title", "instructions", "legal_notes", "documents", "contacts", "duration")}


class MoveForm(RevisionForm):
    position = IntegerField(_l("Position"), validators=[
        InputRequired(_l("Say where the step goes.")),
        NumberRange(min=1, message=_l("Positions start at 1.")),
    ])


class TranslateForm(Form):
    language = SelectField(_l("Translate into"), choices=choices(GUIDE_LANGUAGES),
                           validators=[DataRequired()])


class GuideFilterForm(Form):
    """Reads request.args; no CSRF, since searching changes nothing."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), choices=choices(CATEGORIES, _l("All categories")),
                           validators=[Optional()], default="")

    def query_args(self) -> dict:
        return {name: value for name in ("q", "category") if (value := getattr(self, name).data)}


def _one_of(question):
    """An answer must be one of the question's choices; the message says which question."""

    def check(form, field):
        if field.data not in question.choices:
            raise StopValidation(str(_l(
                "“%(answer)s” is not one of the answers to “%(question)s” — choose one below.",
                answer=str(field.data)[:40], question=question.text)))

    return check


class WizardForm(Form):
    """The wizard's answers so far, read from request.args: nothing is written, so GET and no
    CSRF; each page carries the earlier answers in hidden fields. `asked` names the question
    the page asked, so that pressing "Next" without choosing is told apart from arriving."""

    class Meta:
        csrf = False

    asked = HiddenField()

    def answers(self) -> dict[str, str]:
        """The valid answers in question order, up to the first missing one."""
        result = {}
        for question in QUESTIONS:
            field = self[question.name]
            if field.errors or not field.data:
                break
            result[question.name] = field.data
        return result


for _question in QUESTIONS:
    setattr(WizardForm, _question.name, RadioField(
        _question.text, choices=choices(_question.choices), validate_choice=False,
        validators=[Optional(), _one_of(_question)],
    ))
