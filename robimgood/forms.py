"""Small helpers shared by every feature's forms."""

from wtforms.fields.choices import SelectChoice


def choices(labels: dict, blank=None) -> list[SelectChoice]:
    """Select options from a {value: label} table, optionally after a blank "any" option."""
    options = [SelectChoice("", blank)] if blank is not None else []
    return options + [SelectChoice(value, label) for value, label in labels.items()]
