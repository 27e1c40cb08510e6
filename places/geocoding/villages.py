"""A configured country's bundled villages, read when the shared index knows nothing.

The shared index of a configured country other than Syria (Iraq, Lebanon, the
Palestinian territories, Israel, Turkey) holds its cities500 towns, not the GeoNames
villages bundled in places/data/abroad (settings.GAZETTEER_VILLAGE_COUNTRIES, none by
default). A name it holds no row for ("Tisaeen", "Aitaroun", "Shtula") was left
unresolved though the bundle has it; ``lookup`` now reads it in that country's own index
(places.gazetteer_abroad: cities500, its villages, its regions), as a country abroad is
read. Its bulk hamlets are found only by a spelling written out; several of one name, or
a row that only lists the spelling among its alternates (often another village's name:
"Tisaeen" is listed by Al Fahd of Wasit), go to review (bench/README.md, "gazgaps"). Ingest reads such names its own way
(ingest/ownvillages.py), not through ``lookup``.
"""

from dataclasses import replace

from django.conf import settings

# Below GEOCODER_MIN_CONFIDENCE (0.75 by default): the editor's review.
DOUBTED = 0.5


def villages_index(country: str, index):
    """``country``'s own index when ``index`` is the shared one holding that configured
    country without its bundled villages; else None."""
    from places import gazetteer_abroad, gazetteer_villages  # noqa: PLC0415

    code = (country or "").upper()
    if len(code) != 2 or code == "SY" or code not in index._countries:
        return None
    chosen = {c.upper() for c in settings.GAZETTEER_VILLAGE_COUNTRIES}
    if "*" in chosen or code in chosen or not gazetteer_abroad.configured(code):
        return None
    if gazetteer_villages.path_for(code) is None:
        return None
    return gazetteer_abroad.country_index(code)


def doubted(result):
    """``result`` sent to review unless its best row bears the name as its own."""
    best = result.candidates[0] if result.candidates else {}
    if best.get("match") == "exact":
        return result
    return replace(result, confidence=min(result.confidence, DOUBTED))
