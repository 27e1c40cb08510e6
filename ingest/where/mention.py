"""A place named in an article and what the gazetteer makes of it."""

import functools
from dataclasses import dataclass, replace

from places.geocoding import index as geoindex
from places.geocoding import normalize

REGION_TYPES = frozenset({"country", "governorate", "district", "area"})
# Specific first: a hill or village pins an event better than its governorate.
FEATURE_RANK = {
    "hill": 0,
    "base": 0,
    "crossing": 0,
    "village": 1,
    "city": 1,
    "district": 2,
    "area": 3,
    "governorate": 4,
    "country": 5,
}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text and what the gazetteer makes of it."""

    text: str
    start: int
    end: int
    name: str  # canonical name to store
    admin1: str
    feature_type: str
    country_code: str
    lat: float | None
    lon: float | None
    precision: int | None
    confidence: float | None
    place_id: int | None  # an existing Place
    origin: str  # "place", "gazetteer", "region", "unresolved", "abroad"
    note: str = ""
    match: str = ""  # the index's kind of match ("exact", "stripped", "fuzzy", ...)
    # "Idlib" the governorate may be the city: the article decides (propose.py).
    alternative: "PlaceMention | None" = None
    population: int = 0  # the gazetteer's, when known (0: unknown or a hamlet)
    # A name without a sure point that the text puts near or in a place that has one
    # ("X near Y", "X in the Y district"): (that place, ACLED geo-precision).
    anchor: "tuple[PlaceMention, int] | None" = None
    # The text says whose place it is ("X in northern Israel"): its distance from the
    # story's other places casts no doubt on it (ingest/country/secondcountry.py).
    tied: bool = False

    @property
    def rank(self) -> int:
        return FEATURE_RANK.get(self.feature_type, 1)

    @property
    def is_region(self) -> bool:
        return self.feature_type in REGION_TYPES

    @property
    def key(self) -> str:
        return _key(self.name, self.admin1)

    def contains(self, other: "PlaceMention") -> bool:
        """True when ``other`` lies in this region (same governorate, or a country)."""
        if self.key == other.key:
            return True
        if self.feature_type == "country":
            return True
        return (
            self.is_region
            and bool(self.admin1)
            and normalize.name_key(self.admin1) == normalize.name_key(other.admin1)
            and self.rank >= other.rank
        )

    def without_point(self, note: str) -> "PlaceMention":
        """This mention left to the editor: no point, unresolved, ``note`` saying why."""
        return replace(self, lat=None, lon=None, origin="unresolved", note=note)

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "name": self.name,
            "admin1": self.admin1,
            "feature_type": self.feature_type,
            "country_code": self.country_code,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "confidence": self.confidence,
            "place_id": self.place_id,
            "origin": self.origin,
            "note": self.note,
            "match": self.match,
        }


@functools.lru_cache(maxsize=100_000)  # as name_key: asked in quadratic loops
def _key(name: str, admin1: str) -> str:
    return f"{normalize.name_key(name)}|{normalize.name_key(admin1)}"


def km_between(a, b) -> float:
    """Great-circle distance between two located mentions (anything with lat/lon)."""
    return geoindex.distance_km(a.lat, a.lon, b.lat, b.lon)
