"""Small helpers shared by every feature's forms."""

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from .geo import towns


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
