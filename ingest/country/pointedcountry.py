"""The countries a sentence points to: a country's name, its people's adjective, its
capital, an armed group of its war ("Israeli jets struck Baalbek", "Houthi drones hit
Jizan", "the RSF shelled Adre, in Chad").

The article-level detector (``ingest.country.country``) weighs the same cues over the whole
text; here they are read in one sentence or paragraph, so that a story about two
countries reads each name in the country its own sentence is about
(``ingest.eventcountry``).
"""

import functools
import re

from ingest.country import bordering, countrycues
from ingest.reading.words import NATIONALITIES
from ingest.where import abroadnames, countrynames
from places.geocoding import normalize

# The kinds of cue, strongest first: what the bench counts them as.
KINDS = ("name", "capital", "adjective", "group")


@functools.cache
def _capitals() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every country's capital of five letters or more (a shorter
    one, "Lomé", "Male", "Apia", is a common word or name too often)."""
    by_name: dict[str, str] = {}
    for code, info in abroadnames._geonames().get_countries().items():
        capital = (info.get("capital") or "").strip()
        if len(capital) >= 5 and capital[0].isupper():
            by_name.setdefault(capital.lower(), code)
    words = "|".join(re.escape(c) for c in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b(?![-‑]\w)", re.I), by_name


_ADJECTIVE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(w.title()) for w in sorted(NATIONALITIES, key=len, reverse=True)
    )
    + r")\b(?![-‑]\w)"  # "Iraqi-born", "Lebanese-based": no cue
)


def pointed(text: str) -> dict[str, str]:
    """Country code -> the strongest kind of cue ``text`` names it by (``KINDS``)."""
    found: dict[str, str] = {}

    def add(code: str, kind: str) -> None:
        if code and (code not in found or KINDS.index(kind) < KINDS.index(found[code])):
            found[code] = kind

    # countrynames._countries's pattern read here, not countrynames.country_mentions: its small
    # cache holds the article's whole text, which a sentence's would push out.
    pattern, by_key = countrynames._countries("")
    for match in pattern.finditer(text):
        if not bordering.at(text, match.start()):  # "Chin State, bordering India"
            add(by_key[normalize.name_key(match.group(0))][0], "name")
    pattern, by_name = _capitals()
    for match in pattern.finditer(text):
        if match.group(0)[0].isupper():
            add(by_name[match.group(0).lower()], "capital")
    for match in _ADJECTIVE.finditer(text):
        add(NATIONALITIES[match.group(0).lower()], "adjective")
    for code in countrycues.counts(text):
        add(code, "group")
    return found
