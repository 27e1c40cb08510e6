"""Issue 14: "western Daraa" is the west of Daraa, not a village named for the west of a
namesake 350 km away (a part lies by its whole, as Barri ash Sharqi by Barri)."""

import pytest

from places import geocoding
from places.geocoding import index as geoindex


def entry(ref, name, lat, lon, feature_type, admin1):
    return geoindex.IndexEntry(
        ref=ref,
        name=name,
        lat=lat,
        lon=lon,
        country="SY",
        admin1=admin1,
        feature_type=feature_type,
        precision=3 if feature_type == "governorate" else 1,
    )


DARAA = entry("admin:SY.06", "Daraa", 32.8499, 36.2088, "governorate", "Daraa")
DARAA_CITY = entry("geonames:170905", "Dar'a", 32.61889, 36.10213, "city", "Daraa")
SUWAYDA = entry(
    "admin:SY.05", "As-Suwayda", 32.7646, 36.8313, "governorate", "As-Suwayda"
)
# Idlib's Dara Gharbi and Dara Sharqi, Hama's As Suwaydah ash Sharqiyah: far namesakes.
DARA_WEST = entry(
    "geonames:170902", "Dara Gharbi", 35.99634, 36.50308, "village", "Idlib"
)
DARA_EAST = entry(
    "geonames:170901", "Dara Sharqi", 35.99471, 36.50838, "village", "Idlib"
)
SUWAYDA_EAST = entry(
    "geonames:9", "As Suwaydah ash Sharqiyah", 34.992, 36.745, "village", "Hama"
)
BARRI = entry("geonames:3", "Barri", 35.0, 37.2, "village", "Hama")
BARRI_EAST = entry("geonames:2", "Barri ash Sharqi", 35.0, 37.27, "village", "Hama")


@pytest.fixture(scope="module")
def towns() -> geoindex.GazetteerIndex:
    return geoindex.GazetteerIndex(
        [
            DARAA,
            DARAA_CITY,
            SUWAYDA,
            DARA_WEST,
            DARA_EAST,
            SUWAYDA_EAST,
            BARRI,
            BARRI_EAST,
        ]
    )


@pytest.mark.parametrize(
    ("query", "governorate"),
    [
        ("western Daraa", DARAA),
        ("eastern Daraa", DARAA),
        ("eastern Dara'a", DARAA),
        ("eastern Suwayda", SUWAYDA),
    ],
)
def test_a_direction_of_a_governorate_is_not_a_far_village_named_for_it(
    towns, query, governorate
):
    found = geocoding.lookup(query, country="SY", index=towns)
    assert found.precision == 3
    assert found.feature_type == "area"
    assert (
        geoindex.distance_km(found.lat, found.lon, governorate.lat, governorate.lon)
        < 60
    )


def test_a_village_named_for_a_part_of_its_neighbour_is_still_that_village(towns):
    found = geocoding.lookup("Eastern Barri", country="SY", index=towns)
    assert found.ref == "geonames:2"
    assert found.precision == 1
