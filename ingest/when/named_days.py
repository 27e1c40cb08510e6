"""Days wire copy names without a date, read against the publication day: a span of
weekdays ("between Friday and Sunday", "from Monday to Wednesday"), the weekend ("over
the weekend", "at the weekend"), the year's fixed feasts ("on New Year's Eve", "on
Christmas Day"), a weekday of last week ("on Monday last week"), a day of the month
alone ("on the 14th") and a day and month in figures ("on 3/5", either order). The most
recent such days on or before publication. A bare morning (`ingest.when.mornings`) is read
here too."""

import datetime as dt
import re

from ingest.when import feastdays, mornings

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# The weekday names, Monday first (date.weekday()); ingest.when.dates reads them from here.
WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
_SPAN = (
    rf"\b(?:between\s+{_WEEKDAY}\s+and|from\s+{_WEEKDAY}\s+(?:to|until|till|through))"
    rf"\s+{_WEEKDAY}\b"
)
_WEEKEND = r"\b(?:over|at|during|on)\s+the\s+weekend\b|\b(?:this|last)\s+weekend\b"
_FEAST = r"\b(?:New\s+Year['’]?s\s+(?:Eve|Day)|Christmas\s+(?:Eve|Day))\b"
_LAST_WEEK = rf"\b(?:on\s+)?{_WEEKDAY}\s+(?:of\s+)?last\s+week\b"
_NTH = r"\bon\s+the\s+\d{1,2}(?:st|nd|rd|th)(?:\s+of\s+(?:this|the)\s+month)?\b"
# "on 3/5": day and month in figures with no year; not "3/5/2019", nor the idiom
# "on 24/7 alert".
_FIGURES = r"\bon\s+(?!24/7\b)\d{1,2}/\d{1,2}\b(?![/.]\d)"
PATTERNS = [
    _SPAN,
    _WEEKEND,
    _FEAST,
    _LAST_WEEK,
    _NTH,
    _FIGURES,
    mornings.PATTERN,
    feastdays.PATTERN,  # "on Valentine's Day", "on Eid al-Fitr" (python-holidays)
]
_FIGURES_RX = re.compile(rf"^{_FIGURES}$", re.I)
_LAST_WEEK_RX = re.compile(rf"^{_LAST_WEEK}$", re.I)
_NTH_RX = re.compile(rf"^{_NTH}$", re.I)

_SPAN_RX = re.compile(rf"^{_SPAN}$", re.I)
_WEEKEND_RX = re.compile(rf"^(?:{_WEEKEND})$", re.I)
_FEAST_RX = re.compile(rf"^(?:on\s+)?{_FEAST}$", re.I)
_FEASTS = {
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
}


def last_weekday(weekday: str, on_or_before: dt.date) -> dt.date:
    """The most recent ``weekday`` (a name, any case) on or before that day."""
    back = (on_or_before.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return on_or_before - dt.timedelta(days=back)


def resolve(phrase: str, published_on: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """(start, end, "day") of a named span of days, or None for any other phrase."""
    if mornings.is_bare_morning(phrase):
        return published_on, published_on, "day"
    feast = feastdays.resolve(phrase, published_on)
    if feast is not None:
        return feast
    if _SPAN_RX.match(phrase):
        first, last = re.findall(_WEEKDAY, phrase, re.I)[-2:]
        end = last_weekday(last, published_on)
        start = last_weekday(first, end)
        return start, end, "day"
    if _WEEKEND_RX.match(phrase):
        sunday = last_weekday("sunday", published_on)
        if published_on.weekday() == 5:  # a Saturday's "this weekend": today
            return published_on, published_on, "day"
        return sunday - dt.timedelta(days=1), sunday, "day"
    if _LAST_WEEK_RX.match(phrase):
        monday = published_on - dt.timedelta(days=published_on.weekday() + 7)
        day = re.findall(_WEEKDAY, phrase, re.I)[0].lower()
        when = monday + dt.timedelta(days=WEEKDAYS.index(day))
        return when, when, "day"
    if _NTH_RX.match(phrase):
        return _day_of_month(int(re.findall(r"\d{1,2}", phrase)[0]), published_on)
    if _FIGURES_RX.match(phrase):
        first, second = (int(n) for n in re.findall(r"\d{1,2}", phrase))
        return _figures(first, second, published_on)
    feast = _FEAST_RX.match(phrase)
    if feast:
        words = re.sub(r"\s+", " ", phrase.lower().replace("’", "'"))
        words = re.sub(r"^on ", "", words).replace("years", "year's")
        month, day = _FEASTS[words]
        year = published_on.year
        if (month, day) > (published_on.month, published_on.day):
            year -= 1
        when = dt.date(year, month, day)
        return when, when, "day"
    return None


def _day_of_month(
    day: int, published_on: dt.date
) -> tuple[dt.date, dt.date, str] | None:
    """ "on the 14th": that day of the publication month, or of the month before when
    it is still to come."""
    year, month = published_on.year, published_on.month
    if day > published_on.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    return when, when, "day"


def _figures(
    first: int, second: int, published_on: dt.date
) -> tuple[dt.date, dt.date, str] | None:
    """ "on 3/5": 3 May or 5 March, whichever reading falls closest on or before
    publication (outlets write either order; the news is recent)."""
    days = []
    for day, month in ((first, second), (second, first)):
        for year in (published_on.year, published_on.year - 1):
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            if when <= published_on:
                days.append(when)
    if not days:
        return None
    when = max(days)
    return when, when, "day"
