"""Issue 14: every nahiya with its centre (places/nahiyas.py), and the seat answering
to the nahiya's OCHA names ("Quamishli", "Lower Shyookh", "الشيوخ التحتانية")."""

import functools

import pytest
from django.conf import settings

from places import gazetteer_bundle, geocoding, nahiyas
from places.geocoding.index import distance_km


@functools.cache
def bundle() -> dict[str, dict]:
    return {row["ref"]: row for row in nahiyas.bundled_rows()}


@functools.cache
def seats() -> dict[str, nahiyas.Seat]:
    return {seat.nahiya_ref: seat for seat in nahiyas.seats_load()}


def excerpt(*refs: str) -> list[dict]:
    """Real rows of the bundle (a small excerpt for the derivation)."""
    return [dict(bundle()[ref]) for ref in refs]


def test_every_bundled_nahiya_has_a_seat_in_its_governorate_and_area():
    nahiya_rows = {
        r: row for r, row in bundle().items() if row["feature_code"] == "ADM3"
    }
    assert set(seats()) == set(nahiya_rows)
    for ref, seat in seats().items():
        nahiya, town = nahiya_rows[ref], bundle()[seat.seat_ref]
        assert town["admin1"] == nahiya["admin1"], ref
        reach = 2 * float(nahiya["uncertainty_km"]) + 5
        assert seat.distance_km <= reach, ref


def test_seat_table_is_what_the_bundle_derives():
    """Rebuild with scripts/build_nahiya_seats_sy.py after the bundle changes."""
    assert nahiyas.seats_derive(bundle().values()) == list(nahiyas.seats_load())


def test_seat_is_the_coded_seat_not_a_same_named_hamlet():
    # Tal Tamer Subdistrict; Tall at Tamr (PPL) and Tall Tamr (PPLA3) of Hasakah.
    rows = excerpt("ochaPcode:SY080001", "geonames:386128", "geonames:163434")
    [seat] = nahiyas.seats_derive(rows)
    assert (seat.seat_ref, seat.method) == ("geonames:163434", "named")


def test_seat_matches_the_nahiyas_arabic_name_however_the_latin_is_spelt():
    # Hole Subdistrict (ناحية الهول) and the town GeoNames calls Al Hawl.
    rows = excerpt("ochaPcode:SY080006", "geonames:173797")
    [seat] = nahiyas.seats_derive(rows)
    assert (seat.seat_ref, seat.nahiya_name, seat.nahiya_name_ar) == (
        "geonames:173797",
        "Hole",
        "الهول",
    )


def test_district_centre_nahiya_seat_is_the_district_town():
    # "Markaz Jebel Saman": no settlement bears the name; Huraytan (PPLA3) seats
    # another nahiya, Aleppo is the district's town.
    rows = excerpt("ochaPcode:SY020000", "geonames:169858", "geonames:170063")
    [seat] = nahiyas.seats_derive(rows)
    assert (seat.seat_ref, seat.method) == ("geonames:170063", "centre")


def test_nahiya_without_a_seat_is_left_out():
    rows = excerpt("ochaPcode:SY080006")
    assert nahiyas.seats_derive(rows) == []


def test_bare_name_strips_the_sub_district_words():
    assert nahiyas.bare_name("Nahiyat Markaz Duma") == "Duma"
    assert nahiyas.bare_name("ناحية مركز دوما") == "دوما"
    assert nahiyas.bare_name("Kafr Nobol Subdistrict") == "Kafr Nobol"


def loaded(ref: str):
    entries = gazetteer_bundle.gazetteer_bundled_entries()
    return next(e for e in entries if e.ref in (ref, ref.removeprefix("geonames:")))


def test_seat_gains_the_nahiyas_ocha_names():
    town = loaded("geonames:173797")  # Al Hawl
    assert {"Hole", "الهول"} <= set(town.alternate_names)


def test_district_centre_seat_gains_no_district_name():
    assert "Jebel Saman" not in loaded("geonames:170063").alternate_names


@pytest.mark.parametrize(
    ("query", "nahiya"),
    [
        # Before: the sub-district (precision 2, its middle 9-30 km from the town).
        ("Quamishli", "ochaPcode:SY080200"),
        ("Al-Malikeyyeh", "ochaPcode:SY080300"),
        ("Lower Shyookh", "ochaPcode:SY020601"),
        ("الشيوخ التحتانية", "ochaPcode:SY020601"),
        ("Sabe Byar", "ochaPcode:SY030202"),
        ("صور", "ochaPcode:SY090106"),
        # Before: another place of a like name, more than 5 km off.
        ("Qarayya", "ochaPcode:SY130201"),
        ("Sibbeh", "ochaPcode:SY100303"),
        ("Hameidiyyeh", "ochaPcode:SY100002"),
    ],
)
def test_nahiya_name_resolves_to_its_seat(index, query, nahiya):
    seat = seats()[nahiya]
    found = geocoding.lookup(query, country="SY", index=index)
    assert found.confidence >= settings.GEOCODER_MIN_CONFIDENCE
    assert distance_km(found.lat, found.lon, seat.lat, seat.lon) <= 5


def test_hole_is_al_hawl_not_houla(index):
    """Before: Houla of Hama, 400 km off (accepted). Now al-Hawl, sent to review
    (Houla's spellings stay near it)."""
    found = geocoding.lookup("Hole", country="SY", index=index)
    assert found.ref.endswith("geonames:173797")


def test_nahiya_phrase_is_still_the_sub_district(index):
    found = geocoding.lookup("Nahiyat Hole", country="SY", index=index)
    assert (found.ref, found.precision) == ("places:ochaPcode:SY080006", 2)
