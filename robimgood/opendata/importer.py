"""Importing another tool's map: every record is validated before anything is written, then
written through initiatives.services, so imported initiatives get their organiser, timeline
and area alerts exactly as those made on the site.

Re-importing updates instead of duplicating. Each imported initiative keeps the external id
"import:<source>:<key>": the source is the map's name (by default the file's name without its
extension, or --source), the key is the record's own id when the file has one (uMap features,
KML placemark ids, an id column), else a hash of its title and place. So a re-exported map
saved under the same name finds its initiatives again; a record without an id that was renamed
or moved in the other tool comes back as a new initiative.
"""

import hashlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask_babel import force_locale
from geoalchemy2.shape import to_shape
from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..initiatives import services as initiatives
from ..initiatives.models import CATEGORIES, NEEDS, PRECISIONS, STATUSES, Initiative
from ..text import slugify
from ..timeutil import utcnow
from . import readers
from .readers import UNITS, FileError, Record

LANGUAGES = {"be": ("беларуская", "belarusian"), "ru": ("русский", "russian"),
             "en": ("english", "англійская", "английский")}
# Words other maps use for our categories and statuses, besides our codes and our labels in
# every language (added by _vocabulary). Compared case-folded, spaces and dashes ignored.
CATEGORY_WORDS = {
    "green": ("greenery", "park", "parks", "garden", "gardens", "trees", "сквер", "парк", "сад",
              "озеленение", "азеляненне", "дрэвы", "деревья"),
    "public_space": ("yard", "square", "двор", "двары", "дворы", "плошча", "площадь"),
    "transport": ("cycling", "bike", "bicycle", "roads", "веласіпед", "велосипед", "дарогі", "дороги"),
    "accessibility": ("ramp", "ramps", "пандус", "пандусы", "безбар'ернасць", "безбарьерность"),
    "heritage": ("culture", "history", "спадчына", "наследие", "культура", "гісторыя", "история"),
    "safety": ("lighting", "security", "асвятленне", "освещение"),
    "waste": ("recycling", "rubbish", "cleanup", "clean-up", "смецце", "мусор", "уборка",
              "прыборка", "талака", "субботник"),
    "children_sport": ("playground", "sport", "children", "kids", "дзіцячая пляцоўка",
                       "детская площадка", "спорт"),
    "other": ("misc", "miscellaneous"),
}
STATUS_WORDS = {
    "idea": ("new", "proposed", "прапанова", "предложение"),
    "planning": ("planned", "запланавана", "запланировано"),
    "in_progress": ("active", "ongoing", "started", "in progress", "ідзе", "идёт", "идет"),
    "done": ("completed", "finished", "complete", "завершана", "завершено", "выканана", "выполнено"),
    "paused": ("on hold", "stopped", "спынена", "остановлено"),
}
MAX_ERRORS_KEPT = 10_000  # a wholly wrong file reports this many problems, then a count


def _word(text) -> str:
    return re.sub(r"[\s_\-]+", "", str(text).casefold())


def _vocabulary(codes: dict, extra: dict) -> dict[str, str]:
    """word -> code: the codes, their labels in every language, and the extra words."""
    words = {}
    for language in ("en", "ru", "be"):
        with force_locale(language):
            words.update({_word(label): code for code, label in codes.items()})
    for code in codes:
        words[_word(code)] = code
        words.update({_word(w): code for w in extra.get(code, ())})
    return words


@dataclass
class Options:
    source: str  # names the map in external ids
    precision: str = "200m"  # the least approximation of the public point
    default_category: str | None = None
    default_city: str = ""
    language: str = "be"


@dataclass
class Valid:
    """A record that passed every check: what initiatives.services.create takes, and more."""

    data: dict
    external_id: str
    created_at: datetime | None = None


@dataclass
class Problem:
    where: str  # "line 12", "feature 3", "placemark 7"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Report:
    format: str
    ignored: list[str] = field(default_factory=list)  # CSV columns none of our fields takes
    total: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def valid(self) -> int:
        return self.total - self.problem_count


def source_name(name: str) -> str:
    """A source for external ids (the --source option, or the file's name without its
    extension) as a short slug."""
    return slugify(name, fallback="map", max_length=40)


# --- checking one record -------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A CSV cell the exporter protected against formula injection: '=… '+… '-… '@…
_PROTECTED = re.compile(r"^'(?=[=+\-@\t\r])")


class Invalid(ValueError):
    """The record cannot be imported; the message says why."""


class Checker:
    """Validates records of one file against one set of options."""

    def __init__(self, options: Options, fmt: str):
        self.options, self.fmt = options, fmt
        self.categories = _vocabulary(CATEGORIES, CATEGORY_WORDS)
        self.statuses = _vocabulary(STATUSES, STATUS_WORDS)
        self.needs = _vocabulary(NEEDS, {})
        self.languages = {_word(w): code for code, words in LANGUAGES.items()
                          for w in (code, *words)}
        self.now = utcnow()

    def text(self, fields: dict, name: str, max_length: int, required: bool = False,
             min_length: int = 0) -> str:
        value = fields.get(name)
        if isinstance(value, dict | list):
            raise Invalid(f"its {name} is not text")
        value = _CONTROL.sub("", "" if value is None else str(value)).strip()
        if self.fmt == "csv":
            value = _PROTECTED.sub("", value)
        if required and not value:
            raise Invalid(f"it has no {name}")
        if value and len(value) < min_length:
            raise Invalid(f"its {name} “{value}” is shorter than {min_length} characters")
        if len(value) > max_length:
            raise Invalid(f"its {name} is longer than {max_length} characters ({len(value)})")
        return value

    def choice(self, fields: dict, name: str, words: dict, default: str | None) -> str:
        value = self.text(fields, name, 200)
        if not value:
            if default is None:
                raise Invalid(f"it has no {name}")
            return default
        code = words.get(_word(value))
        if code is None:
            raise Invalid(f"unknown {name} “{value}”")
        return code

    def category(self, fields: dict, layer: str) -> str:
        value = self.text(fields, "category", 200)
        for candidate in (value, layer):
            if candidate and (code := self.categories.get(_word(candidate))):
                return code
        if self.options.default_category:
            return self.options.default_category
        if value:
            raise Invalid(f"unknown category “{value}” (give one of {', '.join(CATEGORIES)}, or "
                          "--default-category)")
        where = f" and its layer “{layer}” is not one of ours" if layer else ""
        raise Invalid(f"it has no category{where} (use --default-category)")

    def number(self, fields: dict, name: str, limit: int) -> float:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise Invalid(f"it has no {name}")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise Invalid(f"its {name} is not a number")
        if isinstance(value, str):
            text = value.strip().replace("\u2212", "-")
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")  # a decimal comma, as Belarusian spreadsheets write
            try:
                value = float(text)
            except ValueError:
                raise Invalid(f"its {name} “{value.strip()}” is not a number") from None
        value = float(value)
        if not math.isfinite(value):
            raise Invalid(f"its {name} is not a finite number")
        if not -limit <= value <= limit:
            raise Invalid(f"its {name} {value:g} is out of range (−{limit} to {limit})")
        return value

    def needs_of(self, fields: dict) -> list[str]:
        """Codes or labels, as a list (GeoJSON) or joined with ; , or | (CSV, KML)."""
        value = fields.get("needs")
        if isinstance(value, list) and all(isinstance(w, str) for w in value):
            words = value
        else:
            words = re.split(r"[;,|]", self.text(fields, "needs", 200))
        codes = []
        for word in filter(None, (_CONTROL.sub("", w).strip() for w in words)):
            if (code := self.needs.get(_word(word))) is None:
                raise Invalid(f"unknown need “{word}” (give some of {', '.join(NEEDS)})")
            codes.append(code)
        return sorted(set(codes))

    def precision(self, fields: dict) -> str:
        """The coarser of the record's own precision and --precision: the option is a floor."""
        own = self.text(fields, "location_precision", 20)
        if own and own not in PRECISIONS:
            raise Invalid(f"unknown location precision “{own}” (give one of {', '.join(PRECISIONS)})")
        chosen = self.options.precision
        if own and PRECISIONS[own][0] > PRECISIONS[chosen][0]:
            chosen = own
        return chosen

    def created_at(self, fields: dict) -> datetime | None:
        value = self.text(fields, "created_at", 40)
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise Invalid(f"its creation date “{value}” is not a date like 2025-03-31") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        if moment > self.now + timedelta(days=1) or moment.year < 1990:
            raise Invalid(f"its creation date {value} is not plausible")
        return moment

    def summary(self, fields: dict, title: str, description: str) -> str:
        """The record's summary, or the first lines of its description, or its title."""
        if summary := self.text(fields, "summary", 280):
            return summary
        plain = " ".join(description.split())
        if len(plain) <= 280:
            return plain or title
        return plain[:279].rsplit(" ", 1)[0].rstrip(",.;:") + "…"

    def key(self, fields: dict, title: str, lon: float, lat: float) -> str:
        own = fields.get("id")
        if isinstance(own, float) and own.is_integer():
            own = int(own)  # JSON numbers may come as 12.0
        if own not in (None, "") and not isinstance(own, dict | list | bool):
            own = str(own).strip()
            if re.fullmatch(r"[\w.:\-]{1,64}", own, flags=re.ASCII):
                return own
            return "h" + hashlib.sha256(own.encode()).hexdigest()[:24]
        place = f"{title.casefold()}|{lon:.5f}|{lat:.5f}"
        return "p" + hashlib.sha256(place.encode()).hexdigest()[:24]

    def check(self, record: Record) -> Valid:
        if record.problem:
            raise Invalid(record.problem)
        fields = record.fields
        title = self.text(fields, "title", 120, required=True, min_length=3)
        description = self.text(fields, "description", 20000)
        longitude = self.number(fields, "longitude", 180)
        latitude = self.number(fields, "latitude", 90)
        data = {
            "title": title,
            "summary": self.summary(fields, title, description),
            "description": description,
            "category": self.category(fields, record.layer),
            "status": self.choice(fields, "status", self.statuses, "idea"),
            "city": self.text(fields, "city", 80) or self.options.default_city,
            "needs": self.needs_of(fields),
            "language": self.choice(fields, "language", self.languages, self.options.language),
            "location_precision": self.precision(fields),
            "longitude": longitude,
            "latitude": latitude,
        }
        external_id = f"import:{self.options.source}:{self.key(fields, title, longitude, latitude)}"
        return Valid(data, external_id, self.created_at(fields))


def checked(path: Path, fmt: str, options: Options,
            on_bytes: Callable[[int], None] | None = None) -> Iterator[tuple[str, Valid | Problem]]:
    """(where, Valid or Problem) for every record of the file, in order. Two records that would
    become the same initiative: the second is a problem."""
    checker = Checker(options, fmt)
    first_seen: dict[str, str] = {}
    for record in readers.read(path, fmt, on_bytes):
        where = f"{UNITS[fmt]} {record.number}"
        try:
            valid = checker.check(record)
        except Invalid as err:
            yield where, Problem(where, str(err))
            continue
        if (earlier := first_seen.setdefault(valid.external_id, where)) != where:
            yield where, Problem(where, f"it is the same initiative as {earlier} (same id, or "
                                        "same title and place)")
            continue
        yield where, valid


# --- the two passes ------------------------------------------------------------------------

def check(path: Path, options: Options, fmt: str | None = None,
          on_bytes: Callable[[int], None] | None = None) -> Report:
    """The first pass: read and validate everything, write nothing. Raises FileError."""
    fmt = readers.detect(path, fmt)
    report = Report(fmt, ignored=readers.ignored_columns(path) if fmt == "csv" else [])
    for _where, outcome in checked(path, fmt, options, on_bytes):
        report.total += 1
        if isinstance(outcome, Problem):
            report.problem_count += 1
            if len(report.problems) < MAX_ERRORS_KEPT:
                report.problems.append(outcome)
    if report.total == 0:
        raise FileError("The file holds no initiatives.")
    return report


def _same(initiative: Initiative, valid: Valid) -> bool:
    """Whether importing valid would change nothing."""
    data = valid.data
    lon, lat = (p := to_shape(initiative.location)).x, p.y
    return (all(getattr(initiative, name) == data[name] for name in (
        "title", "summary", "description", "category", "status", "city", "language",
        "location_precision"))
        and sorted(initiative.needs or []) == data["needs"]
        and math.isclose(lon, data["longitude"], abs_tol=1e-9)
        and math.isclose(lat, data["latitude"], abs_tol=1e-9)
        and (valid.created_at is None or initiative.created_at == valid.created_at))


BATCH = 1000  # rows between flushes; the session then forgets them, so memory stays flat


def run(path: Path, report: Report, options: Options, owner: User, dry_run: bool = False,
        on_row: Callable[[int], None] | None = None) -> Report:
    """The second pass: write every valid record (create, or update the one imported before)
    through initiatives.services; flushes, never commits. With dry_run, only count."""
    owner_id = owner.id
    done = 0
    for _where, outcome in checked(path, report.format, options):
        if isinstance(outcome, Problem):
            continue
        existing = db.session.scalar(
            select(Initiative).where(Initiative.external_id == outcome.external_id))
        if existing is None:
            report.created += 1
            if not dry_run:
                initiative = initiatives.create(owner, outcome.data, external_id=outcome.external_id)
                initiative.created_at = outcome.created_at or initiative.created_at
        elif _same(existing, outcome):
            report.unchanged += 1
        else:
            report.updated += 1
            if not dry_run:
                initiatives.update(existing, outcome.data, by=owner)
                existing.created_at = outcome.created_at or existing.created_at
        done += 1
        if on_row:
            on_row(1)
        if done % BATCH == 0 and not dry_run:
            db.session.flush()
            db.session.expunge_all()
            owner = db.session.get(User, owner_id)
    db.session.flush()
    return report
