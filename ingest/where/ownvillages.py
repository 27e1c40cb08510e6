"""A village of the article's own configured country that only its bundled file holds.

The shared index of a configured country other than Syria (Lebanon, Iraq, the
Palestinian territories) holds its cities500 towns, not the GeoNames villages bundled in
places/data/abroad (settings.GAZETTEER_VILLAGE_COUNTRIES, empty by default: loaded for
every article they made word-hamlets of "Our", "Wahda district"). So "airstrikes on the
town of Arab Salim" in a story read in Lebanon gave no point, though the bundle holds
Aarab Salim. A name the prose marks as a place (``PlaceMatcher.named``: "the town of
X", "killed in X", "strikes targeted X and Y") that the shared index does not know is
read in that country's own index (cities500, its villages, its regions: built once and
cached as for a country abroad), by its own spelling or a listed alternate only (the
bundle's rows are ``exact_only``), and taken only when the reading is sure (one village
of that name, or the one the article's other places choose) and lies within NEAR_KM of a
sure point of the story (found alone: a town, the dateline's city).
"""

from django.conf import settings

from ingest.where.mention import PlaceMention
from places import gazetteer_abroad, gazetteer_villages
from places.geocoding import index as geoindex

_SURE = frozenset({"exact", "alternate"})
# A village this near a sure point of the story (a village's neighbours; measured: one
# held-out wrong point 25-100 km off without the bound).
NEAR_KM = 25.0


def has_own_villages(country: str) -> bool:
    """A configured country whose bundled villages the shared index does not hold."""
    chosen = {c.upper() for c in settings.GAZETTEER_VILLAGE_COUNTRIES}
    return (
        "*" not in chosen
        and country not in chosen
        and country != "SY"
        and gazetteer_abroad.configured(country)
        and country in gazetteer_villages.countries()
    )


def reading(
    text: str, country: str, near: tuple, located, anchors=()
) -> PlaceMention | None:
    """The village ``text`` names in ``country``'s bundled file, when sure and within
    NEAR_KM of one of ``anchors`` (the article's sure points, read alone); ``located``
    makes the mention (PlaceMatcher._located's arguments after the text)."""
    if not has_own_villages(country):
        return None
    found = gazetteer_abroad.country_index(country).resolve(
        text, country=country, near=near
    )
    if found is None or found.best.match not in _SURE:
        return None
    entry = found.best.entry
    if entry.feature_type != "village" or not entry.exact_only:
        return None  # a town the shared index would have known
    if found.confidence < settings.GEOCODER_MIN_CONFIDENCE:
        return None  # several villages of that name: the editor picks
    if not any(
        geoindex.distance_km(entry.lat, entry.lon, a[0], a[1]) <= NEAR_KM
        for a in anchors
    ):
        return None  # a hamlet far from the story's sure places: a namesake
    return located(
        entry, found,
        f"a village of {country}'s bundled GeoNames file, not in the shared index "
        f"({entry.ref})",
    )  # fmt: skip
