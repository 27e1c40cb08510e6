"""Days wire copy names without a date (issue 13, series K): a span of weekdays, the
weekend, a fixed feast, and "overnight" in a story told as the day before's statement.
Read against a made-up publication day."""

import datetime as dt

import pytest

from ingest.when import dates

TUESDAY = dt.datetime(2025, 8, 26, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("phrase", "published_at", "start", "end"),
    [
        ("between Friday and Sunday", TUESDAY, dt.date(2025, 8, 22),
         dt.date(2025, 8, 24)),
        ("from Monday to Tuesday", TUESDAY, dt.date(2025, 8, 25),
         dt.date(2025, 8, 26)),
        ("over the weekend", TUESDAY, dt.date(2025, 8, 23), dt.date(2025, 8, 24)),
        ("at the weekend", TUESDAY, dt.date(2025, 8, 23), dt.date(2025, 8, 24)),
        ("New Year's Eve", dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC),
         dt.date(2025, 12, 31), None),
        ("on Christmas Day", dt.datetime(2025, 12, 27, 9, tzinfo=dt.UTC),
         dt.date(2025, 12, 25), None),
        ("on Monday last week", TUESDAY, dt.date(2025, 8, 18), None),
        ("on the 14th", TUESDAY, dt.date(2025, 8, 14), None),
        ("on the 28th", TUESDAY, dt.date(2025, 7, 28), None),
        ("shortly after midnight", TUESDAY, dt.date(2025, 8, 26), None),
        ("in the early hours", TUESDAY, dt.date(2025, 8, 26), None),
    ],
)  # fmt: skip
def test_a_named_span_of_days_is_read(phrase, published_at, start, end):
    assert dates.resolve(phrase, published_at=published_at) == (start, end, "day")


def test_the_phrases_are_found_in_a_sentence():
    found = dates.find_dates(
        "Warplanes struck the town over the weekend, monitors said.",
        published_at=TUESDAY,
    )
    assert [(d.date_start, d.date_end) for d in found] == [
        (dt.date(2025, 8, 23), dt.date(2025, 8, 24))
    ]


def test_overnight_in_a_statement_of_the_day_before_is_that_night():
    # "The army said on Saturday that … The overnight attack …", published on Sunday.
    sunday = dt.datetime(2025, 8, 31, 10, tzinfo=dt.UTC)
    saturday = dt.date(2025, 8, 30)
    assert dates.resolve("overnight", published_at=sunday, anchor=saturday) == (
        saturday,
        None,
        "day",
    )


def test_overnight_in_a_same_day_story_is_the_publication_day():  # guard
    assert dates.resolve("overnight", published_at=TUESDAY) == (
        dt.date(2025, 8, 26),
        None,
        "day",
    )
