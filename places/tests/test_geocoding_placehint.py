"""A district or town beside a name picks among its namesakes (index/placehint.py)."""

import pytest

from places.geocoding import index as geoindex
from places.tests.factories import index_row, town_or_village


@pytest.fixture
def index() -> geoindex.GazetteerIndex:
    """Two far villages named Sarjah, one beside the town of Ariha; a city Kherson and
    a far town Dniprovske; Idlib the governorate."""
    return geoindex.GazetteerIndex(
        [
            index_row("sy:1", "Sarjah", 35.757, 36.627, admin1="Idlib"),
            index_row("sy:2", "Sarjah", 35.581, 36.926, admin1="Idlib"),
            town_or_village(
                "sy:3", "Ariha", 35.813, 36.609, population=40_000, admin1="Idlib"
            ),
            index_row(
                "sy:4", "Idlib", 35.9, 36.6, feature_type="governorate", admin1="Idlib"
            ),
            town_or_village(
                "sy:5", "Saraqib", 35.864, 36.806, population=30_000, admin1="Idlib"
            ),
            town_or_village(
                "sy:6", "Kafr Nabl", 35.614, 36.564, population=15_000, admin1="Idlib"
            ),
            town_or_village(
                "sy:7", "Dniprovske", 32.0, 38.5, population=10_000, admin1="Daraa"
            ),
        ]
    )


@pytest.mark.parametrize(
    "query",
    ["Sarjah, Ariha district", "Sarjah (Ariha)", "Sarjah in the Ariha district"],
)
def test_a_district_named_beside_a_name_picks_its_namesake(index, query):
    found = index.resolve(query, country="SY")
    assert found.best.entry.ref == "sy:1"
    assert found.confidence == 1.0


def test_without_the_district_the_namesakes_stay_for_review(index):
    assert index.resolve("Sarjah", country="SY").confidence <= 0.5


def test_a_sure_name_keeps_its_point_beside_a_far_context(index):
    found = index.resolve("Saraqib (Kafr Nabl)", country="SY")
    assert found.best.entry.ref == "sy:5"  # 28 km: within a district's reach
    far = index.resolve("Saraqib (Dniprovske district)", country="SY")
    assert far.best.entry.ref == "sy:5"  # sure alone: the context was misread
    assert far.confidence == 1.0


def test_an_unsure_name_found_far_from_its_context_is_for_review(index):
    found = index.resolve("Sarjah (Dniprovske)", country="SY")
    assert found.confidence <= 0.5


def test_a_governorate_in_the_context_is_still_the_admin1_hint(index):
    found = index.resolve("Sarjah, Idlib", country="SY")
    assert found.confidence <= 0.5  # both Sarjahs lie in Idlib
