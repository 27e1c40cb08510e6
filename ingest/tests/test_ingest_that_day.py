""" "That day" is the day the story last named (issue 13); made-up sentences."""

import datetime as dt

import pytest

from ingest import dates

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("phrase", ["that day", "that same day", "on that day"])
def test_that_day_is_the_anchor(phrase):
    (found,) = dates.find_dates(
        f"Strikes on the town {phrase} killed 14.",
        published_at=MONDAY,
        anchor=dt.date(2025, 12, 6),
    )
    assert (found.date_start, found.precision) == (dt.date(2025, 12, 6), "day")
