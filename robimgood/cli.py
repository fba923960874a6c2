"""The `robimgood` command: Flask's CLI (run, db upgrade, …) plus our own commands."""

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup

from .extensions import db


def main() -> None:
    from . import create_app

    FlaskGroup(create_app=create_app, help="Robim Good: the Map of Initiatives.")(prog_name="robimgood")


def _read_password(prompt: bool) -> str:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=prompt)
    if len(password) < 10:
        raise click.ClickException("the password must have at least 10 characters")
    return password


def register(app: Flask) -> None:
    from .accounts import services as accounts
    from .accounts.models import SPECIALTIES

    @app.cli.command("create-admin")
    @click.argument("username")
    def create_admin(username):
        """Create an admin account (the password is asked, or read from stdin)."""
        if accounts.by_username(username) is not None:
            raise click.ClickException(f"user {username!r} exists; use grant-role to promote")
        user = accounts.register(username, _read_password(True))
        accounts.grant_role(user, "admin")
        db.session.commit()
        click.echo(f"admin {username} created")

    @app.cli.command("grant-role")
    @click.argument("username")
    @click.argument("role", type=click.Choice(["admin", "moderator", "urbanist"]))
    @click.option("--specialty", "specialties", multiple=True, type=click.Choice(list(SPECIALTIES)),
                  help="An urbanist's specialty; repeat for several.")
    def grant_role(username, role, specialties):
        """Give a user the admin, moderator or urbanist role."""
        user = accounts.by_username(username)
        if user is None:
            raise click.ClickException(f"no user {username!r}")
        if role == "urbanist" and not specialties and not user.specialties:
            raise click.ClickException("an urbanist needs at least one --specialty")
        accounts.grant_role(user, role, list(specialties))
        db.session.commit()
        click.echo(f"{username}: {', '.join(user.roles)} {' '.join(user.specialty_codes)}".strip())

    @app.cli.command("delete-account")
    @click.argument("username")
    @click.option("--content", type=click.Choice(["keep", "delete"]), required=True,
                  help="keep: what they wrote stays, anonymised; delete: it goes too.")
    def delete_account(username, content):
        """Delete an account as its owner could (for a request by other means)."""
        from .privacy import services as privacy

        user = accounts.by_username(username)
        if user is None:
            raise click.ClickException(f"no user {username!r}")
        privacy.delete_account(user, keep_content=content == "keep")
        db.session.commit()
        click.echo(f"{username} deleted ({content} content)")

    @app.cli.command("demo")
    @click.option("--once", is_flag=True, help="Do nothing if the database has any account.")
    @click.option("--initiatives", "synthetic", type=click.IntRange(min=1),
                  help="Instead, bulk-load this many synthetic initiatives (for benchmarks).")
    def demo(once, synthetic):
        """Load the demo data set (idempotent: running it again changes nothing)."""
        from .demo import load
        from .guides.content import load as load_guides

        if synthetic:
            import time

            from .demo import bulk

            start = time.perf_counter()
            phases = bulk.load(synthetic)
            db.session.commit()
            click.echo(f"{synthetic} synthetic initiatives in {time.perf_counter() - start:.1f} s "
                       f"({', '.join(f'{k} {v} s' for k, v in phases.items())})")
            return

        if once and db.session.scalar(db.select(db.func.count()).select_from(
                accounts.User)):
            click.echo("the database has data already; demo data not loaded")
            return
        counts = load()
        counts["guides"] = load_guides()["created"]
        db.session.commit()
        click.echo("demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
