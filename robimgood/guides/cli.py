"""`robimgood load-guides`: the guides shipped with the app, into the database."""

import click

from ..extensions import db
from . import bp


@bp.cli.command("load-guides")
def load_guides():
    """Load the shipped guides (idempotent; a guide edited on this site keeps its edits)."""
    from .content import load

    counts = load()
    db.session.commit()
    click.echo("guides: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
