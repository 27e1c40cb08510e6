"""A month named with its year in words ("in March last year") is one month of that
year, and a part of a named month ("the end of October") is that month: before, "In
March" took the publication year's March and "last year" the whole year, and the event
got the year. Read against a made-up publication day."""

import datetime as dt

import pytest

from ingest.when import dates

PUBLISHED = dt.datetime(2023, 12, 5, 12, tzinfo=dt.UTC)
SPRING = dt.datetime(2024, 4, 2, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("sentence", "published_at", "start"),
    [
        ("In January this year, an airstrike killed dozens of herders.", PUBLISHED,
         dt.date(2023, 1, 1)),
        ("In March last year, rebels attacked the town.", PUBLISHED,
         dt.date(2022, 3, 1)),
        ("The town fell in February of this year.", PUBLISHED, dt.date(2023, 2, 1)),
        ("Fighting resumed late May last year.", PUBLISHED, dt.date(2022, 5, 1)),
        ("The dam was taken at the end of October.", PUBLISHED, dt.date(2023, 10, 1)),
        # A bare month after the publication month is last year's.
        ("The siege began at the beginning of November.", SPRING, dt.date(2023, 11, 1)),
    ],
)  # fmt: skip
def test_one_month_of_the_year_named(sentence, published_at, start):
    found = dates.find_dates(sentence, published_at=published_at)
    assert [(m.date_start, m.date_end, m.precision) for m in found] == [
        (start, None, "month")
    ]


def test_a_month_still_to_come_this_year_is_no_date():
    assert dates.find_dates("in December this year", published_at=SPRING) == []


def test_a_day_or_year_after_the_month_keeps_its_own_reading():
    found = dates.find_dates("at the end of October 2019", published_at=PUBLISHED)
    assert [(m.date_start, m.precision) for m in found] == [
        (dt.date(2019, 10, 1), "month")
    ]
