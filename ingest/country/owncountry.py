"""The country a story is read in, where the text names it: a place named, never a point.

"Houthi rebels shelled X, in Yemen's west": Yemen is a place the article names. Read in
Yemen's own gazetteer the bare name gives no mention (a country row is no event's place:
measured, a "Somalia" mention took events from the story's towns), so the editor's list
of the story's places lacked the country the story is about. It is listed here as the
dateline's places are: no point, never an event's place (propose.py adds it after the
events' places are read, only when no mention already bears its name).
"""

import functools
import re

from ingest.where import countrynames
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

# "Yemen", "Yemen's", not "Yemeni", "Yemen-based" (a word of its own).
_END = r"(?![\w-])"


@functools.cache
def _pattern(country: str) -> re.Pattern[str] | None:
    own = countrynames.country_name(country)
    spellings = [own, *countrynames.NEWS_NAMES.get(country, ())]
    spellings = sorted({s for s in spellings if len(s) >= 4}, key=len, reverse=True)
    if not spellings or own == country:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(s) for s in spellings) + r")" + _END
    )  # case-sensitive: a proper name ("Georgia", "Chad" as words stay out)


def mention(sentences: list[str], country: str) -> PlaceMention | None:
    """The first sentence's naming of ``country`` as a mention without a point."""
    pattern = _pattern(country.upper())
    if pattern is None:
        return None
    for sentence in sentences:
        found = pattern.search(sentence)
        if found is None:
            continue
        text = found.group(0)
        return PlaceMention(
            text, found.start(), found.end(), text, "", "country", country.upper(),
            None, None, None, None, None, "region",
            "the country the story is read in: no point, no event's place",
        )  # fmt: skip
    return None


def key(country: str) -> str:
    """The name key a mention of the country bears (to skip one already listed)."""
    return normalize.name_key(countrynames.country_name(country))
