"""A base that bears a town's name only among its alternates is the town's namesake.

GeoNames lists an air base's bare town name among its alternates ("Abu ad Duhor" for
Abu ad Duhur Air Base, 6 km from the town). A query that names no kind of place means
the town: of a base (or airport, crossing, dam) first by an alternate and a
settlement close to it that bears the same key, the settlement comes first. Found
when shapes.py made the base's "Duhor" the town's "Duhur" (news list 1, dev, "Abu
Duhour" in its article went to the base; bench/README "Eighth pass").

Likewise a tell listed by its bare name and a village beside it spelt as closely: the
village (news list 3, dev, bench/README "Villages on a bare lookup").
"""

from dataclasses import replace

# Near enough to be the base's namesake (an airfield a few km outside its town).
NAMESAKE_KM = 15.0
_FACILITIES = {"base", "crossing", "dam"}
_SETTLEMENTS = {"city", "village"}


def settlement_before_namesake(ranked: list, distance_km) -> list:
    """``ranked`` with a settlement moved before a facility named after it."""
    if not ranked:
        return ranked
    best = ranked[0]
    if best.entry.feature_type == "hill":
        return _village_before_tell(ranked, distance_km)
    if best.entry.feature_type not in _FACILITIES or best.match != "alternate":
        return ranked
    for other in ranked[1:]:
        if (
            other.entry.feature_type in _SETTLEMENTS
            and other.match in ("exact", "alternate")
            and other.matched == best.matched
            and distance_km(
                best.entry.lat, best.entry.lon, other.entry.lat, other.entry.lon
            )
            <= NAMESAKE_KM  # fmt: skip
        ):
            town = replace(other, score=max(other.score, best.score))
            return [town, *(c for c in ranked if c is not other)]
    return ranked


def _village_before_tell(ranked: list, distance_km) -> list:
    """A tell first, listed by a name without its head that a settlement beside it
    bears as closely ("Hammam al-Turkmen": the tell Hammam et-Turkman is named after
    the village 6 km away): the query names no hill, so the settlement. Not a hill
    whose bare name is its own (a supplement row's hand-written spelling)."""
    best = ranked[0]
    if best.entry.own_names:
        return ranked
    for other in ranked[1:]:
        if (
            other.entry.feature_type in _SETTLEMENTS
            and other.match in (best.match, "exact")  # spelt as closely, or bearing it
            and distance_km(
                best.entry.lat, best.entry.lon, other.entry.lat, other.entry.lon
            )
            <= NAMESAKE_KM
        ):
            village = replace(other, score=max(other.score, best.score))
            return [village, *(c for c in ranked if c is not other)]
    return ranked
