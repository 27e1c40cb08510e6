"""Places a sentence names that are not where something happened: a reference ("southeast
of Daraa", a river, "the villages of A and B near X", the town after "in" that
says where the places just named are, the second town of "between A and B") and an
outlet's name ("TV station al-Mayadeen"). Split from ingest/where/targets.py."""

import re

from ingest.where.mention import PlaceMention

_REFERENCE = re.compile(
    r"^(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+of\b",
    re.I,
)


_LANDMARK_AFTER = re.compile(r"\s+(?:river|valley|basin|bank)\b", re.I)
_LANDMARK_BEFORE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:ern)?(?: bank)? of|across|along|near|close to|"
    r"outside)\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?$",
    re.I,
)
# "TV station al-Mayadeen", "pro-government daily Al-Watan": outlets, not places.
_OUTLET = re.compile(
    r"\b(?:(?:TV|television|satellite|radio)\s+(?:station|channel|network)|channel|"
    r"newspaper|daily|agency|website|outlet)\s+"
    r"((?:(?:al|el)-)?[A-Z][\w'’-]+(?:\s+(?:al|el)-[A-Z][\w'’-]+)?)"
)


def outlets(sentence: str) -> list[tuple[int, int]]:
    """Spans of outlet names ("Lebanese TV station al-Mayadeen"): no place."""
    return [(m.start(1), m.end(1)) for m in _OUTLET.finditer(sentence)]


def is_reference(
    mention: PlaceMention, sentence: str = "", places: list | None = None
) -> bool:
    """ "southeast of Daraa", "10 km south of X": X locates, but is not, the target;
    so does a river ("villages east of the Euphrates River"), and a town the listed
    targets are near ("the villages of A, B and C were shelled near X")."""
    if _REFERENCE.match(mention.text):
        return True
    if not sentence:
        return False
    if not mention.is_region and places:
        # "Ain Zara and Abu Salim in Tripoli", "the Sukkari district in Aleppo": the
        # town after "in" says where the places just named are; it is no target.
        named = [p for p in places if p.end <= mention.start and not p.is_region]
        if named and _IN_GAP.fullmatch(sentence[named[-1].end : mention.start]):
            return True
    if places and _between_second(sentence, mention, places):
        return True
    if _LANDMARK_AFTER.match(sentence, mention.end):
        return True
    if places and _LANDMARK_BEFORE.search(
        sentence[max(0, mention.start - 30) : mention.start]
    ):
        listed = [p for p in places if p.end <= mention.start and not p.is_region]
        if len(listed) >= 2:
            return True
        # "Khirbet Ammo near Qamishli": the place just named is the target, the town
        # after "near" only says where it is.
        return bool(listed) and bool(
            _NEAR_GAP.fullmatch(sentence[listed[-1].end : mention.start])
        )
    return False


# "on the road between A and B", "the area between the town of A and the nearby town of
# B": one event, at A (the labelling guide's reference town); B only says which stretch.
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cit(?:y|ies)|areas?)\s+of\s+)?$",
    re.I,
)
_BETWEEN_AND = re.compile(
    r"[^.;]{0,40}?\s+and\s+(?:the\s+)?(?:(?:nearby|neighbou?ring)\s+)?"
    r"(?:(?:town|village|city|area)\s+of\s+)?",
    re.I,
)


def _between_second(
    sentence: str, mention: PlaceMention, places: list[PlaceMention]
) -> bool:
    named = [p for p in places if p.end <= mention.start and not p.is_region]
    if not named:
        return False
    first = named[-1]
    return bool(
        _BETWEEN.search(sentence[max(0, first.start - 40) : first.start])
        and _BETWEEN_AND.fullmatch(sentence[first.end : mention.start])
    )


_IN_GAP = re.compile(
    r"(?:\s+(?:village|town|camp|area|hill|neighbou?rhood|district|quarter))?"
    r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?(?:(?:city|town) of\s+)?",
    re.I,
)
_NEAR_GAP = re.compile(
    r"(?:\s+(?:village|town|camp|area|hill|neighbou?rhood))?,?\s+"
    r"(?:(?:just\s+)?(?:near|close to|outside)|(?:\d+\s*(?:km|kilometres|kilometers|"
    r"miles)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?",
    re.I,
)
