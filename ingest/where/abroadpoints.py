"""A wire's dateline abroad gets its point on the article's list of places.

"BEIRUT (Reuters) -", "ERBIL, Kurdistan Region -": the matcher lists such a name as abroad
(a capital, a city of a million, a town of a country the story names) without a point, so
that it never becomes an event's place nor the yardstick of the story's other places. It
is still the real place the story was filed from, and the one city so spelt abroad: the
article's list of places gives it that city's GeoNames point (precision 1), after the
events' places are chosen and scored (propose.py), so no event, doubt or confidence reads
it. The editor's map leaves it out of the story's centre (ingest/placing.py). A city
abroad named in the text stays without a point: a capital there is as often a side as a
place ("a truce brokered between Moscow and Ankara"), and a point would be wrong.
"""

import dataclasses

from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention

_DATELINE = "dateline: where the story was filed;"  # matching.PlaceMatcher.dateline


def placed(places: dict, *, country: str) -> dict:
    """``places`` (the article's mentions by key) with each dateline city abroad at its
    point; countries, and names no town of that country bears, stay without one."""
    return {key: _at_point(place, country) for key, place in places.items()}


def _at_point(place: PlaceMention, country: str) -> PlaceMention:
    if place.origin != "abroad" or place.lat is not None or place.is_region:
        return place
    if not place.note.startswith(_DATELINE):
        return place  # "a truce brokered between Moscow and Ankara": the two sides
    found = name_checks.abroad_entry(place.name, country=country)
    town = found and name_checks.town_point(place.name, found[1])
    if not town:
        return place
    name, lat, lon, population, ref = town
    return dataclasses.replace(
        place, name=name, country_code=found[1], lat=lat, lon=lon, precision=1,
        population=population,
        note=f"{_DATELINE} {name} ({found[1]}) is abroad: its point ({ref})",
    )  # fmt: skip
