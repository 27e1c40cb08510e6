"""In-memory gazetteer index: exact, skeleton and fuzzy name matching, then ranking."""

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from places.geocoding import normalize

FUZZY_CUTOFF = 88  # rapidfuzz ratio; lower let "Humaymat" reach "Hama" (DESIGN.md)
AMBIGUITY_MARGIN = 0.06  # two far-apart candidates closer than this: ask a human
SAME_PLACE_KM = 10.0
_GENERIC_FIRST_WORDS = {"tl", "jbl", "khrbt", "qlt"}
_BASE = {"exact": 1.0, "alternate": 0.95, "skeleton": 0.82}
_NOT_NAME_WORDS = normalize.DESCRIPTORS | normalize.DIRECTIONS
_REGION_TYPES = {"country": 3, "governorate": 3, "district": 2, "area": 3}


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


_TYPE_WORDS = {
    "province": "governorate",
    "governorate": "governorate",
    "district": "district",
    "hill": "hill",
    "hills": "hill",
    "hilltop": "hill",
    "hilltops": "hill",
    "base": "base",
    "airbase": "base",
    "airport": "base",
    "crossing": "crossing",
}
_CONTEXT = re.compile(r"\s+(?:in|near|of|outside)\s+|\s*,\s*", re.IGNORECASE)


def _type_from_words(query: str) -> str:
    """Feature type the query's own words state ("Idlib province" is a governorate)."""
    for word in normalize.tokens(query):
        if word in _TYPE_WORDS:
            return _TYPE_WORDS[word]
    return ""


def _split_context(query: str) -> tuple[str, str]:
    """'X in Y' / 'X, Y' -> (X, Y); ('', '') parts stay empty."""
    parts = _CONTEXT.split(query, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0], parts[1]
    return query, ""


def query_key(text: str) -> str:
    """Key of a query or name with descriptor words ("hilltops", "village") dropped."""
    if normalize.is_arabic(text):
        return normalize.name_key(text)
    names, directions = normalize.split_query(text)
    return normalize.name_key(" ".join(directions + names))


class GazetteerIndex:
    """Name index over IndexEntry rows; build once per process, then search fast."""

    def __init__(self, entries: Iterable[IndexEntry], *, version: str = "") -> None:
        self.version = version
        self.entries: list[IndexEntry] = []
        self._keys: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
        self._skeletons: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._fuzzy: dict[str, tuple[list[str], list[int]]] = {}
        self._admin: dict[str, str] = {}
        fuzzy_keys: dict[str, dict[str, int]] = defaultdict(dict)
        for entry in entries:
            i = len(self.entries)
            self.entries.append(entry)
            labelled = [(entry.name, "exact"), (entry.name_ar, "exact")]
            labelled += [(name, "alternate") for name in entry.names]
            for name, kind in labelled:
                for key in self._keys_of(name):
                    self._add(entry.country, key, i, kind)
                    fuzzy_keys[entry.country].setdefault(key, i)
                    if entry.feature_type == "governorate":
                        self._admin[key] = entry.admin1 or entry.name
        for country, keys in fuzzy_keys.items():
            self._fuzzy[country] = (list(keys), list(keys.values()))

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def _keys_of(name: str) -> set[str]:
        if not name:
            return set()
        keys = {normalize.name_key(name)}
        if not normalize.is_arabic(name) and _NOT_NAME_WORDS.intersection(
            normalize.tokens(name)
        ):
            keys.add(query_key(name))
        for key in list(keys):
            first, _, rest = key.partition(" ")
            if first in _GENERIC_FIRST_WORDS and rest:
                keys.add(rest)  # "Tell Hamamiyat" also answers to "Hamamiyat"
        return {k for k in keys if k}

    def _add(self, country: str, key: str, i: int, kind: str) -> None:
        slot = self._keys[(country, key)]
        if slot.get(i) != "exact":
            slot[i] = kind
        self._skeletons[(country, normalize.skeleton(key))].add(i)

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
    ) -> list[Candidate]:
        """Ranked candidates for ``query`` (best first); [] for non-places."""
        if normalize.is_not_a_place(query):
            return []
        key = query_key(query)
        countries = [country.upper()] if country else list(self._fuzzy)
        found: dict[int, tuple[str, str]] = {}
        for c in countries:
            for i, kind in self._keys.get((c, key), {}).items():
                found[i] = (kind, key)
        if not found:
            skel = normalize.skeleton(key)
            for c in countries:
                for i in self._skeletons.get((c, skel), ()):
                    found[i] = ("skeleton", skel)
        if not found:
            found = self._fuzzy_matches(key, countries)
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
            )
            for i, (kind, matched) in found.items()
        ]
        ranked.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.ref))
        return ranked[:limit]

    def _fuzzy_matches(self, key: str, countries: list[str]) -> dict[int, tuple]:
        found: dict[int, tuple[str, str]] = {}
        if len(key) < 4:
            return found  # short names fuzzy-match everything
        for c in countries:
            keys, ids = self._fuzzy.get(c, ((), ()))
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
    ) -> Candidate:
        if kind.startswith("fuzzy:"):
            score = 0.55 + 0.3 * (float(kind[6:]) - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF)
            kind = "fuzzy"
        else:
            score = _BASE[kind]
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
        score += 0.06 * min(1.0, math.log10(entry.population + 1) / 6)
        distance = None
        if hint is not None:
            distance = distance_km(hint[0], hint[1], entry.lat, entry.lon)
            if distance <= 25:
                score += 0.05
            elif distance > 400:
                score -= 0.25
            elif distance > 150:
                score -= 0.1
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
    ) -> Resolution | None:
        """Best answer with precision and confidence, or None when nothing matches."""
        head, context = _split_context(query)
        if context:
            # "the Humaymat hilltops in northern Hama": Humaymat, within Hama.
            context_names, _ = normalize.split_query(context)
            admin1 = admin1 or self.admin1_name(" ".join(context_names))
            query = head
        stated = _type_from_words(query)
        options = {"country": country, "admin1": admin1, "hint": hint}
        ranked = self.candidates(
            query,
            feature_type=stated or feature_type,
            # Places default to towns, so a region type given by the caller is a
            # deliberate statement ("Idlib" the governorate), as words in the query are.
            type_stated=bool(stated) or feature_type in _REGION_TYPES,
            **options,
        )
        note = ""
        names, directions = normalize.split_query(query)
        if not ranked and directions and names:
            # "northern Idlib" without a curated region: Idlib, as a region.
            ranked = self.candidates(" ".join(names), **options)
            note = "region of " + " ".join(names)
        if not ranked:
            return None
        best = ranked[0]
        confidence = min(best.score, 1.0)
        for other in ranked[1:]:
            far = distance_km(
                best.entry.lat, best.entry.lon, other.entry.lat, other.entry.lon
            )
            if far > SAME_PLACE_KM and other.score >= best.score - AMBIGUITY_MARGIN:
                confidence = min(confidence, 0.5)
                note = note or f"ambiguous: {best.entry.name} or {other.entry.name}"
                break
        precision = best.entry.precision
        if best.entry.feature_type in _REGION_TYPES:
            precision = max(precision, _REGION_TYPES[best.entry.feature_type])
        if note.startswith("region of"):
            precision, confidence = 3, confidence * 0.7
        return Resolution(best, precision, round(confidence, 3), tuple(ranked), note)
