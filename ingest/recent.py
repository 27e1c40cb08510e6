"""Periods counted back from the publication day: a monitor's "in the past 24 hours"
(the day before and the day itself), "within 48 hours", and "in recent days" / "over
the past few days" (LABELLING_GUIDE part A 5: a week up to the publication day).
"over the past two days" is left to the sentence: it often qualifies a clause ("all
points taken by IS over the past two days were retaken"), not the incident."""

import datetime as dt
import re

_HOURS = {"24": 1, "twenty-four": 1, "48": 2, "forty-eight": 2, "72": 3}
PATTERN = (
    r"\b(?:(?:in|over|during|within)\s+the\s+(?:past|last|previous)|within)\s+"
    r"(?:24|twenty-four|48|forty-eight|72)\s+hours\b|"
    r"\b(?:in|over|during)\s+(?:the\s+)?(?:recent\s+days|(?:past|last)\s+few\s+days)\b"
)
_RX = re.compile(rf"^(?:{PATTERN})$", re.I)
_HOURS_RX = re.compile(r"\b(24|twenty-four|48|forty-eight|72)\s+hours", re.I)


def resolve(phrase: str, published_on: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """(start, end, precision) of such a period, or None for any other phrase."""
    phrase = re.sub(r"\s+", " ", phrase.strip())
    if not _RX.match(phrase):
        return None
    hours = _HOURS_RX.search(phrase)
    if hours is None:  # "in recent days", "over the past few days"
        return published_on - dt.timedelta(days=6), published_on, "week"
    back = dt.timedelta(days=_HOURS[hours.group(1).lower()])
    return published_on - back, published_on, "day"
