"""Candidates of the gazetteer index: exact, construct, skeleton and fuzzy keys, scored."""

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process

from places.geocoding import memo, normalize, skeleton
from places.geocoding.index import ranking
from places.geocoding.index.entries import (
    Candidate,
    IndexEntry,
    NearPoints,
    distance_km,
    distances_km,
)
from places.geocoding.index.ranking import (
    _BASE,
    _LANDFORM_TYPES,
    _REGION_TYPES,
    _TYPED,
    FUZZY_CUTOFF,
    NEAR_BONUS,
    NEAR_FAR,
    NEAR_FAR_KM,
    NEAR_SAME_ADMIN1,
    NEAR_SCALE_KM,
    PROMINENCE,
    SKELETON_MIN_RATIO,
    SKELETON_SURE_RATIO,
    STRIPPED_LANDFORM_PENALTY,
    TYPED_CUTOFF,
    _alike_bonus,
    _restores_first_vowel,
    _seat_bonus,
    _weight,
)
from places.geocoding.phrases import query_key, query_keys

# Same consonants whose spellings, unlike at first sight, differ only in how the
# vowels are written (the diphthong ay as i, e as i, o as u) are a sure skeleton
# match: "Falifel" is Fulayfil (plain ratio 53, 86 with the vowels read alike).
VOWELS_ALIKE_RATIO = 85
# Numbers in a name ("Brigade 82", "Regiment 46"): a fuzzy match keeps them.
_NUMBER = re.compile(r"\d+")


def _vowels_alike(key: str, other: str) -> float:
    """How alike the two spellings are once their vowels are read alike; 0 below
    VOWELS_ALIKE_RATIO."""
    alike = fuzz.ratio(normalize.vowels_alike(key), normalize.vowels_alike(other))
    return alike if alike >= VOWELS_ALIKE_RATIO else 0.0


def _by_length(keys: list[str]) -> tuple[list[int], list[str], list[int]]:
    """A fuzzy bucket's keys sorted by length: (lengths, keys, their positions in the
    bucket)."""
    order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
    return [len(keys[i]) for i in order], [keys[i] for i in order], order


def _extract(
    key: str, by_length: tuple[list[int], list[str], list[int]] | None, *, limit: int
) -> list[tuple[str, float, int]]:
    """``process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
    limit=limit)`` over a bucket's keys (``_by_length``), the same hits in the same
    order (score, then position in the bucket), scoring only the keys whose length
    allows the cutoff: a ratio is at most 200 * shorter / (both lengths) (rapidfuzz's
    indel ratio), one length more each side for safety."""
    if by_length is None:
        return []
    lengths, keys, positions = by_length
    size = len(key)
    shortest = math.floor(size * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF)) - 1
    longest = math.ceil(size * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF) + 1
    low, high = bisect_left(lengths, shortest), bisect_right(lengths, longest)
    hits = process.extract(
        key, keys[low:high], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
    )
    ranked = sorted(
        ((matched, score, positions[low + i]) for matched, score, i in hits),
        key=lambda hit: (-hit[1], hit[2]),
    )
    return ranked[:limit]


def _median(ordered: list[float]) -> float:
    """statistics.median of an already sorted list (the same float)."""
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


class IndexSearch:
    """Name index over IndexEntry rows: keys, candidates and their scores."""

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
                    if entry.exact_only:
                        if not stripped:
                            self._add_key(entry.country, key, i, kind)
                        continue
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
        # The same buckets by key length: _fuzzy_matches scores only the lengths a
        # ratio of FUZZY_CUTOFF allows.
        self._fuzzy_lengths = {
            slot: _by_length(keys) for slot, (keys, _) in self._fuzzy.items()
        }

    def __len__(self) -> int:
        return len(self.entries)

    _keys_of = staticmethod(ranking.keys_of)

    def _add_key(self, country: str, key: str, i: int, kind: str) -> None:
        slot = self._keys[(country, key)]
        if _BASE[kind] > _BASE.get(slot.get(i, ""), 0):
            slot[i] = kind

    def _add(self, country: str, key: str, i: int, kind: str) -> None:
        self._add_key(country, key, i, kind)
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
        key, construct state, consonant skeleton, fuzzily, then by consonants alone
        (skeleton.py's loose candidates); and, of skeleton matches, how alike the
        spellings are."""
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
            # "Haimo" and "Hama" share "hm": two consonants say too little, unless the
            # spellings are one once their vowels are read alike (Himu).
            short = len(skel) < 3
            if short and len(skel) < 2:
                continue
            for c in countries:
                for i, (other, headless) in self._skeletons.get((c, skel), {}).items():
                    if short:
                        if skeleton.short_alike(key, other):
                            found[i] = ("skeleton_stripped" if headless else "skeleton",
                                        other)  # fmt: skip
                            alike[i] = SKELETON_SURE_RATIO
                        continue
                    # Same consonants, yet spelt alike too: "Xyzzyville" is not "Kassal".
                    similar = fuzz.ratio(key, other)
                    if similar < SKELETON_MIN_RATIO and _vowels_alike(key, other):
                        similar = SKELETON_SURE_RATIO  # a rescue: no "alike" bonus
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
        if not found:  # the consonants alone: "loose" candidates (skeleton.py)
            found = skeleton.second_chance(self, keys, countries)
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
            for matched, score, pos in process.extract(
                key, keys, scorer=fuzz.ratio, score_cutoff=TYPED_CUTOFF, limit=3
            ):
                if _NUMBER.findall(matched) != _NUMBER.findall(key):
                    continue
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
            hits = _extract(key, self._fuzzy_lengths.get((c, key[0])), limit=8)
            for matched, score, pos in hits:
                if matched[0] != key[0] or not 0.75 <= len(matched) / len(key) <= 1.34:
                    continue
                if _NUMBER.findall(matched) != _NUMBER.findall(key):
                    continue  # "Regiment 45" is no misspelling of Regiment 46
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
        context, closest, median, in_admin1 = 0.0, None, None, 0
        if near and entry.feature_type not in _REGION_TYPES:  # a region is no point
            far = sorted(distances_km(entry.lat, entry.lon, near))
            closest, median = far[0], _median(far)
            if closest > NEAR_FAR_KM:
                context += NEAR_FAR
            else:
                context += NEAR_BONUS * math.exp(-closest / NEAR_SCALE_KM)
            in_admin1 = (
                sum(1 for point in near if len(point) > 2 and point[2] == entry.admin1)
                if entry.admin1
                else 0
            )
            if in_admin1:
                context += NEAR_SAME_ADMIN1
            score += context
            distance = closest if distance is None else distance
        # Unclipped: bonuses above 1.0 still rank; confidence is clipped in resolve().
        return Candidate(
            entry, max(0.0, score), kind, matched, distance,
            context, closest, median, in_admin1,
        )  # fmt: skip
