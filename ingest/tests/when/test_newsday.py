"""Undated news in a report that is not same-day wire copy (issue 13, helper
ingdates7): the publication day, not the week before it."""

import datetime as dt

import pytest

from ingest import propose
from ingest.when import newsday

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2019, 6, 6)
# No dateline, no "today", no weekday: not a same-day report; no day given.
UNDATED = (
    "Syrian government forces shelled the town of Saraqib in Idlib province, "
    "killing five civilians, a local monitor said."
)


def _saraqib(published_at: dt.datetime) -> list:
    proposal = propose.article_propose(text_raw=UNDATED, published_at=published_at)
    return [e for e in proposal.events if e.place and "Saraqib" in e.place.name]


def test_undated_news_is_of_the_publication_day(actors_and_gazetteer):
    published_at = dt.datetime(2019, 6, 6, tzinfo=dt.UTC)  # a bare date
    events = _saraqib(published_at)
    assert events
    for event in events:
        assert (event.date_start, event.date_end) == (THURSDAY, None)
        assert event.date_precision == "day"
        assert event.date_note.startswith(newsday.NOTE)


def test_a_report_of_the_small_hours_keeps_the_week_before(actors_and_gazetteer):
    published_at = dt.datetime(2019, 6, 6, 0, 7, tzinfo=dt.UTC)  # guard
    events = _saraqib(published_at)
    assert events
    for event in events:
        assert (event.date_start, event.date_end) == (
            dt.date(2019, 6, 3),
            dt.date(2019, 6, 5),
        )
        assert event.date_precision == "week"


def test_a_date_of_its_own_is_kept(actors_and_gazetteer):  # guard
    text = UNDATED.replace("province,", "province on Tuesday,")
    published_at = dt.datetime(2019, 6, 6, tzinfo=dt.UTC)
    proposal = propose.article_propose(text_raw=text, published_at=published_at)
    saraqib = [e for e in proposal.events if e.place and "Saraqib" in e.place.name]
    assert saraqib
    assert all(e.date_start == dt.date(2019, 6, 4) for e in saraqib)
