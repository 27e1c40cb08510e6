"""A configured country's bundled villages, read when the shared index knows nothing.

The shared index of a configured country other than Syria (Iraq, Lebanon, the
Palestinian territories, Israel, Turkey) holds its cities500 towns, not the GeoNames
villages bundled in places/data/abroad (settings.GAZETTEER_VILLAGE_COUNTRIES, none by
default). A name it holds no row for ("Tisaeen", "Aitaroun", "Shtula") was left
unresolved though the bundle has it; ``lookup`` now reads it in that country's own index
(places.gazetteer_abroad.villages_index: cities500, its villages, its regions). Its bulk
hamlets are found only by a spelling written out, and the answer is sure only when the
row bears the name as its own and lies near another place of the text (lookup_many);
alone, or listed only among a row's alternates (often another village's name: "Tisaeen"
is listed by Al Fahd of Wasit), it goes to review with its candidates
(bench/README.md, "gazgaps"). Ingest reads such names its own way (ingest/ownvillages.py),
not through ``lookup``. places.apps registers the finder (this package imports no
gazetteer module).
"""

from collections.abc import Callable
from dataclasses import replace

from places.geocoding.index.entries import distance_km

# Below GEOCODER_MIN_CONFIDENCE (0.75 by default): the editor's review.
DOUBTED = 0.5
# A village this near a sure point of the text (as ingest/ownvillages.NEAR_KM).
NEAR_KM = 25.0
_finders: list[Callable] = []


def register(finder: Callable) -> None:
    """Use ``finder(country, index)`` -> that country's own index, or None."""
    _finders[:] = [finder]


def villages_index(country: str, index):
    """The index holding ``country``'s bundled villages when ``index`` lacks them."""
    return _finders[0](country, index) if _finders else None


def doubted(result, near=()):
    """``result`` sent to review unless its best row bears the name as its own and
    lies within NEAR_KM of a point of the text's other places (``near``, as
    lookup_many gives them): read alone, a hamlet of the bundle is a candidate for the
    editor, never a sure point (one held-out city, unknown to cities500, was a far
    hamlet of its name)."""
    best = result.candidates[0] if result.candidates else {}
    if best.get("match") == "exact" and any(
        distance_km(result.lat, result.lon, point[0], point[1]) <= NEAR_KM
        for point in near
    ):
        return result
    return replace(result, confidence=min(result.confidence, DOUBTED))
