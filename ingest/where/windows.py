"""A sentence's words and the name windows that may start at each (memoised per article),
and the word-level tests on them: possessives, given names alone, an outlet's name, a
demonym with a kind. PlaceMatcher (ingest/where/matching.py) asks the gazetteer's keys of
these windows. Split from ingest/where/matching.py."""

import re

from ingest.reading.words import (
    DEMONYMS,
    GIVEN_NAMES,
    KIND_WORDS,
    NOT_NAMES,
    PEOPLE_ADJECTIVES,
    PREFIX_WORDS,
    WORD,
    is_name_word,
    name_like,
    word_kind,
)
from places.geocoding import index, memo, normalize, vocabulary


@memo.per_scope
def _sentence_words(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of each word, a possessive's "'s" left out."""
    return tuple(
        (m.start(), m.start() + len(word), word)
        for m in WORD.finditer(sentence)
        for word in (_possessive(m.group(0)),)
    )


@memo.per_scope
def _word_kinds(sentence: str) -> tuple[tuple[bool, bool, bool, bool, bool], ...]:
    """words.word_kind of each word of the sentence, once an article."""
    return tuple(word_kind(word) for _, _, word in _sentence_words(sentence))


def _may_start_name(word: str) -> bool:
    """Whether a place's name may begin at this word (_name_windows's first test)."""
    lowered = word.lower()
    starts_direction = lowered in vocabulary.DIRECTIONS
    return (is_name_word(word) or starts_direction) and lowered not in NOT_NAMES


@memo.per_scope
def _name_starts(sentence: str) -> frozenset[int]:
    """The words of the sentence a name may begin at: the others have no window, so
    _name_spans does not ask (most words are lower-case prose)."""
    return frozenset(
        i for i, (_, _, word) in enumerate(_sentence_words(sentence))
        if _may_start_name(word)
    )  # fmt: skip


@memo.per_scope
def _name_windows(sentence: str, i: int, blocked: tuple) -> tuple:
    """The windows of up to five words at word ``i`` that may be a place's name,
    longest first, as (start, end, next word, key, key without directions or ""),
    whatever the country; None where an outlet's name ends the search. Once per
    sentence and word in an article: a story read in two countries' gazetteers
    (ingest/country/country.py) asks them twice."""
    words = _sentence_words(sentence)
    if not _may_start_name(words[i][2]):
        return ()
    kinds = _word_kinds(sentence)
    found: list = []
    for n in range(min(5, len(words) - i), 0, -1):
        window = words[i : i + n]
        if not name_like(kinds, i, n) or _punctuated(sentence, window):
            continue
        start, end = window[0][0], window[-1][1]
        if any(b_start <= start and end <= b_end for b_start, b_end in blocked):
            continue
        text = sentence[start:end]
        if (
            normalize.is_not_a_place(text)
            or text.lower() in PREFIX_WORDS
            or text.lower() in DEMONYMS
            or _demonym_and_kind(text)
        ):
            continue
        names, directions = normalize.split_query(text)
        if directions and all(n in PREFIX_WORDS for n in names):
            continue  # "Eastern Tel" (Ahmar Hills) is no place
        if _OUTLET_AFTER.match(sentence, end):
            found.append(None)
            break
        bare = index.query_key(" ".join(names)) if directions and names else ""
        found.append((start, end, i + n, index.query_key(text), bare))
    return tuple(found)


# A name that begins an outlet's: "Shafaq News", "Deir Ezzor Media Center", "Aden TV".
_OUTLET_AFTER = re.compile(
    r"\s+(?:News|TV|Television|Radio|Agency|Media (?:Center|Centre|Office|Network)|"
    r"Network|Channel|Post|Times|Observer|Tribune|Herald|Daily)\b"
)


def _punctuated(sentence: str, window: list[tuple[int, int, str]]) -> bool:
    """A name never runs on past a comma or a bracket: "Deir al-Zour, state news
    agency SANA" names Deir al-Zour."""
    return any(
        sentence[a[1] : b[0]].strip(" \t\u00a0")
        for a, b in zip(window, window[1:], strict=False)
    )


_POSSESSIVE = re.compile(r"['’]s$")
# What a word ends with when _POSSESSIVE can match it ("$" also before a last "\n").
_POSSESSIVE_ENDS = ("'s", "’s", "'s\n", "’s\n")


def _possessive(word: str) -> str:
    if not word.endswith(_POSSESSIVE_ENDS):
        return word  # most words: no substitution to run
    return _POSSESSIVE.sub("", word)


def _original_words(text: str, keys: list[str]) -> list[str]:
    words = [_possessive(w) for w in WORD.findall(text)]
    return [w for w in words if normalize.tokens(w) and normalize.tokens(w)[0] in keys]


# "X in Y", "X, Y", "X of Y": Y says where X is.
_QUALIFIER = re.compile(r"\s*(?:,|\bin|\bof)\s+(?:the\s+)?", re.I)
_CALLED_PLACE = re.compile(
    r"\b(?:village|town|city|hamlet|area|neighbou?rhood)s?\s+of\s+(?:the\s+)?$", re.I
)
_CALLED_AFTER = re.compile(r"^\s+(?:village|town|city|hamlet|neighbou?rhood)\b", re.I)


def _given_name_alone(sentence: str, start: int, end: int) -> bool:
    """A lone given name ("Omar", "Ali") the text does not call a village or town."""
    if normalize.name_key(sentence[start:end]) not in GIVEN_NAMES:
        return False
    return not (
        _CALLED_PLACE.search(sentence[max(0, start - 40) : start])
        or _CALLED_AFTER.match(sentence[end:])
    )


def _demonym_and_kind(text: str) -> bool:
    """ "Shi'ite village", "Christian town": an adjective of a people and a kind of
    place, not a place's name."""
    words = text.lower().split()
    return len(words) == 2 and words[0] in PEOPLE_ADJECTIVES and words[1] in KIND_WORDS
