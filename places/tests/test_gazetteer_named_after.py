"""Issue 14: "X airport" where X is another spelling of the town the field is named
after (places/geocoding/index/namedafter.py). Rule tests on rows built here; one row
test on the bundle."""

import pytest

from places import geocoding
from places.geocoding import index as geoindex
from places.tests.factories import index_row, town_or_village


@pytest.fixture(scope="module")
def made_up():
    return geoindex.GazetteerIndex(
        [
            town_or_village(
                "town", "Qaryat Nur", 35.00, 38.00, ["Kariat Nour"], population=50000
            ),
            index_row(
                "field",
                "Qaryat Nur Airport",
                35.04,
                38.05,
                feature_type="base",
                prominent=True,
            ),  # fmt: skip
            town_or_village("far", "Tall Sawda", 36.00, 39.00, ["Tel Souda"], 20000),
            index_row(  # 60 km from the town it is named after
                "far-field",
                "Tall Sawda Air Base",
                36.40,
                39.40,
                feature_type="base",
                prominent=True,
            ),  # fmt: skip
        ]
    )


def test_a_field_named_after_the_town_by_another_spelling(made_up):
    # Before: the town (no base bears "Kariat Nour"), 6 km from the field.
    for query in ("Kariat Nour airport", "Kariat Nour military airbase"):
        found = made_up.resolve(query, country="SY")
        assert (found.best.entry.ref, found.confidence >= 0.75) == ("field", True)


def test_the_town_spelt_as_the_field_still_finds_it(made_up):
    found = made_up.resolve("Qaryat Nur airport", country="SY")
    assert found.best.entry.ref == "field"


def test_a_field_far_from_the_town_is_not_its_own(made_up):
    found = made_up.resolve("Tel Souda airbase", country="SY")
    assert found.best.entry.ref == "far"  # the town: no field of its name near it


def test_a_plain_name_stays_the_town(made_up):
    assert made_up.resolve("Kariat Nour", country="SY").best.entry.ref == "town"


def test_deir_ezzor_airport_is_the_airport(index):
    # Before: Deir ez-Zor city, 6 km off (dev AC08, AB01: "Deir Ezzor airport").
    for query in ("Deir Ezzor airport", "Deir Ezzor military airport"):
        found = geocoding.lookup(query, country="SY", index=index)
        assert (found.ref, found.confidence >= 0.75) == (
            "places:ourairports:OSDZ",
            True,
        )
