"""Bad input: files that are not what they say, broken encodings, impossible coordinates,
empty and huge files, XML bombs. Each gets a clear report, and nothing is half-written."""

import json
import time

import pytest

from robimgood.opendata import importer, readers
from robimgood.opendata.readers import FileError

GOOD_CSV = "name,lat,lon,category\nBench,53.9,27.5,green\n"


@pytest.fixture
def write(tmp_path):
    def make(name: str, content: str | bytes):
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return make


@pytest.fixture
def refused(cli, count, owner):
    """refused(path, *options) -> the message of an import that must fail and write nothing."""

    def run(path, *options):
        before = count()
        result = cli("import", path, "--owner", owner.username, *options)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert count() == before
        return result.output

    return run


@pytest.mark.parametrize("name, content, message", [
    ("map.geojson", GOOD_CSV, "The file should be GEOJSON (from its name) but it holds plain text."),
    ("map.csv", '{"type": "FeatureCollection", "features": []}',
     "should be CSV (from its name) but it holds JSON"),
    ("map.kml", '{"type": "FeatureCollection"}', "should be KML (from its name) but it holds JSON"),
    ("map.kml", "<!DOCTYPE html><html><body>Sign in to Google</body></html>", "a web page (HTML)"),
    ("map.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is binary"),
    ("map.kml", '<?xml version="1.0"?><gpx version="1.1"><wpt lat="1" lon="2"/></gpx>',
     "The XML file is not KML: its root element is <gpx>."),
    ("map.kmz", b"PK\x03\x04 this is not really a zip", "broken ZIP archive"),
    ("map.json", "[1, 2, 3]", "holds a list or a value, not a GeoJSON FeatureCollection"),
    ("map.geojson", '{"type": "Feature", "geometry": null, "properties": {}}',
     "is a GeoJSON Feature, not a FeatureCollection"),
    ("map.geojson", '{"features": []}', "not GeoJSON: it has no \"type\""),
    ("map.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature",',
     "The file is not valid JSON (parse error: premature EOF)"),
    ("map.geojson", '{"type": "FeatureCollection", "features": [NaN]}', "not valid JSON"),
    ("map.kml", '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>A</name>',
     "not well-formed XML"),
    ("map.csv", "title;description\nBench;nice\n",
     "none of them is latitude (for example latitude, lat, y, шырата); longitude"),
])
def test_a_file_that_is_not_what_it_says(write, refused, name, content, message):
    output = refused(write(name, content))
    assert message in output and "Nothing was imported." in output


def test_the_format_option_overrides_the_name_and_is_checked_too(write, cli, owner, refused):
    path = write("export.txt", '{"type": "FeatureCollection", "features": []}')
    assert "should be CSV" in refused(path)  # .txt says CSV
    assert "holds no initiatives" in refused(path, "--format", "geojson")
    assert "should be KML (from its --format)" in refused(path, "--format", "kml")


@pytest.mark.parametrize("name, content", [
    ("empty.csv", b""),
    ("blank.csv", b"  \r\n\n\t "),
    ("bom.csv", b"\xef\xbb\xbf"),
    ("empty.geojson", b""),
    ("empty.kml", b"\n"),
])
def test_empty_files(write, refused, name, content):
    assert "The file is empty." in refused(write(name, content))


@pytest.mark.parametrize("name, content", [
    ("header.csv", "name,lat,lon\n\n\n"),
    ("none.geojson", '{"type": "FeatureCollection", "features": []}'),
    ("none.kml", '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>x</name></Document></kml>'),
])
def test_files_without_any_initiative(write, refused, name, content):
    assert "The file holds no initiatives." in refused(write(name, content))


def test_a_csv_in_another_encoding_is_named_by_its_line(write, refused):
    content = "name;lat;lon;category\nЛаўка;53,9;27,5;green\n".encode("cp1251")
    output = refused(write("excel.csv", content))
    assert "Line 2 is not UTF-8 text (byte 0xcb at position 1)" in output
    assert 'Save the spreadsheet as "CSV UTF-8"' in output


def test_broken_utf8_in_geojson_and_kml(write, refused):
    geojson = (b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
               b'"properties": {"name": "\xff\xfe"}}]}')
    assert "not valid JSON (lexical error: invalid bytes in UTF8 string.)" in refused(
        write("bad.geojson", geojson))
    kml = b'<kml><Document><Placemark><name>\xff</name></Placemark></Document></kml>'
    assert "not well-formed XML (not well-formed (invalid token)) at line 1" in refused(
        write("bad.kml", kml))


def test_kml_in_a_declared_single_byte_encoding_is_read(write, cli, owner):
    kml = ('<?xml version="1.0" encoding="windows-1251"?>\n<kml><Document><Placemark>'
           '<name>Лаўка ля пад\'езда</name><Point><coordinates>27.5,53.9</coordinates></Point>'
           '</Placemark></Document></kml>').encode("cp1251")
    result = cli("import", write("cp1251.kml", kml), "--owner", owner.username,
                 "--default-category", "public_space")
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output


@pytest.mark.parametrize("lat, lon, message", [
    ("90.0001", "27.5", "its latitude 90.0001 is out of range (−90 to 90)"),
    ("-91", "27.5", "its latitude -91 is out of range"),
    ("53.9", "180.5", "its longitude 180.5 is out of range (−180 to 180)"),
    ("nan", "27.5", "its latitude is not a finite number"),
    ("53.9", "inf", "its longitude is not a finite number"),
    ("53°54′N", "27.5", "its latitude “53°54′N” is not a number"),
    ("", "27.5", "it has no latitude"),
    ("1,2,3", "27.5", "its latitude “1,2,3” is not a number"),
])
def test_impossible_coordinates(write, refused, lat, lon, message):
    path = write("coords.csv", f'name,lat,lon,category\nBench,"{lat}","{lon}",green\n')
    output = refused(path)
    assert f"line 2: {message}" in output


def test_edge_coordinates_are_fine(write, cli, owner):
    path = write("edges.csv", "name,lat,lon,category\nNorth pole bench,90,180,green\n"
                              "South,-90,-180,green\nMinus sign,\u221253.9,27.5,green\n")
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output


@pytest.mark.parametrize("row, message", [
    ("Bench,53.9,27.5,weapons,,", "unknown category “weapons” (give one of green, public_space"),
    ("Bench,53.9,27.5,green,someday,", "unknown status “someday”"),
    ("Bench,53.9,27.5,green,,2999-01-01", "its creation date 2999-01-01 is not plausible"),
    ("Bench,53.9,27.5,green,,last spring", "its creation date “last spring” is not a date"),
    ("Be,53.9,27.5,green,,", "its title “Be” is shorter than 3 characters"),
    ("B" * 121 + ",53.9,27.5,green,,", "its title is longer than 120 characters (121)"),
])
def test_values_we_cannot_take(write, refused, row, message):
    path = write("values.csv", f"name,lat,lon,category,status,created\n{row}\n")
    assert f"line 2: {message}" in refused(path)


def test_a_row_with_more_cells_than_the_header(write, refused):
    path = write("ragged.csv", "name,lat,lon,category\nBench,53.9,27.5,green,surprise\n")
    assert "line 2: it has 5 cells but the first line names 4 columns" in refused(path)


def test_control_characters_are_dropped_and_dates_kept(write, cli, db, owner):
    from robimgood.initiatives.models import Initiative

    path = write("ctl.csv", "name,lat,lon,category,created\nBen\x1bch\x07 by the lake,53.9,27.5,"
                            "green,2024-05-01T10:30:00+03:00\n")
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 0, result.output
    made = db.session.scalar(db.select(Initiative).where(Initiative.external_id.like("import:%")))
    assert made.title == "Bench by the lake"
    assert made.created_at.isoformat() == "2024-05-01T07:30:00"
    # PostgreSQL refuses NUL in text; JSON may carry it escaped.
    feature = {"type": "Feature", "properties": {"name": "Nul\u0000 bench", "category": "green"},
               "geometry": {"type": "Point", "coordinates": [27.5, 53.9]}}
    path = write("nul.geojson", json.dumps({"type": "FeatureCollection", "features": [feature]}))
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(Initiative).where(Initiative.title == "Nul bench"))


def test_utf16_is_named(write, refused):
    assert "UTF-16 text" in refused(write("unicode.csv", GOOD_CSV.encode("utf-16")))


def test_billion_laughs_is_refused_quickly(write, refused):
    bomb = ('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
            + ']><kml><Document><Placemark><name>&j;</name><Point><coordinates>1,2</coordinates>'
              '</Point></Placemark></Document></kml>')
    started = time.monotonic()
    output = refused(write("bomb.kml", bomb))
    assert time.monotonic() - started < 5
    assert "declares a DTD or entities" in output


def test_external_entities_are_not_read(write, refused, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<kml><Document><Placemark><name>&x;</name><Point><coordinates>27.5,53.9</coordinates>'
           '</Point></Placemark></Document></kml>')
    output = refused(write("xxe.kml", xxe), "--default-category", "other")
    assert "TOP-SECRET-CONTENT" not in output and "declares a DTD or entities" in output


def test_a_line_longer_than_a_megabyte(write, refused):
    path = write("long.csv", "name,lat,lon,category\n" + "x" * (readers.MAX_LINE_BYTES + 10)
                 + ",53.9,27.5,green\n")
    assert "Line 2 is longer than 1024 KB" in refused(path)


@pytest.mark.parametrize("fmt", ["csv", "geojson", "kml"])
def test_huge_files_are_streamed_not_loaded(tmp_path, fmt):
    """The first record comes after reading a small part of a 6 MB file, and every record is
    read in the end: the readers hold a record at a time, not the file."""
    n = 40_000
    path = tmp_path / f"huge.{fmt}"
    with path.open("w") as out:
        if fmt == "csv":
            out.write("name,lat,lon,category\n")
            for i in range(n):
                out.write(f"Initiative number {i} with a longer title,53.{i:05d},27.{i:05d},green\n")
        elif fmt == "geojson":
            out.write('{"type":"FeatureCollection","features":[')
            out.write(",".join(
                json.dumps({"type": "Feature", "id": i, "properties": {"name": f"Number {i} " * 4},
                            "geometry": {"type": "Point", "coordinates": [27.5, 53.9]}})
                for i in range(n)))
            out.write("]}")
        else:
            out.write('<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>Green</name>')
            for i in range(n):
                out.write(f"<Placemark><name>Number {i}</name><Point><coordinates>27.5,53.9"
                          "</coordinates></Point></Placemark>")
            out.write("</Folder></Document></kml>")
    size = path.stat().st_size
    assert size > 2_000_000
    consumed = []
    records = readers.read(path, fmt, on_bytes=consumed.append)
    first = next(records)
    assert first.number in (1, 2) and not first.problem
    assert sum(consumed) < 300_000 < size
    assert 1 + sum(1 for _ in records) == n
    assert sum(consumed) == size


def test_a_failure_while_writing_leaves_nothing_behind(cli, count, owner, write, monkeypatch):
    from robimgood.initiatives import services as initiatives

    path = write("three.csv", "name,lat,lon,category\nOne bench,53.9,27.5,green\n"
                              "Two benches,53.8,27.4,green\nThree benches,53.7,27.3,green\n")
    real_create, calls = initiatives.create, []

    def failing_create(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        return real_create(*args, **kwargs)

    monkeypatch.setattr(initiatives, "create", failing_create)
    before = count()
    result = cli("import", path, "--owner", owner.username)
    assert result.exit_code != 0 and len(calls) == 3
    assert count() == before


def test_a_file_changed_between_the_passes_writes_nothing(app, db, count, owner, write, monkeypatch):
    path = write("moving.csv", GOOD_CSV)
    options = importer.Options(source="moving")
    report = importer.check(path, options)
    path.write_text("name;description\nBench;gone\n")
    before = count()
    with pytest.raises(FileError):
        importer.run(path, report, options, owner)
    db.session.rollback()
    assert count() == before
