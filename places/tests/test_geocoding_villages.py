"""A configured country's bundled villages answer a name its shared index lacks
(places.geocoding.villages)."""

import pytest

from places import gazetteer_abroad, geocoding
from places.geocoding import index as geoindex


def _entry(name, lat, lon, **kwargs):
    return geoindex.IndexEntry(
        ref=f"geonames:{name}", name=name, lat=lat, lon=lon, country="LB", **kwargs
    )


@pytest.fixture
def shared(monkeypatch, settings):
    settings.GAZETTEER_COUNTRIES = ["SY", "LB"]
    settings.GAZETTEER_VILLAGE_COUNTRIES = []
    settings.GEOCODER_ONLINE = ""
    tyre = _entry("Tyre", 33.27, 35.2, population=135000, prominent=True)
    village = {"feature_type": "village", "exact_only": True}
    own = geoindex.GazetteerIndex(
        [
            tyre,
            _entry("Aïtaroun", 33.115, 35.471, **village),
            _entry("Bint Jbeil", 33.12, 35.43, names=("Marun",), **village),
        ]
    )
    asked = []

    def country_index(country):
        asked.append(country)
        return own

    monkeypatch.setattr(gazetteer_abroad, "country_index", country_index)
    return geoindex.GazetteerIndex([tyre]), asked


def test_a_village_beside_the_text_is_a_candidate_for_review(shared, settings):
    index, _asked = shared
    near = [(33.12, 35.43)]  # Bint Jbeil, 3 km away, named in the same text
    found = geocoding.lookup("Aitaroun", country="LB", index=index, near=near)
    assert found is not None
    assert found.label == "Aïtaroun"
    assert found.confidence < settings.GEOCODER_MIN_CONFIDENCE


def test_a_bundled_village_read_alone_goes_to_review(shared, settings):
    index, _asked = shared
    found = geocoding.lookup("Aitaroun", country="LB", index=index)
    assert found is not None
    assert found.label == "Aïtaroun"
    assert found.confidence < settings.GEOCODER_MIN_CONFIDENCE


def test_a_bundled_village_far_from_the_text_goes_to_review(shared, settings):
    index, _asked = shared
    found = geocoding.lookup("Aitaroun", country="LB", index=index, near=[(34.4, 35.8)])
    assert found.confidence < settings.GEOCODER_MIN_CONFIDENCE


def test_a_name_only_an_alternate_lists_goes_to_review(shared, settings):
    index, _asked = shared
    found = geocoding.lookup("Marun", country="LB", index=index, near=[(33.12, 35.43)])
    assert found is not None
    assert found.label == "Bint Jbeil"
    assert found.confidence < settings.GEOCODER_MIN_CONFIDENCE


def test_villages_loaded_in_the_shared_index_are_not_read_twice(shared, settings):
    index, asked = shared
    settings.GAZETTEER_VILLAGE_COUNTRIES = ["LB"]
    assert geocoding.lookup("Aitaroun", country="LB", index=index) is None
    assert asked == []


def test_a_name_the_shared_index_knows_never_reads_the_bundle(shared):
    index, asked = shared
    assert geocoding.lookup("Tyre", country="LB", index=index).label == "Tyre"
    assert asked == []
