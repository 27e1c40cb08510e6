"""Names that are people or times, not places, by where the text puts them.

- A person named with a title ("President Abd-Rabbu Mansour Hadi") comes back by
  surname alone ("forces loyal to Hadi"): no place, unless the text calls it one ("the
  village of X", "in X").
- A wire credit names its journalists: "(Reporting by Tom Perry; Editing by Louise
  Ireland)", "Writing by A B/C D", "Photo: REUTERS/Ivan Antypenko". A given name in it
  read as a hamlet ("Tom", "Maria", "Ivan") is no place of the story.
- The month of fasting is a time: "during Ramadan", "the second day of Ramadan", "the
  holy month of Ramadan". A hamlet of that name is not what the text means.
"""

import functools
import re

# The cue of a credit, then its people: "First Last", an agency before a slash
# ("REUTERS/Ivan Antypenko"), several joined by "/", ",", "and" or "&".
_PERSON = r"(?:[A-Z][A-Z]+/)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)?"
_CREDIT = re.compile(
    r"\b(?i:(?:additional\s+)?reporting|writing|editing|compiled|photos?|picture|"
    r"video)(?:\s+by\b|\s*:)\s*"
    rf"({_PERSON}(?:\s*(?:/|,|and\b|&)\s*{_PERSON})*)"
)
_MONTH_OF_FASTING = re.compile(
    r"(?:\b(?:during|throughout|since|before|after|until|till|of|holy|start of|end "
    r"of)\s+)Ramadh?an\b|\bRamadh?an(?:\s+(?:month|fast|fasting|iftar|prayers?))\b",
    re.I,
)


@functools.lru_cache(maxsize=512)  # asked once per name span of a sentence
def _not_place_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """The credits' people and the month of fasting in ``sentence``, as spans."""
    found = [(m.start(1), m.end(1)) for m in _CREDIT.finditer(sentence)]
    if "amad" in sentence:  # Ramadan, Ramadhan
        found += [(m.start(), m.end()) for m in _MONTH_OF_FASTING.finditer(sentence)]
    return tuple(found)


def not_a_place(sentence: str, start: int, end: int) -> bool:
    """The span lies among the people a credit names, or is the month of fasting."""
    return any(a <= start and end <= b for a, b in _not_place_spans(sentence))


# A title, then a person's name: "President Abd-Rabbu Mansour Hadi", "Syrian
# President Bashar al-Assad", "ISIS leader Abu Bakr al-Baghdadi". The last word is
# the surname that may come back alone ("forces loyal to Hadi"). Not "Sheikh",
# "Prince", "King", "Emir": they head places' names (Sheikh Maqsoud, Prince Sultan
# Air Base, King Hussein Bridge).
_TITLE = (
    r"\b(?:(?i:president|premier|prime\s+minister|minister|commander|leader|"
    r"spokes(?:man|woman|person)|envoy)|General|Gen\.|Colonel|Col\.|Brigadier)"
)
_NAMED = re.compile(
    _TITLE + r"\s+((?:[A-Z][\w'’-]+\s+){0,3}((?:(?:al|el)-)?[A-Z][\w'’-]{2,}))\b"
)
# "the village of X", "in X": the text calls the surname's namesake a place.
_PLACE_CUE = re.compile(
    r"(?:\b(?:village|town|city|hamlet|area|district|neighbou?rhood)s?\s+(?:of\s+)?"
    r"|\b(?:in|at|near|into|outside)\s+)(?:the\s+)?$",
    re.I,
)


def surnames(text: str) -> frozenset[str]:
    """The surnames of the people the text names with a title."""
    return frozenset(m.group(2) for m in _NAMED.finditer(text))


def person_spans(sentence: str, people: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``sentence`` names one of ``people`` by surname, not as a place."""
    found = []
    for surname in people:
        if surname not in sentence:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", sentence):
            if not _PLACE_CUE.search(sentence[max(0, m.start() - 30) : m.start()]):
                found.append((m.start(), m.end()))
    return found
