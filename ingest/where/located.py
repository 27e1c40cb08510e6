"""Sentences that only say where the incident just told happened, or who said so.

"Earlier on Friday, a Turkish drone struck near a military post. This took place in
the village of Zour Maghar": the second sentence reports no event of its own, but
places the first one, whose place had only been carried over from the sentences
before it (another village's strike). The same holds when the first sentence placed
it only at a region ("shelled a camp in North Darfur. This occurred near El Fasher"):
the town the second names inside that region narrows it."""

import re

from ingest.incidents import grouping
from ingest.where.mention import PlaceMention

_LOCATING = re.compile(
    r"^(?:(?:meanwhile|however|later),\s+)?"
    r"(?:this|that|it|the\s+(?:[\w-]+\s+){0,2}(?:incident|attack|strike|raid|"
    r"shooting|bombing|explosion|blast|shelling|killing|assassination|clash(?:es)?|"
    r"ambush|operation))\s+(?:\w+\s+){0,2}?"
    r"(?:took place|happened|occurred|was carried out|were carried out)\b",
    re.I,
)


def locates_previous(sentence: str) -> bool:
    """ "This took place in …", "The attack happened near …": a sentence about where."""
    return bool(_LOCATING.match(sentence.strip()))


def relocate(
    groups: list[grouping.Group],
    previous: list[grouping.Group],
    previous_index: int,
    places: list[PlaceMention],
) -> None:
    """Give the previous sentence's events whose places were only carried over (or
    only a country or a part of one: "in Syria's far northeast") these ``places``; one that had joined
    another place's event leaves it."""
    local = [p for p in places if p.feature_type != "country"]
    if not local:
        return
    towns = [p for p in local if not p.is_region and p.lat is not None]
    for group in dict.fromkeys(previous):
        moved = [
            m
            for m in group.mentions
            if m.sentence == previous_index
            and (
                m.places_inherited
                or all(_vague(p) for p in m.places)
                or _holds(m.places, towns)
            )
        ]
        for mention in moved:
            mention.places, mention.places_inherited = list(local), False
        if not moved or len(moved) == len(group.mentions):
            continue
        if grouping.places_compatible(
            [p for m in group.mentions if m not in moved for p in m.places], local
        ):
            continue
        group.mentions = [m for m in group.mentions if m not in moved]
        split = grouping.Group(moved[0])
        split.mentions = moved
        groups.append(split)


def _vague(place: PlaceMention) -> bool:
    """A country, or a part of one no gazetteer row holds ("central Mali", "west
    Yemen"): where the incident happened is still to be told."""
    return place.feature_type == "country" or (place.is_region and place.lat is None)


def _holds(places: list[PlaceMention], towns: list[PlaceMention]) -> bool:
    """Every one of ``places`` is a region (not a country) holding one of ``towns``:
    the locating sentence says where in it the incident was."""
    return bool(places) and all(
        p.is_region
        and p.feature_type != "country"
        and any(p.contains(t) for t in towns)
        for p in places
    )


def said_of_place(
    groups: list[grouping.Group], places: list[PlaceMention], index: int
) -> list[grouping.Group]:
    """The recent events (within three sentences) at a place a later attributed
    sentence names without reporting an event of its own: "All victims in the
    village of Qastoun were from one family, the Observatory said" speaks of
    Qastoun's shelling."""
    keys = {p.key for p in places if p.feature_type != "country" and not p.is_region}
    if not keys:
        return []
    return [
        g
        for g in groups
        if 0 < index - max(m.sentence for m in g.mentions) <= 3
        and keys & {p.key for p in g.explicit_places}
    ]
