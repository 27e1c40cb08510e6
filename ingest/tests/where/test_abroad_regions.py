"""Issue 13 (place recall): a direction of a country abroad ("northern Israel") is the
region the text names, listed without a point and never an event's place
(ingest/where/abroadregions.py). Sentences made up for these tests."""

import datetime as dt

import pytest

from ingest import propose

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 5, 6, 12, 0, tzinfo=dt.UTC)
STORY = (
    "Hezbollah fired rockets at northern Israel on Monday, and Israeli jets struck "
    "the town of Khiam in southern Lebanon, killing two people."
)


@pytest.fixture(autouse=True)
def gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the loaded gazetteer."""


def test_a_direction_of_a_country_abroad_is_the_region_named():
    proposal = propose.article_propose(text_raw=STORY, published_at=WHEN)
    region = next(p for p in proposal.places if p.name == "Northern Israel")
    assert region.text == "northern Israel"
    assert region.lat is None
    assert region.origin == "abroad"
    assert all(e.place is None or e.place.origin != "abroad" for e in proposal.events)


def test_a_country_whose_name_starts_with_a_direction_stays_whole():
    text = "Gunmen killed four villagers in South Sudan's Jonglei state on Monday."
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    assert not any(p.name.startswith("South South") for p in proposal.places)
