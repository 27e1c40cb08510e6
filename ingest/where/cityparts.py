"""A part of the city an event was placed at, named in a later sentence.

"Strikes near Damascus killed four … The strikes damaged homes in the Sahnaya
neighbourhood of Damascus, SANA said": the follow-up names the city again, this time
as where a smaller place lies (read as the city's region), and one town or quarter
close to it. That place is where the strikes fell; the city only said where it lies.
A follow-up naming two such places is a list, and one that does not name the city
again may be another incident: both leave the event where it was.
"""

from ingest.where.mention import PlaceMention, km_between
from places.geocoding import normalize

# A quarter or suburb lies this close to its city's point ("Sahnaya", 10 km from
# Damascus's); a town farther off is not a part of it.
PART_KM = 15.0


def part_named(
    mine: list[PlaceMention], places: list[PlaceMention]
) -> list[PlaceMention]:
    """The one place among ``places`` close to a place of ``mine`` (the event's own
    places, a city or the region of its name) that the same sentence names again as
    where it lies; [] otherwise."""
    cities = [p for p in mine if p.lat is not None]
    names = {normalize.name_key(c.name) for c in cities}
    again = any(p.is_region and normalize.name_key(p.name) in names for p in places)
    if not again:
        return []
    own = {c.key for c in mine}
    near = {
        p.key: p
        for p in places
        if not p.is_region
        and p.lat is not None
        and p.key not in own
        and any(km_between(p, c) <= PART_KM for c in cities)
    }
    return list(near.values()) if len(near) == 1 else []
