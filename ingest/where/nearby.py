"""The article's context for its homonyms, as places.geocoding.lookup_many gives it.

Each name of an article is read alone first (ingest.where.matching.PlaceMatcher.find); then
the names are read again near the *other* names' points. Two kinds of point:

- anchors, the article's confident points, each with its governorate: a homonym near
  them wins, and one in their governorate gets the index's NEAR_SAME_ADMIN1 bonus;
- cluster support, for a name with no sure point of its own: of its homonyms, the one
  that more of the other names' candidates lie near (within CLUSTER_KM) -- "Surouj",
  "Astablat" and "Rasm Hamideh" each name villages in several governorates, but one
  of each lies south-west of Abu al-Duhur. Nothing when a far-apart rival has as many.
"""

from collections.abc import Mapping

from places import geocoding
from places.geocoding import index

# A candidate at least this sure is a place the name could be (not a loose or fuzzy
# guess); the same bar as lookup_many's.
CLUSTER_SCORE = 0.8
_POINT_TYPES = frozenset({"city", "village"})

Point = tuple[float, float, str]  # lat, lon, governorate ("" unknown)


def points(resolution: index.Resolution | None) -> list[Point]:
    """The settlements a name read alone could be (none for a region)."""
    if resolution is None or resolution.precision == 3:
        return []
    return [
        (c.entry.lat, c.entry.lon, c.entry.admin1)
        for c in resolution.candidates
        if c.score >= CLUSTER_SCORE and c.entry.feature_type in _POINT_TYPES
    ]


def cluster_support(key: str, readings: Mapping[str, list[Point]]) -> tuple[Point, ...]:
    """Points of the other names' candidates near the one candidate of name ``key``
    that more other names support than any far-apart rival; () when none stands out."""
    mine = readings.get(key, [])
    if len(mine) < 2:
        return ()
    others = [p for other, p in readings.items() if other != key and p]
    return geocoding.best_supported(mine, others)
