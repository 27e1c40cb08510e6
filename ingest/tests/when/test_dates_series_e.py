"""Dates on unseen text (issue 13, helper ingdates5); made-up sentences in the shapes
series E was chosen for."""

import datetime as dt

import pytest

from ingest import propose
from ingest.when import dates, in_passing

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _dated(text: str, day: dt.date) -> dict[str, list[tuple]]:
    """Each proposed place's (type, start, end) for ``text`` published on ``day``."""
    proposal = propose.article_propose(text_raw=text, published_at=_at(day))
    found: dict[str, list[tuple]] = {}
    for event in proposal.events:
        name = event.place.name if event.place else ""
        found.setdefault(name, []).append(
            (event.event_type, event.date_start, event.date_end)
        )
    return found


MONDAY = dt.date(2023, 1, 9)
SATURDAY = dt.date(2023, 1, 14)


def test_a_persons_day_told_in_passing_is_not_the_events(actors_and_gazetteer):
    text = (
        "Shelling hit Daraa on Monday, killing three people.\n\nIn Binnish, four "
        "civilians died when a tank shell hit a mourning tent set up near the home of "
        "a paramedic killed Sunday, the town's hospital said."
    )
    found = _dated(text, MONDAY)
    binnish = next(v for k, v in found.items() if "Binnish" in k)
    assert all(start == MONDAY for _, start, _ in binnish), binnish


def test_the_span_runs_from_the_person_to_the_date():
    sentence = (
        "They buried him near the house of a fighter who was shot dead on Friday."
    )
    ((start, end),) = in_passing.spans(sentence)
    assert sentence[start:end] == "a fighter who was shot dead on Friday"


def test_a_date_of_the_incident_itself_is_no_aside():
    assert not in_passing.spans("Two soldiers were killed on Sunday near Saraqib.")


def test_after_midnight_counts_from_the_events_day_not_a_clause_about_a_truce(
    actors_and_gazetteer,
):
    text = (
        "State media said fresh air strikes on Saraqib on Saturday killed five "
        "people, despite a truce announced a day earlier.\n\n"
        "Warplanes struck Binnish after midnight, killing two people."
    )
    found = _dated(text, SATURDAY)
    binnish = next(v for k, v in found.items() if "Binnish" in k)
    assert [start for _, start, _ in binnish] == [SATURDAY]


# Day and month in figures with no year ("on 3/5"): the reading, day/month or
# month/day, that falls closest on or before publication.
@pytest.mark.parametrize(
    ("written", "published_on", "day"),
    [
        ("on 3/5", dt.date(2019, 5, 25), dt.date(2019, 5, 3)),
        ("on 5/3", dt.date(2019, 5, 25), dt.date(2019, 5, 3)),
        ("on 23/5", dt.date(2019, 5, 25), dt.date(2019, 5, 23)),
        ("on 5/23", dt.date(2019, 5, 25), dt.date(2019, 5, 23)),
        ("on 30/12", dt.date(2020, 1, 2), dt.date(2019, 12, 30)),
    ],
)
def test_a_day_in_figures_without_a_year(written, published_on, day):
    (found,) = dates.find_dates(
        f"The attack {written} killed five.", published_at=_at(published_on)
    )
    assert (found.date_start, found.date_end, found.precision) == (day, None, "day")


def test_the_idiom_24_7_is_no_day():
    found = dates.find_dates(
        "Troops were on 24/7 alert in the town.", published_at=_at(dt.date(2019, 5, 25))
    )
    assert found == []


def test_a_day_in_figures_with_its_year_is_read_as_before():
    (found,) = dates.find_dates(
        "The attack on 3/5/2019 killed five.", published_at=_at(dt.date(2019, 5, 25))
    )
    assert (found.text, found.date_start) == ("3/5/2019", dt.date(2019, 5, 3))
