"""A name of a story about one country read in a neighbour the story names.

Stories about Syria name Iraqi, Lebanese, Turkish and Jordanian villages across the
border ("the Iraqi town of Al-Qaim", "shells fell on the Lebanese village of X"). A
name the article's own gazetteer does not hold is read in the gazetteer of each other
configured country the text names (by name or adjective); the reading is placed only
when it is the place's own name or an alternate and lies within NEAR_KM of a place the
article names surely (the proximity decides, as for a homonym at home). Otherwise the
editor gets the name without a point, told which neighbour's place it may be.
"""

import re

from django.conf import settings

from ingest.mention import PlaceMention
from places.geocoding import index

NEAR_KM = 40.0
_SURE = frozenset({"exact", "alternate"})
# The adjectives of the neighbours whose villages Syrian stories name.
_ADJECTIVES = {
    "IQ": "Iraqi",
    "LB": "Lebanese",
    "TR": "Turkish",
    "JO": "Jordanian",
    "SY": "Syrian",
    "IL": "Israeli",
}
_ADJECTIVE = re.compile(
    "|".join(rf"(?P<{code}>\b{word}\b)" for code, word in _ADJECTIVES.items())
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
