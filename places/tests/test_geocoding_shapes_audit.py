"""Issue 14 §2 audit: every name shape the issue lists, on places the bundled gazetteer
holds (several names per shape), each checked against the gazetteer row it means.

Shapes: Arabic generic heads before a known name; Latin heads (Tal/Tell/Tall,
Jabal/Jebel, Khirbat/Khirbet, Kafr/Kafar/Kfar/Kafer, Deir/Dayr, Maarat/Maaret/
Ma'arrat); region words (a "countryside/province/governorate" phrase is the region at
precision 3, never the city; district/sub-district a region too); governorate hints
("X (Hama)", "X, Idlib", "Muhafazat X"); E/I, ou/u, doubled/dropped vowels, -as/-az,
Efr-/Afr-; and a head with a name the gazetteer lacks, which must not be answered
with a place far away. The spellings are written here from the shapes, not taken from
the held-out news lists. bench/README.md "Shapes audit" keeps the pass count per shape.
"""

import pytest
from django.conf import settings

from places import geocoding
from places.geocoding import index as geoindex

HIT_KM = 5.0
FAR_KM = 100.0
_SETTLEMENTS = {"city", "village"}
_REGION_PRECISION = {"area": 3, "governorate": 3, "country": 3, "district": 2}

# Shape -> [(query, gazetteer ref it means)]. Refs are the bundled rows' (IndexEntry.ref).
AT = {
    "arabic head تل": [
        ("تل رفعت", "geonames:163476"),
        ("تل أبيض", "geonames:163750"),
        ("تل تمر", "geonames:163434"),
    ],
    "arabic head قرية": [
        ("قرية كفر نبودة", "supplement:sy-kafr-nabudah"),
        ("قرية دير ماكر", "geonames:170777"),
        ("قرية كفر ناسج", "geonames:168653"),
    ],
    "arabic head بلدة": [
        ("بلدة كفر تخاريم", "geonames:168629"),
        ("بلدة دير حافر", "geonames:170785"),
        ("بلدة سراقب", "geonames:164816"),
    ],
    "arabic head مدينة": [
        ("مدينة معرة النعمان", "geonames:167611"),
        ("مدينة دير الزور", "geonames:170794"),
        ("مدينة إدلب", "geonames:169389"),
        ("مدينة تدمر", "geonames:163808"),
    ],
    "arabic head قاعدة": [
        ("قاعدة حميميم", "supplement:sy-khmeimim-air-base"),
        ("قاعدة التنف", "places:wikipedia:Al-Tanf_(U.S._military_base)"),
        ("قاعدة الشعيرات", "places:ourairports:OS65"),
        ("قاعدة حميميم الجوية", "supplement:sy-khmeimim-air-base"),
    ],
    "arabic head مطار": [
        ("مطار تفتناز", "places:ourairports:SY-0001"),
        ("مطار الطبقة", "places:ourairports:OS59"),
        ("مطار كويرس", "places:ourairports:OS66"),
        ("مطار منغ", "places:ourairports:OS71"),
        ("مطار أبو الظهور", "places:ourairports:OS57"),
    ],
    "Tal/Tell/Tall": [
        ("Tal Rifaat", "geonames:163476"),
        ("Tell Rifaat", "geonames:163476"),
        ("Tall Refaat", "geonames:163476"),
        ("Tel Abyad", "geonames:163750"),
        ("Tal Tamr", "geonames:163434"),
        ("Tell Tamer", "geonames:163434"),
        ("Tallrifaat", "geonames:163476"),
        ("Telrifaat", "geonames:163476"),
        ("Tellabyad", "geonames:163750"),
    ],
    "Jabal/Jebel": [
        ("Jebel al-Zawiya", "places:wikipedia:Jabal_Zawiya"),
        ("Jabal Zawiyah", "places:wikipedia:Jabal_Zawiya"),
        ("Jebel Akrad", "supplement:sy-jabal-al-akrad"),
        ("Jebel Turkmen", "supplement:sy-turkmen-mountain"),
        ("Jebel al-Arbain", "supplement:sy-jabal-al-arbaeen"),
        ("جبل الزاوية", "places:wikipedia:Jabal_Zawiya"),
        ("جبل الاكراد", "supplement:sy-jabal-al-akrad"),
    ],
    "Khirbat/Khirbet": [
        ("Khirbet Ghazaleh", "geonames:168120"),
        ("Khirbat al-Ghazala", "geonames:168120"),
        ("Khirbet al-Maazzeh", "geonames:168102"),
        ("Khirbet Tin Nour", "geonames:168052"),
    ],
    "Kafr/Kafar/Kfar/Kafer": [
        ("Kafar Takharim", "geonames:168629"),
        ("Kfar Takharim", "geonames:168629"),
        ("Kafer Nabuda", "supplement:sy-kafr-nabudah"),
        ("Kfar Batna", "geonames:168713"),
        ("Kafarbatna", "geonames:168713"),
        ("Kafer Shams", "geonames:168634"),
        ("Kafr Nassij", "geonames:168653"),
    ],
    "Deir/Dayr": [
        ("Deir Hafir", "geonames:170785"),
        ("Dayr Hafer", "geonames:170785"),
        ("Deir Maker", "geonames:170777"),
        ("Deir Attiyeh", "geonames:170797"),
        ("Dair Atiyah", "geonames:170797"),
    ],
    "Maarat/Maaret/Ma'arrat": [
        ("Maaret al-Numan", "geonames:167611"),
        ("Ma'arrat al-Nu'man", "geonames:167611"),
        ("Maarat al-Nouman", "geonames:167611"),
        ("Maaret Misrin", "geonames:167605"),
        ("Ma'arrat Misrin", "geonames:167605"),
        ("Maaret al-Atarib", "places:geonames:167616"),
    ],
    "governorate hint X (Y) / X, Y": [
        ("Kafr Zita (Hama)", "geonames:168620"),
        ("Saraqib, Idlib", "geonames:164816"),
        ("Morek (Hama)", "geonames:166640"),
        ("Harem, Idlib", "geonames:169866"),
        ("Inkhil (Daraa)", "geonames:169375"),
    ],
    "E/I": [
        ("Edlib", "geonames:169389"),
        ("Ezraa", "geonames:169341"),
        ("Enkhil", "geonames:169375"),
        ("Ezra'a", "geonames:169341"),
    ],
    "ou/u": [
        ("Khan Sheikhoun", "geonames:168325"),
        ("Jisr al-Shoughour", "geonames:169023"),
        ("Douma", "geonames:170592"),
        ("Tadmour", "geonames:163808"),
        ("Mourek", "geonames:166640"),
    ],
    "doubled/dropped vowels": [
        ("Saraaqib", "geonames:164816"),
        ("Binish", "geonames:171451"),
        ("Sarmeen", "geonames:164782"),
        ("Haarim", "geonames:169866"),
        ("Kafr Nbouda", "supplement:sy-kafr-nabudah"),
    ],
    "-as/-az": [
        ("Azas", "geonames:172082"),
        ("Aazaz", "geonames:172082"),
        ("Taftanas", "geonames:163799"),
    ],
    "Efr-/Afr-": [
        ("Efrin", "geonames:174186"),
        ("Afreen", "geonames:174186"),
        ("Efreen", "geonames:174186"),
    ],
}

# Shape -> [(query, governorate)]: the region at precision 3, never a settlement.
REGION = {
    "arabic head ريف": [
        ("ريف إدلب", "Idlib"),
        ("ريف حماة", "Hama"),
        ("ريف حلب الغربي", "Aleppo"),
        ("ريف دير الزور", "Deir ez-Zor"),
        ("ريف حمص الشمالي", "Homs"),
        ("ريف حماة الشمالي", "Hama"),
    ],
    "arabic head محافظة": [
        ("محافظة إدلب", "Idlib"),
        ("محافظة الحسكة", "Al-Hasakah"),
        ("محافظة درعا", "Daraa"),
    ],
    "countryside/province/governorate": [
        ("Idlib countryside", "Idlib"),
        ("Hama province", "Hama"),
        ("Aleppo governorate", "Aleppo"),
        ("Deir ez-Zor countryside", "Deir ez-Zor"),
        ("Daraa province", "Daraa"),
        ("Edlib countryside", "Idlib"),
        ("the countryside of Hama", "Hama"),
        ("rural Idlib", "Idlib"),
        ("northern Homs countryside", "Homs"),
        ("northern Hama countryside", "Hama"),
        ("southern Homs countryside", "Homs"),
    ],
    "Muhafazat X": [
        ("Muhafazat Idlib", "Idlib"),
        ("Muhafazat Hama", "Hama"),
        ("Muhafazat Halab", "Aleppo"),
    ],
}
# district / sub-district: a region (precision >= 2), never the town it is named for.
DISTRICT = {
    "district/sub-district": [
        ("Maarat al-Numan district", "Idlib"),
        ("Jebel Saman sub-district", "Aleppo"),
        ("Azaz district", "Aleppo"),
        ("Sarmin subdistrict", "Idlib"),
        ("Nahiyat Tall Tamr", "Al-Hasakah"),
    ],
}
# A named head ("Tall", "Khirbat") + a name held only without it: the place the hill or
# ruin is named after, near it (precision 2) -- not the same place (precision 1).
NAMED_AFTER = {
    "head + a name held without it": [
        ("Tal Saraqib", "geonames:164816"),
        ("Tell Tadmur", "geonames:163808"),
        ("Khirbet Saraqib", "geonames:164816"),
        ("تل سراقب", "geonames:164816"),
        ("خربة تدمر", "geonames:163808"),
    ],
}
# Head + a name the gazetteer lacks there: unresolved, or for review, or (with a
# governorate hint) within FAR_KM of that governorate -- never a sure place far away.
UNKNOWN = {
    "head + unknown name": [
        ("Tell Zurbaqiyat", ""),
        ("Khirbet Umm Qalawish", ""),
        ("تل قرقوزان", ""),
        ("قرية زوربقية", ""),
        ("Jabal Shmeiriqa", ""),
        ("Tall Qarah, Hasakah", "Al-Hasakah"),
        ("Jabal Douma (Idlib)", "Idlib"),
        ("Khirbet Saraqib, Daraa", "Daraa"),
        ("Tell Tadmur (Aleppo)", "Aleppo"),
    ],
}


def _params(table):
    return [
        pytest.param(query, expected, id=f"{shape}: {query}")
        for shape, rows in table.items()
        for query, expected in rows
    ]


def _entry(index, ref):
    return next(e for e in index.entries if e.ref == ref)


def _governorate(index, name):
    return next(
        e for e in index.entries if e.feature_type == "governorate" and e.admin1 == name
    )


@pytest.mark.parametrize(("query", "ref"), _params(AT))
def test_a_shape_of_a_held_name_is_that_place_and_sure(index, query, ref):
    found = geocoding.lookup(query, index=index)
    place = _entry(index, ref)
    assert found is not None
    assert geoindex.distance_km(found.lat, found.lon, place.lat, place.lon) <= HIT_KM, (
        found.label
    )
    assert found.confidence >= settings.GEOCODER_MIN_CONFIDENCE, found.note
    # The place itself, at its own precision ("تل رفعت" is the town, not near it).
    own = max(place.precision, _REGION_PRECISION.get(place.feature_type, 1))
    assert found.precision == own, found.note


@pytest.mark.parametrize(("query", "ref"), _params(NAMED_AFTER))
def test_a_named_head_on_a_name_held_without_it_is_near_that_place(index, query, ref):
    found = geocoding.lookup(query, index=index)
    place = _entry(index, ref)
    assert found is not None
    assert geoindex.distance_km(found.lat, found.lon, place.lat, place.lon) <= HIT_KM
    assert found.precision == 2, found.label


@pytest.mark.parametrize(("query", "governorate"), _params(REGION))
def test_a_region_phrase_is_the_region_never_the_city(index, query, governorate):
    found = geocoding.lookup(query, index=index)
    assert found is not None
    assert found.precision == 3, found.label
    assert found.feature_type not in _SETTLEMENTS, found.label
    assert found.admin1 == governorate


@pytest.mark.parametrize(("query", "governorate"), _params(DISTRICT))
def test_a_district_phrase_is_a_region_of_its_governorate(index, query, governorate):
    found = geocoding.lookup(query, index=index)
    assert found is not None
    assert found.precision >= 2, found.label
    assert found.feature_type not in _SETTLEMENTS, found.label
    assert found.admin1 == governorate


@pytest.mark.parametrize(("query", "governorate"), _params(UNKNOWN))
def test_a_head_and_an_unknown_name_is_no_far_place(index, query, governorate):
    found = geocoding.lookup(query, index=index)
    if found is None or found.confidence < settings.GEOCODER_MIN_CONFIDENCE:
        return  # unresolved or for review: what a name nobody holds should get
    assert governorate, f"{query!r} answered surely: {found.label}"
    region = _governorate(index, governorate)
    assert (
        geoindex.distance_km(found.lat, found.lon, region.lat, region.lon) <= FAR_KM
    ), found.label
