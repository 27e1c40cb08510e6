"""Issue 14, places that are not towns abroad: the bundled OurAirports fields of the
countries wars are reported from (places/gazetteer_features.py). A field is found when
the text names it ("airbase", "airfield", "airport"); a plain name keeps its town."""

import pytest

from places import gazetteer_abroad, gazetteer_cache, gazetteer_features, geocoding


def _ref(index, query: str, country: str) -> tuple[str, bool]:
    found = geocoding.lookup(query, country=country, index=index)
    assert found is not None, query
    return found.ref, found.confidence >= 0.75


@pytest.mark.parametrize(
    ("query", "country", "ref"),
    [
        # Before: the town of the name (Marjayoun, Kirkuk, Diyarbakir, Nevatim) or
        # nothing (Incirlik), 2-13 km from the field.
        ("Marjayoun airfield", "LB", "places:ourairports:LB-0006"),
        ("Kirkuk air base", "IQ", "places:ourairports:ORKK"),
        ("Incirlik air base", "TR", "places:ourairports:LTAG"),
        ("Diyarbakir airport", "TR", "places:ourairports:LTCC"),
        ("Nevatim airbase", "IL", "places:ourairports:LLNV"),
        ("Gaza airport", "PS", "places:ourairports:LVGZ"),  # its alternate's head
    ],
)
def test_a_field_named_with_its_kind_is_the_field(index, query, country, ref):
    assert _ref(index, query, country) == (ref, True)


@pytest.mark.parametrize(
    ("query", "country"),
    [("Marjayoun", "LB"), ("Kirkuk", "IQ"), ("Diyarbakir", "TR"), ("Baalbek", "LB")],
)
def test_a_plain_name_keeps_its_town(index, query, country):
    # A field named after a town ("Kirkuk Air Base") never outranks the town.
    found = geocoding.lookup(query, country=country, index=index)
    assert found is not None
    assert found.feature_type in {"city", "village"}
    assert found.confidence >= 0.75


def test_a_country_read_abroad_holds_its_fields():
    built = gazetteer_abroad.build("AM")
    refs = {e.ref for e in built.entries}
    assert "places:ourairports:UDYE" in refs  # Erebuni Airport, Yerevan
    assert _ref(built, "Erebuni airport", "AM") == ("places:ourairports:UDYE", True)
    town = geocoding.lookup("Goris", country="AM", index=built)
    assert (town.feature_type, town.confidence >= 0.75) == ("city", True)
    assert _ref(built, "Goris airport", "AM") == ("places:ourairports:AM-0002", True)


def test_fields_are_bases_of_the_countries_bundled_and_not_syria():
    countries = gazetteer_features.countries()
    assert {"UA", "SD", "YE", "IQ", "RU"} <= countries
    assert "SY" not in countries  # gazetteer_sy_places.csv.gz has Syria's own
    rows = list(gazetteer_features.entries(["SD"], keyed=False))
    assert rows
    assert {(r.feature_type, r.precision, r.country_code) for r in rows} == {
        ("base", 1, "SD")
    }
    # no airport code or town name as a spelling: only names with a feature word
    assert all(" " in n for r in rows for n in r.alternate_names)


def test_the_cache_file_of_a_country_changes_with_the_fields(
    tmp_path, settings, monkeypatch
):
    settings.GAZETTEER_CACHE_DIR = str(tmp_path)
    before = gazetteer_cache.file_for("AM")
    changed = tmp_path / "features.csv.gz"
    changed.write_bytes(b"other")
    monkeypatch.setattr(gazetteer_features, "FEATURES", changed)
    assert gazetteer_cache.file_for("AM") != before


@pytest.mark.parametrize(("query", "country"), [("Rayak", "LB"), ("Incirlik", "TR")])
def test_a_field_never_answers_a_plain_name(index, query, country):
    # "Rayak Air Base", "İncirlik Air Base": a bare name that only a field bears once
    # its head is dropped is not the field unless the text says airbase/airport.
    found = geocoding.lookup(query, country=country, index=index)
    assert found is None or found.feature_type != "base"
