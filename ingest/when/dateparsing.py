"""One date phrase parsed against the publication day: the plain forms ("12 March",
"March 2024", "2024-03-12", "last week") read directly, the rest by dateparser (one
parser per publication day, its answers memoised per article), and the period a parse
covers at its precision; the month names both read. dates.resolve
(ingest/when/dates.py) calls it. Split from ingest/when/dates.py."""

import datetime as dt
import functools
import re

from dateparser.date import DateDataParser

from places.geocoding import memo

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)


@functools.lru_cache(maxsize=8)
def _parser(published_at: dt.datetime) -> DateDataParser:
    """One parser per publication time: building one costs more than parsing."""
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": published_at.replace(tzinfo=None),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
            "DATE_ORDER": "DMY",
        },
    )


@memo.per_scope
def _date_data(
    published_at: dt.datetime, phrase: str
) -> tuple[dt.date | None, str | None]:
    """dateparser's (day, period) of ``phrase`` read against ``published_at``:
    about a millisecond each, so asked once per phrase an article, and the plain
    forms (``_plain``) read without it."""
    plain = _plain(phrase, published_at.date())
    if plain is not None:
        return plain
    data = _parser(published_at).get_date_data(phrase)
    return (data.date_obj.date() if data.date_obj else None), data.period


# "27 April 2014", "27th of April, 2014", "April 27, 2014", "Dec. 2023", "2013",
# "2019-05-03": read as dateparser reads them (ingest/tests/speed/test_actor_tables.py
# compares the two), only the day, month and year that matter downstream.
_PLAIN_DAY = re.compile(
    rf"^(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH}),?"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<year>(?:19|20)\d\d)$",
    re.I,
)
_PLAIN_MONTH = re.compile(
    rf"^(?P<month>{_MONTH})\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)$", re.I
)
_PLAIN_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PLAIN_ISO = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)$")
_PLAIN_RELATIVE = re.compile(r"^(this|last) (week|month|year)$", re.I)


def _plain(phrase: str, base: dt.date) -> tuple[dt.date, str] | None:
    """(date, period) of a date written in full or "this/last week|month|year",
    as dateparser gives it for the parts ``_period`` reads (a month's or year's
    day is the 1st); None for any other phrase or a day no calendar has."""
    try:
        found = _PLAIN_DAY.match(phrase)
        if found:
            month = found.group("month") or found.group("month2")
            day = int(found.group("day") or found.group("day2"))
            return dt.date(int(found["year"]), _month_number(month), day), "day"
        found = _PLAIN_MONTH.match(phrase)
        if found:
            month = _month_number(found["month"])
            return dt.date(int(found["year"]), month, 1), "month"
        if _PLAIN_YEAR.match(phrase):
            return dt.date(int(phrase), 1, 1), "year"
        found = _PLAIN_ISO.match(phrase)
        if found:
            year, month, day = (int(g) for g in found.groups())
            return dt.date(year, month, day), "day"
    except ValueError:
        return None  # "31 April 2014", "2019-13-03": dateparser decides
    found = _PLAIN_RELATIVE.match(phrase)
    if found is None:
        return None
    which, unit = found.group(1).lower(), found.group(2).lower()
    if which == "this":
        return base, unit
    if unit == "week":
        return base - dt.timedelta(days=7), unit
    if unit == "month":
        year, month = divmod(base.year * 12 + base.month - 2, 12)
        return dt.date(year, month + 1, 1), unit
    return dt.date(base.year - 1, 1, 1), unit


def _month_number(word: str) -> int:
    return _MONTHS.index(word[:3].lower()) + 1


def _parse(
    phrase: str, published_at: dt.datetime, parser: DateDataParser | None
) -> tuple[dt.date | None, str | None]:
    if parser is None or parser is _parser(published_at):
        return _date_data(published_at, phrase)
    data = parser.get_date_data(phrase)
    return (data.date_obj.date() if data.date_obj else None), data.period


def _period(
    found: dt.date, precision: str, published_on: dt.date, text: str
) -> tuple[dt.date, dt.date | None]:
    if precision == "week":
        monday = found - dt.timedelta(days=found.weekday())
        end = monday + dt.timedelta(days=6)
        return monday, min(end, published_on)
    if precision == "month":
        return found.replace(day=1), None
    if precision == "year":
        return found.replace(month=1, day=1), None
    return found, None


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]  # fmt: skip


_MONTHS = [month[:3] for month in MONTHS]
