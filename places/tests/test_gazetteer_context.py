"""Issue 14, sixth pass: rules found on the dev part of the second news list.

- A town's bulk alternates list a neighbouring village's name ("Abu Hardub" for Hajin,
  25 km away): the village that bears the name is the answer.
- Turkish dotless ı is i ("Ulashlı", a village west of Manbij).
- The other places of a text lie in one governorate: of two homonyms, the one there.
"""

import pytest

from places import geocoding
from places.geocoding import index as geoindex
from places.geocoding import normalize
from places.tests.factories import town_or_village


def resolve(index, query):
    return geocoding.lookup(query, country="SY", index=index)


def _row(ref, name, lat, lon, names=(), population=0, admin1=""):
    return town_or_village(
        ref, name, lat, lon, names=names, population=population, admin1=admin1
    )


# Before: Hajin at 0.5, "Abu Hardub bears the name; Hajīn only as an alternate".
@pytest.mark.parametrize("query", ["Abu Hardoub", "Abo Hardoub"])
def test_a_neighbours_name_in_a_towns_alternates_is_the_neighbour(index, query):
    result = resolve(index, query)
    assert result.ref == "places:geonames:174504"  # Abu Hardub, east of the Euphrates
    assert result.confidence >= 0.75


def test_only_a_near_bearer_takes_the_name_from_a_town_on_a_small_index():
    rows = [
        _row("town", "Hajin", 34.69, 40.83, names=["Abu Hardub"], population=30_000),
        _row("near", "Abu Hardub", 34.85, 40.63),  # 25 km away
        _row("far", "Dayr Mama", 36.5, 37.0, names=["Jarjisa"], population=20_000),
        _row("farbearer", "Jarjisa", 33.0, 36.0),  # 400 km away
    ]
    index = geoindex.GazetteerIndex(rows)
    near = index.resolve("Abu Hardub", country="SY")
    assert (near.best.entry.ref, near.confidence) == ("near", 1.0)
    # A known town far away that lists the name may be meant: a reviewer decides.
    far = index.resolve("Jarjisa", country="SY")
    assert far.confidence < 0.75


def test_turkish_dotless_i_is_i(index):
    assert normalize.name_key("Ulashlı") == normalize.name_key("Ulashli")
    assert normalize.name_key("Kırıkhan") == normalize.name_key("Kirikhan")
    result = resolve(index, "Ulashlı")  # before: unresolved
    assert result.ref == "places:geonames:163044"
    assert result.confidence >= 0.75


def test_of_two_homonyms_the_one_in_the_governorate_of_the_texts_places_wins(index):
    # Aqraba of Daraa and Aqraba of Rif Dimashq: a story on western Daraa's towns.
    alone, *_ = geocoding.lookup_many(["Aqraba"], country="SY", index=index)
    assert alone.confidence < 0.75
    aqraba, *others = geocoding.lookup_many(
        ["Aqraba", "al- Yadodah", "al- Sheikh Meskin", "Tafas"],
        country="SY",
        index=index,
    )
    assert all(o.admin1 == "Daraa" for o in others)
    assert aqraba.ref == "places:geonames:173126"  # before: the same, at 0.5
    assert aqraba.confidence >= 0.75


def test_the_governorate_of_the_texts_places_on_a_small_index():
    rows = [
        _row("a", "Suruj", 35.0, 36.0, admin1="Idlib"),  # 30 km from the other place
        _row("b", "Suruj", 35.0, 36.99, admin1="Hama"),  # 60 km from it
    ]
    index = geoindex.GazetteerIndex(rows)
    points = ((35.0, 36.33), (35.02, 36.35))
    assert index.resolve("Suruj", country="SY", near=points).confidence < 0.75
    found = index.resolve(
        "Suruj", country="SY", near=tuple((*p, "Idlib") for p in points)
    )
    assert (found.best.entry.ref, found.confidence) == ("a", 1.0)
    # One place of the text is thin evidence: its governorate alone decides nothing
    # (news 3 dev, "Deir Sonbol" beside al-Ankawi of Hama: Dayr Sunbul of Hama at
    # 12 km, confidently, though the article meant the one of Idlib at 23 km).
    one = index.resolve("Suruj", country="SY", near=((*points[0], "Idlib"),))
    assert one.confidence < 0.75


def km(result, lat, lon):
    return geoindex.distance_km(result.lat, result.lon, lat, lon)


# Before: Maskanah (Balis, its ancient name) and Mazraat al Majdal (alternate
# "Majdel", Suwayda) at 0.89-1.0, wrong answers 100-300 km from the villages meant.
@pytest.mark.parametrize("query", ["Balisa", "al-Mjidel"])
def test_a_spelling_only_like_a_towns_other_name_is_no_sure_answer(index, query):
    assert resolve(index, query).confidence < 0.75


def test_a_town_spelt_otherwise_than_its_alternate_keeps_it(index):
    # "Bennesh" reaches Binnish through an alternate of its own name, vowels aside.
    result = resolve(index, "Bennesh")
    assert km(result, 35.9567, 36.7138) < 3
    assert result.confidence >= 0.75


def test_a_spelling_like_only_an_other_name_on_a_small_index():
    rows = [
        _row("town", "Maskanah", 36.0, 38.0, names=["Balis"], population=20_000),
    ]
    index = geoindex.GazetteerIndex(rows)
    assert index.resolve("Balisa", country="SY").confidence == 0.5
    assert index.resolve("Meskana", country="SY").confidence >= 0.75


def test_a_bare_name_of_a_sub_district_is_its_seat(index):
    # Before: Thiban Subdistrict's middle at 0.85, 25 km from Dhiban.
    result = resolve(index, "Al-Thiban")
    assert km(result, 35.01498, 40.51028) < 3
    assert result.confidence >= 0.75
    # Stated as the sub-district, it stays the sub-district.
    stated = resolve(index, "Thiban sub-district")
    assert stated.feature_type == "district"


def test_a_dropped_first_vowel_is_restored(index):
    # Spoken "Flifel" for Fulayfil (Jabal al-Zawiya). Before: unresolved.
    result = resolve(index, "Flifel")
    assert result.ref == "places:geonames:170361"
    assert result.confidence >= 0.75
    # Only the vowel after the first consonant: "Tremla" is Tarmala, not Tayr Malah.
    tremla = resolve(index, "Tremla")
    assert tremla.label == "Tarmala"
    assert tremla.confidence >= 0.75


def test_of_homonyms_the_one_the_texts_other_names_lie_near_wins(index):
    # Villages south-west of Abu al-Duhur; each name alone is several villages.
    text = ["Rasm Hamideh", "Surouj", "Astablat"]
    alone = [resolve(index, q) for q in text]
    assert all(r.confidence < 0.75 for r in alone)
    found = geocoding.lookup_many(text, country="SY", index=index)
    assert [r.admin1 for r in found] == ["Idlib"] * 3
    assert km(found[1], 35.676, 36.96843) < 3  # Suruj of Idlib (GeoNames 172416)
    assert min(r.confidence for r in found) >= 0.75


def test_homonyms_near_each_other_on_a_small_index():
    rows = [
        _row("a1", "Suruj", 35.0, 36.0, admin1="Idlib"),
        _row("a2", "Suruj", 33.0, 37.0, admin1="Homs"),
        _row("b1", "Astablat", 35.05, 36.05, admin1="Idlib"),
        _row("b2", "Astablat", 36.5, 38.5, admin1="Raqqa"),
        _row("c1", "Zayta", 33.05, 37.05, admin1="Homs"),  # near a2: a tie for a
        _row("c2", "Zayta", 34.0, 39.0, admin1="Homs"),
    ]
    index = geoindex.GazetteerIndex(rows)

    def refs(names):
        found = geocoding.lookup_many(names, country="SY", index=index)
        return [(r.ref, r.confidence >= 0.75) for r in found]

    assert refs(["Suruj", "Astablat"]) == [("a1", True), ("b1", True)]
    # Suruj has a neighbour of each other name: no candidate stands out.
    assert refs(["Suruj", "Astablat", "Zayta"])[0][1] is False


def test_the_golan_heights_is_a_region_of_its_own(index):
    # Named in the ingest corpus; before: Jallayn, a Daraa village, at 0.5.
    result = resolve(index, "Golan Heights")
    assert result.feature_type == "area"
    assert result.precision == 3
    assert km(result, 32.98167, 35.74944) < 1


def test_one_place_of_the_text_44_km_away_does_not_part_far_homonyms_by_a_spelling():
    # Before: dominance counted within 150 km, so the nearer hamlet, reached by an
    # approximate spelling only, was a sure answer though it lay 44 km from the text's
    # only other place (news list 3, dev: "Mahimidiyeh" near al-Tabqa).
    rows = [
        _row("a", "Al Mahmudiyah", 36.10, 38.10, admin1="Aleppo"),
        _row("b", "Al Mahmudiyah", 35.50, 36.30, admin1="Latakia"),
        _row("c", "Mahmudiyah", 36.90, 40.60, admin1="Al-Hasakah"),
    ]
    index = geoindex.GazetteerIndex(rows)
    tabqa = (35.84, 38.55, "Raqqa")  # 44 km from the first
    found = index.resolve("Mahimidiyeh", country="SY", near=(tabqa,))
    assert (found.best.match, found.confidence <= 0.5) == ("skeleton", True)
    # The name as the places bear it is still set apart from that far ("Aqraba" 41 km
    # from Tafas, ingest/tests/where/test_context_places.py) ...
    found = index.resolve("Mahmudiyah", country="SY", near=(tabqa,))
    assert (found.best.entry.ref, found.confidence >= 0.75) == ("a", True)
    # ... and the spelling too, beside one of the text's places.
    beside = (36.12, 38.14, "Aleppo")
    found = index.resolve("Mahimidiyeh", country="SY", near=(beside,))
    assert (found.best.entry.ref, found.confidence >= 0.75) == ("a", True)


def test_homonyms_about_as_near_are_parted_by_the_governorate_of_the_texts_places():
    # Before: review, the one in the governorate of all the text's places lying 0.5 km
    # farther from the nearest of them (news list 2, dev: "al-Mjidel" in Daraa).
    rows = [
        _row("daraa", "Mujaydil", 32.80, 36.135, admin1="Daraa"),
        _row("suwayda", "Mujaydil", 32.78, 36.51, admin1="As-Suwayda"),
    ]
    index = geoindex.GazetteerIndex(rows)
    near = ((32.80, 36.30, "Daraa"), (32.78, 36.35, "Daraa"), (32.75, 36.31, "Daraa"))
    found = index.resolve("Mujaydil", country="SY", near=near)
    assert (found.best.entry.ref, found.confidence >= 0.75) == ("daraa", True)
    # Nearer by more than the slack, the other governorate's homonym still doubts it.
    rows[1] = _row("suwayda", "Mujaydil", 32.78, 36.45, admin1="As-Suwayda")
    found = geoindex.GazetteerIndex(rows).resolve("Mujaydil", country="SY", near=near)
    assert found.confidence <= 0.5
