"""A name read only weakly, in a sentence that names its governorate, beside a sure place.

"Baquba (AFP) - … The blast at the entrance to the town of Khales also wounded 37,
according to Diyala province police": the gazetteer reads "Khales" only by its
consonants (Khalis), so the name went to the editor without a point. Two of the
article's anchors agree on that reading: the sentence names the governorate it lies
in (Diyala), and a place the article placed for sure (here the dateline's Baquba)
lies within SURE_KM of it. Then the reading is the place: a far namesake of the same
consonants in the same governorate would not also lie beside the story's places.

``mark`` (per sentence) notes the governorate on each name without a point when the
sentence names one governorate and does not relate the name to a place otherwise
(anchored.mark's "X near Y" comes first); ``placed`` (once the article's doubtful
points are known) reads the name in that governorate (anchored's reading: the best
candidate there, no rival as good elsewhere in it) and keeps the reading only when a
sure place of the article lies within SURE_KM of it. Else the name stays the
editor's, as before: never the governorate's point (the text did not say the name
lies in it, only that the sentence names both).
"""

import dataclasses

from ingest.where import names as name_checks
from ingest.where.mention import PlaceMention, km_between
from places.geocoding import normalize

SAME_SENTENCE = 4  # an anchor's "precision": the governorate the sentence names
# A sure place this near the reading vouches for it (as places' CONTEXT_KM: a
# village's neighbours; the far namesakes weak readings hit lie 50-300 km off).
SURE_KM = 25.0


def _governorate(place: PlaceMention) -> bool:
    return (
        place.is_region
        and place.feature_type != "country"
        and bool(place.admin1)
        and place.lat is not None
        and place.origin not in {"abroad", "unresolved"}
        and not name_checks.is_weak(place)
    )


def mark(places: list[PlaceMention], named: list[PlaceMention]) -> list[PlaceMention]:
    """``places``, each name without a point and without an anchor carrying the one
    governorate (or district) the sentence names (``named``: all its places, the
    speaker's "Diyala province police" too), as (region, SAME_SENTENCE)."""
    regions = [p for p in [*places, *named] if _governorate(p)]
    if len({p.admin1 for p in regions}) != 1:
        return places  # none, or two governorates: the sentence does not say which
    region = regions[0]
    return [
        dataclasses.replace(p, anchor=(region, SAME_SENTENCE))
        if p.anchor is None
        and p.lat is None
        and p.origin == "unresolved"
        and not p.is_region
        and p is not region
        else p
        for p in places
    ]


def sure_points(places) -> list[PlaceMention]:
    """The article's places located for sure: a gazetteer or hand-fixed point found
    by its name (no weak spelling), not a region (the dateline's count)."""
    return [
        p
        for p in places
        if p.lat is not None
        and p.origin in {"gazetteer", "place"}
        and not p.is_region
        and p.feature_type != "country"
        and not name_checks.is_weak(p)
        and p.match != "anchored"
    ]


def placed(place, read, reading, sure: list[PlaceMention]) -> PlaceMention:
    """``read`` (the name as the article left it), or the gazetteer's ``reading`` of
    the name in the sentence's governorate when a sure place lies within SURE_KM."""
    if reading is None or read.lat is not None or read.origin != "unresolved":
        return read
    entry = reading.entry
    near = [
        (km_between(entry, p), p)
        for p in sure
        if normalize.name_key(p.text) != normalize.name_key(place.text)
    ]
    near = [(km, p) for km, p in near if km <= SURE_KM]
    if not near:
        return read
    km, beside = min(near, key=lambda pair: pair[0])
    region = place.anchor[0]
    return anchored_reading(
        place, entry, entry.country, reading.score,
        f"the gazetteer's {entry.name} ({reading.match} spelling): the sentence names "
        f"{region.name}, where it lies, and {beside.name} lies {km:.0f} km from it "
        f"({entry.ref})",
    )  # fmt: skip


def anchored_reading(place: PlaceMention, entry, country: str, score: float, note: str):
    """``place`` read as the gazetteer's ``entry`` because the text anchors it (a named
    place beside it, its governorate): an "anchored" mention, never surer than 0.85."""
    return PlaceMention(
        place.text, place.start, place.end, entry.name, entry.admin1,
        entry.feature_type, country, entry.lat, entry.lon, entry.precision,
        min(score, 0.85), None, "gazetteer", note, "anchored", anchor=place.anchor,
    )  # fmt: skip
