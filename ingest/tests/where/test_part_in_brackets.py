"""Issue 13/14: "the X neighbourhood (of Y)": a part of a town whose town is named in
brackets takes the town's point, as "the X neighbourhood of Y" did (the labelling
guide's "sites inside a town"; bench/README.md, "Series Q, names without a point").
Made-up sentences about real places.
"""

import datetime as dt

import pytest

from ingest import propose
from places.geocoding.index import distance_km

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)
MANBIJ = (36.52815, 37.95495)  # GeoNames 167357


@pytest.mark.parametrize("town", ["(of Manbij)", "of Manbij"])
def test_a_neighbourhood_takes_its_bracketed_towns_point(actors_and_gazetteer, town):
    text = (
        f"Shells fell on the Qarmazeen neighbourhood {town} on Monday, killing two "
        "children, activists said."
    )
    proposal = propose.article_propose(text_raw=text, published_at=WHEN)
    places = [e.place for e in proposal.events]
    assert [p.text for p in places] == ["Qarmazeen"]  # one event, not one per name
    assert distance_km(places[0].lat, places[0].lon, *MANBIJ) < 1
