"""Scores and ranking rules of the gazetteer index: constants and pure functions."""

import math
from dataclasses import replace

from rapidfuzz import fuzz

from places.geocoding import normalize, vocabulary
from places.geocoding.index.entries import Candidate, IndexEntry, distance_km
from places.geocoding.phrases import query_key

FUZZY_CUTOFF = 88  # rapidfuzz ratio; lower let "Humaymat" reach "Hama" (DESIGN.md)
AMBIGUITY_MARGIN = 0.06  # two far-apart candidates closer than this: ask a human
SAME_PLACE_KM = 10.0
PROMINENCE = 0.15  # score for a town of 1 million; log-scaled, 0 for an unknown
PROMINENT_FLOOR = 0.75  # a prominent place ranks as a town of ~30,000 at least
_GENERIC_FIRST_WORDS = {"tl", "jbl", "khrbt", "qlt", "تل", "جبل", "خربه"}
_BASE = {
    "exact": 1.0,
    "alternate": 0.95,
    "stripped": 0.9,
    "skeleton": 0.82,
    "construct": 0.88,  # "Zakat" for al-Zakah: the ta marbuta read as -at
    # Same consonants as a name only once its head is dropped ("Fulayfel" and
    # "Khirbat Fulayfil"): below the place that bears the bare name.
    "skeleton_stripped": 0.74,
    "typed": 0.7,  # misspelt, yet the query names its kind ("Taqba Dam")
    "loose": 0.6,  # same consonants, spelt rather differently ("Zakat", "Zakiyat")
}
SKELETON_MIN_RATIO, SKELETON_SURE_RATIO = 60, 75
SKELETON_ALIKE = 0.2  # bonus at a ratio of 100, 0 at SKELETON_SURE_RATIO
SEAT_KM, SEAT_BONUS = 15.0, 0.05  # a town with a same-named nahiya/district around it
# Nearness to the other places of the same text: a homonymous hamlet near them is
# the one meant (NEAR_BONUS at 0 km, decaying over NEAR_SCALE_KM), one farther than
# NEAR_FAR_KM from all of them is not.
NEAR_BONUS, NEAR_SCALE_KM, NEAR_FAR_KM, NEAR_FAR = 0.16, 30.0, 150.0, -0.06
# ... and a homonym in a governorate where the text's other places lie is the one
# meant over one in another governorate (points may carry their governorate).
NEAR_SAME_ADMIN1 = 0.04
# A bulk alternate unlike a place's own name that a village this near bears as its
# own name is that village's name, merged into its neighbour's alternates by GeoNames
# ("Abu Hardub" listed for Hajin, 25 km away).
NEIGHBOUR_NAME_KM = 30.0
TYPED_CUTOFF = 75  # rapidfuzz ratio among the few places of a stated kind
_TYPED = {"base", "dam", "crossing", "hill"}
# "eastern X countryside": the sub-district centres of X within this many degrees
# of east, at least SECTOR_MIN_KM from X itself.
SECTOR_DEGREES, SECTOR_MIN_KM = 45.0, 10.0
# "Eastern Ghouta": a direction of a named area (not a governorate or a city) lies
# within the area, this far from its point.
AREA_OFFSET_KM = 8.0
_LANDFORM_TYPES = {"area", "hill"}
STRIPPED_LANDFORM_PENALTY = 0.08
_NOT_NAME_WORDS = vocabulary.DESCRIPTORS | vocabulary.DIRECTIONS
_REGION_TYPES = {"country": 3, "governorate": 3, "district": 2, "area": 3}
_SETTLEMENT_TYPES = {"city", "village"}
_WIDE_TYPES = {"country", "governorate"}
_SURE_MATCHES = {"exact", "alternate", "stripped"}
# "Eastern Karak" may be a village of its own, al-Karak al-Sharqi: the Arabic
# adjectives (masculine, feminine) of a cardinal bearing.
_DIRECTION_ADJECTIVES = {
    0.0: ("shamali", "shamaliyah"),
    90.0: ("sharqi", "sharqiyah"),
    180.0: ("janubi", "janubiyah"),
    270.0: ("gharbi", "gharbiyah"),
}


# Words that name one part of a pair of villages (upper/lower, big/small, and the
# cardinal adjectives), as keys: "Shuyukh Tahtani" and "Shuyukh Fawqani".
_PART_WORDS = tuple(
    normalize.name_key(word)
    for word in (
        "tahtani", "tahtaniyah", "fawqani", "fawqaniyah", "kabir", "kabirah",
        "saghir", "saghirah", *(a for pair in _DIRECTION_ADJECTIVES.values() for a in pair),
    )
)  # fmt: skip


def keys_of(name: str) -> list[tuple[str, bool]]:
    """(key, stripped) pairs: the name's key, then keys without its descriptor
    words or generic head ("Al-Bukamal Border Crossing" -> "Bukamal"), which
    rank below a place that bears the bare name."""
    if not name:
        return []
    full = normalize.name_key(name)
    keys = {full: False}
    if normalize.is_arabic(name):
        bare = normalize.name_key(normalize.arabic_parts(name)[0])
        keys.setdefault(bare, True)
    elif _NOT_NAME_WORDS.intersection(normalize.tokens(name)):
        keys.setdefault(query_key(name), True)
    for key in list(keys):
        first, _, rest = key.partition(" ")
        if first in _GENERIC_FIRST_WORDS and rest:
            keys.setdefault(rest, True)  # "Tell Hamamiyat" answers to "Hamamiyat"
    return [(k, stripped) for k, stripped in keys.items() if k]


def _seat_bonus(ranked: list[Candidate]) -> list[Candidate]:
    """A town that a same-named nahiya or district surrounds is its seat: the
    place the news means ("Abu al-Duhur", not the hamlet of that name)."""
    regions = [c.entry for c in ranked if c.entry.feature_type in _REGION_TYPES]
    if not regions:
        return ranked
    out = []
    for c in ranked:
        e = c.entry
        if e.feature_type not in _REGION_TYPES and any(
            distance_km(e.lat, e.lon, r.lat, r.lon) <= SEAT_KM for r in regions
        ):
            c = replace(c, score=c.score + SEAT_BONUS)
        out.append(c)
    return out


def _alike_bonus(similar: float) -> float:
    return (
        SKELETON_ALIKE * (similar - SKELETON_SURE_RATIO) / (100 - SKELETON_SURE_RATIO)
    )


def _weight(entry: IndexEntry) -> float:
    """How well known a place is (0 an unknown hamlet, 1 a town of a million)."""
    weight = min(1.0, math.log10(entry.population + 1) / 6)
    if entry.prominent or entry.is_curated:
        weight = max(weight, PROMINENT_FLOOR)
    return weight


def _lead_by_flag_only(best: Candidate, other: Candidate) -> bool:
    """``best``, reached by an approximate spelling only, outranks a far hamlet
    spelt closer only by its prominence flag: a cities500 or seat row whose
    population GeoNames leaves at 0 ("al-Shara'i": Al 'Asharah of Deir ez-Zor, not
    Ash Sharayi of Daraa; "Al-Mozra": Al Mazra'ah of As-Suwayda). Two weak links (a
    spelling unlike the name, a flag without a population) make no sure answer; a
    known town spelt as closely as its namesakes keeps its lead (Sarmin, Muzayrib)."""
    b, o = best.entry, other.entry
    if (
        best.match not in _APPROXIMATE
        or b.population
        or b.is_curated
        or not b.prominent
        or o.prominent
        or o.is_curated
        or o.population
    ):
        return False
    return other.score > best.score - PROMINENCE * PROMINENT_FLOOR


def _other_named(found: Candidate) -> bool:
    """Matched only through an alternate that is not a spelling of the place's own
    name: "Shuyukh" listed for Shaykh Ubah Si, "Aqrabat" for Uqayribat."""
    if found.match != "alternate":
        return False
    if normalize.is_arabic(found.matched):
        return False  # bulk rows' Arabic names are unsure ("عرب بينار" for Kobani)
    keys = [k for k, _ in keys_of(found.entry.name)]
    return max(fuzz.ratio(found.matched, k) for k in keys) < SKELETON_SURE_RATIO


def _alternate_only_rival(best: Candidate, other: Candidate) -> bool:
    """A place that bears the name is not made doubtful by a hamlet that has it only
    as an alternate ("Al-Bassah" of Latakia, not Al Bissah of Homs that GeoNames also
    spells Al Bassah): bulk alternates of hamlets are often another village's name.
    A known place's alternate (Ariha for Jericho) or a curated row's is a real name."""
    rival = other.entry
    return (
        best.match == "exact"
        and other.match == "alternate"
        and not (rival.prominent or rival.is_curated)
        and _weight(rival) <= _weight(best.entry)
    )


_DIGRAPH_STARTS = ("sh", "kh", "gh", "th", "dh", "ts", "zh")


def _dropped_first_vowel(key: str) -> bool:
    """Spoken Levantine drops the first short vowel ("Flifel" for Fulayfil, "Sfuhen"
    for Safuhun): a word that starts with two consonants (not one letter written as
    two) has lost it, so its spelling is unlike the written name's by more than its
    consonants are."""
    return (
        len(key) > 3
        and key[0] not in "aeiouy"
        and key[1] not in "aeiouyw"
        and not key.startswith(_DIGRAPH_STARTS)
    )


def _restores_first_vowel(key: str, other: str) -> bool:
    """``other`` is ``key`` with its dropped first vowel written: "fulayfil" for
    "flifel", not "tayr mala" for "tremla"."""
    return (
        _dropped_first_vowel(key)
        and len(other) > 3
        and other[0] == key[0]
        and other[1] in "aeiou"
        and other[2] == key[1]
    )


_APPROXIMATE = {"skeleton", "skeleton_stripped", "construct", "fuzzy", "loose"}


def _like_another_name(found: Candidate) -> bool:
    """Reached by an approximate spelling of a bulk alternate unlike the place's own
    name: "Balisa" is spelt like Balis, Maskanah's ancient name, and like Bulaysa, a
    village of Idlib; two weak links make no sure answer."""
    if found.match not in _APPROXIMATE or not found.matched:
        return False
    if normalize.is_arabic(found.matched):
        return False  # bulk rows' Arabic names are unsure (see _other_named)
    keys = [k for k, _ in keys_of(found.entry.name)]
    skeleton = normalize.skeleton(found.matched)
    return all(
        fuzz.ratio(found.matched, k) < SKELETON_SURE_RATIO
        and normalize.skeleton(k) != skeleton  # "Bennesh" is Binnish spelt otherwise
        for k in keys
    )


def _lists_neighbours_name(bearer: Candidate, other: Candidate, far: float) -> bool:
    """``other`` lists the name ``bearer`` bears only as an alternate unlike its own
    name, and lies near it: a neighbour's name in its bulk alternates, not a rival."""
    return bearer.match == "exact" and far <= NEIGHBOUR_NAME_KM and _other_named(other)


def _neighbour_bearer_first(ranked: list[Candidate]) -> list[Candidate]:
    """ "Abu Hardoub": Hajin (a town, so ranked first) lists "Abu Hardub" among its
    alternates; the village 25 km away bears it. The one village near the best that
    bears the name is the answer."""
    if len(ranked) < 2 or not _other_named(ranked[0]):
        return ranked
    best = ranked[0].entry
    bearers = [
        c
        for c in ranked[1:]
        if c.match == "exact"
        and c.entry.feature_type in _SETTLEMENT_TYPES
        and distance_km(best.lat, best.lon, c.entry.lat, c.entry.lon)
        <= NEIGHBOUR_NAME_KM
    ]
    if len(bearers) != 1:
        return ranked
    bearer = replace(bearers[0], score=max(bearers[0].score, ranked[0].score))
    return [bearer, *(c for c in ranked if c is not bearers[0])]


def _region_and_place_in_it(one: IndexEntry, other: IndexEntry) -> bool:
    """A region and a place of the same governorate are not rival answers
    ("Tell Abiad" the town and its nahiya; Aleppo the city and the governorate)."""
    regions = (one.feature_type in _REGION_TYPES) + (
        other.feature_type in _REGION_TYPES
    )
    return regions == 1 and bool(one.admin1) and one.admin1 == other.admin1
