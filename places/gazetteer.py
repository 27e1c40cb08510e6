"""The offline gazetteer's in-memory search index: built from the GazetteerEntry table
(or the bundled files), rebuilt when the shared version key changes; lookups and
spellings added. Loading is places.gazetteer_load; matching and ranking are
places.geocoding.index."""

import logging
import threading
import uuid
from collections.abc import Iterator

from django.core.cache import cache
from django.db import transaction

from places import (
    gazetteer_bundle,
    gazetteer_entry,
    gazetteer_fingerprint,
    gazetteer_shared,
    gazetteer_villages,
    geocoding,
)
from places.geocoding import index as geoindex
from places.geocoding import memo, normalize
from places.models import GazetteerEntry, Place, PlaceName

logger = logging.getLogger(__name__)

VERSION_KEY = "gazetteer:index-version"

# Shown wherever gazetteer answers are shown (the map page's attribution line).
GAZETTEER_ATTRIBUTION = (
    "Place names and points: GeoNames (geonames.org, CC BY 4.0), "
    "Who's On First, Open-Syria (CC BY 4.0), OurAirports, "
    "Natural Earth (public domain), ConflictMap gazetteer supplement."
)
GAZETTEER_ATTRIBUTION_URL = "https://www.geonames.org/"

_index_lock = threading.Lock()
_index_cache: dict[str, geoindex.GazetteerIndex] = {}


def gazetteer_index_invalidate() -> None:
    """Tell every process to rebuild its index (gazetteer or curated names changed)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _current_version() -> str:
    """Shared version key plus a cheap fingerprint of the indexed tables.

    The fingerprint catches writes that bypassed gazetteer_index_invalidate()
    (bulk SQL, a rolled-back test transaction) at the cost of one small query.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return f"{version}:{gazetteer_fingerprint.fingerprint()}"


@memo.per_scope
def _version_in_scope() -> str:
    """_current_version(), asked once per unit of work (one article read by ingest,
    which writes nothing and asks for the index in each of its steps), every time
    outside one."""
    return _current_version()


def index_entry_from_row(entry: GazetteerEntry) -> geoindex.IndexEntry:
    return geoindex.IndexEntry(
        ref=f"{entry.dataset}:{entry.ref}",
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country_code.upper(),
        admin1=entry.admin1,
        feature_type=entry.feature_type,
        feature_class=entry.feature_class,
        population=entry.population,
        precision=entry.precision,
        name_ar=entry.name_ar,
        names=tuple(entry.alternate_names or ()),
        source=entry.source,
        is_curated=entry.dataset not in gazetteer_entry._BULK,
        prominent=_is_prominent(entry),
        own_names=entry.dataset == GazetteerEntry.Dataset.SUPPLEMENT,
        exact_only=entry.source == gazetteer_villages.SOURCE
        and not _is_prominent(entry),
    )


_NAMED_FEATURES = {"base", "crossing", "dam", "hill"}


def _is_prominent(entry: GazetteerEntry) -> bool:
    """cities500 towns, admin seats (PPLA*) and named bases/crossings/dams/hills."""
    if entry.dataset == GazetteerEntry.Dataset.GEONAMES:
        return (
            entry.source == gazetteer_bundle.CITIES500_SOURCE
            or entry.feature_code.startswith("PPLA")
        )
    return (
        entry.feature_code.startswith("PPLA") or entry.feature_type in _NAMED_FEATURES
    )


def gazetteer_index_entries() -> Iterator[geoindex.IndexEntry]:
    """Index rows: every GazetteerEntry, then each hand-fixed place with its names."""
    for entry in GazetteerEntry.objects.iterator(chunk_size=5000):
        yield index_entry_from_row(entry)
    manual = Place.objects.filter(
        provenance=Place.Provenance.MANUAL, location__isnull=False
    ).prefetch_related("names")
    for place in manual:
        names = [n.name for n in place.names.all()]
        yield geoindex.IndexEntry(
            ref=f"place:{place.pk}",
            name=place.name,
            lat=place.location.y,
            lon=place.location.x,
            country=place.country_code.upper(),
            admin1=place.admin1,
            feature_type=place.feature_type,
            precision=place.precision or 1,
            name_ar=place.name_ar,
            names=tuple(names),
            source="manual fix",
            is_curated=True,
            own_names=True,
        )


def gazetteer_index() -> geoindex.GazetteerIndex:
    """This process's index, rebuilt when the shared version key changes.

    With an empty GazetteerEntry table the bundled files are indexed directly, so
    geocoding works before `manage.py load_gazetteer` has run.
    """
    version = _version_in_scope()
    built = _index_cache.get("index")
    if built is not None and built.version == version:
        return built
    with _index_lock:
        built = _index_cache.get("index")
        if built is not None and built.version == version:
            return built
        rows = list(gazetteer_index_entries())
        bundled = not any(r.ref.partition(":")[0] != "place" for r in rows)
        # A new process's first index is read from its file when one is right.
        first = gazetteer_shared.first_index()
        content = gazetteer_shared.content_key(rows, bundled=bundled) if first else b""
        built = gazetteer_shared.index_load(content, version=version) if first else None
        if built is None:
            built = _build(rows, bundled=bundled, version=version)
            if first:
                gazetteer_shared.index_save(content, built)
        _index_cache["index"] = built
        return built


def _build(
    rows: list[geoindex.IndexEntry], *, bundled: bool, version: str
) -> geoindex.GazetteerIndex:
    if bundled:
        logger.warning("gazetteer table empty: indexing the bundled files")
        rows += [
            index_entry_from_row(e)
            for e in gazetteer_bundle.gazetteer_bundled_entries()
        ]
    return geoindex.GazetteerIndex(rows, version=version)


def placename_add(*, place: Place, name: str, kind: str = "") -> PlaceName | None:
    """Record ``name`` as a spelling of ``place`` (idempotent); refreshes the index."""
    name = name.strip()
    if not name or name == place.name:
        return None
    kind = kind or (
        PlaceName.Kind.LOCAL
        if normalize.is_arabic(name)
        else PlaceName.Kind.TRANSLITERATION
    )
    placename, _ = PlaceName.objects.get_or_create(
        place=place,
        name=name[:200],
        defaults={
            "kind": kind,
            "language": "ar" if normalize.is_arabic(name) else "en",
            "key": normalize.name_key(name)[:200],
        },
    )
    transaction.on_commit(gazetteer_index_invalidate)
    return placename


def gazetteer_lookup(
    query: str, *, country: str = "SY", admin1: str = ""
) -> "geocoding.GeocodeResult | None":
    """Resolve a free-text name the way a new place would be (CLI, benchmarks)."""
    return geocoding.lookup(
        query, country=country, admin1=admin1, index=gazetteer_index()
    )


def gazetteer_lookup_many(
    queries: list[str], *, country: str = "SY", admin1: str = ""
) -> "list[geocoding.GeocodeResult | None]":
    """Resolve the place names of one text together (geocoding.lookup_many)."""
    return geocoding.lookup_many(
        queries, country=country, admin1=admin1, index=gazetteer_index()
    )
