"""Hamlets abroad: a bundled GeoNames village of unknown population in a country read
outside GAZETTEER_COUNTRIES (places.gazetteer_villages) gets a point only where the
text marks its name as a place.

Tens of thousands of such hamlets share their names with words, first names, titles
and better-known places ("Police", "Ivan", "Hadi", "Burkina"); a name read as one of
them is a place only when the text says so: a place word beside it ("the village of
X", "X district", "X, a town west of Y", "X, 20 km from Y"), a preposition of place
before it ("in X", "near the X"), or the dateline. Else the name goes to the editor
with its candidates (no point). A preposition is no cue when the name runs on into
another capitalised word or a possessive ("in Burkina Faso", "near Ivan Petrov",
"at Hadi's palace"): that is a longer name, or a person.

A hamlet also never takes a name that is a country's, a capital's or a city's of the
article's region (abroadnames.abroad_rank), or the first word of a country's name.
"""

import re
from collections.abc import Collection

from ingest.where import abroadnames, countrynames
from places import gazetteer_abroad
from places.geocoding import normalize

_PLACE_NOUNS = (
    r"villages?|towns?|hamlets?|settlements?|localit(?:y|ies)|camps?|markets?|"
    r"cities|city"
)
# "X township", "X district", "X neighbourhood": an area or a city's quarter of that
# name, which a hamlet (a point of the bulk rows) is not, whatever else the text says.
_AREA_AFTER = re.compile(
    r"^['’]?s?\s+(?:townships?|districts?|count(?:y|ies)|provinces?|states?|"
    r"regions?|municipalit(?:y|ies)|communes?|wards?|LGAs?|local government|"
    r"neighbou?rhoods?|quarters?|suburbs?|areas?)\b",
    re.I,
)
_NAME_START = r"\s+(?:the\s+)?(?:(?:al|el|ad|ar|as|ash|at|az|an)-\s*)?$"
# "the village of X", "the town of al-X"
_NOUN_OF_WORDS = rf"\b(?:{_PLACE_NOUNS})\s+(?:of|called|named)"
_NOUN_OF = re.compile(_NOUN_OF_WORDS + _NAME_START, re.I)
# "in X", "near the X", and _NOUN_OF's shapes
_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|into|towards?|across|through|from|"
    r"between|hit|struck|attacked|targeted|raided|shelled|bombed|besieged|"
    r"reached|entered|captured|seized|stormed|overran|retook|recaptured)"
    rf"|{_NOUN_OF_WORDS}){_NAME_START}",
    re.I,
)
# "X village", "X town"
_AFTER_NOUN = re.compile(rf"^\s+(?:{_PLACE_NOUNS})\b", re.I)
_OWN_NOUN = re.compile(rf"\s(?:{_PLACE_NOUNS})$", re.I)  # "X town" read as one name
# "X, a small town west of Y", "X, 20 km from Y", "X, north of Y"
_AFTER_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{_PLACE_NOUNS})\b"
    r"|(?:some\s+|about\s+|around\s+)?\d[\d.,]*\s*(?:-\s*)?(?:km|kilomet|mi(?:les?)?\b)"
    r"|(?:just\s+)?(?:north|south|east|west)(?:[\w-]*)\s+of\b)",
    re.I,
)
# "in Burkina Faso", "near Ivan Petrov", "at Hadi's palace": a longer name or a person
_RUNS_ON = re.compile(r"^(?:\s+[A-Z][\w’'-]*|['’]s\b)")


def is_hamlet_abroad(place) -> bool:
    """A located village of unknown population outside the configured countries."""
    return (
        place.lat is not None
        and place.feature_type == "village"
        and not place.population
        and place.origin not in {"place", "region"}
        and bool(place.country_code)
        and not gazetteer_abroad.configured(place.country_code)
    )


def cued(sentence: str, place) -> bool:
    """Whether the text around ``place`` marks its name as a place."""
    before, after = sentence[: place.start], sentence[place.end :]
    if _AREA_AFTER.match(after):
        return False
    if _AFTER_NOUN.match(after) or _AFTER_LOCATOR.match(after):
        return True
    return bool(_BEFORE.search(before)) and not _RUNS_ON.match(after)


def called_outright(sentence: str, place) -> bool:
    """Whether ``sentence`` calls ``place`` a village, town, city, camp or market
    outright ("X city", "the town of X"), not only a preposition before it, and no
    area ("X district"). settlements.called_settlement reads villages and towns only,
    with appositions and lists, for the distance doubts."""
    after = sentence[place.end :]
    if _AREA_AFTER.match(after):
        return False
    return bool(
        _OWN_NOUN.search(place.text)
        or _AFTER_NOUN.match(after)
        or _NOUN_OF.search(sentence[: place.start])
    )


def cued_keys(sentence: str, places: list) -> tuple[set[str], set[str], set[str]]:
    """Keys of the hamlets abroad the sentence names as places, of those it names as
    an area or a quarter ("X township", "X neighbourhood"), and of those it calls a
    village, town or city outright (``called_outright``)."""
    hamlets = [p for p in places if is_hamlet_abroad(p)]
    areas = {p.key for p in hamlets if _AREA_AFTER.match(sentence[p.end :])}
    settled = {p.key for p in hamlets if called_outright(sentence, p)}
    return {p.key for p in hamlets if cued(sentence, p)}, areas, settled


def _bigger_name(place, country: str) -> bool:
    """A country's or a capital's name, a city's of 50,000 anywhere or a town's of
    15,000 in the hamlet's country (abroadnames.abroad_entry), or a country name's first
    word ("Burkina")."""
    found = abroadnames.abroad_entry(place.text, country=country)
    if found is not None and (found[2] >= 1 or found[1] == place.country_code):
        return True
    key = normalize.name_key(place.text)
    return any(
        normalize.name_key(name).startswith(key + " ")
        for name, _ in countrynames.country_spellings()
    )


def without_point(
    places: list,
    cued: set[str],
    areas: set[str],
    *,
    country: str,
    spared: Collection[str] = (),
    settled: Collection[str] = (),
) -> dict:
    """Hamlets abroad to hand to the editor without their point, by key: named as no
    place, or once as an area and never called a settlement outright (``settled``:
    "Hais and X districts ... X city" is the town the district is named after), or
    under a bigger place's name (``spared``: names the text calls a village or town,
    ingest/where/settlements.py, count as named places)."""
    cued = cued | set(spared) | set(settled)
    areas = set(areas) - set(settled)
    result = {}
    for place in places:
        if not is_hamlet_abroad(place):
            continue
        if (
            place.key in cued
            and place.key not in areas
            and not _bigger_name(place, country)
        ):
            continue
        result[place.key] = place.without_point(
            f"the gazetteer's {place.name} is a hamlet abroad (population "
            "unknown) and the text does not name it as a place: pick a candidate "
            "or place it by hand"
        )
    return result
