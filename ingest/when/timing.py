"""When a proposed event happened, when the text does not say it in its sentence.

A same-day wire story dates undated sentences on its publication day; a lead's
recent date is carried into later sentences about the same incident; a "since"
or an ongoing present perfect spans up to the day before publication; otherwise
the week of publication."""

import dataclasses
import datetime as dt
import re

from ingest.country import datelines
from ingest.reading import text
from ingest.when import dates, days_apart

# "AMMAN (Reuters) -", "DAMASCUS, June 5 (Xinhua) --", "ERBIL (Kurdistan 24) –"
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,/'’-]{2,40}(?:,\s*\w+\.? \d{1,2})?\s*\([^)]{2,40}\)\s*[-–—]+"
)
_SAME_DAY_WORDS = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|at dawn|"
    r"in the early morning(?! (?:of|on)\b))\b",
    re.I,
)
CARRY_DAYS = 3  # a lead's date is carried into later sentences when this recent
# A "since" this long before the day an incident was told of is the place's history,
# not the incident's period.
_LONG_BEFORE = dt.timedelta(days=30)
# A photo caption or a title line ends on a credit or a bracket, without a full
# stop: "… Bosra al-sham – July 1, 2018 (Enab Baladi)", "(ECHO Daily Flash of 24
# January 2018)". Its date is the picture's or the page's, not the incident's.
_CAPTION = re.compile(r"\([^()]{2,60}\)\s*$")
# "22 Oct 2016 ISIS launched …": the page's date stamped before its first sentence.
_STAMP_AFTER = re.compile(r"\s+(?:[A-Z]|(?:al|el)-)")
# A credit in brackets that dates the page: "(Pakistan Point News – 16th September,
# 2016)", "(APP - UrduPoint - 14th Sep, 2024)".
_BRACKET_OPEN = re.compile(r"\([^()]{2,60}[–—-]\s*$")
_BRACKET_CLOSE = re.compile(r"\s*\)")


def is_caption(sentence: str) -> bool:
    """A line that is a caption, a credit or a title rather than a sentence."""
    return bool(_CAPTION.search(sentence))


def in_credit(sentence: str, start: int) -> bool:
    """True when ``start`` lies in the bracket closing a credit or caption line:
    "Voice of America (Washington, DC)" names where the outlet sits, not the news."""
    credit = _CAPTION.search(sentence)
    return credit is not None and start >= credit.start()


def page_stamps(
    found: list[dates.DateMention], sentence: str, published_on: dt.date
) -> list[dates.DateMention]:
    """The publication day written at the very start of a sentence and run into it
    with no preposition or comma ("22 Oct 2016 ISIS launched …"): the page's date."""
    return [
        d
        for d in found
        if d.precision == "day"
        and d.date_start == published_on
        and re.search(r"\d", d.text)
        and (
            (d.start == 0 and _STAMP_AFTER.match(sentence, d.end))
            # "Aden, (Pakistan Point News – 16th September, 2016) : 5 people …"
            or (
                _BRACKET_OPEN.search(sentence, 0, d.start)
                and _BRACKET_CLOSE.match(sentence, d.end)
            )
        )
    ]


def same_day_story(
    sentences: list[text.Sentence], published_on: dt.date, top: str = ""
) -> bool:
    """A wire story about the day it is published: a dateline, "today", the
    publication day's weekday named, or the top of the page dated that day."""
    weekday = published_on.strftime("%A")
    published_at = dt.datetime(
        published_on.year, published_on.month, published_on.day, tzinfo=dt.UTC
    )
    dated_top = any(
        found.precision == "day"
        and found.date_start == published_on
        and re.search(r"\d", found.text)  # "February 19, 2016", not "today"
        for found in dates.find_dates(top, published_at=published_at)
    )
    if dated_top:  # unless the body dates its news before that day ("yesterday")
        body = " ".join(s.text for s in sentences[:6])
        earlier = [
            d
            for d in dates.find_dates(body, published_at=published_at)
            if d.precision in ("day", "week") and d.date_start < published_on
        ]
        if not earlier:
            return True
    for sentence in sentences[:3]:
        if (
            _DATELINE.match(sentence.text)
            or datelines.dateline_names(sentence.text)
            or _SAME_DAY_WORDS.search(sentence.text)
        ):
            return True
        if re.search(rf"\b{weekday}\b", sentence.text):
            return True
    return False


def group_dates(
    group,
    published_on: dt.date,
    last_dated: dates.DateMention | None,
    same_day: bool = False,
) -> tuple[dt.date, dt.date | None, str, str]:
    dated = group.date
    if dated is not None:
        return dated.date_start, dated.date_end, dated.precision, f"“{dated.text}”"
    yesterday = max(published_on - dt.timedelta(days=1), dt.date.min)
    since = next((m.since for m in group.mentions if m.since is not None), None)
    said = next((m.said_on for m in group.mentions if m.said_on is not None), None)
    if since is not None and said is not None and said.last - since.last > _LONG_BEFORE:
        since = None  # "killed …, they said on Friday. The area has been hit since May"
    if since is not None:
        end = max(yesterday, since.date_start)
        return since.date_start, end, since.precision, f"since “{since.text}”"
    if said is not None:  # "…, a rescuer said on Thursday": on that day at the latest
        if said.precision != "day":  # "the RSF claimed in December that it had seized"
            note = f"the time it was said, “{said.text}”"
            return said.date_start, said.date_end, said.precision, note
        return said.date_start, None, "day", f"the day it was said, “{said.text}”"
    if any(m.ongoing for m in group.mentions) and last_dated is not None:
        end = max(yesterday, last_dated.date_start)
        note = f"ongoing since “{last_dated.text}” (the article's last date before it)"
        return last_dated.date_start, end, last_dated.precision, note
    carried = next((m.carried for m in group.mentions if m.carried is not None), None)
    if carried is not None:
        note = f"the lead's date, “{carried.text}”"
        # "… took place one day after militants carried out a car bomb attack"
        back = max(days_apart.before_cue(m.clause, m.trigger) for m in group.mentions)
        if back:
            note += f", {back} day{'s' * (back > 1)} before it (“days after”)"
        return carried.date_start - dt.timedelta(days=back), None, "day", note
    if same_day:
        return published_on, None, "day", "no date given in a same-day report"
    start, end, precision = dates.undated_period(published_on)
    return start, end, precision, "no date given: the week of publication"


def story_day(
    found: list[dates.DateMention], last: dt.date | None, *, has_events: bool
) -> dt.date | None:
    """The day a story last named: an event sentence's last day-precise date (or the
    first such date at all), which "on the same day" and "the previous day" follow."""
    days = [d.date_start for d in found if d.precision == "day" and d.date_end is None]
    if days and (has_events or last is None):
        return days[-1]
    return last


_SPOKEN_RELATIVE = re.compile(
    r"^(?:(?:earlier )?today|tonight|yesterday|last night|(?:early |late )?this "
    r"(?:morning|afternoon|evening))\b",
    re.I,
)


def _quoted(sentence: str, at: int) -> bool:
    before = sentence[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def spoken_on(
    found: list[dates.DateMention],
    sentence: str,
    said: dates.DateMention,
    published_on: dt.date,
) -> list[dates.DateMention]:
    """ "“… the battles today …,” it said on Monday": a "today" or "yesterday" inside
    a quotation counts from the day it was said, not from the publication day."""
    shift = said.date_start - published_on
    if said.precision != "day" or said.date_end is not None or not shift:
        return found
    return [
        dataclasses.replace(
            d,
            date_start=d.date_start + shift,
            date_end=d.date_end + shift if d.date_end else None,
        )
        if _SPOKEN_RELATIVE.match(d.text) and _quoted(sentence, d.start)
        else d
        for d in found
    ]
