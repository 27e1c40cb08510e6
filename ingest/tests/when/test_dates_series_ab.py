"""Dates on unseen text, second pass (issue 13, helper ingdates6); made-up sentences in
the shapes series AB was chosen for."""

import datetime as dt
from types import SimpleNamespace

import pytest

from ingest import propose
from ingest.when import dates, timing

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2021, 10, 20)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _days(sentence: str, day: dt.date = WEDNESDAY) -> list[tuple]:
    return [
        (d.text, d.date_start, d.date_end)
        for d in dates.find_dates(sentence, published_at=_at(day))
    ]


@pytest.mark.parametrize(
    "written",
    [
        "in the early morning",
        "early in the morning",
        "in the early morning hours",
        "at daybreak",
        "at first light",
    ],
)
def test_a_morning_without_a_day_is_the_publication_day(written):
    assert _days(f"Rockets hit the town {written}, killing two.") == [
        (written, WEDNESDAY, None)
    ]


def test_earlier_in_the_day_is_the_day_the_story_last_named():
    sunday = dt.date(2021, 10, 17)
    (found,) = dates.find_dates(
        "Clashes broke out earlier in the day.",
        published_at=_at(WEDNESDAY),
        anchor=sunday,
    )
    assert (found.date_start, found.date_end) == (sunday, None)


def test_a_morning_with_a_day_named_is_that_day():
    monday = dt.date(2021, 10, 18)
    found = _days("Rockets hit the town in the early morning of Monday.")
    assert [start for _, start, _ in found] == [monday]
    found = _days("Rockets hit the town on Monday in the early morning.")
    assert [start for _, start, _ in found] == [monday]


def test_a_report_of_the_early_morning_dates_its_next_sentence(actors_and_gazetteer):
    text = (
        "Monitors documented a new massacre in the early morning in Idlib province. "
        "Eight people were killed in rocket fire by regime forces on Saraqib."
    )
    proposal = propose.article_propose(text_raw=text, published_at=_at(WEDNESDAY))
    saraqib = [e for e in proposal.events if e.place and "Saraqib" in e.place.name]
    assert saraqib
    assert all((e.date_start, e.date_end) == (WEDNESDAY, None) for e in saraqib)


def _mention(**dated):
    fields = {"since": None, "said_on": None, "ongoing": False, "carried": None}
    return SimpleNamespace(**{**fields, **dated})


def _told(text: str, day: dt.date) -> dates.DateMention:
    (found,) = dates.find_dates(text, published_at=_at(day))
    return found


def test_a_places_history_since_long_ago_does_not_date_the_incident():
    # "Three were killed in a strike, they said on Friday. The area has been
    # targeted since October 8": one incident, told on Friday.
    friday = dt.date(2024, 9, 13)
    said = _mention(said_on=_told("said on Friday", friday))
    history = _mention(since=_told("since October 8", friday))
    group = SimpleNamespace(date=None, mentions=[said, history])
    start, end, _, _ = timing.group_dates(group, friday, None)
    assert (start, end) == (friday, None)


def test_a_recent_since_still_spans_the_days():  # guard
    friday = dt.date(2024, 9, 13)
    said = _mention(said_on=_told("said on Friday", friday))
    since = _mention(since=_told("since Tuesday", friday))
    group = SimpleNamespace(date=None, mentions=[said, since])
    start, end, _, _ = timing.group_dates(group, friday, None)
    assert (start, end) == (dt.date(2024, 9, 10), dt.date(2024, 9, 12))
