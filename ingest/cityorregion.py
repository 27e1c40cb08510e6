"""The city or its governorate, decided by the sentence that names it.

A bare "Daraa", "Idlib" or "Hama" is read as the governorate with the city as its
``alternative`` (matching.py); the article then decides once for every such mention
(names.cities: the city unless the article treats the governorate as a region
somewhere). One article often means both: "Syrians in Daraa took to the streets" (the
city) and "villages in the countryside of Daraa" (the governorate). When the sentence
itself says which, that decides this mention; a sentence that says nothing leaves it
to the article, as before.

- City cues, close to the name and nearer to it than to any other place: "downtown",
  "neighbourhood(s)", "quarter(s)", "streets", "city centre", "X's
  neighbourhoods" (a town-sized place, not a province). Not "outskirts" or "suburbs":
  "a town in the eastern outskirts of Daraa" is said of the governorate as often.
- Region cues: another place of the same governorate in the sentence that is not a
  region ("Maarat al-Numan in Idlib", "Kafranbel and Idlib"): the governorate
  containing it, as the labelling guide and ACLED code it (precision 3).
- Both or neither: undecided (the article's rule).
"""

import dataclasses
import re

from ingest.mention import PlaceMention

# Words that only a town-sized place has: its streets, quarters and centre.
_CITY_CUE = re.compile(
    r"\b(?:downtown|neighbou?rhoods?|quarters?|streets?|city\s+cent(?:re|er)|"
    r"residential\s+areas?|market\s?place)\b",
    re.I,
)
# How far (characters) a city cue may stand from the name it describes.
_CUE_REACH = 45


def _city_cued(sentence: str, place: PlaceMention, others: list[PlaceMention]) -> bool:
    """A city cue within reach of ``place`` and no other place nearer to it."""
    lo = max(0, place.start - _CUE_REACH)
    hi = min(len(sentence), place.end + _CUE_REACH)
    for found in _CITY_CUE.finditer(sentence, lo, hi):
        cue = (found.start() + found.end()) / 2
        gap = _gap(cue, place)
        if all(_gap(cue, other) > gap for other in others):
            return True
    return False


def _gap(at: float, place: PlaceMention) -> float:
    if place.start <= at <= place.end:
        return 0.0
    return min(abs(at - place.start), abs(at - place.end))


def _region_cued(place: PlaceMention, others: list[PlaceMention]) -> bool:
    """Another place of the same governorate, itself a town or site, is named."""
    return any(
        other.admin1 == place.admin1
        and not other.is_region
        and other.alternative is None
        and other.lat is not None
        and other.key != place.alternative.key
        for other in others
    )


def decide(sentence: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` with each bare city-or-governorate name read as the sentence says:
    its city (the alternative), its governorate (precision 3, no alternative), or left
    to the article when the sentence says neither or both."""
    if not any(p.alternative is not None for p in places):
        return places
    decided = []
    for place in places:
        if place.alternative is None:
            decided.append(place)
            continue
        others = [p for p in places if p is not place]
        city = _city_cued(sentence, place, others)
        region = _region_cued(place, others)
        if city and not region:
            decided.append(place.alternative)
        elif region and not city:
            decided.append(
                dataclasses.replace(
                    place,
                    alternative=None,
                    precision=max(place.precision or 3, 3),
                    note=f"the governorate: the sentence names a place in it "
                    f"(not the city of {place.alternative.name})",
                )
            )
        else:
            decided.append(place)
    return decided
