"""A point far from every other place the article names is doubtful (doubtful): it is
kept as a name for the editor, without the point, unless it is a big city, a known town
spelt exactly, or a name the text calls a village or town. Split from
ingest/where/targets.py."""

from collections.abc import Collection

from ingest.where.mention import PlaceMention, km_between

FAR_KM = 150.0
BIG_CITY = 100_000  # no hamlet is spelt like a city this size by chance


# A town this size spelt exactly as the gazetteer's only place of that name is the
# place meant, however far from the story's other places (names.unsure's bar).
KNOWN_TOWN = 20_000


def _known_town(place: PlaceMention) -> bool:
    """A town of KNOWN_TOWN people or more, found by its exact name, no namesake
    beside it ("ambiguous"), no weak reading."""
    return (
        place.feature_type == "city"
        and place.population >= KNOWN_TOWN
        and place.match == "exact"
        and not place.note.startswith("ambiguous")
    )


def sure_at_any_distance(place: PlaceMention) -> bool:
    """Places whose distance from the story's others casts no doubt on their point: a
    region, a place fixed by hand, one the text ties to a country, a city of BIG_CITY,
    a known town."""
    if place.is_region or place.origin == "place" or place.tied:
        return True
    if place.feature_type == "city" and place.population >= BIG_CITY:
        return True  # "Damascus" in a story about Afrin is Damascus, far or not
    return _known_town(place)  # "Zabadani" in a story about Fuaa: no far namesake


def doubtful(
    places: list[PlaceMention],
    *,
    filed_from: Collection[str] = (),
    spared: Collection[str] = (),
) -> dict[str, PlaceMention]:
    """Points far from all the article's other places, by key, without their point.
    The places a dateline names (``filed_from``, keys) are where the story was filed,
    not where it happened: a place near one is kept, one far from them alone too.
    ``spared`` (keys): names the text calls a village or town (ingest/where/settlements.py)."""
    located = [p for p in places if p.lat is not None and p.feature_type != "country"]
    result = {}
    for place in located:
        if sure_at_any_distance(place) or place.key in spared:
            continue
        others = [o for o in located if o.key != place.key]
        if (
            len(others) >= 2
            and any(o.key not in filed_from for o in others)
            and all(km_between(place, o) > FAR_KM for o in others)
        ):
            result[place.key] = place.without_point(
                f"the gazetteer's {place.name} is over {FAR_KM:.0f} km from "
                "every other place the article names: check it",
            )
    return result
