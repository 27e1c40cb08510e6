"""A direction of a country abroad is the region the text names: "northern Israel".

"Hezbollah fired rockets at northern Israel": the matcher lists the country abroad,
"Israel", without a point and never as an event's place. The text names a region of it,
as "southern Lebanon" is one in a story read in Lebanon (ingest/where/matching.py): the
mention takes in the direction word ("northern Israel", named "Northern Israel"), still a
country abroad without a point, so nothing else about it changes; a country whose own
name starts with a direction ("South Sudan") is left as it is.
"""

import dataclasses
import re

from ingest.where import countrynames
from ingest.where.mention import PlaceMention

_DIRECTION_BEFORE = re.compile(
    r"\b((?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central)"
    r"\s+$",
    re.I,
)


def directed(sentence: str, places: list[PlaceMention], country: str) -> list:
    """``places`` with each country abroad right after a direction word widened to
    the region ("northern Israel")."""
    return [widened(sentence, place, country) for place in places]


def widened(sentence: str, place: PlaceMention, country: str) -> PlaceMention:
    """``place``, or the region of it a direction word right before it names."""
    if place.origin != "abroad" or place.feature_type != "country":
        return place
    found = _DIRECTION_BEFORE.search(sentence, 0, place.start)
    if found is None:
        return place
    text = sentence[found.start() : place.end]
    if countrynames.is_country_abroad(text, country=country):
        return place  # "South Sudan" read as "Sudan" after "South"
    direction = found.group(1)
    return dataclasses.replace(
        place, text=text, start=found.start(),
        name=f"{direction[:1].upper()}{direction[1:].lower()} {place.name}",
        note=f"a region of {place.name}, abroad: not placed",
    )  # fmt: skip
