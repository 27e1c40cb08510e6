"""Issue 14: "X refugee camp", "X IDP camp": who lives in a camp does not name it
(places.geocoding.vocabulary.CAMP_DWELLERS, dropped only before "camp")."""

import pytest

from places import geocoding
from places.geocoding import index as geoindex
from places.geocoding import normalize, vocabulary


@pytest.mark.parametrize(
    ("query", "country", "lat", "lon"),
    [
        # Before: nothing ("refugee", "IDP", "displacement" read as part of the name),
        # though "Nuseirat camp" was An Nuseirat (dev F17, T16).
        ("Nuseirat refugee camp", "PS", 31.449, 34.392),
        ("al-Hol refugee camp", "SY", 36.390, 41.150),
        ("Atmeh IDP camp", "SY", 36.309, 36.688),
        ("the al-Hol displacement camp", "SY", 36.390, 41.150),
    ],
)
def test_who_lives_in_a_camp_does_not_name_it(index, query, country, lat, lon):
    found = geocoding.lookup(query, country=country, index=index)
    assert found is not None
    assert geoindex.distance_km(found.lat, found.lon, lat, lon) < 1.0


def test_the_dwellers_stay_words_elsewhere():
    # Ingest's name spans read "refugees" outside "X refugee camp" as before.
    assert normalize.split_query("Nuseirat Refugee Camp")[0] == ["nuseirat"]
    assert normalize.split_query("Syrian refugees")[0] == ["syrian", "refugees"]
    assert "refugees" not in vocabulary.DESCRIPTORS
