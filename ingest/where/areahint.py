"""The admin area a sentence, or else its paragraph, names picks among namesakes.

Ukraine has dozens of each Novoselivka and Oleksandrivka, Syria many "Tal X", Sudan,
Mali and Myanmar likewise; a report nearly always says which ("in the Donetsk
region", "Novoselivka, Zaporizhzhia Oblast", "in Idlib's countryside", "in North
Darfur", "in Sagaing Region"). When the sentence names exactly one admin-1 area the
gazetteer knows (any country's: governorate, oblast, state, region), or, failing
that, its paragraph does, a namesake inside that area wins over one outside, however
bigger; when several remain inside and nothing else parts them, the index's answer
is a review (no point). An area that holds no namesake of the name changes nothing
("troops from Hama stormed Kafr Nabl": Kafr Nabl of Idlib stays).
"""

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ingest.where import abroadnames
from ingest.where.mention import REGION_TYPES
from places.geocoding import index as geoindex
from places.geocoding import normalize

# A known city keeps its reading wherever the text's area lies: news names a city
# outside the area it is talking about ("displaced to Dnipro", "from Aleppo").
CITY_POPULATION = 100_000
# "Kyiv region", "Khartoum state": the capital named as an area, not its government.
_AREA_WORD = re.compile(
    r"^(?:['’]s)?\s+(?:region|oblast|province|governorate|state|countryside)\b", re.I
)


@functools.cache
def _capitals() -> dict[str, str]:
    """Country code -> query key of its capital ("UA" -> key of Kyiv)."""
    return {
        code: geoindex.query_key(info["capital"])
        for code, info in abroadnames._geonames().get_countries().items()
        if info.get("capital")
    }


def capital_key(country: str) -> str:
    return _capitals().get(country.upper(), "")


def areas_named(
    index, sentence: str, spans: Iterable[tuple[int, int]], country: str
) -> frozenset[str]:
    """The admin-1 areas (canonical names) the sentence's name spans name. The
    capital alone is its government as often as a place ("Kyiv said"): only with an
    area word after it ("Kyiv region")."""
    capital = capital_key(country)
    found = set()
    for start, end in spans:
        text = sentence[start:end]
        names, directions = normalize.split_query(text)
        # "northern Hama", "eastern Donetsk region": the area, whatever part of it.
        area = index.admin1_name(" ".join(names) if directions else text)
        if not area:
            continue
        if (
            capital
            and geoindex.query_key(text) == capital
            and not _AREA_WORD.match(sentence, end)
        ):
            continue
        found.add(area)
    return frozenset(found)


class AreaHints:
    """Per article: the areas each sentence names, and so its paragraph's."""

    def __init__(self) -> None:
        self.by_sentence: dict[str, frozenset[str]] = {}
        self.paragraph_of: dict[str, int] = {}
        self._paragraphs: dict[int, frozenset[str]] | None = None

    def set_paragraphs(self, sentences: Iterable) -> None:
        """``sentences``: ingest.reading.text.Sentence of the article (text, paragraph)."""
        self.paragraph_of = {s.text: s.paragraph for s in sentences}
        self._paragraphs = None

    def note(self, sentence: str, areas: frozenset[str]) -> None:
        if self.by_sentence.get(sentence) != areas:
            self.by_sentence[sentence] = areas
            self._paragraphs = None

    def area(self, sentence: str, *, paragraph: bool) -> str:
        """The one area the sentence names; else (``paragraph``) the one its
        paragraph names; '' when none or several."""
        own = self.by_sentence.get(sentence, frozenset())
        if own:
            return next(iter(own)) if len(own) == 1 else ""
        if not paragraph or sentence not in self.paragraph_of:
            return ""
        if self._paragraphs is None:
            pooled: dict[int, set[str]] = defaultdict(set)
            for text, areas in self.by_sentence.items():
                if text in self.paragraph_of:
                    pooled[self.paragraph_of[text]].update(areas)
            self._paragraphs = {p: frozenset(a) for p, a in pooled.items()}
        found = self._paragraphs.get(self.paragraph_of[sentence], frozenset())
        return next(iter(found)) if len(found) == 1 else ""


def within(
    resolution: "geoindex.Resolution | None",
    area: str,
    text: str,
    index,
    hinted: Callable[[], "geoindex.Resolution | None"],
) -> "geoindex.Resolution | None":
    """The reading of ``text`` given the area its sentence or paragraph names: the
    hinted reading (``hinted()``) when its answer lies in the area and the plain one
    does not; else the plain one."""
    if resolution is None or not area:
        return resolution
    entry = resolution.best.entry
    if (
        entry.admin1 == area
        or entry.feature_type in REGION_TYPES
        or (entry.feature_type == "city" and entry.population >= CITY_POPULATION)
        or index.admin1_name(text)  # "Donetsk": the area's own name
    ):
        return resolution
    found = hinted()
    if found is None or found.best.entry.admin1 != area:
        return resolution
    return found
