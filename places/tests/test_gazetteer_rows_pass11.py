"""Issue 14, eleventh pass: press spellings of bundled villages taken from their
Wikipedia pages (gazetteer_names_sy.csv) and a village GeoNames lacks (supplement)."""

import pytest

from places import geocoding


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        ("Shihat Hama", "geonames:172541"),  # before: not found
        ("Ibleen", "geonames:174626"),  # before: Ablin at 0.86
        ("أبلين", "geonames:174626"),
        ("Umm al-Tiyur", "geonames:162936"),  # before: review
        ("Deir Sharqi", "geonames:170801"),
        ("Abu Hajirat Khuatana", "supplement:sy-abu-hajirat-khuatana"),  # not found
        ("Abu Hujayrat Khawatinah", "supplement:sy-abu-hajirat-khuatana"),
    ],
)
def test_wikipedia_spellings_reach_their_village(index, query, ref):
    result = geocoding.lookup(query, country="SY", index=index)
    assert (result.ref.removeprefix("places:"), result.confidence >= 0.9) == (ref, True)
