"""In-memory gazetteer index: exact, skeleton and fuzzy name matching, then ranking.

Over ~400 lines for now: candidates, ranking and the derived regions read one key
index; phrase reading is phrases.py and normalisation normalize.py.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from places.geocoding import heads, memo, namesakes, normalize
from places.geocoding.phrases import (  # noqa: F401  (query_key: ingest's entry point)
    REGION_OFFSET_KM,
    bearing_of,
    moved,
    query_key,
    query_keys,
    split_context,
    states_countryside,
    states_landform,
    type_from_words,
)

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
# Points of the other places of a text: (lat, lon), or (lat, lon, governorate).
NearPoints = tuple[tuple[float, float] | tuple[float, float, str], ...]
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
_NOT_NAME_WORDS = normalize.DESCRIPTORS | normalize.DIRECTIONS
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


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One named point: a gazetteer row or a curated PlaceName of a located place."""

    ref: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str = ""
    feature_type: str = "city"
    feature_class: str = ""
    population: int = 0
    precision: int = 1
    name_ar: str = ""
    names: tuple[str, ...] = ()
    source: str = ""
    is_curated: bool = False
    # Known to matter beyond its population: a cities500 town, a district seat, a
    # curated row, a named base/crossing/dam/hill (not one of many homonymous hamlets).
    prominent: bool = False
    # Every alternate is the place's own name, written from its sources (the
    # supplement, an editor's fix), not a bulk list that mixes in other places'.
    own_names: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: IndexEntry
    score: float
    match: str
    matched: str
    distance_km: float | None = None

    def as_dict(self) -> dict:
        entry = self.entry
        return {
            "ref": entry.ref,
            "name": entry.name,
            "admin1": entry.admin1,
            "country": entry.country,
            "lat": round(entry.lat, 6),
            "lon": round(entry.lon, 6),
            "feature_type": entry.feature_type,
            "match": self.match,
            "matched": self.matched,
            "score": round(min(self.score, 1.0), 3),
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """The index's answer: best candidate, its precision and confidence, the field."""

    best: Candidate
    precision: int
    confidence: float
    candidates: tuple[Candidate, ...] = field(default=())
    note: str = ""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing from the first point to the second (flat-earth: short hops)."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.degrees(math.atan2(dx, lat2 - lat1)) % 360


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


def _other_named(found: Candidate) -> bool:
    """Matched only through an alternate that is not a spelling of the place's own
    name: "Shuyukh" listed for Shaykh Ubah Si, "Aqrabat" for Uqayribat."""
    if found.match != "alternate":
        return False
    if normalize.is_arabic(found.matched):
        return False  # bulk rows' Arabic names are unsure ("عرب بينار" for Kobani)
    keys = [k for k, _ in GazetteerIndex._keys_of(found.entry.name)]
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
    keys = [k for k, _ in GazetteerIndex._keys_of(found.entry.name)]
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


class GazetteerIndex:
    """Name index over IndexEntry rows; build once per process, then search fast."""

    def __init__(self, entries: Iterable[IndexEntry], *, version: str = "") -> None:
        self.version = version
        self.entries: list[IndexEntry] = []
        self._keys: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
        # skeleton -> {entry: (key, whether the key lost its generic head)}
        self._skeletons: dict[tuple[str, str], dict[int, tuple[str, bool]]] = (
            defaultdict(dict)
        )
        # The few named bases, dams, crossings, hills: fuzzy keys per kind.
        self._typed: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        # Fuzzy keys per (country, first letter): a fuzzy match must share it.
        self._fuzzy: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        self._countries: set[str] = set()
        self._subdistricts: dict[tuple[str, str], list[IndexEntry]] | None = None
        self._admin: dict[str, str] = {}
        fuzzy_keys: dict[str, dict[str, int]] = defaultdict(dict)
        for entry in entries:
            i = len(self.entries)
            self.entries.append(entry)
            labelled = [(entry.name, "exact"), (entry.name_ar, "exact")]
            # A curated row's spellings are written by hand from its sources: each is
            # the place's own name, unlike a bulk row's alternates (often another
            # village's name).
            other = "exact" if entry.own_names else "alternate"
            labelled += [(name, other) for name in entry.names]
            for name, kind in labelled:
                for key, stripped in self._keys_of(name):
                    self._add(entry.country, key, i, "stripped" if stripped else kind)
                    fuzzy_keys[entry.country].setdefault(key, i)
                    if entry.feature_type in _TYPED:
                        slot = self._typed.setdefault(
                            (entry.country, entry.feature_type), ([], [])
                        )
                        slot[0].append(key)
                        slot[1].append(i)
                    if entry.feature_type == "governorate":
                        self._admin[key] = entry.admin1 or entry.name
        for country, keys in fuzzy_keys.items():
            self._countries.add(country)
            for key, i in keys.items():
                slot = self._fuzzy.setdefault((country, key[0]), ([], []))
                slot[0].append(key)
                slot[1].append(i)

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def _keys_of(name: str) -> list[tuple[str, bool]]:
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

    def _add(self, country: str, key: str, i: int, kind: str) -> None:
        slot = self._keys[(country, key)]
        if _BASE[kind] > _BASE.get(slot.get(i, ""), 0):
            slot[i] = kind
        skeletons = self._skeletons[(country, normalize.skeleton(key))]
        stripped = kind == "stripped"
        if i not in skeletons or (skeletons[i][1] and not stripped):
            skeletons[i] = (key, stripped)

    def admin1_name(self, text: str) -> str:
        """Canonical governorate name for any spelling of it ('' when unknown)."""
        return self._admin.get(query_key(text), "") if text else ""

    def candidates(
        self,
        query: str,
        *,
        country: str = "",
        admin1: str = "",
        hint: tuple[float, float] | None = None,
        feature_type: str = "",
        type_stated: bool = False,
        limit: int = 5,
        near: NearPoints = (),
    ) -> list[Candidate]:
        """Ranked candidates for ``query`` (best first); [] for non-places."""
        if normalize.is_not_a_place(query):
            return []
        found, alike = self._matches(query, country)
        admin_hint = self.admin1_name(admin1) or admin1
        ranked = [
            self._score(
                self.entries[i],
                kind,
                matched,
                admin_hint,
                hint,
                feature_type,
                type_stated,
                near,
            )
            for i, (kind, matched) in found.items()
        ]
        if alike:
            # Of two villages with the query's consonants, the one spelt more like it
            # ("Al-Fateira": Fatirah, not Faturah).
            ranked = [
                replace(c, score=c.score + _alike_bonus(alike[i])) if i in alike else c
                for c, i in zip(ranked, found, strict=True)
            ]
        if country:  # admin units are held for some countries only: compare within one
            ranked = _seat_bonus(ranked)
        ranked.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.ref))
        return ranked[:limit]

    @memo.per_scope  # the same name is looked up again near other places
    def _matches(
        self, query: str, country: str
    ) -> tuple[dict[int, tuple[str, str]], dict[int, float]]:
        """{entry: (kind, matched key)} of the names matching ``query``, by exact
        key, construct state, consonant skeleton, then fuzzily; and, of skeleton
        matches, how alike the spellings are."""
        keys = query_keys(query)
        countries = [country.upper()] if country else sorted(self._countries)
        found: dict[int, tuple[str, str]] = {}
        alike: dict[int, float] = {}  # skeleton matches: how alike the spellings are
        for key in keys:
            for c in countries:
                for i, kind in self._keys.get((c, key), {}).items():
                    found[i] = (kind, key)
            if found:
                break
        for key in keys if not found else ():
            for variant in normalize.construct_variants(key):
                for c in countries:
                    for i in self._keys.get((c, variant), {}):
                        found.setdefault(i, ("construct", variant))
            if found:
                break
        for key in keys if not found else ():
            skel = normalize.skeleton(key)
            if len(skel) < 3:
                continue  # "Haimo" and "Hama" share "hm": too short to mean anything
            for c in countries:
                for i, (other, headless) in self._skeletons.get((c, skel), {}).items():
                    # Same consonants, yet spelt alike too: "Xyzzyville" is not "Kassal".
                    similar = fuzz.ratio(key, other)
                    if _restores_first_vowel(key, other):
                        similar = max(similar, SKELETON_SURE_RATIO)
                    if similar >= SKELETON_SURE_RATIO:
                        kind = "skeleton_stripped" if headless else "skeleton"
                        found[i] = (kind, other)
                        alike[i] = similar
                    elif similar >= SKELETON_MIN_RATIO:
                        found[i] = ("loose", other)  # a candidate, never accepted alone
            if found:
                break
        if not found:
            found = self._fuzzy_matches(keys[0], countries)
        return found, alike

    def _typed_matches(self, query: str, kind: str, options: dict) -> list[Candidate]:
        """A misspelt name of a stated kind ("Taqba Dam"): fuzzy, looser than
        FUZZY_CUTOFF, among the few bases/dams/crossings/hills of the country."""
        if kind not in _TYPED or not options["country"]:
            return []
        keys, ids = self._typed.get((options["country"].upper(), kind), ((), ()))
        found: dict[int, float] = {}
        for key in query_keys(query):
            if len(key) < 4:
                continue
            for _m, score, pos in process.extract(
                key, keys, scorer=fuzz.ratio, score_cutoff=TYPED_CUTOFF, limit=3
            ):
                found[ids[pos]] = max(found.get(ids[pos], 0), score)
        ranked = []
        for i, score in found.items():
            c = self._score(self.entries[i], "typed", "", options["admin1"],
                            options["hint"], kind, True, options["near"])  # fmt: skip
            bonus = 0.15 * (score - TYPED_CUTOFF) / (100 - TYPED_CUTOFF)
            ranked.append(replace(c, score=c.score + bonus))
        return sorted(ranked, key=lambda c: -c.score)

    def _fuzzy_matches(self, key: str, countries: list[str]) -> dict[int, tuple]:
        found: dict[int, tuple[str, str]] = {}
        if len(key) < 4:
            return found  # short names fuzzy-match everything
        for c in countries:
            keys, ids = self._fuzzy.get((c, key[0]), ((), ()))
            hits = process.extract(
                key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8
            )
            for matched, score, pos in hits:
                if matched[0] != key[0] or not 0.75 <= len(matched) / len(key) <= 1.34:
                    continue
                found.setdefault(ids[pos], (f"fuzzy:{score:.0f}", matched))
        return found

    def _score(
        self,
        entry: IndexEntry,
        kind: str,
        matched: str,
        admin_hint: str,
        hint: tuple[float, float] | None,
        feature_type: str,
        type_stated: bool = False,
        near: NearPoints = (),
    ) -> Candidate:
        if kind.startswith("fuzzy:"):
            score = 0.55 + 0.3 * (float(kind[6:]) - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF)
            kind = "fuzzy"
        else:
            score = _BASE[kind]
        if kind == "stripped" and entry.feature_type in _LANDFORM_TYPES:
            # "Hass" alone is the village of Hass, not Mount al-Hass: a mountain or
            # tell is named by its bare name only when the query says what it is.
            score -= 0.0 if type_stated else STRIPPED_LANDFORM_PENALTY
        if entry.is_curated:
            score += 0.03
        if admin_hint and entry.admin1:
            same = normalize.name_key(admin_hint) == normalize.name_key(entry.admin1)
            score += 0.05 if same else -0.35
        if feature_type and feature_type == entry.feature_type:
            score += 0.1 if type_stated else 0.02
        # "Idlib" is the city unless the place is said to be the governorate.
        if (entry.feature_type in _REGION_TYPES) != (feature_type in _REGION_TYPES):
            score -= 0.1
        # Prominence: news means the known town, not a homonymous hamlet.
        score += PROMINENCE * _weight(entry)
        distance = None
        if hint is not None:
            distance = distance_km(hint[0], hint[1], entry.lat, entry.lon)
            if distance <= 25:
                score += 0.05
            elif distance > 400:
                score -= 0.25
            elif distance > 150:
                score -= 0.1
        if near and entry.feature_type not in _REGION_TYPES:  # a region is no point
            closest = min(
                distance_km(point[0], point[1], entry.lat, entry.lon) for point in near
            )
            if closest > NEAR_FAR_KM:
                score += NEAR_FAR
            else:
                score += NEAR_BONUS * math.exp(-closest / NEAR_SCALE_KM)
            if entry.admin1 and any(
                len(point) > 2 and point[2] == entry.admin1 for point in near
            ):
                score += NEAR_SAME_ADMIN1
            distance = closest if distance is None else distance
        # Unclipped: bonuses above 1.0 still rank; confidence is clipped in resolve().
        return Candidate(entry, max(0.0, score), kind, matched, distance)

    def resolve(
        self,
        query: str,
        *,
        country: str = "",
        admin1: str = "",
        hint: tuple[float, float] | None = None,
        feature_type: str = "",
        near: NearPoints = (),
    ) -> Resolution | None:
        """Best answer with precision and confidence, or None when nothing matches.

        ``near``: points of the other places named in the same text; a candidate
        close to one of them outranks a homonym far from all of them."""
        head, context = split_context(query)
        if context and not normalize.split_query(head)[0]:
            # "eastern countryside of Idlib": the context is the name itself.
            head, context = query, ""
        if context:
            # "the Humaymat hilltops in northern Hama", "Sinjar (Idlib)", "X, Idlib":
            # X, within that governorate (a context that names none is ignored).
            context_names, _ = normalize.split_query(context)
            admin1 = admin1 or self.admin1_name(" ".join(context_names))
            query = head
        stated = type_from_words(query)
        names, directions = normalize.split_query(query)
        # "X countryside/province", "ريف X", "northern X": a region, never the town.
        region = stated in _REGION_TYPES or bool(directions and names)
        options = {"country": country, "admin1": admin1, "hint": hint, "near": near}
        landform = states_landform(query)
        full_key = query_keys(query)[0]
        ranked = self.candidates(
            query,
            feature_type=stated or feature_type,
            # Places default to towns, so a region type given by the caller is a
            # deliberate statement ("Idlib" the governorate), as words in the query are
            # ("Jabal"/"mountains" state a mountain, whatever its type).
            type_stated=bool(stated) or feature_type in _REGION_TYPES or landform,
            **options,
        )
        if region:
            ranked = [c for c in ranked if c.entry.feature_type in _REGION_TYPES]
            # "northern Homs countryside" names Homs: a region of another governorate
            # spelt alike (Northern Hama countryside, by its consonants) is not it.
            named = self.admin1_name(" ".join(names))
            ranked = [
                c
                for c in ranked
                if not named or c.match in _SURE_MATCHES or c.entry.admin1 == named
            ]
            if ranked and states_countryside(query):
                ranked = self._countryside_first(ranked)
        elif landform and not stated:
            # "Jabal Turkman", "Qalamoun mountains": the mountain when there is one.
            typed = [c for c in ranked if c.entry.feature_type in _LANDFORM_TYPES]
            if typed:
                ranked = typed
            elif ranked and (
                ranked[0].matched != query_keys(query)[0]
                or ranked[0].match == "stripped"
            ):
                # Only a village of a like name once "Jabal"/"mountains" is dropped
                # (At Turkumaniyah for Jabal Turkman), or once its own head is
                # ("Tall Abd al Aziz" for "Abdul Aziz Mountain"): a guess, for review.
                found = self._answer(
                    ranked, "a mountain named; only a settlement found"
                )
                return replace(found, confidence=min(found.confidence, 0.5))
        elif stated:
            # "X airbase", "X dam", "تل X": that kind of place when there is one.
            typed = [c for c in ranked if c.entry.feature_type == stated]
            # A name some place bears is no misspelling of a like-named hill or base
            # ("تل بيدر" is Tell Beydar the village, not Tell Arbid, تل عربيد).
            named = any(c.match in ("exact", "alternate") for c in ranked)
            typed = typed or (
                [] if named else self._typed_matches(query, stated, options)
            )
            if (
                not typed
                and ranked
                and stated in _TYPED
                # "تل رفعت" is Tall Rif'at, the town that bears the whole phrase.
                and not self._bears_head(full_key, ranked[0])
            ):
                # "Tha'lah airbase" with no such base listed: the village the base is
                # named after lies near it, not on it.
                found = self._answer(
                    ranked, f"no {stated} listed: the place it is named after"
                )
                found = replace(found, precision=max(found.precision, 2))
                return self._against_hint(found, admin1)
            ranked = typed or ranked
        if not ranked and region and names and directions and not stated:
            part = self._part_of_settlement(" ".join(names), directions, options)
            if part is not None:
                return part
        if not ranked and region and names:
            return self._region_of(" ".join(names), directions, options)
        if not ranked:
            return None
        if not region:
            ranked = self._seat_first(ranked)
        if not region and not stated and not landform:
            ranked = namesakes.settlement_before_namesake(ranked, distance_km)
        found = self._answer(ranked, "")
        if not region and not landform and self._named_after(full_key, found.best):
            # "Tal Saraqib", "Khirbet Tadmur": only the place the hill or ruin is
            # named after is listed; it lies near, not on it.
            note = (
                found.note or "no such hill or ruin listed: the place it is named after"
            )
            found = replace(found, precision=max(found.precision, 2), note=note)
        return self._against_hint(found, admin1)

    @staticmethod
    def _named_after(full_key: str, best: Candidate) -> bool:
        """Matched by the name without its head, on a place that does not bear the
        head itself (a "stripped" match is the headed place by its bare name)."""
        return best.match not in (
            "stripped",
            "skeleton_stripped",
        ) and heads.named_after(full_key, best.matched)

    @classmethod
    def _bears_head(cls, full_key: str, best: Candidate) -> bool:
        head = full_key.partition(" ")[0]
        return head in heads.NAMED_HEADS and not cls._named_after(full_key, best)

    def _against_hint(self, found: Resolution, admin1: str) -> Resolution:
        """ "Saraqib, Daraa": a place found only far outside the governorate the
        phrase names is a contradiction for a reviewer, not an answer."""
        entry = found.best.entry
        named = self.admin1_name(admin1) or admin1
        if not named or not entry.admin1 or named == entry.admin1:
            return found
        points = [
            (e.lat, e.lon) for e in self._subdistrict_centres(entry.country, named)
        ]
        if not heads.outside_governorate(entry.lat, entry.lon, points, distance_km):
            return found
        note = found.note or f"named in {named}; found only in {entry.admin1}"
        return replace(found, confidence=min(found.confidence, 0.5), note=note)

    def _subdistrict_centres(self, country: str, admin1: str) -> list[IndexEntry]:
        """The sub-district centres (precision-2 districts) of one governorate."""
        if self._subdistricts is None:
            self._subdistricts = defaultdict(list)
            for e in self.entries:
                if e.feature_type == "district" and e.precision == 2:
                    self._subdistricts[(e.country, e.admin1)].append(e)
        return self._subdistricts.get((country, admin1), [])

    def _seat_first(self, ranked: list[Candidate]) -> list[Candidate]:
        """ "Thiban" matches only Thiban Subdistrict (ناحية ذيبان), whose point is the
        middle of the sub-district, 25 km from its seat: a bare name means the seat,
        the settlement of the governorate that bears the sub-district's Arabic name
        (Dhiban, ذيبان), however the Latin name is spelt."""
        best = ranked[0]
        region = best.entry
        if region.feature_type != "district" or not region.name_ar:
            return ranked
        seats = [
            self.entries[i]
            for i in self._keys.get(
                (region.country, normalize.name_key(region.name_ar)), {}
            )
            if self.entries[i].feature_type in _SETTLEMENT_TYPES
            and self.entries[i].admin1 == region.admin1
        ]
        if not seats:
            return ranked
        seats.sort(key=lambda e: (-_weight(e), e.ref))
        first = seats[0]
        if any(
            distance_km(first.lat, first.lon, e.lat, e.lon) > SAME_PLACE_KM
            for e in seats[1:]
        ):
            return ranked  # two far-apart villages of that name: no seat to pick
        seat = replace(best, entry=first, score=best.score + 0.1)
        return [seat, *(c for c in ranked if c.entry is not first)]

    def _part_of_settlement(
        self, name: str, directions: list[str], options: dict
    ) -> Resolution | None:
        """ "Eastern Karak", no region of that name: the village named for that part
        (al-Karak al-Sharqi) when the gazetteer has it, else the settlement itself at
        precision 2 -- never a point REGION_OFFSET_KM away, as for a province."""
        bearing = bearing_of(directions)
        for adjective in _DIRECTION_ADJECTIVES.get(bearing, ()):
            ranked = [
                c
                for c in self.candidates(f"{name} {adjective}", **options)
                if c.match in _SURE_MATCHES
                and c.entry.feature_type in _SETTLEMENT_TYPES
            ]
            if ranked:
                return self._answer(ranked, "")
        # A governorate, district or area of that name makes it a region (_region_of).
        ranked = self.candidates(name, feature_type="governorate", **options)
        if not ranked or any(c.entry.feature_type in _REGION_TYPES for c in ranked):
            return None
        ranked = [c for c in ranked if c.entry.feature_type in _SETTLEMENT_TYPES]
        if not ranked:
            return None
        found = self._answer(ranked, f"{' '.join(directions)} part of {name}")
        return replace(found, precision=max(found.precision, 2))

    def _bearer_with_qualifier(self, found: Candidate) -> IndexEntry | None:
        """A place far from ``found`` whose own name is the matched name and a part
        word ("Shuyukh Tahtani", "Shuyukh al-Fawqani" for "Shuyukh")."""
        best = found.entry
        for word in _PART_WORDS:
            for i, kind in self._keys.get(
                (best.country, f"{found.matched} {word}"), {}
            ).items():
                other = self.entries[i]
                if (
                    kind == "exact"
                    and distance_km(best.lat, best.lon, other.lat, other.lon)
                    > SAME_PLACE_KM
                ):
                    return other
        return None

    def _countryside_first(self, ranked: list[Candidate]) -> list[Candidate]:
        """ "Damascus countryside" is Rif Dimashq (ريف دمشق), a governorate of its own,
        when the governorate named has such a countryside governorate."""
        best = ranked[0].entry
        if best.feature_type != "governorate" or not best.name_ar:
            return ranked
        rif = normalize.arabic_key(f"ريف {best.name_ar}")
        for i in self._keys.get((best.country, rif), {}):
            entry = self.entries[i]
            if entry.feature_type == "governorate":
                first = replace(ranked[0], entry=entry, score=ranked[0].score + 0.01)
                rest = (c for c in ranked if c.entry not in (entry, best))
                return [first, *rest]  # the city's own governorate is not meant
        return ranked

    def _answer(self, ranked: list[Candidate], note: str) -> Resolution:
        ranked = _neighbour_bearer_first(ranked)
        best = ranked[0]
        confidence = min(best.score, 1.0)
        for other in ranked[1:]:
            far = distance_km(
                best.entry.lat, best.entry.lon, other.entry.lat, other.entry.lon
            )
            if _region_and_place_in_it(best.entry, other.entry) or far <= SAME_PLACE_KM:
                continue
            if _lists_neighbours_name(best, other, far):
                continue
            if other.match == "exact" and _other_named(best):
                # "Aqrabat" is an alternate of Uqayribat (Hama) and the name of two
                # villages of Idlib: a name another place bears is no sure answer.
                confidence = min(confidence, 0.5)
                note = note or (
                    f"{other.entry.name} bears the name; "
                    f"{best.entry.name} only as an alternate"
                )
                break
            if _alternate_only_rival(best, other):
                continue
            if other.score >= best.score - AMBIGUITY_MARGIN:
                confidence = min(confidence, 0.5)
                note = note or f"ambiguous: {best.entry.name} or {other.entry.name}"
                break
        if _like_another_name(best) and confidence > 0.5:
            confidence = 0.5
            note = note or f"{best.entry.name} only by an alternate, {best.matched}"
        if _other_named(best) and confidence > 0.5:
            bearer = self._bearer_with_qualifier(best)
            if bearer is not None:
                # "Shuyukh": Shuyukh Tahtani and Fawqani bear it, Shaykh Ubah Si only
                # lists it; which one is meant is for a reviewer.
                confidence = 0.5
                note = note or (
                    f"{bearer.name} bears the name; "
                    f"{best.entry.name} only as an alternate"
                )
        precision = best.entry.precision
        if best.entry.feature_type in _REGION_TYPES:
            precision = max(precision, _REGION_TYPES[best.entry.feature_type])
        return Resolution(best, precision, round(confidence, 3), tuple(ranked), note)

    def _sector_point(
        self, base: IndexEntry, bearing: float
    ) -> tuple[float, float] | None:
        """Mean of the sub-district centres of base's governorate that lie toward
        ``bearing`` (±SECTOR_DEGREES) from it: "eastern Deir ez-Zor countryside"
        follows the Euphrates south-east, where a fixed offset east lands in desert."""
        points = []
        for e in self._subdistrict_centres(base.country, base.admin1 or base.name):
            if distance_km(base.lat, base.lon, e.lat, e.lon) < SECTOR_MIN_KM:
                continue  # the centre's own sub-district is not its countryside
            off = abs(
                (_bearing(base.lat, base.lon, e.lat, e.lon) - bearing + 180) % 360 - 180
            )
            if off <= SECTOR_DEGREES:
                points.append((e.lat, e.lon))
        if len(points) < 2:
            return None
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )

    def _region_of(
        self, name: str, directions: list[str], options: dict
    ) -> Resolution | None:
        """'western Aleppo countryside' with no such region in the gazetteer: the point
        REGION_OFFSET_KM toward that direction from the place named, at precision 3."""
        ranked = self.candidates(name, feature_type="governorate", **options)
        if not ranked:
            return None
        found = self._answer(ranked, "")
        base = found.best.entry
        # Only a governorate (or country) has a countryside 25 km out: a named area or
        # a town with its sub-district ("eastern Saraqib") is some 10-20 km across,
        # and its direction lies within it.
        small = not any(c.entry.feature_type in _WIDE_TYPES for c in ranked)
        # "Rif Halab": the countryside around the city of that name, when there is one.
        towns = [c.entry for c in ranked if c.entry.feature_type == "city"]
        if towns and towns[0].admin1 == base.admin1:
            base = towns[0]
        lat, lon = base.lat, base.lon
        bearing = bearing_of(directions)
        if bearing is not None and small:
            lat, lon = moved(lat, lon, bearing, AREA_OFFSET_KM)
        elif bearing is not None:
            lat, lon = self._sector_point(base, bearing) or moved(
                lat, lon, bearing, REGION_OFFSET_KM
            )
        words = " ".join([*directions, base.name, "(region)"]).strip()
        entry = IndexEntry(
            ref=f"region-of:{base.ref}",
            name=words,
            lat=lat,
            lon=lon,
            country=base.country,
            admin1=base.admin1 or base.name,
            # "northern Syria": a country's region keeps the country's type, so that
            # callers (ingest) know no point locates it; and it is never confident.
            feature_type="country" if base.feature_type == "country" else "area",
            precision=3,
            source=f"derived from {base.ref}",
        )
        best = Candidate(entry, found.best.score, found.best.match, found.best.matched)
        # Derived, so never fully trusted; an ambiguous name stays ambiguous.
        confidence = round(min(found.confidence, 1.0) * 0.8, 3)
        if base.feature_type == "country":
            confidence = round(confidence * 0.5, 3)  # a reviewer places it
        return Resolution(
            best, 3, confidence, found.candidates, f"region of {base.name}"
        )
