"""Community forms: updates, the checklist, comments, stories, saved areas and status."""

import math

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from .. import geo
from ..forms import Form, TownCoordinates, choices
from ..initiatives.models import STATUSES
from .models import RADIUS_MAX_M, RADIUS_MIN_M, ROLES

MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, lists and links.")


def _no_nul(text):
    """PostgreSQL refuses NUL characters in text; nobody types them, so they simply go."""
    return text.replace("\x00", "") if isinstance(text, str) else text


class _Form(Form):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", ())
            return unbound_field.bind(form=form, filters=[_no_nul, *filters], **options)


def _finite(form, field):
    if field.data is None:
        raise StopValidation()  # not a number: the field already says so
    if not math.isfinite(field.data):
        raise StopValidation(_l("Enter a number."))


class UpdateForm(_Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=3, max=120)])
    body = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=20000)],
                         description=MARKDOWN_HINT)


class MilestoneForm(_Form):
    title = StringField(_l("Step"), validators=[DataRequired(), Length(max=200)],
                        description=_l("For example: collect signatures, get the permit, plant."))
    due_date = DateField(_l("Due date (optional)"), validators=[Optional()])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)])

    def to_data(self) -> dict:
        return {"title": self.title.data, "due_date": self.due_date.data, "note": self.note.data}


class CommentForm(_Form):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=5000)],
                         description=MARKDOWN_HINT)
    update_id = HiddenField()
    parent_id = HiddenField()

    def _id(self, field, message):
        if not field.data:
            return None
        if not field.data.isdigit() or len(field.data) > 18:
            raise ValidationError(message)
        return int(field.data)

    def validate_update_id(self, field):
        field.number = self._id(field, _l("This update does not exist."))

    def validate_parent_id(self, field):
        field.number = self._id(field, _l("This comment does not exist."))


class StoryForm(_Form):
    worked = TextAreaField(_l("What worked"), validators=[DataRequired(), Length(max=20000)],
                           description=MARKDOWN_HINT)
    did_not_work = TextAreaField(_l("What did not work"), validators=[Optional(), Length(max=20000)],
                                 description=MARKDOWN_HINT)
    cost = TextAreaField(_l("What it cost"), validators=[Optional(), Length(max=2000)],
                         description=_l("Money, materials, hours of work: whatever helps others plan."))

    def to_data(self) -> dict:
        return {"worked": self.worked.data, "did_not_work": self.did_not_work.data,
                "cost": self.cost.data}


class StatusForm(Form):
    status = SelectField(_l("Status"), choices=choices(STATUSES), validators=[DataRequired()])


class ListingForm(Form):
    listed = BooleanField(_l("Show my name on this initiative's page"))


class ApprovalForm(Form):
    approval_required = BooleanField(_l("Organisers accept new members by hand"))


class RoleForm(Form):
    role = SelectField(choices=choices(ROLES), validators=[DataRequired()])


class AreaFields(TownCoordinates):
    """A circle on the ground: the centre and the radius, checked so that its box can be indexed;
    the centre may be a town's (typed without coordinates)."""

    town_fields = ("town", "lat", "lon")
    town = StringField(
        _l("Or a town"), validators=[Optional(), Length(max=80)],
        render_kw={"list": "towns", "autocomplete": "address-level2"},
        description=_l("Leave the coordinates empty and type a Belarusian town or city: its "
                       "centre is used."))
    lat = FloatField(
        _l("Latitude"),
        validators=[InputRequired(_l("Pick the centre on the map or type its latitude.")), _finite,
                    NumberRange(min=-90, max=90)])
    lon = FloatField(
        _l("Longitude"),
        validators=[InputRequired(_l("Pick the centre on the map or type its longitude.")), _finite,
                    NumberRange(min=-180, max=180)])
    radius_m = IntegerField(
        _l("Radius in metres"), default=1000,
        validators=[InputRequired(_l("Enter the radius in metres.")),
                    NumberRange(min=RADIUS_MIN_M, max=RADIUS_MAX_M,
                                message=_l("The radius must be from %(min)d to %(max)d metres.",
                                           min=RADIUS_MIN_M, max=RADIUS_MAX_M))],
        description=_l("From 100 m (a yard) to 20 000 m (a whole town)."))

    def validate_radius_m(self, field):
        if field.errors or self.lat.errors or self.lon.errors or None in (
                self.lat.data, self.lon.data, field.data):
            return
        try:
            geo.circle_bbox(self.lon.data, self.lat.data, field.data)
        except geo.CircleError as err:
            if err.reason == "pole":
                raise ValidationError(_l("This area would reach a pole. Pick a centre further "
                                         "from it or a smaller radius.")) from None
            raise ValidationError(_l("This area would cross the 180th meridian. Pick a centre "
                                     "further from it or a smaller radius.")) from None


class AreaForm(AreaFields, _Form):
    label = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=80)],
                        description=_l("Only you see it, for example “home” or “school”."))


class AreaFeedForm(AreaFields, Form):
    """The area of a feed, read from request.args; no CSRF, since reading changes nothing."""

    class Meta:
        csrf = False
