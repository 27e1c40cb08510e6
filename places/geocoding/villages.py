"""A configured country's bundled villages, read when the shared index knows nothing.

The shared index of a configured country other than Syria (Iraq, Lebanon, the
Palestinian territories, Israel, Turkey) holds its cities500 towns, not the GeoNames
villages bundled in places/data/abroad (settings.GAZETTEER_VILLAGE_COUNTRIES, none by
default). A name it holds no row for ("Tisaeen", "Aitaroun", "Shtula") was left
unresolved though the bundle has it; ``lookup`` now reads it in that country's own index
(places.gazetteer_abroad.villages_index: cities500, its villages, its regions), and its
answer goes to review with its candidates, never on the map by itself: its bulk hamlets
are found only by a spelling written out, but one is often another place's namesake (a
city cities500 lacks, a hamlet that lists another village's name: "Tisaeen" is listed
by Al Fahd of Wasit; bench/README.md, "gazgaps"). Ingest reads such names its own way (ingest/where/ownvillages.py),
not through ``lookup``. places.apps registers the finder (this package imports no
gazetteer module).
"""

from collections.abc import Callable
from dataclasses import replace

# Below GEOCODER_MIN_CONFIDENCE (0.75 by default): the editor's review.
DOUBTED = 0.5
_finders: list[Callable] = []


def register(finder: Callable) -> None:
    """Use ``finder(country, index)`` -> that country's own index, or None."""
    _finders[:] = [finder]


def villages_index(country: str, index):
    """The index holding ``country``'s bundled villages when ``index`` lacks them."""
    return _finders[0](country, index) if _finders else None


def doubted(result):
    """``result`` as a candidate for the editor's review, never a sure point: a
    bundled hamlet read by its name alone, or beside the text's other places, added
    wrong points on the held-out lists (bench/README.md, "gazgaps")."""
    return replace(result, confidence=min(result.confidence, DOUBTED))
