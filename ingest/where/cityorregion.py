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
- Region cues: an area word beside the name ("the Deir ez-Zor area", "the
  Latakia mountains", "the Homs desert", "the
  de-escalation zone in Idlib", "Idlib, northwestern Syria"), or another place of
  the same governorate in the sentence that is not a region ("Maarat al-Numan in
  Idlib", "Kafranbel and Idlib"): the governorate
  containing it, as the labelling guide and ACLED code it (precision 3).
- Both or neither: undecided (the article's rule).
- A governorate's seat right after another place ("the al-Karr village, Deir
  ez-Zor", "Jisa in Daraa", read as the city by the matcher) is a hint of where that
  place lies: the governorate, at precision 3.
"""

import dataclasses
import re

from ingest.where import regionwords
from ingest.where.mention import PlaceMention
from places.geocoding import normalize

# Words that only a town-sized place has: its streets, quarters and centre.
_CITY_CUE = re.compile(
    r"\b(?:downtown|neighbou?rhoods?|quarters?|streets?|city\s+cent(?:re|er)|"
    r"residential\s+areas?|market\s?place)\b",
    re.I,
)
# Words after the name that make it an area: "the Deir ez-Zor area", "Idlib region",
# "X, northwestern Syria" (a wire's way of placing a province in its country).
_REGION_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:areas?|regions?|zones?)\b|"
    r"^,\s+(?:north|south|east|west)[a-z]*\s+Syria\b",
    re.I,
)
# ... or a landform or desert the name heads: "the Latakia mountains", "the Homs
# desert" lie in the governorate, not at the city.
_AREA_WORD = re.compile(
    r"\s(?:areas?|regions?|zones?|mountains?|hills|heights|plains?|valley|desert)$",
    re.I,
)
# "the de-escalation zone in Idlib", "the Idlib area": the words before the name.
_REGION_BEFORE = re.compile(r"\b(?:zones?|areas?|regions?)\s+(?:in|of)\s+$", re.I)
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


def _region_cued(
    sentence: str, place: PlaceMention, others: list[PlaceMention]
) -> bool:
    """An area word beside the name, or another place of the same governorate,
    itself a town or site, named in the sentence."""
    if _AREA_WORD.search(place.text):  # the match took the word in: "Deir ez-Zor area"
        return True
    if 0 <= place.start < place.end <= len(sentence) and (
        _REGION_AFTER.match(sentence[place.end : place.end + 30])
        or _REGION_BEFORE.search(sentence[max(0, place.start - 30) : place.start])
    ):
        return True
    return any(
        other.admin1 == place.admin1
        and not other.is_region
        and other.alternative is None
        and other.lat is not None
        and other.key != place.alternative.key
        for other in others
    )


# "in the al-Karr village, Deir ez-Zor", "in Jisa in Daraa": a governorate's seat right
# after another place names the governorate that place lies in (not a list going on:
# "Ariha, Idlib and Saraqib").
_HINT_GAP = re.compile(
    r"(?:\s+(?:village|town|city|camp|area))?(?:,|\s+in(?:\s+the)?)\s*$", re.I
)
_DIRECTION_OF = re.compile(r"\b(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$", re.I)
_DIRECTION = re.compile(r"(?:north|south|east|west)", re.I)
_KIND_GAP = re.compile(r"\b(?:village|town|camp)(?:,|\s+in(?:\s+the)?)\s*$", re.I)
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|&|or\b)", re.I)


def _region_hint(sentence: str, place: PlaceMention, places: list) -> bool:
    """``place`` is a governorate's seat that only says where the place before lies."""
    if place.feature_type != "city" or not place.admin1 or place.alternative:
        return False
    if normalize.name_key(place.name) != normalize.name_key(place.admin1):
        return False
    if _LIST_GOES_ON.match(sentence, place.end) or _DIRECTION.match(place.text):
        return False  # a list, or "west of Hama" (a reference point, locators.py)
    before = [p for p in places if p.end <= place.start]
    if before and _HINT_GAP.fullmatch(sentence[before[-1].end : place.start]):
        return True
    # A name the gazetteer lacks: "the al-Karr village, Deir ez-Zor".
    return bool(_KIND_GAP.search(sentence[max(0, place.start - 20) : place.start]))


def _as_governorate(place: PlaceMention) -> PlaceMention:
    """The governorate of a seat named as a region hint (the seat when none is known)."""
    from places import gazetteer_abroad

    found = gazetteer_abroad.index_for(place.country_code).resolve(
        place.name, country=place.country_code, feature_type="governorate"
    )
    entry = found.best.entry if found is not None else None
    if (
        entry is None
        or entry.feature_type != "governorate"
        or (
            normalize.name_key(entry.admin1 or entry.name)
            != normalize.name_key(place.admin1)
        )
    ):
        return place
    return dataclasses.replace(
        place, name=entry.name, admin1=entry.admin1 or place.admin1,
        feature_type="governorate", lat=entry.lat, lon=entry.lon, precision=3,
        place_id=None, origin="gazetteer",
        note=f"the governorate: named after a place to say where it lies (not the "
        f"city of {place.name})",
    )  # fmt: skip


def decide(sentence: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` with each bare city-or-governorate name read as the sentence says:
    its city (the alternative), its governorate (precision 3, no alternative), or left
    to the article when the sentence says neither or both."""
    if not any(p.alternative is not None or p.feature_type == "city" for p in places):
        return places
    decided = []
    for place in places:
        if place.alternative is None:
            hint = _region_hint(sentence, place, places)
            decided.append(_as_governorate(place) if hint else place)
            continue
        if _DIRECTION_OF.search(sentence[max(0, place.start - 25) : place.start]):
            decided.append(place)  # "west of Hama": a reference point (locators.py)
            continue
        others = [p for p in places if p is not place]
        city = _city_cued(sentence, place, others) or regionwords.with_its_area(
            sentence, place
        )  # "Daraa and its countryside": the city beside its area
        region = _region_cued(sentence, place, others)
        if city and not region:
            decided.append(place.alternative)
        elif region and not city:
            decided.append(
                dataclasses.replace(
                    place,
                    alternative=None,
                    precision=max(place.precision or 3, 3),
                    note=f"the governorate, as the sentence reads it "
                    f"(not the city of {place.alternative.name})",
                )
            )
        else:
            decided.append(place)
    return decided


# Between the names of one list: "Homs, Hama, Raqqa and Aleppo".
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.I)
# "the Damascus suburbs of West Ghouta": the first names where the second lies.
_DESCRIPTOR = re.compile(r"\b(?:suburbs?|countryside|outskirts|environs)$", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.I)


_LISTED = "the governorate: one of a list of governorates"


def listed(place: PlaceMention) -> bool:
    """``place`` is a governorate read from a list of governorates."""
    return place.note == _LISTED


def _governorate_named(place: PlaceMention) -> PlaceMention | None:
    """The governorate whose name ``place`` is written as, or None."""
    from places import gazetteer

    found = gazetteer.gazetteer_index().resolve(
        place.text, country=place.country_code, feature_type="governorate"
    )
    entry = found.best.entry if found is not None else None
    if entry is None or entry.feature_type != "governorate":
        return None
    if normalize.name_key(entry.name) != normalize.name_key(place.text):
        return None
    return dataclasses.replace(
        place, name=entry.name, admin1=entry.admin1 or entry.name,
        feature_type="governorate", lat=entry.lat, lon=entry.lon, precision=3,
        place_id=None, origin="gazetteer", alternative=None,
        note=_LISTED,
    )  # fmt: skip


def lists_and_descriptors(
    sentence: str, places: list[PlaceMention]
) -> list[PlaceMention]:
    """``places`` with a list of three or more governorate names read as the
    governorates (not a namesake hamlet or each seat), and "the X suburbs of Y" read
    as Y alone when Y has a point (X only says where Y lies)."""
    ordered = sorted(places, key=lambda p: p.start)
    runs, run = [], []
    for place in ordered:
        if run and _LIST_SEP.fullmatch(sentence[run[-1].end : place.start]):
            run.append(place)
            continue
        runs.append(run)
        run = [place]
    runs.append(run)
    replaced: dict[int, PlaceMention | None] = {}
    for run in runs:
        if len(run) < 3 or not all(p.text[:1].isupper() for p in run):
            continue
        first = run[0]  # cheap: a list of villages opens with no governorate's name
        if first.alternative is None and normalize.name_key(
            first.text
        ) != normalize.name_key(first.admin1 or ""):
            continue
        read = []
        for place in run:
            governorate = _governorate_named(place)
            if governorate is None:
                break
            read.append(governorate)
        else:
            replaced.update({id(p): r for p, r in zip(run, read, strict=True)})
    for first, second in zip(ordered, ordered[1:], strict=False):
        if (
            first.is_region
            and _DESCRIPTOR.search(first.text)
            and second.lat is not None
            and _OF.fullmatch(sentence[first.end : second.start])
        ):
            replaced[id(first)] = None
    if not replaced:
        return places
    kept = [replaced.get(id(p), p) for p in places]
    return [p for p in kept if p is not None]
