"""What a head or a governorate written into a place phrase promises about its answer.

Two rules found by the issue 14 §2 audit (places/tests/test_geocoding_shapes_audit.py):
- a head that is part of a name ("Tall", "Khirbat"; "تل", "خربة") names a hill or a
  ruin *named after* a place: "Tal Saraqib" answered only by the town of Saraqib is
  near it (precision 2), not it; while a place that bears the whole phrase ("تل رفعت"
  is Tall Rif'at, a town) is that place (precision 1). The Arabic path gave 2, the
  Latin one 1, for the same two cases the other way round;
- a governorate written into the phrase ("Saraqib, Daraa", "Tell Tadmur (Aleppo)")
  that the only place found lies far outside of is a contradiction, not a hint: the
  answer goes to review instead of on the map 300 km away.
"""

from collections.abc import Callable, Iterable

# Heads that are part of a name: "Tall X" is not X (unlike قرية/مدينة, "village of").
NAMED_HEADS = frozenset({"tl", "khrbt", "تل", "خربه"})
# Farther than this from every sub-district centre of the governorate named: outside it
# (sub-district centres lie some 20-40 km apart, so a border village is well within).
OUTSIDE_GOVERNORATE_KM = 50.0


def named_after(full_key: str, matched: str) -> bool:
    """The query's key starts with a named head that the matched name lacks: the
    place found is what the hill or ruin is named after."""
    head, _, rest = full_key.partition(" ")
    return bool(rest) and head in NAMED_HEADS and matched.partition(" ")[0] != head


def outside_governorate(
    lat: float,
    lon: float,
    points: Iterable[tuple[float, float]],
    distance_km: Callable[[float, float, float, float], float],
) -> bool:
    """(lat, lon) lies farther than OUTSIDE_GOVERNORATE_KM from all of ``points``
    (a governorate's point and its sub-district centres); False when there are none."""
    distances = [distance_km(lat, lon, p_lat, p_lon) for p_lat, p_lon in points]
    return bool(distances) and min(distances) > OUTSIDE_GOVERNORATE_KM
