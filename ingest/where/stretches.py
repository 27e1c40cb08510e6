"""A stretch between two places is one place of the event, not two: "striking ISIS
positions between Albukamal and Al-Mayadeen", "on the road between the city of Ayn
Issa and the nearby town of Serrin" (issue 13: one incident proposed at both ends).
The labelling guide places such an event at one reference town; the first end
named is kept, the second only locates the stretch."""

import re

from ingest.where.mention import PlaceMention

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
