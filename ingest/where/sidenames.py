"""A place's name that only ever stands for a state or an armed side is no point.

"Kyiv had retaken Andriivka", "as Kyiv's forces struggle", "Syria said its air
defences …", "clashed with Syria's army": the name is the side, not where anything
happened (LABELLING_GUIDE: a place is listed only where it is a location), so the
labels do not list it and its point was a confident wrong one (issue 13, helper
ingwrong5: wrong places "no labelled place spelt so"). seats.names_a_side already keeps
such a name from being an event's place; here, when every time the report writes the
name it is such a side, the name goes to the editor without its point. One use of it as
a location ("fighting near Kyiv") keeps the point. "Gaza's health ministry said" (a
seat: where a group is based, which the labels may list) is left alone.
"""

import re

from ingest.where.mention import PlaceMention
from ingest.where.seats import _ACTS_AFTER, _CLAUSE_START

# "Kyiv's forces", "Syria's armed forces", "Moscow's troops": the state's armed side.
_OWN_FORCES = re.compile(
    r"['’]s?\s+(?:(?:own|armed|regular|government|security|special)\s+)?"
    r"(?:forces|troops|army|military|soldiers|regime|air\s+force|"
    r"air\s+defen[cs]es|navy)\b"
    # "North Kivu's military governor", "Donetsk Oblast's Military and Civilian
    # Administration": an institution seated there, not the state's side.
    r"(?!\s+(?:and\s+civil|(?-i:[A-Z])|governor|spokes|court|council|official|"
    r"command|chief|prosecutor|administration|intelligence|hospital|base|airport))",
    re.I,
)


def _names_side(sentence: str, start: int, end: int) -> bool:
    if _OWN_FORCES.match(sentence, end):
        return True
    return bool(
        _ACTS_AFTER.match(sentence, end)
        and _CLAUSE_START.search(sentence[max(0, start - 12) : start])
    )


def _uses(text: str, sentences: list[str]):
    pattern = re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])", re.I)
    for sentence in sentences:
        for found in pattern.finditer(sentence):
            yield sentence, found.start(), found.end()


def without_point(places: list[PlaceMention], texts: list[str]) -> dict:
    """Points, by key, of names every use of which in ``texts`` (the report's
    sentences) names a side: without their point."""
    result = {}
    for place in places:
        if place.lat is None or not place.text.strip():
            continue
        uses = list(_uses(place.text, texts))
        if not uses or not all(_names_side(*use) for use in uses):
            continue
        result[place.key] = place.without_point(
            (
                f"“{place.text}” stands for a state or an armed side here, not for "
                "where anything happened: place it by hand if it is one"
            ),
        )
    return result
