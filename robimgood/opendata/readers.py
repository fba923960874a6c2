"""Reading other tools' maps: GeoJSON (uMap and others), CSV with latitude/longitude columns
(spreadsheets) and KML/KMZ (Google My Maps). Every reader streams: it holds one record at a
time, never the whole file, so a 1 GB file takes the memory of one row.

Readers only read. They turn each row, feature or placemark into a Record of raw values under
our field names; deciding whether the values are acceptable is importer.py's business. A
problem with the file as a whole (not what it says it is, not UTF-8, not well-formed) raises
FileError, possibly after some records were yielded: the importer validates everything before
it writes anything, so such a file writes nothing.
"""

import codecs
import csv
import html
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import ijson
import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# What a record's number counts, per format, for messages ("line 12", "feature 3").
UNITS = {"csv": "line", "geojson": "feature", "kml": "placemark"}
EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".geojson": "geojson",
              ".json": "geojson", ".kml": "kml", ".kmz": "kml"}
MAX_LINE_BYTES = 1024 * 1024  # a CSV line (or a cell) longer than this is not a spreadsheet row

# Our field names and the column or property names other tools use for them, compared after
# _normalise() (case-folded, without spaces, underscores, hyphens and dots).
ALIASES = {
    "id": ("id", "externalid", "uuid", "uid", "fid"),
    "title": ("title", "name", "назва", "название", "наименование"),
    "summary": ("summary", "shortdescription", "анатацыя", "аннотация", "коротка", "кратко"),
    "description": ("description", "desc", "notes", "апісанне", "описание"),
    "category": ("category", "type", "kind", "катэгорыя", "категорыя", "категория", "тып", "тип"),
    "status": ("status", "state", "статус", "стан", "состояние"),
    "city": ("city", "town", "locality", "горад", "город", "населеныпункт", "населенныйпункт"),
    "needs": ("needs", "help", "патрэбы", "нужды"),
    "language": ("language", "lang", "мова", "язык"),
    "location_precision": ("locationprecision", "precision"),
    "created_at": ("createdat", "created", "startedat", "started"),
    "longitude": ("longitude", "lon", "lng", "long", "x", "даўгата", "долгота"),
    "latitude": ("latitude", "lat", "y", "шырата", "широта"),
}


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-.]+", "", str(name).casefold())


FIELD_OF = {_normalise(alias): name for name, aliases in ALIASES.items() for alias in aliases}


class FileError(Exception):
    """The file as a whole cannot be read; the message says why, for people."""


@dataclass
class Record:
    number: int  # the CSV line, or the GeoJSON feature's or KML placemark's position (from 1)
    fields: dict = field(default_factory=dict)  # our field names -> raw values (str or number)
    layer: str = ""  # the KML folder (a My Maps layer) it sits in: a hint for the category
    problem: str | None = None  # why the record cannot be read at all


def detect(path: Path, declared: str | None = None) -> str:
    """The file's format ("csv", "geojson" or "kml"), from its first bytes, checked against what
    its name (or declared, the --format option) says it is."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileError("The file is empty.")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileError("The file is UTF-16 text (\"Unicode text\"); save it as UTF-8 (for a "
                        "spreadsheet: \"CSV UTF-8\") and try again.")
    if head.startswith(b"PK\x03\x04"):
        found, what = "kml", "a ZIP archive"
    elif start in (b"{", b"["):
        found, what = "geojson", "JSON"
    elif start == b"<" and re.search(rb"<(!doctype\s+)?html", head, re.IGNORECASE):
        raise FileError("The file is a web page (HTML), not a map: save the map's export "
                        "instead of the page.")
    elif start == b"<":
        found, what = "kml", "XML"
    elif b"\x00" in head:
        raise FileError("The file is binary, not GeoJSON, CSV or KML text.")
    else:
        found, what = "csv", "plain text"
    expected = declared or EXTENSIONS.get(path.suffix.lower())
    if expected and expected != found:
        raise FileError(f"The file should be {expected.upper()} (from its "
                        f"{'--format' if declared else 'name'}) but it holds {what}.")
    return found


def read(path: Path, fmt: str, on_bytes: Callable[[int], None] | None = None) -> Iterator[Record]:
    """The records of the file at path, read as fmt; on_bytes(n) hears of every n bytes read."""
    with path.open("rb") as raw:
        stream = _Counting(raw, on_bytes) if on_bytes else raw
        if fmt == "csv":
            yield from read_csv(stream)
        elif fmt == "geojson":
            yield from read_geojson(stream)
        elif raw.read(4) == b"PK\x03\x04":
            raw.seek(0)
            yield from _read_kmz(stream)
        else:
            raw.seek(0)
            yield from read_kml(stream)


class _Counting:
    """A binary file that reports how many bytes were read (for the progress bar)."""

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None]):
        self._raw, self._on_bytes = raw, on_bytes

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._on_bytes(len(data))
        return data

    def readinto(self, buffer) -> int:
        size = self._raw.readinto(buffer)
        self._on_bytes(size or 0)
        return size

    def readline(self, size: int = -1) -> bytes:
        data = self._raw.readline(size)
        self._on_bytes(len(data))
        return data

    def __getattr__(self, name):
        return getattr(self._raw, name)


def _fields(pairs) -> dict:
    """Our fields from (name, value) pairs; names we do not know are left out, and a later
    synonym fills a field an earlier one left empty."""
    fields = {}
    for name, value in pairs:
        ours = FIELD_OF.get(_normalise(name))
        if ours is not None and (ours not in fields or fields[ours] in (None, "")):
            fields[ours] = value
    return fields


# --- CSV -----------------------------------------------------------------------------------

class _Lines:
    """Decoded lines, each checked on its own, so that a bad byte is reported with its line;
    `number` is the line last read."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.number = stream, 0

    def __iter__(self) -> Iterator[str]:
        while raw := self.stream.readline(MAX_LINE_BYTES + 1):
            self.number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise FileError(f"Line {self.number} is longer than {MAX_LINE_BYTES // 1024} KB; "
                                "this is not a spreadsheet of initiatives.")
            if self.number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise FileError(
                    f"Line {self.number} is not UTF-8 text (byte 0x{raw[err.start]:02x} at "
                    f"position {err.start + 1}). Save the spreadsheet as \"CSV UTF-8\" and try "
                    "again.") from None


def _delimiter(header: str) -> str:
    """The delimiter is whichever of , ; tab | the header line uses most (Belarusian and Russian
    spreadsheet programs write ';', with decimal commas)."""
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header(text: Iterator[str]) -> tuple[list[str], str]:
    """The column names of the first non-blank line, and the delimiter."""
    header_line = next((line for line in text if line.strip()), None)
    if header_line is None:
        raise FileError("The file is empty.")
    delimiter = _delimiter(header_line)
    return next(csv.reader([header_line], delimiter=delimiter)), delimiter


def ignored_columns(path: Path) -> list[str]:
    """The CSV's columns that none of our fields takes (reported, so that a misnamed column is
    noticed); only the first line is read."""
    with path.open("rb") as stream:
        header, _ = _header(iter(_Lines(stream)))
    return [name for name in header if name.strip() and _normalise(name) not in FIELD_OF]


def read_csv(stream: BinaryIO) -> Iterator[Record]:
    lines = _Lines(stream)
    text = iter(lines)
    header, delimiter = _header(text)
    columns = [FIELD_OF.get(_normalise(name)) for name in header]
    missing = [name for name in ("title", "latitude", "longitude") if name not in columns]
    if missing:
        raise FileError(
            "The first line must name the columns; none of them is " + "; ".join(
                f"{name} (for example {', '.join(ALIASES[name][:4])})" for name in missing) + ".")
    rows = csv.reader(text, delimiter=delimiter)
    while True:
        number = lines.number + 1  # where the next row starts (a quoted cell may span lines)
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            raise FileError(f"Line {number}: {err}.") from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            yield Record(number, problem=f"it has {len(cells)} cells but the first line names "
                                         f"{len(header)} columns")
            continue
        fields = _fields((name, value) for name, value in zip(header, cells, strict=False))
        yield Record(number, fields)


# --- GeoJSON -------------------------------------------------------------------------------

def _json_error(err: Exception, count: int) -> FileError:
    message = err.args[0] if err.args else str(err)
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    first = str(message).strip().splitlines()[0] if str(message).strip() else "broken"
    return FileError(f"The file is not valid JSON ({first}) after feature {count}."
                     if count else f"The file is not valid JSON ({first}).")


def read_geojson(stream: BinaryIO) -> Iterator[Record]:
    """A FeatureCollection, one feature at a time (ijson parses events; only the feature being
    read is built in memory)."""
    count, root_type, has_features, builder = 0, None, False, None
    try:
        for prefix, event, value in ijson.parse(stream, use_float=True):
            if prefix == "" and event in ("start_array", "string", "number", "boolean", "null"):
                raise FileError("The JSON file holds a list or a value, not a GeoJSON "
                                "FeatureCollection.")
            if prefix == "type" and event == "string":
                root_type = value
            elif prefix == "features" and event == "start_array":
                has_features = True
            elif prefix == "features.item" and builder is None:
                builder = ijson.ObjectBuilder()
            if builder is not None:
                builder.event(event, value)
                if prefix == "features.item" and event in (
                        "end_map", "end_array", "string", "number", "boolean", "null"):
                    count += 1
                    yield _feature_record(count, builder.value)
                    builder = None
    except (ijson.JSONError, ijson.IncompleteJSONError) as err:
        raise _json_error(err, count) from None
    if root_type != "FeatureCollection":
        raise FileError(f"The JSON file is a GeoJSON {root_type}, not a FeatureCollection."
                        if root_type else "The JSON file is not GeoJSON: it has no \"type\".")
    if not has_features:
        raise FileError("The FeatureCollection has no \"features\" list.")


def _feature_record(number: int, feature) -> Record:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return Record(number, problem="it is not a GeoJSON Feature")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return Record(number, problem="its \"properties\" are not an object")
    # uMap keeps its styling in _umap_options (_storage_options before): not ours to import.
    fields = _fields((k, v) for k, v in properties.items()
                        if k not in ("_umap_options", "_storage_options"))
    if feature.get("id") not in (None, ""):
        fields["id"] = feature["id"]
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        return Record(number, fields, problem="it has no geometry (no place on the map)")
    if geometry.get("type") != "Point":
        return Record(number, fields, problem=f"it is a {geometry.get('type') or 'shape'}, not a "
                                              "point; only points can be imported")
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return Record(number, fields, problem="its point has no coordinates")
    fields["longitude"], fields["latitude"] = coordinates[0], coordinates[1]
    return Record(number, fields)


# --- KML -----------------------------------------------------------------------------------

def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def html_to_text(value: str) -> str:
    """My Maps descriptions are HTML (<br> for line breaks); we keep plain text."""
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    return html.unescape(nh3.clean(value, tags=set())).strip()


def read_kml(stream) -> Iterator[Record]:
    """Placemarks one at a time (each is dropped from the tree once read). DTDs are refused, so
    no entity expansion (billion laughs) and no external entities (XXE)."""
    stack: list[Element] = []
    folders: list[str] = []  # names of the open folders (My Maps layers), innermost last
    count = 0
    try:
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            tag = _local(element.tag)
            if event == "start":
                if not stack and tag != "kml":
                    raise FileError(f"The XML file is not KML: its root element is <{tag}>.")
                stack.append(element)
                if tag == "Folder":
                    folders.append("")
                continue
            stack.pop()
            parent = stack[-1] if stack else None
            if tag == "name" and parent is not None and _local(parent.tag) == "Folder" and folders:
                folders[-1] = _text(element)
            elif tag == "Folder" and folders:
                folders.pop()
            elif tag == "Placemark":
                count += 1
                yield _placemark_record(count, element, folders[-1] if folders else "")
                if parent is not None:
                    parent.remove(element)  # keep memory flat: the placemark is done
    except ParseError as err:
        line, column = err.position
        reason = str(err).split(":")[0]
        raise FileError(f"The file is not well-formed XML ({reason}) at line {line}, column "
                        f"{column + 1}.") from None
    except DefusedXmlException:
        raise FileError("The file declares a DTD or entities, which KML never needs; it is "
                        "refused (it could be an XML bomb).") from None


def _placemark_record(number: int, placemark: Element, folder: str) -> Record:
    pairs = []
    extended = _child(placemark, "ExtendedData")
    if extended is not None:
        for data in extended.iter():
            if _local(data.tag) == "Data" and data.get("name"):
                pairs.append((data.get("name"), _text(_child(data, "value"))))
            elif _local(data.tag) == "SimpleData" and data.get("name"):
                pairs.append((data.get("name"), _text(data)))
    fields = _fields(pairs)
    if name := _text(_child(placemark, "name")):
        fields["title"] = name
    if not fields.get("description") and (description := _text(_child(placemark, "description"))):
        fields["description"] = html_to_text(description)
    if placemark.get("id"):
        fields.setdefault("id", placemark.get("id"))
    point = _child(placemark, "Point")
    if point is None:
        shapes = [_local(c.tag) for c in placemark
                  if _local(c.tag) in ("LineString", "Polygon", "MultiGeometry", "LinearRing")]
        return Record(number, fields, folder, problem=(
            f"it is a {shapes[0]}, not a point; only points can be imported" if shapes
            else "it has no point (no place on the map)"))
    parts = _text(_child(point, "coordinates")).split(",")
    if len(parts) < 2:
        return Record(number, fields, folder, problem="its point has no coordinates")
    fields["longitude"], fields["latitude"] = parts[0].strip(), parts[1].strip()
    return Record(number, fields, folder)


def _read_kmz(stream) -> Iterator[Record]:
    """A KMZ is a ZIP archive around one KML document (doc.kml by convention)."""
    try:
        archive = zipfile.ZipFile(stream)
        names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
    except zipfile.BadZipFile:
        raise FileError("The file is a broken ZIP archive, not a KMZ.") from None
    if not names:
        raise FileError("The ZIP archive holds no KML document, so it is not a KMZ.")
    name = "doc.kml" if "doc.kml" in names else names[0]
    with archive, archive.open(name) as member:
        yield from read_kml(member)
