"""A name the gazetteer reads only by its consonants, placed when the article's anchors
agree (issue 13, "type found, no point"; ingest/where/regionread.py, ingest/where/anchored.py).

Before, "the town of Sbeneh, 6 km (4 miles) south of Damascus" left Sbeneh without a
point (the distance's conversion in brackets hid the relation), and "the village of
Sawaghiya …, Idlib governorate officials said" too, though the gazetteer's As
Suwwaghiyah lies in Idlib, 17 km from Saraqib, a place the story names. A weak reading
with no sure place beside it, or in a sentence naming two governorates, still goes to
the editor without a point."""

import datetime as dt

import pytest

from ingest import propose
from ingest.where import regionread
from ingest.where.mention import PlaceMention
from places.geocoding import index as geoindex

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("actors_and_gazetteer")]
FRIDAY = dt.datetime(2021, 6, 11, 12, 0, tzinfo=dt.UTC)
SAWAGHIYA = (36.00808, 36.75085)  # As Suwwaghiyah, Idlib (GeoNames 163873)


def _places(text: str) -> dict[str, PlaceMention]:
    proposal = propose.article_propose(text_raw=text, published_at=FRIDAY)
    return {e.place.text: e.place for e in proposal.events if e.place is not None}


def test_a_distance_with_its_conversion_in_brackets_anchors_the_name():
    places = _places(
        "Government forces shelled the rural town of Sbeneh, about 6 km (4 miles) "
        "south of Damascus, on Thursday, killing three people."
    )
    place = places["Sbeneh"]
    assert place.lat is not None  # before: no point
    assert geoindex.distance_km(place.lat, place.lon, 33.43922, 36.28102) < 1


def test_the_sentences_governorate_and_a_sure_place_beside_it_place_a_weak_reading():
    places = _places(
        "Regime artillery stationed near Saraqeb city shelled the village of "
        "Sawaghiya on Thursday, killing two civilians, according to Idlib "
        "governorate civil defence officials."
    )
    place = places["Sawaghiya"]
    assert place.lat is not None  # before: "not sure enough to place"
    assert geoindex.distance_km(place.lat, place.lon, *SAWAGHIYA) < 1
    assert "names Idlib" in place.note
    assert "Saraqib lies" in place.note


def test_a_weak_reading_with_no_sure_place_beside_it_stays_the_editors():
    places = _places(
        "Regime artillery shelled the village of Sawaghiya on Thursday, killing two "
        "civilians, according to Idlib governorate civil defence officials."
    )
    assert places["Sawaghiya"].lat is None


def _region(name: str, admin1: str) -> PlaceMention:
    return PlaceMention(
        name, 0, len(name), name, admin1, "governorate", "SY", 35.9, 36.6, 3, 0.9,
        None, "gazetteer",
    )  # fmt: skip


def test_two_governorates_in_the_sentence_mark_no_name():
    name = PlaceMention(
        "Sawaghiya", 40, 49, "Sawaghiya", "", "village", "SY", None, None, None,
        None, None, "unresolved",
    )  # fmt: skip
    one = regionread.mark([name], [_region("Idlib", "Idlib")])
    assert one[0].anchor[1] == regionread.SAME_SENTENCE
    two = regionread.mark([name], [_region("Idlib", "Idlib"), _region("Hama", "Hama")])
    assert two[0].anchor is None
