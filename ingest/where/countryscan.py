"""The country names a text may hold, picked before the text is scanned for them.

countrynames scans each article for ~250 country names in one case-insensitive
alternation: at every word start the engine tries the names that begin with its letter
(ingest.reading.cues.guarded). A name can match only where its first word stands whole
in the text, so the names whose first word the text lacks are dropped first and the
rest make a pattern of their own (kept per list of names: the same few countries
recur). The same matches, a fraction of the scan (bench/README.md, "The reader's cold
start"). A text with a letter outside ASCII keeps every name: the engine folds İ to i
and the Kelvin sign to K, which lower() does not.
"""

import functools
import re

_WORD = re.compile(r"[A-Za-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=8)
def _first_words(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each name's first word, lower-case; "" (always kept) when it does not open
    with an ASCII word."""
    words = []
    for name in names:
        first = re.match(r"[^\W\d_]+", name)
        ascii_word = first is not None and first.group(0).isascii()
        words.append(first.group(0).lower() if ascii_word else "")
    return tuple(words)


def names_in(names: tuple[str, ...], text: str) -> tuple[str, ...] | None:
    """The ``names`` (in their order) whose first word ``text`` holds whole; None
    when every name must be kept."""
    if any(c.isalpha() for c in _NON_ASCII.findall(text)):
        return None
    words = {w.lower() for w in _WORD.findall(text)}
    return tuple(
        name
        for name, first in zip(names, _first_words(names), strict=True)
        if not first or first in words
    )
