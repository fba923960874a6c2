"""Small helpers shared by every feature's forms, and the base class every form derives from."""

from flask_babel import get_translations, gettext
from flask_wtf import FlaskForm
from flask_wtf.form import _FlaskFormCSRF
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice


class _TranslatedCSRF(_FlaskFormCSRF):
    """Flask-WTF raises its CSRF reasons in English only; our catalog has them (form_messages)."""

    def validate_csrf_token(self, form, field):
        try:
            super().validate_csrf_token(form, field)
        except ValidationError as err:
            raise ValidationError(gettext(err.args[0])) from None


class Form(FlaskForm):
    """A Flask-WTF form whose built-in validator messages come from our catalogs: WTForms ships
    no Belarusian, so its messages are listed in form_messages.py and translated with ours."""

    class Meta:
        csrf_class = _TranslatedCSRF

        def get_translations(self, form):
            return get_translations()


def choices(labels: dict, blank=None) -> list[SelectChoice]:
    """Select options from a {value: label} table, optionally after a blank "any" option."""
    options = [SelectChoice("", blank)] if blank is not None else []
    return options + [SelectChoice(value, label) for value, label in labels.items()]
