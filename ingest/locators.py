"""Places a sentence names only to say where something is headed or lies: "advances
towards Mosul", "Hais city, south of al-Hodeida". They are no event's place."""

import re

from ingest.mention import PlaceMention

# Where fighters went, not where anything happened: "advances towards Mosul", "forced
# IS to run away towards the southern countryside of al-Hasakah".
_TOWARDS = re.compile(
    r"\b(?:towards?|in the direction of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:countryside|outskirts|city|town|village|province) of\s+)?$",
    re.I,
)
# "Hais city, south of al-Hodeida", "Houta town, capital of Lahej province north of
# Aden": a town after a direction locates the place named before it.
_DIRECTION_OF = re.compile(
    r"\b(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|governorate) of\s+)?$",
    re.I,
)


def _locates_the_one_before(
    sentence: str, place: PlaceMention, places: list[PlaceMention]
) -> bool:
    window = sentence[max(0, place.start - 45) : place.start]
    return (
        " of" in window
        and any(p.end <= place.start and not p.is_region for p in places)
        and bool(_DIRECTION_OF.search(window))
    )


def locates(sentence: str, place: PlaceMention, places: list[PlaceMention]) -> bool:
    """True when ``place`` is where fighters headed, or a town after a direction
    that locates a place named before it."""
    window = sentence[max(0, place.start - 45) : place.start].lower()
    if ("toward" in window or "direction" in window) and _TOWARDS.search(window):
        return True
    return _locates_the_one_before(sentence, place, places)
