"""The initiative form, and the filter form shared by the list, the map and the API."""

import math

from flask_babel import lazy_gettext as _l
from wtforms import (
    FloatField,
    HiddenField,
    SelectField,
    SelectMultipleField,
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
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import Form, TownCoordinates, choices
from ..geo import BBoxError, parse_bbox
from .models import CATEGORIES, NEEDS, PRECISIONS, STATUSES

LANGUAGES = {"be": "Беларуская", "ru": "Русский", "en": "English"}
GUIDE_FILTERS = {"yes": _l("Following a guide"), "no": _l("Not following a guide")}
# At least this per cent of the checklist done; initiatives without a checklist never match.
PROGRESS_FILTERS = {"25": _l("A quarter done or more"), "50": _l("Half done or more"),
                    "75": _l("Three quarters done or more"), "100": _l("Every step done")}


def _finite(form, field):
    if field.data is None:
        raise StopValidation()  # not a number: the field already says so
    if not math.isfinite(field.data):
        raise StopValidation(_l("Enter a number."))


class InitiativeForm(TownCoordinates, Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(min=3, max=120)])
    summary = TextAreaField(
        _l("Summary"), validators=[DataRequired(), Length(max=280)],
        description=_l("One or two sentences, up to 280 characters. Shown on the map."),
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=20000)],
        description=_l("Markdown: **bold**, *italic*, lists and links."),
    )
    category = SelectField(_l("Category"), choices=choices(CATEGORIES),
                           validators=[DataRequired()])
    status = SelectField(_l("Status"), choices=choices(STATUSES), default="idea",
                         validators=[DataRequired()])
    city = StringField(_l("City or town"), validators=[DataRequired(), Length(max=80)],
                       render_kw={"list": "towns", "autocomplete": "address-level2"})
    latitude = FloatField(
        _l("Latitude"),
        validators=[InputRequired(_l("Pick the place on the map or type its latitude.")), _finite,
                    NumberRange(min=-90, max=90)],
    )
    longitude = FloatField(
        _l("Longitude"),
        validators=[InputRequired(_l("Pick the place on the map or type its longitude.")), _finite,
                    NumberRange(min=-180, max=180)],
    )
    location_precision = SelectField(
        _l("Who sees the exact place"), default="200m",
        choices=choices({code: label for code, (_, label) in PRECISIONS.items()}),
        description=_l("For a yard or a home, show the public an approximate place; members "
                       "always see the exact one."),
    )
    needs = SelectMultipleField(
        _l("Help needed"), choices=choices(NEEDS), validators=[Optional()],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )
    language = SelectField(_l("Language of the text"), choices=choices(LANGUAGES))

    def to_data(self) -> dict:
        return {
            name: getattr(self, name).data
            for name in ("title", "summary", "description", "category", "status", "city",
                         "latitude", "longitude", "location_precision", "needs", "language")
        }


class FilterForm(Form):
    """Reads request.args; no CSRF, since filtering changes nothing."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), choices=choices(CATEGORIES, _l("All categories")),
                           validators=[Optional()], default="")
    status = SelectField(_l("Status"), choices=choices(STATUSES, _l("Any status")),
                         validators=[Optional()], default="")
    city = StringField(_l("City"), validators=[Optional(), Length(max=80)])
    # Guided initiatives (robimgood.guided): following a guide, and the share of the checklist done.
    guide = SelectField(_l("Guide"), choices=choices(GUIDE_FILTERS, _l("With or without a guide")),
                        validators=[Optional()], default="")
    progress = SelectField(_l("Progress"), choices=choices(PROGRESS_FILTERS, _l("Any progress")),
                           validators=[Optional()], default="")
    bbox = HiddenField(validators=[Optional()])

    def validate_bbox(self, field):
        if field.data:
            try:
                field.bbox = parse_bbox(field.data)
            except BBoxError as err:
                raise ValidationError(str(err)) from None

    NONE = {"q": "", "category": None, "status": None, "city": "", "bbox": None, "guide": None,
            "min_progress": None}  # filters() of an empty form

    def filters(self) -> dict:
        return {
            "q": (self.q.data or "").strip(),
            "category": self.category.data or None,
            "status": self.status.data or None,
            "city": (self.city.data or "").strip(),
            "bbox": getattr(self.bbox, "bbox", None),
            "guide": {"yes": True, "no": False}.get(self.guide.data),
            "min_progress": int(self.progress.data) if self.progress.data else None,
        }

    @classmethod
    def map_filters(cls, args, extra: frozenset = frozenset()) -> dict | None:
        """filters() for what the map itself sends (a valid bbox, perhaps a category and a
        status, and the extra names the caller reads), read without building the form: that
        is a third of the map's hot path in Python. None for anything else, valid or not:
        then the form reads and, if need be, explains."""
        if not args.keys() <= {"bbox", "category", "status"} | extra:
            return None
        category, status = args.get("category", ""), args.get("status", "")
        if (category and category not in CATEGORIES) or (status and status not in STATUSES):
            return None
        try:
            box = parse_bbox(args.get("bbox", ""))
        except BBoxError:
            return None
        return {**cls.NONE, "category": category or None, "status": status or None, "bbox": box}

    def query_args(self) -> dict:
        """The active filters as URL parameters, for pagination links."""
        return {k: v for k in ("q", "category", "status", "city", "guide", "progress", "bbox")
                if (v := getattr(self, k).data)}
