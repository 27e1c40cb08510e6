"""The base, dam, crossing or hill named after a place, reached by another spelling.

"Deir Ezzor airport": "Deir Ezzor" is an alternate of the city, not of its airport row
("Deir ez-Zor Airport"), so no base bears the query's key and the answer was the city,
6 km from the airport. When the query states a kind and names a place, a row of that kind
near the place that bears one of the place's own names once its head is dropped
("Deir ez-Zor" of "Deir ez-Zor Airport") is the one meant, whatever the spelling used.
"""

from places.geocoding import normalize
from places.geocoding.index.entries import Candidate, distance_km
from places.geocoding.index.ranking import keys_of

# A field, dam or hill named after a town lies near it (Deir ez-Zor airport: 6 km).
NAMED_AFTER_KM = 30.0
_PLACE_MATCHES = ("exact", "alternate")


def rows_named_after(index, ranked: list[Candidate], kind: str, options: dict):
    """Candidates of ``kind`` named after the place the query names by its whole
    name (``ranked``'s exact or alternate matches); [] when there is none."""
    country = (options.get("country") or "").upper()
    slot = index._typed.get((country, kind))
    places = [c for c in ranked if c.match in _PLACE_MATCHES][:3]
    if not slot or not places:
        return []
    found: dict[int, Candidate] = {}
    for place in places:
        spellings = (place.entry.name, place.entry.name_ar, *place.entry.names)
        names = {normalize.name_key(n) for n in spellings if n} - {""}
        for i in dict.fromkeys(slot[1]):
            row = index.entries[i]
            if (
                i in found
                or distance_km(row.lat, row.lon, place.entry.lat, place.entry.lon)
                > NAMED_AFTER_KM
            ):
                continue
            row_keys = {
                key
                for n in (row.name, *row.names)
                for key, stripped in keys_of(n)
                if stripped
            }
            if row_keys & names:
                scored = index._score(
                    row, "stripped", place.matched, options["admin1"],
                    options["hint"], kind, True, options["near"],
                )  # fmt: skip
                found[i] = scored
    return sorted(found.values(), key=lambda c: -c.score)
