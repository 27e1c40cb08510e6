"""A month named with its year in words, and a part of a named month.

"In March last year" is March of the year before publication, one period of a month:
read as two phrases, "In March" took the publication year's March and "last year" the
whole year, and the event got the year. "At the end of October", "the beginning of
May", "mid-November": the month, at a month's precision (the guide dates "late October"
to the month, not to days the story does not give)."""

import datetime as dt
import re

from ingest.when.dateparsing import _MONTH, _MONTHS

_LEAD = r"(?:(?:in|since|during|from|until|by|early|late|mid-?)\s*)?"
_YEAR_WORDS = r"(?:this|last|the\s+previous|the\s+past)\s+year"
_PART = r"(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of"
PATTERNS = [
    # "in March last year", "in February of this year", "late May last year"
    rf"\b{_LEAD}{_MONTH}\s+(?:of\s+)?{_YEAR_WORDS}\b",
    # "at the end of October", "by the beginning of May" (no day or year after it)
    rf"\b{_PART}\s+{_MONTH}(?!\s*,?\s*(?:of\s+)?\d)\b",
]
_WITH_YEAR = re.compile(
    rf"^{_LEAD}({_MONTH})\s+(?:of\s+)?(this|last|the\s+previous|the\s+past)\s+year$",
    re.I,
)
_PART_OF = re.compile(rf"^{_PART}\s+({_MONTH})$", re.I)


def _month_number(word: str) -> int | None:
    key = word.rstrip(".").lower()[:3]
    return _MONTHS.index(key) + 1 if key in _MONTHS else None


def resolve(phrase: str, published_on: dt.date) -> tuple[dt.date, None, str] | None:
    """(first day of the month, None, "month") for the phrases of PATTERNS, None for
    any other phrase or a month still to come."""
    with_year = _WITH_YEAR.match(phrase)
    if with_year:
        month = _month_number(with_year.group(1))
        year = published_on.year - (0 if with_year.group(2).lower() == "this" else 1)
    else:
        part = _PART_OF.match(phrase)
        if part is None:
            return None
        month = _month_number(part.group(1))
        # A bare month is the most recent one up to the publication month.
        year = published_on.year - (1 if month and month > published_on.month else 0)
    if month is None or (year, month) > (published_on.year, published_on.month):
        return None
    return dt.date(year, month, 1), None, "month"
