""" "That day" is the day the story last named (issue 13); made-up sentences."""

import datetime as dt

import pytest

from ingest.when import dates

MONDAY = dt.datetime(2025, 12, 8, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("phrase", ["that day", "that same day", "on that day"])
def test_that_day_is_the_anchor(phrase):
    (found,) = dates.find_dates(
        f"Strikes on the town {phrase} killed 14.",
        published_at=MONDAY,
        anchor=dt.date(2025, 12, 6),
    )
    assert (found.date_start, found.precision) == (dt.date(2025, 12, 6), "day")


# Wednesday 27 October 2021: the nights below are Monday's and Tuesday's.
WEDNESDAY = dt.datetime(2021, 10, 27, 9, 0, tzinfo=dt.UTC)
MON, TUE = dt.date(2021, 10, 25), dt.date(2021, 10, 26)


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        ("on the night between Monday and Tuesday", (MON, TUE)),
        ("on the night of Monday to Tuesday", (MON, TUE)),
        ("overnight Monday into Tuesday", (MON, TUE)),
        ("on Monday night into Tuesday", (MON, TUE)),
        ("at dawn on Tuesday", (TUE, None)),
        ("overnight Monday", (MON, None)),
        ("on Tuesday at dawn", (TUE, None)),
        ("on Monday and Tuesday", (MON, None)),  # two days, no night: two dates
    ],
)
def test_one_night_is_one_period(phrase, period):
    found = dates.find_dates(
        f"Shelling hit the town {phrase}, killing two.", published_at=WEDNESDAY
    )
    assert (found[0].date_start, found[0].date_end) == period
