"""Names the text itself calls a village or town: weak grounds for a distance doubt.

A point far from the story's other places is doubted (farpoints.doubtful, names.unsure):
most such points are a word, a group's or a quarter's name read as a far hamlet
("Police", "Al Jazeera", "the Al Noor neighbourhood"). A name the text calls a village or
a town ("the village of Awja", "the villages of A, B and C", "Kofa villages", "X, a town
north of Y") and that the gazetteer holds under exactly that name is the settlement
meant far more often than a namesake: the doubt keeps its point, unless its own
sentence places something else ("the town of Jisa in the eastern outskirts of Daraa":
the far Jisa is not beside Daraa). bench/README.md, "Doubted points, by rule (helper
ingdoubts".
"""

import re

from ingest.where import targets

_NOUN = r"(?:villages?|towns?|hamlets?|settlements?|localit(?:y|ies))"
_BEFORE = re.compile(
    rf"\b{_NOUN}\s+of\s+(?:the\s+)?(?:(?:al|el|ad|ar|as|ash|at|az|an)-\s*)?$", re.I
)
_AFTER = re.compile(rf"^\s+{_NOUN}\b", re.I)
_OWN_HEAD = re.compile(rf"\s{_NOUN}$", re.I)  # "Houta town" read as one name
_APPOSITION = re.compile(
    rf"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN}\b", re.I
)
_LIST_HEAD = re.compile(rf"\b{_NOUN}\s+of\s+", re.I)
# "the X neighbourhood", "X Square", "X camp": a part of a town or a site, no village
_SITE_AFTER = re.compile(
    r"^['’]?s?\s+(?:neighbou?rhoods?|quarters?|districts?|squares?|camps?|streets?|"
    r"roads?|mosques?|hospitals?|schools?|markets?|bases?|airports?)\b",
    re.I,
)
# Exact readings only: another spelling far off is a namesake as often as not.
_SURE = frozenset({"exact"})


def called_settlement(sentence: str, place, listed: list) -> bool:
    """Whether ``sentence`` calls ``place`` a village or town."""
    if not 0 <= place.start < place.end <= len(sentence):
        return False
    after = sentence[place.end :]
    if _SITE_AFTER.match(after):
        return False
    if _OWN_HEAD.search(place.text) or _AFTER.match(after) or _APPOSITION.match(after):
        return True
    if _BEFORE.search(sentence[max(0, place.start - 40) : place.start]):
        return True
    return any(start <= place.start and place.end <= end for start, end, _ in listed)


class Settlements:
    """Keys of the points the article calls a village or town, sentence by sentence."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def read(self, sentence: str, places: list) -> None:
        candidates = [
            p
            for p in places
            if p.lat is not None
            and not p.is_region
            and p.match in _SURE
            and p.key not in self.keys
        ]
        if not candidates:
            return
        listed = (
            targets.listed_names(sentence, _LIST_HEAD)
            if _LIST_HEAD.search(sentence)
            else []
        )
        located = [
            p for p in places if p.lat is not None and p.feature_type != "country"
        ]
        for place in candidates:
            if any(o.key != place.key for o in located):
                continue  # the sentence says where it is: the distance doubt decides
            if called_settlement(sentence, place, listed):
                self.keys.add(place.key)
