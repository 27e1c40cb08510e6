"""Date expressions in article text, resolved with dateparser against the publication day."""

import datetime as dt
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from ingest.reading import cues
from ingest.when import days_apart, issuedays, monthofyear, named_days, nights
from ingest.when.dateparsing import _MONTH, _MONTHS, _parse, _parser, _period

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4})?"
# "between 3 and 5 May", "from May 3 to 5", "3-5 May 2019": one period of days.
_RANGE = (
    rf"\b(?:(?:between|from)\s+)?{_DAY}\s*(?:-|–|to|and|until)\s*{_DAY}\s+"
    rf"(?:of\s+)?{_MONTH}{_YEAR}\b|"
    rf"\b(?:(?:between|from)\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|and|until)\s*"
    rf"{_DAY}{_YEAR}\b"
)
_RANGE_RX = re.compile(rf"^(?:{_RANGE})$", re.I)
# Relative to the story's own day: "the previous day", "a day earlier".
# "that day" / "that same day": the day the story last named ("since Saturday, …
# Strikes on X that day killed 14").
_RELATIVE_DAY = (
    r"\b(?:the\s+(?:previous|following|next|same)\s+day|the\s+day\s+(?:before|after)|"
    r"a\s+day\s+(?:earlier|before|later|after)|"
    r"(?:that(?:\s+same)?|(?:earlier|later)\s+in\s+the)\s+day|"
    rf"{days_apart.PATTERN})\b"
)
_RELATIVE_RX = re.compile(rf"^(?:{_RELATIVE_DAY})$", re.I)
# Longest alternatives first: "April 26, 2019" before "April 26".
_PATTERNS = [
    *named_days.PATTERNS,  # "between Friday and Sunday", "over the weekend"
    r"\b(?:the\s+)?day\s+before\s+yesterday\b",
    _RANGE,
    _RELATIVE_DAY,
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b",
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    rf"\b{_MONTH}(?:\s+of)?\s+\d{{4}}\b",
    *monthofyear.PATTERNS,  # "in March last year", "the end of October"
    rf"\b(?:last|this|past)\s+{_MONTH}(?!\s+\d)",
    rf"\b(?:in|since|during|early|late|mid-?|until|from)\s*{_MONTH}\b"
    r"(?!,?\s+(?:of\s+)?\d)",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b",
    rf"\b(?:last|this|past)\s+{_WEEKDAY}\b",
    rf"\b(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:yesterday|today|tonight|last\s+night)(?:\s+(?:morning|afternoon|evening|night))?\b",
    r"\b(?:this|early this|late this)\s+(?:morning|afternoon|evening)\b",
    r"\b(?:at|before|after)\s+dawn\b|\bovernight\b|\bearlier today\b",
    # "shortly after midnight", "in the early hours" (no day named): the last night
    r"\b(?:(?:shortly|just)\s+)?(?:after|before|around|at)\s+midnight\b"
    r"(?!\s+(?:on|of)\b)|\bin\s+the\s+early\s+hours(?:\s+of\s+the\s+morning)?\b"
    r"(?!\s+of\b)",
    r"\b(?:last|this|past)\s+(?:week|month|year)(?:end)?\b",
    rf"\b{_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago\b",
    r"\b(?:in|since|during|until|by)\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?"
    r"(?:19|20)\d{2}\b",
]
_LEAD = re.compile(
    r"^(?:(?:in|since|during|early|late|until|from|on|by)\s+|mid-?\s*)(?:the\s+)?",
    re.I,
)
DATE_PATTERN = re.compile(
    cues.guarded("|".join(f"(?:{p})" for p in _PATTERNS), re.I), re.I
)


class DateResolutionError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a sentence and the period it stands for."""

    text: str
    start: int  # character offsets in the sentence
    end: int
    date_start: dt.date
    date_end: dt.date | None
    precision: str  # day / week / month / year

    @property
    def last(self) -> dt.date:
        return self.date_end or self.date_start


_SAME_DAY = re.compile(
    r"^(?:today|tonight|earlier today|overnight|(?:early |late )?this (?:morning|"
    r"afternoon|evening)|(?:at|before|after) dawn)$",
    re.I,
)
_OVERNIGHT = re.compile(
    r"^(?:overnight|(?:(?:shortly|just) )?(?:after|before|around|at) midnight|"
    r"(?:(?:in )?the )?early hours(?: of the morning)?)$",
    re.I,
)
_DAY_BEFORE = re.compile(r"^(?:yesterday(?: \w+)?|last night)$", re.I)
_TWO_DAYS_BEFORE = re.compile(r"^(?:the )?day before yesterday$", re.I)
WEEKDAYS = named_days.WEEKDAYS
# Written with a full stop in running text ("Jan."): never a sentence's end nor a name.
MONTH_ABBREVIATIONS = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                       "oct", "nov", "dec"]  # fmt: skip
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$", re.I)


def _weekday(phrase: str, published_on: dt.date) -> dt.date | None:
    """A bare weekday: the publication day itself when it is that day (a same-day
    wire story's "on Thursday"), else the most recent such day before it."""
    word = _PART_OF_DAY.sub("", phrase).lower()
    if word not in WEEKDAYS:
        return None
    return named_days.last_weekday(word, published_on)


_NAMED_MONTH = re.compile(r"^(last|this|past)\s+([a-z]{3})[a-z]*\.?$", re.I)
_PART_OF_YEAR = re.compile(r"^(?:early|late|mid-?)\s*(?=(?:19|20)\d{2}$)", re.I)


def _named_month(phrase: str, published_on: dt.date) -> dt.date | None:
    """ "last September": the most recent September before the publication month;
    "this March": March of the publication year (None if still to come)."""
    match = _NAMED_MONTH.match(phrase)
    if match is None or match.group(2).lower() not in _MONTHS:
        return None
    month = _MONTHS.index(match.group(2).lower()) + 1
    year = published_on.year
    if match.group(1).lower() != "this" and month >= published_on.month:
        year -= 1
    if (year, month) > (published_on.year, published_on.month):
        return None
    return dt.date(year, month, 1)


def _relative_day(phrase: str, anchor: dt.date) -> dt.date:
    word = phrase.lower()
    if "same" in word or word.startswith("that") or word.endswith("in the day"):
        return anchor
    step = dt.timedelta(days=days_apart.count(word))
    if any(w in word for w in ("previous", "before", "earlier")):
        return anchor - step
    return anchor + step


def _range(
    phrase: str, published_at: dt.datetime, parser: DateDataParser | None
) -> tuple[dt.date, dt.date | None, str] | None:
    """ "between 3 and 5 May": the days from the first to the last; the month and
    year are the last day's."""
    days = [int(d) for d in re.findall(r"\d{1,2}(?=(?:st|nd|rd|th)?\b)", phrase)]
    first, last = days[0], days[1]
    month = re.search(_MONTH, phrase, re.I)
    year = re.search(r"\d{4}", phrase)
    if month is None or not 1 <= first < last <= 31:
        return None
    found, _ = _parse(
        f"{last} {month.group(0)} {year.group(0) if year else ''}".strip(),
        published_at,
        parser,
    )
    if found is None:
        return None
    end = found
    start = end.replace(day=first)
    if start > published_at.date():
        return None
    return start, min(end, published_at.date()), "day"


def resolve(
    text: str,
    *,
    published_at: dt.datetime,
    parser: DateDataParser | None = None,
    anchor: dt.date | None = None,
) -> tuple[dt.date, dt.date | None, str] | None:
    """(start, end, precision) of one date expression, or None when unreadable.

    ``anchor`` is the day the story last spoke of ("the previous day" is the day
    before it); the publication day when None."""
    phrase = re.sub(r"\s+", " ", text.strip())
    published_on = published_at.date()
    if _RELATIVE_RX.match(phrase):
        day = _relative_day(phrase, anchor or published_on)
        return (day, None, "day") if day <= published_on else None
    if _RANGE_RX.match(phrase):
        return _range(phrase, published_at, parser)
    named = named_days.resolve(phrase, published_on)
    if named is not None:
        start, end, precision = named
        return start, (end if end != start else None), precision
    of_year = monthofyear.resolve(phrase, published_on)
    if of_year is not None:
        return of_year
    # A story told as a statement of the day before ("the army said on Saturday …. The
    # overnight attack …" in a Sunday paper): the night before that day.
    if (
        anchor is not None
        and _OVERNIGHT.match(phrase)
        and (published_on - anchor).days == 1
    ):
        return anchor, None, "day"
    phrase = _LEAD.sub("", phrase)
    if _TWO_DAYS_BEFORE.match(phrase):
        return published_on - dt.timedelta(days=2), None, "day"
    if _SAME_DAY.match(phrase) or _OVERNIGHT.match(phrase):
        return published_on, None, "day"
    if _DAY_BEFORE.match(phrase):
        return published_on - dt.timedelta(days=1), None, "day"
    weekday = _weekday(phrase, published_on)
    if weekday is not None:
        return weekday, None, "day"
    month = _named_month(phrase, published_on)
    if month is not None:
        return month, None, "month"
    phrase = _PART_OF_YEAR.sub("", phrase)  # "early 2011": that year
    found, period = _parse(phrase, published_at, parser)
    if found is None:
        return None
    precision = period if period in {"day", "week", "month", "year"} else "day"
    start, end = _period(found, precision, published_on, phrase)
    if start > published_on:
        return None  # an article does not report the future as fact
    return start, end, precision


# "As of 23 January, bombardments … continued" in a flash of 24 January: the day(s)
# up to that date (guide: humanitarian reports), not that day alone.
_AS_OF = re.compile(r"\bas\s+of\s+(?:the\s+)?$", re.I)
# A quoted "yesterday" or "today" is the speaker's; the weekday in brackets says
# which day that was ("Yesterday (Sunday) and today (Monday), militias attacked").
_RELATIVE_WORD = re.compile(r"^(?:yesterday|today|tonight)\b", re.I)
_NAMED_AFTER = re.compile(rf"\s*\(\s*{_WEEKDAY}\s*\)", re.I)
# "the 19th October village", "6th of October City", "the 17 February Brigade",
# "the March 23 Movement": a day and month naming a place or a group, not a date.
_NAME_AFTER = re.compile(
    r"\s+(?:villages?|towns?|city|district|street|square|camps?|hospital|brigades?|"
    r"battalions?|bridge|neighbou?rhoods?|schools?|stadium|university|division|"
    r"movement|front)\b",
    re.I,
)
_DATE_BEFORE = re.compile(r"\b(?:on|since|from|until|by)\s+$", re.I)
_DAY_AND_MONTH = re.compile(
    rf"^(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})$", re.I
)


def find_dates(
    sentence: str, *, published_at: dt.datetime, anchor: dt.date | None = None
) -> list[DateMention]:
    parser = _parser(published_at)
    mentions = []
    for match in DATE_PATTERN.finditer(sentence):
        if _NAMED_AFTER.match(sentence, match.end()) and _RELATIVE_WORD.match(
            match.group(0)
        ):
            continue  # "Yesterday (Sunday)": the weekday named is the day meant
        if (
            _DAY_AND_MONTH.match(match.group(0))
            and _NAME_AFTER.match(sentence, match.end())
            and not _DATE_BEFORE.search(sentence, 0, match.start())
        ):
            continue  # "the 19th October village": a name
        if issuedays.dates_an_issue(sentence, match.end()):
            continue  # "in Monday's issue of Mediafax": the source's day
        resolved = resolve(
            match.group(0), published_at=published_at, parser=parser, anchor=anchor
        )
        if resolved is None:
            continue
        start, end, precision = resolved
        if (
            precision == "day"
            and end is None
            and _AS_OF.search(sentence, max(0, match.start() - 12), match.start())
        ):
            start, end = start - dt.timedelta(days=1), start
        mentions.append(
            DateMention(
                match.group(0), match.start(), match.end(), start, end, precision
            )
        )
    return nights.merge(sentence, mentions)


def undated_period(published_on: dt.date) -> tuple[dt.date, dt.date, str]:
    """No date given: the week of publication up to the day before it (a news report)."""
    monday = published_on - dt.timedelta(days=published_on.weekday())
    end = max(monday, published_on - dt.timedelta(days=1))
    return monday, end, "week"
