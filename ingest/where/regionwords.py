"""Which region word of a sentence speaks of a bare city-or-governorate name.

A bare "Daraa" is the city unless the article treats the governorate as a region
(names.cities). A region word beside the name ("Daraa province", "rural Daraa") is
that name's; one beside no name ("the province") may be any name's in the sentence.
Two kinds of loose word are no name's region, so they leave the bare name the city:
- a word inside another place's own span: "Outer Damascus provinces", "the Quneitra
  countrysides" say nothing of the "Damascus" named in the same sentence;
- "rural" before a common noun: "rural towns outside Damascus" are towns of the
  countryside, not a reading of Damascus as a province.
And "X and its countryside" (suburbs, outskirts, environs, villages) names the city X
beside the area around it: the sentence's city cue for X.
"""

import re

# A region word beside no name: said of a region the sentence does not name.
_LOOSE = re.compile(r"\b(?:provinces?|governorates?|countrysides?)\b", re.I)
# "Daraa and its countryside", "Idlib city and its western suburbs".
_AND_ITS = re.compile(
    r"^(?:\s+city)?\s+and\s+its\s+(?:\w+\s+){0,2}?"
    r"(?:countryside|suburbs|outskirts|environs|villages|surroundings)\b",
    re.I,
)


def loose_word(sentence: str, place, places: list, taken: list) -> bool:
    """A region word in ``sentence`` beside no name (``taken``: the spans of the
    words beside the other places) and inside no other place's span."""
    inside = [(p.start, p.end) for p in places if p is not place] + list(taken)
    return any(
        not any(a <= m.start() and m.end() <= b for a, b in inside)
        for m in _LOOSE.finditer(sentence)
    )


def with_its_area(sentence: str, place) -> bool:
    """``place`` is named beside the area around it: "X and its countryside"."""
    if not 0 <= place.start < place.end <= len(sentence):
        return False
    return bool(_AND_ITS.match(sentence[place.end : place.end + 60]))
