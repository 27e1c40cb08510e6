"""A stretch between two places is one place of the event, not two: "striking ISIS
positions between Albukamal and Al-Mayadeen", "on the road between the city of Ayn
Issa and the nearby town of Serrin" (issue 13: one incident proposed at both ends).
The labelling guide places such an event at one reference town; the first end
named is kept, the second only locates the stretch."""

import re
from collections.abc import Callable

from ingest.mention import PlaceMention

_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$", re.I)
# What may stand between the two ends: a qualifier of the first ("Northern
# al-Raqqa"), then "and", then the second's kind ("the nearby town of").
_AND = re.compile(r"^[^;:.()]{0,60}?\band\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?$", re.I)


def second_ends(sentence: str, places: list[PlaceMention]) -> set[int]:
    """ids of the places that close a "between A and B" stretch (B)."""
    ordered = sorted(places, key=lambda p: p.start)
    found: set[int] = set()
    for i, first in enumerate(ordered):
        if not _BETWEEN.search(sentence[max(0, first.start - 40) : first.start]):
            continue
        for second in ordered[i + 1 :]:
            if second.is_region:
                continue  # "Northern al-Raqqa": the first end's region
            if _AND.match(sentence[first.end : second.start]):
                found.add(id(second))
            break
    return found


# "the Atil-Suleim road", "the Kirkuk–Daquq highway": a stretch named by its two ends
# joined with a hyphen, read as one unknown word before. Each end is read as a name of
# its own; the first locates the event (as "between A and B"), the second only the
# stretch.
_ROAD = re.compile(
    r"\b([A-Z][\w'’]+)[-–]([A-Z][\w'’]+)\s+(?:road|highway|motorway|route)\b"
)


def road_ends(
    sentence: str,
    places: list[PlaceMention],
    named: Callable[[int, int], PlaceMention | None],
) -> tuple[list[PlaceMention], set[int]]:
    """The ends of "A-B road" stretches no place covers yet (``named`` reads a span as
    a place name), and the ids of the second ends."""
    added: list[PlaceMention] = []
    seconds: set[int] = set()
    for match in _ROAD.finditer(sentence):
        if any(p.start < match.end(2) and match.start(1) < p.end for p in places):
            continue  # already read, whole or in part
        first, second = (named(*match.span(group)) for group in (1, 2))
        added += [p for p in (first, second) if p is not None]
        if first is not None and second is not None:
            seconds.add(id(second))
    return added, seconds
