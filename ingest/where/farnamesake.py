"""A namesake taken far from every other place of the story goes to the editor.

When the gazetteer holds several places of one name far apart, the index takes the
likeliest alone (a cities500 town over a hamlet of unknown population); the article
decides only when one of its other places lies near a namesake. When none does and the
one taken lies over FAR_KM from every other sure place of the story (the dateline's
too) and in no region the story names, the pick was made by size, not by the story:
"KYIV (AP) — … in Shyroka Balka and Stanislav" took the Odesa-oblast village 440 km
from Kyiv (Stanislav, Kherson oblast, read only as ambiguous), whose own Shyroka Balka
the bundled rows lack. The
name goes to the editor with its candidates instead (issue 13: a confident wrong point
is worse than a name left to place). A name the gazetteer gives one place only, a
city of 100,000, a known town (20,000, its own name, unambiguous) and a place the text
ties to its country keep their point, as farpoints.doubtful's do
(farpoints.sure_at_any_distance).
"""

from collections.abc import Collection

from ingest.where import names
from ingest.where.farpoints import sure_at_any_distance
from ingest.where.mention import PlaceMention, km_between
from places import gazetteer_abroad
from places.geocoding.index import distance_km

# Chosen on dev (bench/namesakecauses.py): at 100 km the doubt also took Marib, a
# city of Yemen 121 km from the story's nearest other place (a hamlet Ma'rib lies
# 185 km off); at 150 km it takes no right point there. The index's own far distance.
FAR_KM = 150.0
_NAMED = frozenset({"exact", "alternate"})


def far_namesake(place: PlaceMention) -> tuple[float, str, str] | None:
    """Another gazetteer place bearing ``place``'s name over FAR_KM from it, if any
    (the farthest of the index's first ten), as (km, name, admin1)."""
    index = gazetteer_abroad.index_for(place.country_code)
    found = [
        c.entry
        for c in index.candidates(place.text, country=place.country_code, limit=10)
        if c.match in _NAMED
    ]
    far = [
        (distance_km(place.lat, place.lon, e.lat, e.lon), e.name, e.admin1)
        for e in found
    ]
    far = [f for f in far if f[0] > FAR_KM]
    return max(far) if far else None


def without_point(
    places: list[PlaceMention],
    filed_from: Collection[str] = (),
    doubted: Collection[str] = (),
) -> dict[str, PlaceMention]:
    """Points, by key, taken among far-apart namesakes and lying over FAR_KM from
    every other sure place of the story and in no region it names: without their
    point. ``filed_from``: the dateline's keys (a yardstick, never doubted);
    ``doubted``: keys the other doubts took the point of (no yardstick)."""
    located = [
        p
        for p in places
        if p.lat is not None and p.feature_type != "country" and p.key not in doubted
    ]
    sure = [p for p in located if not names.is_weak(p)]
    result = {}
    for place in located:
        if sure_at_any_distance(place) or place.key in filed_from:
            continue
        others = [o for o in sure if o.key != place.key]
        if not others or any(
            o.is_region and o.admin1 and o.admin1 == place.admin1 for o in others
        ):
            continue
        nearest = min(km_between(place, o) for o in others)
        if nearest <= FAR_KM:
            continue
        rival = far_namesake(place)
        if rival is None:
            continue
        result[place.key] = place.without_point(
            (
                f"the gazetteer's {place.name} ({place.admin1 or place.country_code}) "
                f"is one of several places of that name and lies {nearest:.0f} km "
                "from the article's nearest other place: pick a candidate or place "
                "it by hand"
            ),
        )
    return result
