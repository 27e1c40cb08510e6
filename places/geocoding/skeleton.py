"""Second-chance reading of a transliteration: the consonants its spelling keeps.

News spells one Arabic name many ways ("Sefohen", "Safuhun"; "Jelmeh", "Jalamah";
"Busr al-Harir", "Busra al-Hariri"). ``normalize.name_key`` folds the common shapes
(articles, ou/u, q/k, doubled letters, -ah/-eh endings) and the index's skeleton step
matches keys of the same consonants only when their spellings are also alike. A
spelling whose vowels all differ from the gazetteer's is found by neither. This module
is asked only when nothing else matched: it folds a key further to its consonants --
vowels and the semivowels y/w dropped, dh/d, th/t, gh/g, g/j, ph/f one letter, words
glued -- and returns the gazetteer keys that fold alike, ranked by edit similarity
(rapidfuzz). Its answers are "loose" candidates: never sure alone; a caller accepts
one only near the other places of the same text (see ingest.where.matching.named).
"""

import re
from collections import defaultdict

from rapidfuzz import fuzz

from places.geocoding import normalize, tables

# Fewer consonants than this say too little: "Zayadiya" (zd) is half the country.
MIN_CONSONANTS = 3
# Of the keys that fold alike, those at least this alike in spelling (rapidfuzz ratio
# of the two keys) are candidates: the index's own floor for a consonant match
# (index.SKELETON_MIN_RATIO); "Denirat"/"Dhunayrat" is 62, "Xyzzyville" and Tall
# Ghazal's "Kszal" 57.
MIN_RATIO = 60.0
LIMIT = 8  # candidates kept per query, best first
# Generic heads stay whole words: "tl" is not the consonants of "Tawil" or "Tala".
_HEADS = frozenset({"tl", "kfr", "jbl", "dyr", "ayn", "abu", "khrbt", "qlt", "mrt"})
_LETTERS = (
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("gh", "\0"),
    ("g", "j"),
    ("\0", "g"),
)


def fold(key: str) -> str:
    """Consonant skeleton of a name key ('' for Arabic script): one letter for each
    of dh/d, th/t, gh/g, g/j, ph/f; vowels and y/w dropped after a word's first
    letter (a leading vowel is "a"); doubled letters one; words glued."""
    if not key or normalize.is_arabic(key):
        return ""
    out = []
    for word in key.split():
        if word in _HEADS:
            out.append(word.upper())
            continue
        for pair, one in _LETTERS:
            word = word.replace(pair, one)
        first = "a" if word[0] in "aeiouy" else word[0]
        rest = re.sub("[aeiouyw]", "", word[1:])
        out.append(re.sub(r"(.)\1+", r"\1", first + rest))
    return "".join(out)


def _consonants(folded: str) -> int:
    return len(re.sub("[^a-z]", "", folded[1:] if folded[:1] == "a" else folded))


class Skeletons:
    """(country, folded key) -> {entry index: gazetteer key}, over an index's keys."""

    def __init__(self, keys: dict[tuple[str, str], dict[int, str]]) -> None:
        self._by: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
        for (country, key), entries in keys.items():
            folded = fold(key)
            if _consonants(folded) < MIN_CONSONANTS:
                continue
            slot = self._by[(country, folded)]
            for i in entries:
                slot.setdefault(i, key)

    def matches(self, key: str, countries: list[str]) -> dict[int, tuple[float, str]]:
        """Entries whose keys fold like ``key``: {entry index: (ratio, their key)},
        at most LIMIT, the most alike spellings first."""
        folded = fold(key)
        if _consonants(folded) < MIN_CONSONANTS:
            return {}
        found: dict[int, tuple[float, str]] = {}
        for country in countries:
            for i, other in self._by.get((country, folded), {}).items():
                similar = fuzz.ratio(key, other)
                if similar >= MIN_RATIO and similar > found.get(i, (0.0, ""))[0]:
                    found[i] = (similar, other)
        best = sorted(found.items(), key=lambda item: -item[1][0])[:LIMIT]
        return dict(best)


def short_alike(key: str, other: str) -> bool:
    """Two spellings of a name of two consonants ("Haimo"/Himu, "al-Delli"/Dilli,
    "Hweiz"/Huwayz), too short for a consonant match alone: the same name when they
    are one once their vowels are read alike (normalize.vowels_alike), or when
    ``other`` only writes the first short vowel that speech drops before w or a
    consonant ("Hweiz", "Rweiha"). One word each, of four letters at least ("Dma" is
    no Duma); Arabic script is not read here."""
    if len(key) < 4 or " " in key or " " in other or normalize.is_arabic(key):
        return False
    mine, theirs = normalize.vowels_alike(key), normalize.vowels_alike(other)
    if mine == theirs:
        return True
    return (
        len(mine) > 2
        and mine[0] not in _VOWELS
        and mine[1] not in _VOWELS
        and theirs[0] == mine[0]
        and theirs[1] in _VOWELS
        and theirs[2:] == mine[1:]
    )


_VOWELS = "aeiouy"


def skeletons_of(index) -> Skeletons:
    """The Skeletons of a GazetteerIndex, built on first use (once per index, kept in
    its file: places.geocoding.tables)."""
    return tables.derived(index, "skeletons", lambda: Skeletons(index._keys))


def second_chance(index, keys: list[str], countries: list[str]) -> dict[int, tuple]:
    """The index's hook when no key, variant, skeleton or fuzzy match was found:
    {entry index: ("loose", the gazetteer key)} for the first of ``keys`` (most
    literal first) that has consonant matches."""
    built = skeletons_of(index)
    # Then ذ spoken and written as z ("Zaiban" for Dhiban, "Zakir" for Dhakir): the
    # key with z read as dh, only once nothing folds like the key itself.
    spoken = [key.replace("z", "dh") for key in keys if "z" in key]
    for key in (*keys, *spoken):
        found = built.matches(key, countries)
        if found:
            return {i: ("loose", other) for i, (_ratio, other) in found.items()}
    return {}
