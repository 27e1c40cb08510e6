"""A direction's village ("Eastern Bari": Barri ash-Sharqi) is looked up only when a
row bears its key (bench/README.md, "Ingest CPU time, third pass"): that is the only
way the index finds a sure match of it, so the answer is the same."""

import pytest

from places.geocoding import index as geoindex
from places.geocoding.index.ranking import _SURE_MATCHES


def entry(ref, name, lat, lon, feature_type, **values):
    return geoindex.IndexEntry(
        ref=ref, name=name, lat=lat, lon=lon, country="SY", admin1="Hama",
        feature_type=feature_type, precision=1, **values,
    )  # fmt: skip


@pytest.fixture(scope="module")
def towns() -> geoindex.GazetteerIndex:
    return geoindex.GazetteerIndex(
        [
            entry("g:1", "Barri", 35.0, 37.2, "village"),
            entry("g:2", "Barri ash Sharqi", 35.0, 37.27, "village"),
            entry("g:3", "Tall Shihab", 32.69, 35.98, "village", names=("Tel Shehab",)),
            entry("g:4", "Kafr Zita", 35.37, 36.6, "city"),
        ]
    )


@pytest.mark.parametrize(
    "query",
    [
        "Bari sharqi", "Barri ash-Sharqi", "Bary sharqi", "Shihab", "Shehab gharbi",
        "Kafr Zeita", "Kafar Zita janubi", "Zita", "Nowhere sharqiyah",
    ],
)  # fmt: skip
@pytest.mark.parametrize("country", ["SY", ""])
def test_a_sure_match_is_found_only_where_a_row_bears_the_key(towns, query, country):
    found = towns.candidates(query, country=country)
    sure = any(c.match in _SURE_MATCHES for c in found)
    assert towns._bears_key(query, country) == sure


def test_a_village_named_for_a_direction_is_still_found(towns):
    found = towns.resolve("Eastern Bari", country="SY")
    assert found.best.entry.ref == "g:2"
