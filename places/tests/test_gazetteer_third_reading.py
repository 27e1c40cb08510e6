"""Issue 14, village pass: names placed only by the others place the rest in turn.

geocoding.lookup_many reads a text's names a third time near the points the second
reading gave, keeping a new answer only beside another name's point (bench/
villagecauses.py sorts the news lists' dev misses by cause; bench/README).
"""

from places import geocoding
from places.geocoding import index as geoindex

# Four names of one dev article of news list 2 (a SOHR report on the Ghab): alone,
# only Tuwayl al-Halib is sure; Aziziyah and Al-Hwaija are homonyms that the second
# reading places in the Ghab, around al-Hawash of Hama (GeoNames row at 35.549 N).
GHAB_STORY = ["Tawil al-Haleeb", "Al-Hawwash", "Aziziyah", "Al-Hwaija"]
GHAB_HAWASH = (35.54949, 36.37953)


def _km(result, point):
    return geoindex.distance_km(result.lat, result.lon, *point)


def test_names_placed_by_the_others_place_the_rest(index):
    # Before: the second reading only, and "Al-Hawwash" stayed the sub-district seat
    # of Homs, 88 km away, for review (0.5).
    found = geocoding.lookup_many(GHAB_STORY, country="SY", index=index)
    hawash = found[1]
    assert hawash.admin1 == "Hama"
    assert _km(hawash, GHAB_HAWASH) < 5
    assert hawash.confidence >= 0.75
    assert [r.admin1 for r in found[2:]] == ["Hama", "Hama"]


def test_a_third_reading_never_places_a_name_far_from_the_story(index):
    # Three villages of southern Idlib placed together; "Al-'Adiliyah" is none of the
    # gazetteer's three Al Adiliyah (Homs, Rif Dimashq): the third reading made the
    # one of Homs, 105 km away, a sure answer until kept to names beside another.
    text = ["Surouj", "Al-'Adiliyah", "Rasm Hamideh", "Astablat"]
    found = geocoding.lookup_many(text, country="SY", index=index)
    assert found[1].confidence < 0.75
    assert all(r.admin1 == "Idlib" and r.confidence >= 0.75 for r in found[::2])
