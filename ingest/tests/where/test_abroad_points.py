"""Issue 13 (place recall): a wire's dateline abroad is listed with its own point, never
as an event's place nor as the centre of the story's map; a capital named in the text
stays without one (ingest/where/abroadpoints.py). Sentences made up for these tests."""

import datetime as dt

import pytest

from ingest import placing, propose
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2019, 3, 5, 12, 0, tzinfo=dt.UTC)
BEIRUT = (33.8933, 35.5016)  # GeoNames 276781
WIRE = (
    "BEIRUT, March 5 (Reuters) - Government air strikes killed five civilians in "
    "Saraqib on Tuesday, a war monitor said. The strikes came despite a ceasefire "
    "brokered between Moscow and Ankara last year."
)


@pytest.fixture(autouse=True)
def gazetteer(actors_and_gazetteer) -> None:
    """The demo actors and the loaded gazetteer."""


def _named(proposal, name: str):
    return next(p for p in proposal.places if p.name == name)


def test_a_dateline_abroad_is_listed_at_its_point():
    proposal = propose.article_propose(text_raw=WIRE, published_at=WHEN)
    place = _named(proposal, "Beirut")
    assert place.lat is not None
    assert distance_km(place.lat, place.lon, *BEIRUT) < 5
    assert place.origin == "abroad"


def test_a_capital_named_as_a_side_stays_without_a_point():
    proposal = propose.article_propose(text_raw=WIRE, published_at=WHEN)
    assert _named(proposal, "Ankara").lat is None


def test_a_city_abroad_is_no_events_place_nor_the_maps_centre():
    proposal = propose.article_propose(text_raw=WIRE, published_at=WHEN)
    assert proposal.events
    assert all(e.place is None or e.place.origin != "abroad" for e in proposal.events)
    near = placing.map_context(proposal)["near"]
    saraqib = _named(proposal, "Saraqib")
    assert distance_km(*near, saraqib.lat, saraqib.lon) < 1
