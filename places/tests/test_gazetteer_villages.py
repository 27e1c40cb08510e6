"""The bundled GeoNames villages of countries abroad (places.gazetteer_villages), read
from real rows (places/tests/data/abroad, sources in its README)."""

import gzip
from pathlib import Path

import pytest
from django.core.management import call_command

from places import (
    gazetteer_bundle,
    gazetteer_entry,
    gazetteer_geonames,
    gazetteer_villages,
)
from places.models import GazetteerEntry

EXCERPTS = Path(__file__).resolve().parent / "data" / "abroad"


@pytest.fixture
def excerpts(monkeypatch):
    monkeypatch.setattr(gazetteer_villages, "ABROAD_DIR", EXCERPTS)


def test_a_bundled_row_is_a_village_with_its_source(excerpts):
    rows = {e.ref: e for e in gazetteer_geonames.village_entries("SD")}
    assert set(rows) == {"366331", "8385404", "365307"}
    tawila = rows["366331"]
    assert tawila.feature_type == "village"
    assert tawila.population == 0
    assert "Tawila" in tawila.alternate_names
    assert tawila.admin1 == "55"  # GeoNames' code; the index names it
    assert tawila.source == gazetteer_villages.SOURCE
    assert rows["365307"].name_ar == "أم بادر"


def test_a_town_cities500_holds_only_gains_the_bundled_spellings(excerpts):
    town = gazetteer_entry._entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref="366331",
        name="Ţawīlah",
        alternate_names=[],
        country_code="SD",
        lat=13.5,
        lon=24.9,
        source=gazetteer_bundle.CITIES500_SOURCE,
    )
    rows = list(gazetteer_geonames.village_entries("SD", [town]))
    assert "366331" not in {e.ref for e in rows}
    assert "Tawila" in town.alternate_names
    assert town.source == gazetteer_bundle.CITIES500_SOURCE


def test_load_gazetteer_of_a_configured_country_holds_its_villages(excerpts, settings):
    settings.GAZETTEER_VILLAGE_COUNTRIES = ["SD"]
    rows = gazetteer_bundle.gazetteer_bundled_entries(["SD"])
    tawila = next(e for e in rows if e.ref == "366331")
    assert tawila.admin1 == "North Darfur"
    assert tawila.key  # the database row is searchable by its key


@pytest.mark.django_db
def test_import_gazetteer_reads_the_bundled_compressed_file(tmp_path):
    path = tmp_path / "UA.txt.gz"
    path.write_bytes(gzip.compress((EXCERPTS / "UA.txt").read_bytes()))
    call_command("import_gazetteer", str(path), countries="UA", stdout=None)
    robotyne = GazetteerEntry.objects.get(ref="695586")
    assert robotyne.country_code == "UA"
    assert (robotyne.lat, robotyne.lon) == pytest.approx((47.44562, 35.83431))


def test_a_configured_country_reads_no_villages_unless_chosen(excerpts, settings):
    # The default set-up's shared index holds no bundled hamlet (IQ/LB/PS's cost
    # 3.4 s CPU per build and gave wrong points on the dev reports).
    settings.GAZETTEER_VILLAGE_COUNTRIES = []
    rows = gazetteer_bundle.gazetteer_bundled_entries(["SD"])
    assert "366331" not in {e.ref for e in rows}
    assert not any(e.source == gazetteer_villages.SOURCE for e in rows)


def test_a_village_spelt_like_a_town_near_it_lends_the_town_its_spellings(excerpts):
    # GeoNames' second record of a town (another id, a few km off) is no second
    # place: "Tawila" would otherwise point at the village beside the town.
    town = gazetteer_entry._entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref="1",  # not 366331
        name="Tawilah",
        alternate_names=["Tawila"],
        country_code="SD",
        lat=13.55,  # 6 km from 366331
        lon=24.9,
        source=gazetteer_bundle.CITIES500_SOURCE,
    )
    rows = {e.ref for e in gazetteer_geonames.village_entries("SD", [town])}
    assert "366331" not in rows
    assert "8385404" in rows  # the West Darfur Tawila, 150 km off, stays
    assert "Ţawīlah" in town.alternate_names
