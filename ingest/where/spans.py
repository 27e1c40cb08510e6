"""Whether a gazetteer hit in running text is a place's own name, or part of a
longer one: "Bashar al-Zoubi", "the Euphrates River", "(Enab Baladi)" name a person,
a river and an outlet, not the village spelt like one of their words; and whether
prose says a place stands here ("in X", "the town of X", "X village").

Split from ingest/where/names.py."""

import re

from places.geocoding import memo, vocabulary

# Words that may sit beside a place's name without making it part of a longer one.
_FREE = frozenset(
    {"in", "of", "the", "near", "at", "on", "and", "to", "by", "from", "for", "with",
     "into", "toward", "towards", "across", "around", "outside", "inside", "between",
     "east", "west", "north", "south", "a", "an", "as", "but", "or", "while", "after",
     "before", "since", "until", "during", "over", "under", "via", "through", "both",
     "city", "town", "village", "province", "governorate", "countryside", "district",
     "area", "region", "camp", "airport", "base", "airbase", "dam", "hill", "hills",
     "border", "crossing", "subdistrict", "countrysides", "provinces", "villages",
     "towns", "cities", "outskirts", "suburbs", "front", "plain", "military", "rural",
     "also", "then", "later", "earlier", "meanwhile", "however", "yesterday", "today",
     "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "local", "activists", "residents", "sources", "state", "news", "agency"}
)  # fmt: skip
# Nouns that make "X Mosque", "X Party", "X River" a name of their own, even in lower case.
_OWN_NAME_HEADS = frozenset(
    {"mosque", "square", "river", "party", "street", "hospital", "school", "roundabout",
     "market", "stadium", "university", "church", "brigade", "brigades", "army",
     "forces", "battalion", "observatory", "network", "council", "movement",
     "division", "regiment", "corps", "lake", "sea", "media", "voice", "baladi",
     "family", "families", "clan", "tribe"}
)  # fmt: skip
# (Not "post": "the X post" is a military post at X; "the X Post", a paper, is
# capitalised and so part of a longer name anyway.)
_CONNECTOR = re.compile(
    r"^(?:a|al|el|as|ash|ad|ar|at|az|an|bin|ibn|bint|al-|el-"
    r"|de|da|des|dos|das|del)$",  # "Carta de Mocambique", a paper
    re.I,
)
_JOINS_NEXT = re.compile(r"^(?:al|el|bin|ibn|bint|de|da|dos|das|del)$")
_ARTICLE_JOINED = re.compile(r"^(?:a|al|el|as|ash|ad|ar|at|az|an)-\w", re.I)
# What comes before a place in prose: "in X", "the town of X", "shelled X".
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|of|from|to|into|toward|towards|outside|around|on|across|"
    r"targeting|targeted|target|struck|strike|strikes|shelled|shelling|hit|hitting|"
    r"bombed|bombing|captured|seized|stormed|entered|took|retook|besieged|attacked|"
    r"reached|left|fled|between|and|or)|,)\s+(?:the\s+)?$",
    re.I,
)
_CUE_AFTER = re.compile(
    r"^\s*(?:city|town|village|camp|countryside|province|area|district|neighbou?rhood)\b",
    re.I,
)


def _is_capitalised_name(word: str) -> bool:
    bare = word.lstrip("'’‘")
    if not bare:
        return False
    if _ARTICLE_JOINED.match(bare):
        return True
    return bare[0].isupper() and not (bare.isupper() and len(bare) > 1)


# The word right before a span, with the blanks that follow it to the span.
_LAST_WORD = re.compile(r"([^\W\d_][\w'’‘\-]*)[ \t\u00a0]+$")


def _last_word_from(text: str) -> int:
    """Where _LAST_WORD's search of ``text`` may start its match at the earliest: in
    the last run of non-space characters before the trailing blanks (its word holds
    no space). Searched from there, not from 0, the same match is found, and a long
    sentence's prefix is not tried at every character."""
    end = len(text) - 1 if text.endswith("\n") else len(text)  # "$" before a last "\n"
    while end and text[end - 1] in " \t\u00a0":
        end -= 1
    while end and not text[end - 1].isspace():
        end -= 1
    return end


@memo.per_scope  # each span is read alone, then again near the other places
def inside_longer_name(sentence: str, start: int, end: int) -> bool:
    """True when the span is part of a longer capitalised name ("Bashar al-Zoubi",
    "Euphrates River", "Marsad al Hassaka")."""
    after = re.match(r"[ \t\u00a0]+([^\W\d_][\w'’‘\-]*)", sentence[end:])
    if after and _JOINS_NEXT.match(after.group(1)):
        # "Saeed al Mashhadani": a lower-case article joins the next capitalised word
        further = re.match(
            r"[ \t\u00a0]+([^\W\d_][\w'’‘\-]*)", sentence[end + after.end() :]
        )
        if further and _is_capitalised_name(further.group(1)):
            return True
    if after:
        word = after.group(1)
        lowered = word.lower().strip("'’‘")
        if lowered in _OWN_NAME_HEADS:
            return True
        if (
            _is_capitalised_name(word)
            and lowered not in _FREE
            and lowered not in vocabulary.DESCRIPTORS
            and lowered not in vocabulary.DIRECTIONS
        ):
            return True
    before = sentence[:start]
    joined = False
    while True:
        previous = _LAST_WORD.search(before, _last_word_from(before))
        if previous is None:
            return False
        word = previous.group(1)
        if _CONNECTOR.match(word) and not word[0].isupper():
            before, joined = before[: previous.start()], True
            continue  # "Marsad al Hassaka": look past the article
        lowered = word.lower()
        if re.search(r"['’]s$", word):
            return False  # "Syria's Idlib": a possessive, not one name
        return (
            _is_capitalised_name(word)
            # A sentence's first word is capitalised anyway, unless joined by "al".
            and (previous.start() > 0 or joined)
            and lowered not in _FREE
            and lowered not in vocabulary.DIRECTIONS
            and lowered not in vocabulary.NOT_PLACES
        )


# "loyal to Hadi", "according to Omar": "to" after these introduces a person or side.
_NOT_A_CUE = re.compile(
    r"\b(?:loyal|close|allied|affiliated|belonging|according|linked|related|tied|"
    r"opposed|due|thanks|next)\s+to\s+(?:the\s+)?$",
    re.I,
)


def has_place_cue(sentence: str, start: int, end: int) -> bool:
    """Prose says a place stands here: "in X", "the town of X", "X village"."""
    if _NOT_A_CUE.search(sentence[max(0, start - 40) : start]):
        return bool(_CUE_AFTER.match(sentence[end:]))
    return bool(
        _CUE_BEFORE.search(sentence[max(0, start - 40) : start])
        or _CUE_AFTER.match(sentence[end:])
    )
