"""A month said with the claim dates the claimed event ("The RSF claimed in December
that it had seized control of Wad Madani": December, by then) instead of the lead's
day; and a town named only to say how far another lies ("about 100 kilometers
southeast of the Sudanese capital, Khartoum") is no event's place. Found on an
unseen AP story (June 2024); the sentences below are made up for the tests."""

import datetime as dt

import pytest

from ingest import propose

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 6, 7, 3, 0, tzinfo=dt.UTC)
STORY = (
    "Paramilitary fighters attacked a village in Gezira state on Wednesday, killing "
    "dozens of people, officials said. The RSF claimed in December that it had seized "
    "control of Wad Madani, about 100 kilometers southeast of the Sudanese capital, "
    "Khartoum."
)


@pytest.fixture(autouse=True)
def gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the loaded gazetteer."""


def _captures():
    proposal = propose.article_propose(text_raw=STORY, published_at=WHEN)
    return [
        e
        for e in proposal.events
        if e.event_type == "non-state-actor-overtakes-territory"
    ]


def test_the_month_the_claim_was_made_dates_the_capture():
    captures = _captures()
    assert captures
    assert {(e.date_start, e.date_precision) for e in captures} == {
        (dt.date(2023, 12, 1), "month")
    }


def test_a_capital_named_after_a_comma_to_give_a_distance_is_no_place_of_it():
    assert [e.place.name for e in _captures()] == ["Wad Medani"]
