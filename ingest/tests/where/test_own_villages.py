"""A village of the article's own configured country that only the bundled GeoNames file
holds (issue 13, "type found, no point"; ingest/where/ownvillages.py).

Lebanon is configured, so its stories are read in the shared index, which holds its
cities500 towns but not the bundled villages (GAZETTEER_VILLAGE_COUNTRIES is empty by
default). Before, "airstrikes on the town of Arab Salim" had no point; now the marked
name is read among Lebanon's bundled villages by its own spelling, near a sure place
of the story (Nabatieh). A village far from every such place, or a name several
villages bear with nothing in the story to choose, stays the editor's."""

import datetime as dt

import pytest

from ingest import propose
from places.geocoding import index as geoindex

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]
FRIDAY = dt.datetime(2026, 6, 19, 12, 0, tzinfo=dt.UTC)


def _places(text: str) -> dict[str, object]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY, country="LB")
    return {e.place.text: e.place for e in proposal.events if e.place is not None}


def test_a_marked_village_of_lebanon_is_read_in_its_bundled_file():
    places = _places(
        "Israeli airstrikes on the town of Arab Salim in southern Lebanon killed "
        "three people on Thursday, Lebanon's National News Agency said. Israeli "
        "shelling also hit the outskirts of Nabatieh."
    )
    place = places["Arab Salim"]
    assert place.lat is not None  # before: not in the gazetteer
    assert geoindex.distance_km(place.lat, place.lon, 33.42972, 35.51583) < 1
    assert "bundled" in place.note


def test_a_village_far_from_every_sure_place_of_the_story_stays_the_editors():
    places = _places(
        "Israeli airstrikes on the town of Arab Salim in southern Lebanon killed "
        "three people on Thursday. Israeli shelling also hit a building in Beirut."
    )
    assert places["Arab Salim"].lat is None  # 51 km from Beirut: maybe a namesake


def test_a_name_several_villages_bear_stays_the_editors():
    places = _places(
        "An Israeli drone struck a motorbike at the entrance of the town of Dweir "
        "in Lebanon on Thursday, killing one man, the National News Agency said."
    )
    assert places["Dweir"].lat is None  # five Douair/Doueir of the bundle, no anchor
