"""Small helpers shared by every feature's forms, and the base class every form derives from."""

from flask_babel import get_translations, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _FlaskFormCSRF
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice

from .geo import towns


class _TranslatedCSRF(_FlaskFormCSRF):
    """Flask-WTF raises its CSRF reasons in English only; our catalog has them (form_messages)."""

    def validate_csrf_token(self, form, field):
        try:
            super().validate_csrf_token(form, field)
        except ValidationError as err:
            raise ValidationError(gettext(err.args[0])) from None


class _Catalogs:
    """Our catalogs for WTForms, in the locale of the moment. WTForms asks for translations as
    it builds a form; choosing the locale may read the session and load the account, which a
    valid form (the map's filters, on every map request) never needs: so only a message that
    is shown chooses it."""

    def gettext(self, string):
        return get_translations().gettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ngettext(singular, plural, n)


class Form(FlaskForm):
    """A Flask-WTF form whose built-in validator messages come from our catalogs: WTForms ships
    no Belarusian, so its messages are listed in form_messages.py and translated with ours."""

    class Meta:
        csrf_class = _TranslatedCSRF
        _catalogs = _Catalogs()

        def get_translations(self, form):
            return self._catalogs


def choices(labels: dict, blank=None) -> list[SelectChoice]:
    """Select options from a {value: label} table, optionally after a blank "any" option."""
    options = [SelectChoice("", blank)] if blank is not None else []
    return options + [SelectChoice(value, label) for value, label in labels.items()]


class TownCoordinates:
    """Form mixin: both coordinates left empty and a town we know typed instead, the town's centre
    is the place. Without JavaScript there is no map to click, and few people know coordinates."""

    town_fields = ("city", "latitude", "longitude")  # the town's name, latitude, longitude

    def validate(self, extra_validators=None):
        name, *coordinates = (self[n] for n in self.town_fields)
        typed = any((f.raw_data or [""])[0].strip() for f in coordinates)
        town = None if typed or not name.data else towns.find(name.data)
        if town is not None:
            for field, value in zip(coordinates, (town.lat, town.lon), strict=True):
                field.raw_data, field.data, field.process_errors = [str(value)], value, []
        valid = super().validate(extra_validators)
        if not typed and name.data and town is None:
            name.errors.append(_l("We do not know where this town is: type its coordinates."))
            return False
        return valid
