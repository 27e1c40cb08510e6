"""Names a kind word follows, cut whole: "the Zee Phyu Kone village", "the Khallet Al
Furjan neighbourhood" (every capitalised word of the name, not its last two), and "A, B
and C villages" (each item of the list, as "the villages of A, B and C" already is).

A name is a place the text marks, read by targets.unresolved like the others: the
gazetteer's reading where it has one, else a name for the editor without a point
(bench/README.md, "ingspan"). Split from ingest/where/targets.py, which calls ``marked``."""

import re

from ingest.reading import cues
from ingest.reading.words import DEMONYMS, GIVEN_NAMES, NOT_NAMES, PEOPLE_ADJECTIVES
from places.geocoding import memo, normalize

_WORD = r"(?:(?:al|el)-)?[A-Z][\w'’-]*"
# Three to five capitalised words before the kind word: targets._CALLED reads two.
_LONG = re.compile(
    rf"(?<![\w'’‘-])({_WORD}(?:\s+{_WORD}){{2,4}})\s+"
    r"(?:village|town|city|camp|hill|neighbou?rhood|area|site)\b"
)
_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
# "A, B and C villages": the plural kind word is every item's (places, not parts of a
# town: "A and B neighbourhoods" are one town's, targets._PARTS_AFTER).
_LIST = re.compile(
    rf"(?<![\w'’‘-])((?:{_ITEM}\s*,\s*)*{_ITEM},?\s+(?:and|&)\s+{_ITEM})\s+"
    r"(?:villages|towns|cities|camps|hamlets|settlements)\b"
)
_ONE = re.compile(_ITEM)
# What says which kind of place or whose, not which one: "an Al-Qaeda-held town", "a
# Turkish-backed faction's camp" (a compound adjective), "an IDP camp", "a UN base" (an
# acronym in capitals); ingest.where.targets reads the same words.
DESCRIBES = re.compile(
    r"-(?:held|linked|backed|led|controlled|affiliated|allied|aligned|based|run|"
    r"occupied|besieged|dominated|majority|populated|style)$|^[A-Z]{2,5}$"
)
_POSSESSIVE = re.compile(r"['’]s?$")
# A sentence holding none of these reads no kind word (most sentences).
_KINDS = ("village", "town", "city", "cities", "camp", "hill", "neighb", "area", "site",
          "hamlet", "settlement")  # fmt: skip


def _describes(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in NOT_NAMES
        or lowered in DEMONYMS
        or lowered in PEOPLE_ADJECTIVES
        or bool(DESCRIBES.search(word))
    )


def _trimmed(sentence: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The name within ``sentence[start:end]`` past its leading words that only
    describe it ("The", "Kurdish", "SDF-held"); None when a word of it is a
    possessive ("Baghdad's Karrada": the town's part, read as the town) or a given
    name begins it."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence[start:end])]
    while words and _describes(sentence[start + words[0][0] : start + words[0][1]]):
        words.pop(0)
    if not words:
        return None
    text = sentence[start + words[0][0] : end]
    if any(_POSSESSIVE.search(word) for word in text.split()):
        return None
    if normalize.name_key(text.split()[0]) in GIVEN_NAMES:
        return None
    return start + words[0][0], end, text


@memo.per_scope  # each sentence is read alone, then near the story's other places
def marked(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the names a kind word marks whole: long names before
    "village", "neighbourhood" …, and each item of "A, B and C villages"."""
    lowered = cues.lowered(sentence)  # None beyond ASCII: always read
    if lowered is not None and not any(map(lowered.__contains__, _KINDS)):
        return []
    found = []
    for match in _LONG.finditer(sentence):
        name = _trimmed(sentence, *match.span(1))
        if name is not None and len(name[2].split()) >= 3:
            found.append(name)
    for chain in _LIST.finditer(sentence):
        for item in _ONE.finditer(sentence, chain.start(1), chain.end(1)):
            name = _trimmed(sentence, *item.span())
            if name is not None:
                found.append(name)
    return found
