"""The index's records: a named point, a ranked candidate, an answer; distances."""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

# Points of the other places of a text: (lat, lon), or (lat, lon, governorate).
NearPoints = tuple[tuple[float, float] | tuple[float, float, str], ...]


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
    # A bulk hamlet abroad (places.gazetteer_villages): found only by its own name or
    # a listed alternate written out, never by a spelling guessed from it (consonant
    # skeleton, fuzzy match, its "al-" dropped): such a guess of one of thousands of
    # hamlets is more often a person, a word or another place than the hamlet.
    exact_only: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: IndexEntry
    score: float
    match: str
    matched: str
    distance_km: float | None = None
    # The article's other places (``near``): the part of ``score`` they gave, and the
    # distance to the nearest of them and the median distance to them (km).
    context: float = 0.0
    nearest_km: float | None = None
    median_km: float | None = None
    in_admin1: int = 0  # how many of them lie in its governorate

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


def distances_km(lat: float, lon: float, points: Iterable) -> list[float]:
    """``distance_km(p[0], p[1], lat, lon)`` for each point ``p``, the same floats
    (the same operations in the same order), the one point's trigonometry done once:
    a candidate's distance to each of an article's other places."""
    radians, sin, cos = math.radians, math.sin, math.cos
    phi2 = radians(lat)
    cos2 = cos(phi2)
    found = []
    for point in points:
        phi1 = radians(point[0])
        a = (
            sin((phi2 - phi1) / 2) ** 2
            + cos(phi1) * cos2 * sin(radians(lon - point[1]) / 2) ** 2
        )
        found.append(2 * 6371.0088 * math.asin(math.sqrt(a)))
    return found


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Compass bearing from the first point to the second (flat-earth: short hops)."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.degrees(math.atan2(dx, lat2 - lat1)) % 360
