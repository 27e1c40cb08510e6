"""Every country's people's adjective ("Colombian", "Beninese", "Nigerien"), from the
countryinfo package, counted as naming the country when an article's country is
detected and the adjective is a place's ("the Colombian department of Cauca"): a wire
story about a war the corpus has never seen may name its country no other way.

Left out: an adjective two countries share ("Congolese", "Dominican": the press names
in ingest/reading/wire.py say which Congo), those wire.py already counts, and the
countries of settings.GAZETTEER_COUNTRIES (their own gazetteers place their stories;
"the Syrian Observatory said" in a story from Lebanon must not make it Syrian).
"""

import functools
import re
from collections import Counter

from countryinfo import all_countries
from django.conf import settings


@functools.cache
def _adjectives() -> dict[str, str]:
    """Each adjective that names one country, with that country's ISO code."""
    codes: dict[str, set[str]] = {}
    for country in all_countries():
        code = (country.iso(2) or "").upper()
        for adjective in (country.demonym() or "").split(","):
            if code and adjective.strip():
                codes.setdefault(adjective.strip(), set()).add(code)
    return {word: next(iter(c)) for word, c in codes.items() if len(c) == 1}


@functools.cache
def _pattern(skip: frozenset[str]) -> re.Pattern | None:
    words = sorted(
        (re.escape(w) for w, code in _adjectives().items() if code not in skip),
        key=len,
        reverse=True,  # "South Sudanese" before "Sudanese"
    )
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(words) + r")\b(?=\s+" + _PLACE_NOUNS + r"\b)")


# Only the adjective of a place counts ("the Colombian department of Cauca", "a Beninese
# village"): the adjective of a party ("Russian warplanes", "Rwandan troops") names who
# fought, often abroad, and moved stories from Ukraine and Syria to Russia when counted.
_PLACE_NOUNS = (
    r"(?:department|province|state|region|district|county|municipality|town|city|"
    r"village|capital|territory|countryside|soil|side of the border|coast)s?"
)


def counts(text: str, skip: frozenset[str] = frozenset()) -> Counter:
    """How often ``text`` uses each country's adjective, by ISO code; never a country
    of ``skip`` or of settings.GAZETTEER_COUNTRIES."""
    configured = frozenset(c.upper() for c in settings.GAZETTEER_COUNTRIES)
    pattern = _pattern(skip | configured)
    found: Counter = Counter()
    if pattern is not None:
        for match in pattern.finditer(text):
            found[_adjectives()[match.group(0)]] += 1
    return found
