"""In-memory gazetteer index: exact, skeleton and fuzzy name matching, then ranking.

A package of cohesive modules: ``entries`` (the records and distances), ``ranking``
(scores and pure ranking rules), ``search`` (keys and candidates), ``answers`` (how
sure an answer is), ``regions`` (derived regions) and ``resolve`` (GazetteerIndex, a
phrase read and resolved). Phrase reading is phrases.py, normalisation normalize.py.
The names of the former single module stay importable from here (callers use
``places.geocoding.index.GazetteerIndex``, ``.distance_km``, ``.query_key``, ...).
"""

from places.geocoding.index.entries import (
    Candidate,
    IndexEntry,
    NearPoints,
    Resolution,
    _bearing,
    distance_km,
)
from places.geocoding.index.ranking import (
    AMBIGUITY_MARGIN,
    AREA_OFFSET_KM,
    FUZZY_CUTOFF,
    NEAR_BONUS,
    NEAR_FAR,
    NEAR_FAR_KM,
    NEAR_SAME_ADMIN1,
    NEAR_SCALE_KM,
    NEIGHBOUR_NAME_KM,
    PROMINENCE,
    PROMINENT_FLOOR,
    SAME_PLACE_KM,
    SEAT_BONUS,
    SEAT_KM,
    SECTOR_DEGREES,
    SECTOR_MIN_KM,
    SKELETON_ALIKE,
    SKELETON_MIN_RATIO,
    SKELETON_SURE_RATIO,
    STRIPPED_LANDFORM_PENALTY,
    TYPED_CUTOFF,
    keys_of,
)
from places.geocoding.index.resolve import GazetteerIndex
from places.geocoding.phrases import (
    REGION_OFFSET_KM,
    bearing_of,
    moved,
    query_key,
    query_keys,
    split_context,
    states_countryside,
    states_landform,
    type_from_words,
)

__all__ = [
    "AMBIGUITY_MARGIN",
    "AREA_OFFSET_KM",
    "FUZZY_CUTOFF",
    "NEAR_BONUS",
    "NEAR_FAR",
    "NEAR_FAR_KM",
    "NEAR_SAME_ADMIN1",
    "NEAR_SCALE_KM",
    "NEIGHBOUR_NAME_KM",
    "PROMINENCE",
    "PROMINENT_FLOOR",
    "REGION_OFFSET_KM",
    "SAME_PLACE_KM",
    "SEAT_BONUS",
    "SEAT_KM",
    "SECTOR_DEGREES",
    "SECTOR_MIN_KM",
    "SKELETON_ALIKE",
    "SKELETON_MIN_RATIO",
    "SKELETON_SURE_RATIO",
    "STRIPPED_LANDFORM_PENALTY",
    "TYPED_CUTOFF",
    "Candidate",
    "GazetteerIndex",
    "IndexEntry",
    "NearPoints",
    "Resolution",
    "_bearing",
    "bearing_of",
    "distance_km",
    "keys_of",
    "moved",
    "query_key",
    "query_keys",
    "split_context",
    "states_countryside",
    "states_landform",
    "type_from_words",
]
