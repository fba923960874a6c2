"""`robimgood export` and `robimgood import`: the public data set out, another tool's map in."""

import os
import sys
import tempfile
from pathlib import Path

import click

from ..accounts import services as accounts
from ..extensions import db
from ..initiatives import services as initiatives
from ..initiatives.models import CATEGORIES, PRECISIONS
from . import bp, importer, services
from .readers import FileError


@bp.cli.command("export")
@click.option("--format", "fmt", type=click.Choice(list(services.FORMATS)), default="geojson",
              show_default=True, help="GeoJSON FeatureCollection or CSV with a header row.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file (replaced only once complete) instead of standard output.")
@click.option("--base-url", default="", metavar="URL",
              help="Make initiative links absolute, e.g. https://robimgood.example.")
def export_command(fmt, output, base_url):
    """Export every initiative's public fields (the public point, never the exact place)."""
    chunks = services.export(initiatives.filtered(), fmt, base_url)
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    # A failed export must not leave half a file where a good one may have been.
    handle, temporary = tempfile.mkstemp(dir=output.resolve().parent, prefix=f".{output.name}.")
    try:
        with os.fdopen(handle, "wb") as target:
            for chunk in chunks:
                target.write(chunk)
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    click.echo(f"exported to {output}", err=True)


@bp.cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--owner", required=True, metavar="NAME",
              help="The account that organises the imported initiatives.")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv", "kml"]),
              help="The file's format, if its name does not say (.geojson .json .csv .kml .kmz).")
@click.option("--precision", type=click.Choice(list(PRECISIONS)), default="200m", show_default=True,
              help="How approximately the public sees the places; a row may ask for coarser.")
@click.option("--default-category", type=click.Choice(list(CATEGORIES)),
              help="For rows whose category (or layer) is missing or not one of ours.")
@click.option("--default-city", default="", help="For rows without a city.")
@click.option("--language", type=click.Choice(["be", "ru", "en"]), default="be", show_default=True,
              help="The language of the texts, for rows that do not say.")
@click.option("--source", metavar="NAME",
              help="Names this map in the initiatives' external ids (default: the file's name); "
                   "use the same one to update a map imported before.")
@click.option("--skip-invalid", is_flag=True, help="Import the good rows even if some are bad.")
@click.option("--dry-run", is_flag=True, help="Check and count, but write nothing.")
def import_command(file, owner, fmt, precision, default_category, default_city, language, source,
                   skip_invalid, dry_run):
    """Import initiatives from GeoJSON (uMap…), CSV with latitude and longitude columns
    (spreadsheets), or KML/KMZ (Google My Maps). Everything is checked first; a bad row stops
    the import unless --skip-invalid. Importing the same map again updates it."""
    account = accounts.by_username(owner)
    if account is None:
        raise click.ClickException(f"no user {owner!r}; create the account first")
    options = importer.Options(
        source=importer.source_name(source or file.stem),
        precision=precision, default_category=default_category,
        default_city=default_city.strip(), language=language)
    try:
        with click.progressbar(length=file.stat().st_size, label="Checking", file=sys.stderr) as bar:
            report = importer.check(file, options, fmt, on_bytes=bar.update)
    except FileError as err:
        raise click.ClickException(f"{file.name}: {err} Nothing was imported.") from None
    if report.ignored:
        click.echo(f"columns not imported: {', '.join(report.ignored)}", err=True)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.problem_count > len(report.problems):
        click.echo(f"… and {report.problem_count - len(report.problems)} more problems", err=True)
    if report.problem_count and not skip_invalid:
        raise click.ClickException(
            f"{report.problem_count} of {report.total} records have problems; nothing was "
            "imported. Fix them, or use --skip-invalid to import the others.")
    if not report.valid:
        raise click.ClickException("no record can be imported; nothing was imported.")
    try:
        with click.progressbar(length=report.valid, label="Importing", file=sys.stderr) as bar:
            importer.run(file, report, options, account, dry_run=dry_run, on_row=bar.update)
    except FileError as err:  # the file changed between the two passes
        db.session.rollback()
        raise click.ClickException(f"{file.name}: {err} Nothing was imported.") from None
    except BaseException:
        db.session.rollback()
        raise
    summary = (f"{report.created} new, {report.updated} updated, {report.unchanged} unchanged, "
               f"{report.problem_count} skipped")
    if dry_run:
        db.session.rollback()
        click.echo(f"dry run, nothing written: would be {summary}")
    else:
        db.session.commit()
        click.echo(f"imported {file.name} as {options.source}: {summary}")
