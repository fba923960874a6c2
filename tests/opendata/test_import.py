"""Import: real-world-shaped maps (uMap GeoJSON, Google My Maps KML, a spreadsheet CSV) with
good and bad rows; everything checked before anything is written; idempotent re-import."""

import json
import zipfile

import pytest
from geoalchemy2.shape import to_shape
from sqlalchemy import select

from robimgood import geo
from robimgood.community import lifecycle
from robimgood.community.models import Membership, StatusChange
from robimgood.initiatives.models import Initiative
from robimgood.opendata import importer

UMAP_PROBLEMS = [
    "feature 3: it is a LineString, not a point; only points can be imported",
    "feature 4: its latitude 93.2 is out of range (−90 to 90)",
    "feature 5: unknown category “Parking”",
    "feature 6: it has no title",
]
KML_PROBLEMS = [
    "placemark 3: it is a LineString, not a point; only points can be imported",
    "placemark 5: it has no category and its layer “Розныя” is not one of ours",
    "placemark 6: its longitude 223.74 is out of range (−180 to 180)",
]
CSV_PROBLEMS = [
    "line 6: it has no title",
    "line 7: unknown status “Невядома”",
    "line 8: its latitude “abc” is not a number",
    "line 9: its longitude 191.5 is out of range (−180 to 180)",
]
FIXTURES = [("umap_minsk.geojson", UMAP_PROBLEMS, 7), ("mymaps_brest.kml", KML_PROBLEMS, 6),
            ("spreadsheet_homiel.csv", CSV_PROBLEMS, 7)]


def imported(db) -> dict[str, Initiative]:
    return {i.title: i for i in db.session.scalars(
        select(Initiative).where(Initiative.external_id.like("import:%")))}


@pytest.mark.parametrize("name, problems, total", FIXTURES)
def test_bad_rows_are_reported_and_nothing_is_written(cli, count, owner, fixture_path, name,
                                                      problems, total):
    before = count()
    result = cli("import", fixture_path(name), "--owner", owner.username)
    assert result.exit_code == 1
    for problem in problems:
        assert problem in result.output
    assert f"{len(problems)} of {total} records have problems; nothing was imported" in result.output
    assert count() == before


@pytest.mark.parametrize("name, problems, total", FIXTURES)
def test_a_dry_run_reports_and_writes_nothing(cli, count, owner, fixture_path, name, problems,
                                              total):
    before = count()
    result = cli("import", fixture_path(name), "--owner", owner.username, "--dry-run",
                 "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert (f"dry run, nothing written: would be {total - len(problems)} new, 0 updated, "
            f"0 unchanged, {len(problems)} skipped") in result.output
    assert count() == before


def test_umap_geojson_good_features_become_initiatives(cli, db, owner, fixture_path):
    result = cli("import", fixture_path("umap_minsk.geojson"), "--owner", owner.username,
                 "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "imported umap_minsk.geojson as umap-minsk: 3 new, 0 updated, 0 unchanged, 4 skipped" \
        in result.output
    made = imported(db)
    assert set(made) == {"Сквер на Кастрычніцкай", "Веладарожка па Сурганава",
                         "Дзіцячая пляцоўка ў Малінаўцы"}
    square = made["Сквер на Кастрычніцкай"]
    assert (square.category, square.status, square.city) == ("green", "in_progress", "Мінск")
    assert square.description.startswith("Садзім ліпы і клёны ўздоўж дарожкі.\n\nСустракаемся")
    assert square.summary.startswith("Садзім ліпы") and len(square.summary) <= 280
    assert square.external_id == "import:umap-minsk:Mjk4NzE"
    # The exact place is kept for members; the public sees it snapped to 200 m (the default).
    assert square.lon_lat == (27.561486, 53.902284)
    assert square.location_precision == "200m"
    assert square.public_lon_lat == geo.snap(27.561486, 53.902284, 200)
    assert made["Дзіцячая пляцоўка ў Малінаўцы"].category == "children_sport"
    assert made["Дзіцячая пляцоўка ў Малінаўцы"].status == "done"
    assert made["Веладарожка па Сурганава"].status == "idea"


def test_imported_initiatives_belong_to_the_owner_like_any_other(cli, db, owner, fixture_path,
                                                                  make_user):
    cli("import", fixture_path("umap_minsk.geojson"), "--owner", owner.username, "--skip-invalid")
    for initiative in imported(db).values():
        assert initiative.organiser_id == owner.id
        assert lifecycle.is_organiser(owner, initiative)
        assert not lifecycle.is_organiser(make_user(), initiative)
        (membership,) = db.session.scalars(
            select(Membership).where(Membership.initiative_id == initiative.id))
        assert membership.user_id == owner.id and membership.is_organiser
        (change,) = db.session.scalars(
            select(StatusChange).where(StatusChange.initiative_id == initiative.id))
        assert change.new_status == initiative.status


def test_my_maps_kml_uses_layers_extended_data_and_html_descriptions(cli, db, owner, fixture_path):
    result = cli("import", fixture_path("mymaps_brest.kml"), "--owner", owner.username,
                 "--skip-invalid")
    assert result.exit_code == 0, result.output
    made = imported(db)
    assert set(made) == {"Яблыневы сад на Гогаля", "Кветнік каля школы № 5", "Пандус у паліклініцы"}
    orchard = made["Яблыневы сад на Гогаля"]
    assert (orchard.category, orchard.status, orchard.city) == ("green", "planning", "Брэст")
    assert orchard.description == ("Садзім яблыні ў двары.\nПатрэбны рыдлёўкі & рукавіцы.\n\n"
                                   "горад: Брэст")
    assert orchard.lon_lat == (23.6925, 52.0931)
    flowers = made["Кветнік каля школы № 5"]
    assert flowers.category == "green" and flowers.summary == "Кветнік каля школы № 5"
    ramp = made["Пандус у паліклініцы"]
    # The placemark asks for 1 km, coarser than the default 200 m: it gets 1 km.
    assert ramp.category == "accessibility" and ramp.location_precision == "1km"


def test_spreadsheet_csv_with_semicolons_decimal_commas_and_a_bom(cli, db, owner, fixture_path):
    result = cli("import", fixture_path("spreadsheet_homiel.csv"), "--owner", owner.username,
                 "--skip-invalid", "--language", "be")
    assert result.exit_code == 0, result.output
    made = imported(db)
    assert set(made) == {"Прыбіранне берага Сажа", "Лаўкі ў сквэры", "Веластаянка ля бібліятэкі"}
    shore = made["Прыбіранне берага Сажа"]
    assert shore.lon_lat == (30.9754, 52.4345)
    assert shore.category == "waste" and shore.status == "idea" and shore.language == "be"
    assert shore.needs == ["materials", "volunteers"]
    assert shore.description == "Штогадовая талака; бярэм пакеты і рукавіцы.\nЗбор ля пляжа."
    assert made["Лаўкі ў сквэры"].needs == ["money"]
    assert "columns not imported: №" in result.output  # the row numbers are the sheet's own
    assert made["Веластаянка ля бібліятэкі"].status == "done"


def test_reimport_updates_instead_of_duplicating(cli, db, count, owner, tmp_path, fixture_path):
    source = json.loads(fixture_path("umap_minsk.geojson").read_text())
    source["features"] = [f for f in source["features"] if f["id"] in ("Mjk4NzE", "MzA1NjI")]
    path = tmp_path / "our-map.geojson"
    path.write_text(json.dumps(source, ensure_ascii=False))
    first = cli("import", path, "--owner", owner.username)
    assert "2 new, 0 updated, 0 unchanged" in first.output
    after_first = count()

    again = cli("import", path, "--owner", owner.username)
    assert "0 new, 0 updated, 2 unchanged" in again.output and count() == after_first

    # The group renamed one place and moved the other in uMap, then exported again.
    source["features"][0]["properties"]["name"] = "Сквер на Кастрычніцкай вуліцы"
    source["features"][1]["geometry"]["coordinates"] = [27.6, 53.92]
    source["features"][1]["properties"]["status"] = "done"
    path.write_text(json.dumps(source, ensure_ascii=False))
    changed = cli("import", path, "--owner", owner.username)
    assert "0 new, 2 updated, 0 unchanged" in changed.output and count() == after_first
    made = imported(db)
    assert "Сквер на Кастрычніцкай вуліцы" in made
    lane = made["Веладарожка па Сурганава"]
    assert lane.lon_lat == (27.6, 53.92) and lane.status == "done"
    statuses = db.session.scalars(select(StatusChange.new_status).where(
        StatusChange.initiative_id == lane.id).order_by(StatusChange.id)).all()
    assert statuses == ["idea", "done"]  # the update went through the services: on the timeline


def test_records_without_ids_are_known_by_title_and_place(cli, count, owner, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,lat,lon,category\nBench,53.9,27.5,public_space\nTrees,53.8,27.4,green\n")
    assert "2 new" in cli("import", path, "--owner", owner.username).output
    assert "2 unchanged" in cli("import", path, "--owner", owner.username).output
    # Another file name is another map, unless --source names the same one.
    other = tmp_path / "copy.csv"
    other.write_bytes(path.read_bytes())
    assert "2 unchanged" in cli("import", other, "--owner", owner.username, "--source", "list").output


def test_two_rows_for_the_same_initiative_are_a_problem(cli, count, owner, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("id;name;lat;lon;category\n7;Bench;53.9;27.5;green\n7;Bench again;53.9;27.5;green\n")
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 1
    assert "line 3: it is the same initiative as line 2" in result.output


def test_default_category_city_and_precision(cli, db, owner, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("title,latitude,longitude,category\nClean the river bank,53.9,27.5,\n"
                    "Mystery spot,53.8,27.4,Parking\n")
    result = cli("import", path, "--owner", owner.username, "--default-category", "other",
                 "--default-city", "Minsk", "--precision", "1km")
    assert result.exit_code == 0, result.output
    made = imported(db)
    assert {i.category for i in made.values()} == {"other"}
    assert {i.city for i in made.values()} == {"Minsk"}
    bank = made["Clean the river bank"]
    assert bank.location_precision == "1km"
    assert bank.public_lon_lat == geo.snap(27.5, 53.9, 1000)


def test_an_unknown_owner_is_refused_before_reading(cli, count, fixture_path):
    result = cli("import", fixture_path("umap_minsk.geojson"), "--owner", "nobody")
    assert result.exit_code == 1 and "no user 'nobody'" in result.output


def test_progress_is_reported_row_by_row(app, db, owner, fixture_path):
    options = importer.Options(source="umap", default_category="other")
    path = fixture_path("umap_minsk.geojson")
    read = []
    report = importer.check(path, options, on_bytes=read.append)
    assert sum(read) == path.stat().st_size
    rows = []
    importer.run(path, report, options, owner, on_row=rows.append)
    assert len(rows) == report.valid == 4 and report.created == 4


def test_kmz_from_my_maps(cli, db, owner, fixture_path, tmp_path):
    path = tmp_path / "brest.kmz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", fixture_path("mymaps_brest.kml").read_bytes())
        archive.writestr("images/icon-1.png", b"\x89PNG not really")
    result = cli("import", path, "--owner", owner.username, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output and len(imported(db)) == 3


def test_imported_exact_place_stays_private(cli, client, owner, tmp_path):
    path = tmp_path / "homes.csv"
    path.write_text("name,lat,lon,category\nGarden behind our block,53.9087654,27.5612345,green\n")
    assert cli("import", path, "--owner", owner.username).exit_code == 0
    body = client.get("/api/initiatives.geojson").data.decode()
    assert "Garden behind our block" in body
    assert "27.561234" not in body and "53.908765" not in body


def test_round_trip_export_import_gives_the_same_public_data(cli, db, client, make_user,
                                                             make_initiative, owner, tmp_path):
    """Export, empty the site, import the export: exporting again gives the same public data
    (new ids aside, and the progress, which belongs to a checklist that is not exported)."""
    people = make_user()
    for n, (precision, status) in enumerate([("exact", "idea"), ("200m", "done"),
                                             ("1km", "in_progress"), ("200m", "paused")]):
        make_initiative(people, title=f"Initiative number {n}", status=status,
                        location_precision=precision, longitude=27.5 + n / 7, latitude=53.9 - n / 9,
                        city=["Мінск", "Brest", "", "Гомель"][n], needs=["money"] if n % 2 else [],
                        summary=f"=Summary {n}, with a comma", language=["be", "ru", "en", "be"][n],
                        description=f"Line one\n\n**Line** {n}; \"quoted\"")

    def public(body: bytes, fmt: str) -> list:
        if fmt == "geojson":
            rows = [{**f["properties"], "lon": f["geometry"]["coordinates"][0],
                     "lat": f["geometry"]["coordinates"][1]}
                    for f in json.loads(body)["features"]]
        else:
            import csv
            import io
            rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        for row in rows:
            for name in ("id", "url", "updated_at", "progress"):
                row.pop(name)
        return sorted(rows, key=lambda r: r["title"])

    for fmt in ("geojson", "csv"):
        before = client.get(f"/api/initiatives.{fmt}").data
        path = tmp_path / f"site.{fmt}"
        path.write_bytes(before)
        for initiative in db.session.scalars(select(Initiative)):
            db.session.delete(initiative)
        db.session.commit()
        result = cli("import", path, "--owner", owner.username, "--precision", "exact")
        assert result.exit_code == 0, result.output
        assert "4 new" in result.output
        after = client.get(f"/api/initiatives.{fmt}").data
        assert public(after, fmt) == public(before, fmt)
        assert len(public(before, fmt)) == 4


def test_imported_rows_are_written_through_a_flat_session(app, db, owner, tmp_path, monkeypatch):
    """Long imports flush and forget rows every BATCH, so memory does not grow with the file."""
    monkeypatch.setattr(importer, "BATCH", 3)
    path = tmp_path / "ten.csv"
    path.write_text("name,lat,lon,category\n" + "".join(
        f"Place number {n},53.{n},27.{n},green\n" for n in range(10)))
    options = importer.Options(source="ten")
    report = importer.run(path, importer.check(path, options), options, owner)
    db.session.commit()
    assert report.created == 10
    assert len(db.session.identity_map) < 10
    assert len(imported(db)) == 10
    assert all(to_shape(i.location).y >= 53 for i in imported(db).values())


def test_kml_schema_data_as_google_earth_writes_it(cli, db, owner, tmp_path):
    path = tmp_path / "earth.kml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        '<Document><Schema name="projects" id="projects"><SimpleField name="category" type="string"/>'
        '</Schema><Placemark id="pm-17"><name>Shade trees</name><ExtendedData>'
        '<SchemaData schemaUrl="#projects"><SimpleData name="category">Трэсы</SimpleData>'
        '<SimpleData name="Category">green</SimpleData><SimpleData name="city">Pinsk</SimpleData>'
        '<SimpleData name="needs">volunteers|money</SimpleData></SchemaData></ExtendedData>'
        '<Point><coordinates>26.1,52.11</coordinates></Point></Placemark></Document></kml>')
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 1 and "placemark 1: unknown category “Трэсы”" in result.output
    path.write_text(path.read_text().replace("Трэсы", ""))
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 0, result.output
    (trees,) = imported(db).values()
    assert (trees.category, trees.city, trees.needs) == ("green", "Pinsk", ["money", "volunteers"])
    assert trees.external_id == "import:earth:pm-17"
