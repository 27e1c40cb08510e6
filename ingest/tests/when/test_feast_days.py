"""Named days read off python-holidays (ingest/when/feastdays.py): "on Valentine's
Day", "on Eid al-Fitr", the last such day on or before publication; "during Ramadan"
is a month, not a day. The named-day cases failed before (guards marked)."""

import datetime as dt

import pytest

from ingest.when import dates


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("phrase", "published_on", "day"),
    [
        ("On Valentine’s Day", dt.date(2025, 2, 15), dt.date(2025, 2, 14)),
        ("on Valentine's Day", dt.date(2025, 1, 10), dt.date(2024, 2, 14)),
        ("on Eid al-Fitr", dt.date(2025, 4, 5), dt.date(2025, 3, 30)),
        ("on the first day of Eid al-Adha", dt.date(2024, 6, 20), dt.date(2024, 6, 16)),
        ("on Easter Sunday", dt.date(2024, 4, 2), dt.date(2024, 3, 31)),
    ],
)  # fmt: skip
def test_a_named_day_is_read_against_the_publication_year(phrase, published_on, day):
    assert dates.resolve(phrase, published_at=_at(published_on)) == (day, None, "day")


def test_a_named_day_is_found_in_a_sentence():
    found = dates.find_dates(
        "On Valentine's Day, at 3 p.m., three servicemen were killed, he said.",
        published_at=_at(dt.date(2025, 2, 15)),
    )
    assert [(m.date_start, m.precision) for m in found] == [
        (dt.date(2025, 2, 14), "day")
    ]


def test_during_ramadan_is_no_named_day():  # guard
    found = dates.find_dates(
        "The assault took place during Ramadan, officials said.",
        published_at=_at(dt.date(2025, 3, 6)),
    )
    assert all(
        m.date_start != dt.date(2025, 3, 1) or m.precision != "day" for m in found
    )
