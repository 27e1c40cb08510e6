"""Dataset-neutral event records, row errors and the value parsers the formats share."""

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from events.models import EventActor
from places.models import Place

MAX_CELL_CHARS = 10_000


@dataclass(frozen=True)
class RowError:
    """One problem with one row: where (``line 7`` / ``feature 3``), which column, why."""

    where: str
    column: str
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.column}: {self.reason}"
            if self.column
            else (f"{self.where}: {self.reason}")
        )


class ImportRejected(Exception):
    """The file was refused; nothing was written. ``errors`` lists every bad row."""

    def __init__(self, errors: list[RowError], info: "ParseInfo | None" = None):
        self.errors = errors
        self.info = info  # what was found out about the file before it was refused
        super().__init__(f"{len(errors)} error(s); nothing was imported")


class ImportFailed(Exception):
    """The system failed (database stopped, disk full), not the file: nothing was
    written, and the same file may simply be imported again."""


@dataclass
class PlaceRecord:
    name: str
    country_code: str = ""
    admin1: str = ""
    admin2: str = ""
    name_ar: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    feature_type: str = Place.FeatureType.CITY


@dataclass
class ActorRecord:
    name: str
    role: str = EventActor.Role.INITIATOR
    kind: str = ""  # "": the column says nothing (assoc_actor_*); another row may


@dataclass
class ParseInfo:
    """What the importer found out about a file: its layout, date format, ids."""

    layout: str = ""
    date_format: str = ""
    merged_rows: int = 0  # one-row-per-actor rows merged into their event


@dataclass
class SourceRecord:
    publisher: str
    title: str = ""
    url: str = ""
    published_at: dt.datetime | None = None
    language: str = ""
    stance: str | None = None  # None: the format has no stances (CSV)
    speaker: str = ""
    quote: str = ""


@dataclass
class EventRecord:
    """One event as read from a file, validated, ready to write."""

    where: str
    dataset: str
    external_id: str
    event_type_id: int
    date_start: dt.date
    place: PlaceRecord
    title: str = ""  # generated when the format has none (used on create only)
    summary: str = ""
    date_end: dt.date | None = None
    date_precision: str = "day"
    fatalities_best: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    actors: list[ActorRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    roles_exact: bool = False  # True: actor roles are the curated ones (GeoJSON)
    # A problem in the published data kept as published (UCDP low > best): Event.import_note
    note: str = ""
    # Event fields the format carries; an update leaves the others as they are.
    carried: frozenset[str] = frozenset()
    # The row's content hash (interchange.stream): a re-import skips an unchanged row.
    digest: str = ""


class RowChecker:
    """Collects errors for one row while converting its cells to Python values."""

    def __init__(self, where: str, errors: list[RowError]):
        self.where = where
        self.errors = errors
        self.failed = False

    def error(self, column: str, reason: str) -> None:
        self.failed = True
        self.errors.append(RowError(self.where, column, reason))

    def text(self, column: str, value: str, *, max_length: int, required=False) -> str:
        value = (value or "").strip()
        if required and not value:
            self.error(column, "is required")
        elif len(value) > max_length:
            self.error(column, f"is longer than {max_length} characters")
        return value

    def integer(
        self, column: str, value: str, *, minimum: int = 0, maximum: int | None = None
    ) -> int | None:
        value = (value or "").strip()
        if not value:
            return None
        if re.fullmatch(r"[+-]?\d{1,12}(\.0+)?", value) is None:
            self.error(column, f"{value[:50]!r} is not a whole number")
            return None
        number = int(float(value))
        if number < minimum or (maximum is not None and number > maximum):
            bounds = f"{minimum}–{maximum}" if maximum is not None else f">= {minimum}"
            self.error(column, f"{value!r} is out of range ({bounds})")
            return None
        return number

    def choice(self, column: str, value: str, mapping: dict[str, str]) -> str | None:
        key = (value or "").strip().lower()
        if key.endswith(".0"):
            key = key[:-2]
        if key not in mapping:
            allowed = ", ".join(sorted(mapping))
            self.error(column, f"{value[:50]!r} is not one of {allowed}")
            return None
        return mapping[key]

    def date(
        self,
        column: str,
        value: str,
        *,
        required: bool = True,
        dates: "DateReader | None" = None,
        year: int | None = None,
    ) -> dt.date | None:
        value = (value or "").strip()
        if not value:
            if required:
                self.error(column, "is required")
            return None
        parsed = dates.parse(value, year) if dates else parse_date(value)
        if parsed is None:
            self.error(column, f"{value[:50]!r} is not a valid date")
        return parsed

    def coordinates(
        self, lat_column: str, lat: str, lon_column: str, lon: str
    ) -> tuple[float | None, float | None]:
        lat, lon = (lat or "").strip(), (lon or "").strip()
        if not lat and not lon:
            return None, None
        values = []
        for column, raw, limit in ((lat_column, lat, 90), (lon_column, lon, 180)):
            try:
                number = float(raw)
            except ValueError:
                self.error(column, f"{raw[:50]!r} is not a number")
                values.append(None)
                continue
            if not math.isfinite(number) or not -limit <= number <= limit:
                self.error(column, f"{raw!r} is outside [-{limit}, {limit}]")
                values.append(None)
                continue
            values.append(number)
        lat_value, lon_value = values
        if lat_value is None or lon_value is None:
            return None, None
        return lat_value, lon_value

    def url(self, column: str, value: str) -> str:
        value = self.text(column, value, max_length=1000)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.error(column, f"{value[:80]!r} is not an http(s) URL")
                return ""
        return value


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y")
# A time of day after a date: UCDP's '2019-07-15 00:00:00.000', ISO's 'T00:00:00Z',
# a spreadsheet's '7/15/2019 0:00'. The date is the part before it.
_TIME_OF_DAY = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?Z?$")


def _date_part(value: str) -> str:
    return _TIME_OF_DAY.sub("", value) if ":" in value else value


def parse_date(value: str) -> dt.date | None:
    """ISO dates (also with a time of day, as UCDP writes) and ACLED's '15 July 2019'."""
    value = _date_part(value)
    for date_format in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, date_format).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


# strptime formats a dataset file may use, in order of preference (ACLED is day-first),
# with the name the import summary gives each.
FILE_DATE_FORMATS = {
    "%Y-%m-%d": "YYYY-MM-DD",
    "%d %B %Y": "DD Month YYYY (15 July 2019)",
    "%d %b %Y": "DD Mon YYYY (15 Jul 2019)",
    "%d-%B-%Y": "DD-Month-YYYY (01-January-2015)",
    "%d-%b-%y": "D-Mon-YY, spreadsheet (9-May-20)",
    "%d-%b-%Y": "D-Mon-YYYY, spreadsheet (9-May-2020)",
    "%d/%m/%Y": "DD/MM/YYYY",
    "%m/%d/%Y": "MM/DD/YYYY",
    "%d-%m-%y": "DD-MM-YY, spreadsheet (31-12-19)",
    "%m-%d-%y": "MM-DD-YY, spreadsheet",
    "%d/%m/%y": "DD/MM/YY, spreadsheet",
    "%m/%d/%y": "MM/DD/YY, spreadsheet",
    "%d-%m-%Y": "DD-MM-YYYY",
    "%d.%m.%Y": "DD.MM.YYYY",
    "%Y/%m/%d": "YYYY/MM/DD",
}


def _strptime(value: str, date_format: str, year: int | None) -> dt.date | None:
    value = _date_part(value)
    try:
        parsed = dt.datetime.strptime(value, date_format).date()  # noqa: DTZ007
    except ValueError:
        return None
    if "%y" in date_format and year and year % 100 == parsed.year % 100:
        try:  # two-digit year: the row's year column gives the century
            parsed = parsed.replace(year=year)
        except ValueError:
            return None
    return parsed


class DateReader:
    """Parses one file's dates in the one format that fits all of them.

    The format is chosen once from the file's distinct (date, year) pairs: the first
    of FILE_DATE_FORMATS that parses every date and agrees with every year column;
    else the one that parses most (the others are then row errors)."""

    def __init__(self, samples: set[tuple[str, int | None]]):
        self.format = ""
        best = -1
        for date_format in FILE_DATE_FORMATS:
            fits = 0
            for value, year in samples:
                parsed = _strptime(value, date_format, year)
                if parsed and (year is None or parsed.year == year):
                    fits += 1
            if fits > best:
                self.format, best = date_format, fits
            if fits == len(samples):
                break
        self.cache: dict[tuple[str, int | None], dt.date | None] = {}

    @property
    def label(self) -> str:
        return FILE_DATE_FORMATS.get(self.format, "")

    def parse(self, value: str, year: int | None = None) -> dt.date | None:
        key = (value, year)
        if key not in self.cache:
            parsed = _strptime(value, self.format, year) if self.format else None
            self.cache[key] = parsed or parse_date(value)
        return self.cache[key]


def year_of(value: str) -> int | None:
    value = (value or "").strip().removesuffix(".0")
    return int(value) if value.isdigit() and 0 < int(value) < 10000 else None


def parse_datetime(value: str) -> dt.datetime | None:
    """An aware datetime from ISO 8601 text (a bare date is taken as midnight UTC)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        day = parse_date(value)
        if day is None:
            return None
        parsed = dt.datetime.combine(day, dt.time())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def split_list(value: str, separator: str = ";") -> list[str]:
    """'A; B;; C' -> ['A', 'B', 'C'] with duplicates dropped, order kept."""
    if separator not in (value or ""):  # the common case: one name or none
        value = (value or "").strip()
        return [value] if value else []
    items = [item.strip() for item in value.split(separator)]
    return list(dict.fromkeys(item for item in items if item))
