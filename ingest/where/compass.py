"""A part of the article's own country said beside a name picks its homonym there.

"Ras al-Ain, in northeastern Syria on the Turkish border": the text says in which part
of the country the place lies. A name several places bear is otherwise read near the
article's other places (nearby.py), so a story that also names Damascus took a
village of that name beside Damascus, 600 km from the border town meant (issue 13,
helper ingplace4). The reading in the part named wins, and the article's other
mentions of the name take it too (matching.PlaceMatcher keeps it as a tied name).
secondcountry.py reads the same shape for another country ("X in northern Israel").
"""

import functools
import re

from ingest.where import countrynames
from places.geocoding import index

_SURE = frozenset({"exact", "alternate"})
_SETTLEMENTS = frozenset({"city", "village", "town"})
# "X, in northeastern Syria", "X in the north-west of Syria", "X in Syria's northeast".
_COMPASS = r"(north|south)?-?(east|west)?(?:ern)?"
_AFTER = re.compile(
    rf"\s*,?\s+in\s+(?:the\s+)?(?:far\s+)?{_COMPASS}\s+(?:of\s+)?([A-Z][\w'’-]*)"
    r"(?:['’]s\s+(north|south)?-?(east|west)?\b)?",
)


def part_stated(sentence: str, end: int, country: str) -> tuple[str, str]:
    """(north/south, east/west) the sentence says the name ending at ``end`` lies in,
    within the article's country ``country``; ("", "") when it says none."""
    found = _AFTER.match(sentence, end)
    if found is None:
        return "", ""
    word = found.group(3).lower()
    if word not in _own_words(country):
        return "", ""
    north_south = found.group(1) or found.group(4) or ""
    east_west = found.group(2) or found.group(5) or ""
    return north_south.lower(), east_west.lower()


@functools.cache
def _own_words(country: str) -> frozenset[str]:
    name = countrynames.country_name(country).lower()
    return frozenset({name, name.split()[0]}) if name else frozenset()


def _centre(idx: index.GazetteerIndex, country: str) -> tuple[float, float] | None:
    return _centres(idx.version, country, idx)


@functools.lru_cache(maxsize=16)
def _centres(version: str, country: str, idx) -> tuple[float, float] | None:
    """The middle of the country's settlements' extent (2nd to 98th percentile)."""
    lats = sorted(e.lat for e in idx.entries if e.country == country)
    lons = sorted(e.lon for e in idx.entries if e.country == country)
    if len(lats) < 10:
        return None
    low, high = len(lats) // 50, len(lats) - 1 - len(lats) // 50
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def in_part(
    lat: float, lon: float, part: tuple[str, str], centre: tuple[float, float]
) -> bool:
    north_south, east_west = part
    return (
        (north_south != "north" or lat > centre[0])
        and (north_south != "south" or lat < centre[0])
        and (east_west != "east" or lon > centre[1])
        and (east_west != "west" or lon < centre[1])
    )


def reading_in_part(
    idx: index.GazetteerIndex, text: str, *, country: str, part: tuple[str, str]
):
    """The candidate (best first) the name surely spells that lies in ``part`` of the
    country, when another candidate of the name lies outside it; else None."""
    centre = _centre(idx, country)
    if centre is None or part == ("", ""):
        return None
    found = [
        c
        for c in idx.candidates(text, country=country, limit=10)
        if c.match in _SURE and c.entry.feature_type in _SETTLEMENTS
    ]
    inside = [c for c in found if in_part(c.entry.lat, c.entry.lon, part, centre)]
    if not inside or len(inside) == len(found):
        return None
    return inside[0]
