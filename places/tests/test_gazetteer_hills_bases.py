"""Issue 14, hills and bases: a direction word that is part of a row's own name, the
words "mountainous" and "barracks", and the rows the dev articles named that were
missing (helper gazhills). Rule tests on rows built here; row tests on the bundle."""

import pytest

from places import geocoding
from places.geocoding import index as geoindex
from places.tests.factories import index_row


def _row(ref, name, lat, lon, kind="village", names=()):
    admin1 = "Quneitra" if lat < 34 else "Aleppo"
    return index_row(ref, name, lat, lon, names=names, admin1=admin1, feature_type=kind)


@pytest.fixture(scope="module")
def hills():
    return geoindex.GazetteerIndex(
        [
            _row(
                "hills", "Tel Ahmar Hills", 33.00, 35.89, "hill", ["Eastern Tel Ahmar"]
            ),
            _row("village", "Tall Ahmar", 36.63, 37.41),  # 400 km north
            _row("governorate", "Aleppo", 36.20, 37.16, "governorate"),
        ]
    )


def test_a_direction_word_of_a_rows_own_name_is_that_row(hills):
    # Before: "eastern" read as a bearing, so a region east of the Aleppo village
    # (review, 400 km off) or the village itself.
    for query in ("Eastern Tel Ahmar", "the Eastern Tel Ahmar Hills"):
        found = hills.resolve(query, country="SY")
        assert (found.best.entry.ref, found.confidence >= 0.75) == ("hills", True)


def test_a_direction_no_row_bears_stays_a_bearing(hills):
    # "Southern Tel Ahmar" is no row's name: not the hills' row by its alternate.
    found = hills.resolve("Southern Tel Ahmar", country="SY")
    assert found is None or found.best.entry.ref != "hills"


def test_a_mountainous_area_is_the_mountain(index):
    # Before: not found (ingest Q01, "the al-Akrad mountainous area").
    for query, ref in (
        ("al-Akrad mountainous area", "supplement:sy-jabal-al-akrad"),
        ("the Turkmen mountainous area", "supplement:sy-turkmen-mountain"),
    ):
        found = geocoding.lookup(query, country="SY", index=index)
        assert (found.ref, found.confidence >= 0.75) == (ref, True)


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        # Before: Khirbat Hannani of Idlib at 0.81, 60 km off (ingest X01).
        ("Hanano military base", "supplement:sy-hanano-barracks"),
        ("Hanano barracks", "supplement:sy-hanano-barracks"),
        ("ثكنة هنانو", "supplement:sy-hanano-barracks"),
        # Before: Tall ash Shaykh of al-Hasakah (review), 420 km off.
        ("Jabal al-Sheikh", "supplement:sy-mount-hermon"),
    ],
)
def test_rows_the_dev_articles_named(index, query, ref):
    found = geocoding.lookup(query, country="SY", index=index)
    assert (found.ref, found.confidence >= 0.75) == (ref, True)


def test_barracks_of_a_city_is_the_city_not_its_airport(index):
    # "barracks" describes; it states no base type that would pick Aleppo's airport.
    found = geocoding.lookup("Aleppo barracks", country="SY", index=index)
    assert found.ref == "geonames:170063"


def test_a_fuzzy_match_keeps_the_numbers_of_a_name():
    index = geoindex.GazetteerIndex(
        [_row("b82", "Brigade 82 base", 32.83, 36.16, "base", ["Liwa 82"])]
    )
    # Before: Brigade 82 (0.74) for Brigade 80, a brigade elsewhere.
    assert index.resolve("Brigade 80", country="SY") is None
    assert index.resolve("Brigade 82", country="SY").best.entry.ref == "b82"


@pytest.mark.parametrize(
    ("query", "ref"),
    [
        # Before: not found.
        ("Regiment 46", "supplement:sy-regiment-46-base"),
        ("the 46th Regiment base", "supplement:sy-regiment-46-base"),
        # Before: review, Ad Dabah of Hama (0.5), 90 km off.
        ("Dabaa airbase", "ourairports:OS70"),
        ("al-Dab'a air base", "ourairports:OS70"),
    ],
)
def test_bases_of_the_front_lines(index, query, ref):
    found = geocoding.lookup(query, country="SY", index=index)
    assert (found.ref.removeprefix("places:"), found.confidence >= 0.75) == (ref, True)


def test_a_bare_number_is_no_base(index):
    # "Base 46" without its descriptor is "46": no row answers a bare number.
    assert geocoding.lookup("46", country="SY", index=index) is None
    assert geocoding.lookup("Regiment 45", country="SY", index=index) is None
