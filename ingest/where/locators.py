"""Places a sentence names only to say where something is headed or lies: "advances
towards Mosul", "Hais city, south of al-Hodeida". They are no event's place."""

import re

from ingest.where import apposed
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

# Where fighters went, not where anything happened: "advances towards Mosul", "forced
# IS to run away towards the southern countryside of al-Hasakah".
_TOWARDS = re.compile(
    r"\b(?:towards?|in the direction of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:(?:countryside|outskirts|city|town|village|province) of\s+)?$",
    re.I,
)
_FIRED = re.compile(
    r"\b(?:fired|firing|launched|launching|shells?|shelling|shelled|rockets?|"
    r"missiles?|mortars?|artillery|projectiles?)\b(?![^.;]*\b(?:advanc|mov|march|"
    r"push|head|flee|fled|retreat|withdr)\w*\b)[^.;]*$",
    re.I,
)
# "Hais city, south of al-Hodeida", "Houta town, capital of Lahej province north of
# Aden": a town after a direction locates the place named before it.
# "40 kilometers (25 miles) west of the capital Tripoli", "south of the Libyan
# capital", "east of the coastal city of": the words before the town's name.
_DISTANCE = (
    r"(?P<distance>\d+(?:[.,]\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+"
    r"(?:\([^()]{1,30}\)\s+)?)"
)
_DIRECTION_OF = re.compile(
    rf"\b{_DISTANCE}?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,2}?(?:city|town|village|province|governorate|capital)"
    r"(?:\s+city)?(?:\s+of)?,?\s+(?:the\s+)?)?$",  # "of the Sudanese capital, Khartoum"
    re.I,
)


def _locates_the_one_before(
    sentence: str, place: PlaceMention, places: list[PlaceMention]
) -> bool:
    """ "Zawiya, 40 km west of the capital Tripoli": the town after the direction
    says where the place before lies. With a distance given, it is never where the
    event was, whatever precedes it ("clashes 40 km west of Tripoli")."""
    window = sentence[max(0, place.start - 70) : place.start]
    found = _DIRECTION_OF.search(window) if " of" in window else None
    return found is not None and (
        found.group("distance") is not None
        or any(p.end <= place.start and not p.is_region for p in places)
        or apposed.unit_located(
            sentence, place.start - len(window) + found.start(), places
        )
    )


# "in the al-Karr village, Deir ez-Zor suspected of …": the governorate's city after a
# comma names the governorate the village is in (a list goes on: "Ariha, Idlib and …").
_QUALIFIER_GAP = re.compile(r"(?:\s+(?:village|town|city|camp|area))?,\s*$", re.I)
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|&)", re.I)


def _qualifies_the_one_before(
    sentence: str, place: PlaceMention, places: list[PlaceMention]
) -> bool:
    before = [p for p in places if p.end <= place.start and not p.is_region]
    if not before or place.is_region or not place.admin1:
        return False
    if normalize.name_key(place.name) != normalize.name_key(place.admin1):
        return False
    return bool(
        _QUALIFIER_GAP.fullmatch(sentence[before[-1].end : place.start])
    ) and not _LIST_GOES_ON.match(sentence, place.end)


# "the town of Hirnyk, Kurakhove community", "Slobozhanske, Kharkiv district", "Ajeer
# village, east Hais city": the unit (or town) after the comma is named after its centre
# and says where the place before it lies; it is no second event's place.
_UNIT_AFTER = re.compile(
    r"\s+(?:community|hromada|district|sub-?district|township|municipality|county|"
    r"commune|circle|raion|rayon|oblast|(?:local government area|LGA)|"
    r"(?:rural|urban) (?:district|community|municipality))\b",
    re.I,
)
_CONTAINER_GAP = re.compile(
    r"(?:\s+(?:village|town|city|camp|area|suburb|neighbou?rhood))?,\s*"
    r"(?P<direction>(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?",
    re.I,
)
# "the village of A, located on the road between B and C", "A, which lies north of
# B": what follows "located" only says where A lies.
_LOCATED_GAP = re.compile(
    r",\s+(?:(?:which|that)\s+(?:is\s+)?)?(?:located|situated|lying|lies)\b"
    r"[^,.;:()]{0,60}$",
    re.I,
)
# "the village of A on the (eastern) outskirts of the town of B": B says where A lies;
# "clashes on the outskirts of B" alone still happen at B.
_OUTSKIRTS_GAP = re.compile(
    r"(?:\s+(?:village|town|camp|area|neighbou?rhood))?,?\s+(?:on|in|at)\s+the\s+"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?:outskirts|suburbs|edge)\s+of\s+(?:the\s+)?"
    r"(?:(?:[\w'’-]+\s+){0,2}?(?:city|town|village)\s+of\s+)?",
    re.I,
)
_TOWN_AFTER = re.compile(r"\s+(?:city|town)\b", re.I)
_TOWN_TAIL = re.compile(r"\s(?:city|town)$", re.I)
_DIRECTION_HEAD = re.compile(
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+", re.I
)


def _container_of_the_one_before(
    sentence: str, place: PlaceMention, places: list[PlaceMention]
) -> bool:
    before = [p for p in places if p.end <= place.start]
    if not before:
        return False
    between = sentence[before[-1].end : place.start]
    if not before[-1].is_region and (
        _LOCATED_GAP.match(between)
        or (not place.is_region and _OUTSKIRTS_GAP.fullmatch(between))
    ):
        return True
    gap = _CONTAINER_GAP.fullmatch(between)
    if gap is None:
        return False
    # "A village, east B city": B locates A (the direction may be read into B's span)
    own = _DIRECTION_HEAD.match(place.text)
    if gap.group("direction") or own:
        tail = place.text[own.end() :] if own else ""
        return bool(_TOWN_AFTER.match(sentence, place.end) or _TOWN_TAIL.search(tail))
    return bool(_UNIT_AFTER.match(sentence, place.end))


def locates(sentence: str, place: PlaceMention, places: list[PlaceMention]) -> bool:
    """True when ``place`` is where fighters headed, or a town after a direction
    that locates a place named before it."""
    window = sentence[max(0, place.start - 45) : place.start].lower()
    if ("toward" in window or "direction" in window) and _TOWARDS.search(window):
        # "fired rockets from A towards B": fire sent towards B falls there
        return not _FIRED.search(sentence[max(0, place.start - 90) : place.start])
    return (
        _locates_the_one_before(sentence, place, places)
        or _qualifies_the_one_before(sentence, place, places)
        or _container_of_the_one_before(sentence, place, places)
    )
