"""Dates on unseen text, second pass (issue 13, helper ingdates6); made-up sentences in
the shapes series AB was chosen for."""

import datetime as dt

import pytest

from ingest import dates, propose

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
    ["in the early morning", "early in the morning", "in the early morning hours"],
)
def test_a_morning_without_a_day_is_the_publication_day(written):
    assert _days(f"Rockets hit the town {written}, killing two.") == [
        (written, WEDNESDAY, None)
    ]


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
