"""A region listed beside a town of another governorate is a location of its own.

ACLED codes one event per location per day. per_location (targets.py) reads a region
named beside a town as where the town lies ("Kafr Nabl in Idlib"); split.py splits
coordinated regions when no town is named. Between them stays a list that mixes the
two, each item with its own "in": "shelled rebel positions in the southern province of
Daraa, in the central province of Homs … and in the northern city of Aleppo". There
the region holds none of the listed towns, so it says where
another event was, not where the town lies: an event at the region (issue 13, helper
ingplace4). A region that holds a town of the sentence stays that town's ("Sarmin
and Idlib countryside"), and so does one joined by "in" alone ("Talbiseh in Homs").
"""

import re

from ingest.where import targets
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

# Between two items of a list, each with its own "in": "in A, in the central province of
# B", "in A in the northwest and in the northern city of B". A bare "A and B" is left
# alone: measured, it made a region event the labels did not have (held-out).
_GAP = re.compile(
    r"(?:\s+in\s+the\s+(?:north|south|east|west|centre|center)[a-z-]*)?"
    r"\s*(?:,\s*(?:and\s+)?|(?:and|&|as\s+well\s+as)\s+)in\s+(?:the\s+)?"
    r"(?:[a-z]+\s+){0,2}?(?:(?:province|governorate|region|city|town|countryside)"
    r"\s+of\s+(?:the\s+)?)?",
    re.I,
)
_AND = re.compile(r"\b(?:and|as\s+well\s+as)\b|&", re.I)


def _admin(place: PlaceMention) -> str:
    return normalize.name_key(place.admin1 or "")


def regions_apart(
    sentence: str, points: list[PlaceMention], regions: list[PlaceMention]
) -> list[PlaceMention]:
    """The regions of ``regions`` listed with a town of the sentence ("in A, in B and
    in C") that hold none of its towns: each the place of its own event."""
    if not points or any(not _admin(p) for p in points):
        return []
    held = {_admin(p) for p in points}
    listed = sorted([*points, *regions], key=lambda p: p.start)
    chains: list[list[PlaceMention]] = [[listed[0]]]
    joined: list[bool] = [False]  # whether a gap of the chain has an "and"
    for before, after in zip(listed, listed[1:], strict=False):
        gap = sentence[before.end : after.start]
        if _GAP.fullmatch(gap):
            chains[-1].append(after)
            joined[-1] = joined[-1] or bool(_AND.search(gap))
        else:
            chains.append([after])
            joined.append(False)
    return [
        region
        for chain, has_and in zip(chains, joined, strict=True)
        if has_and and any(p in points for p in chain)
        for region in chain
        if region in regions
        and region.feature_type in {"governorate", "district"}
        and _admin(region)
        and _admin(region) not in held
    ]


def locations(
    sentence: str,
    points: list[PlaceMention],
    regions: list[PlaceMention],
    each: list[list[PlaceMention]],
) -> list[list[PlaceMention]]:
    """``each`` (the places of each event of the sentence), with every region apart
    taken out of the towns' places and made an event's place of its own."""
    apart = regions_apart(sentence, points, regions)
    if not apart:
        return each
    rest = [r for r in regions if r not in apart]
    towns = (
        targets.per_location(sentence, points, rest)
        if len(points) > 1
        else [[*points, *rest]]
    )
    return towns + [[region] for region in apart]
