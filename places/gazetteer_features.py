"""Bundled airports, air bases and airfields of the countries wars are reported from.

places/data/gazetteer_features_abroad.csv.gz holds OurAirports' fields (public domain)
of the countries places/data/abroad holds and of Russia, Syria excepted (its own are
in gazetteer_sy_places.csv.gz): 4,684 rows, 96 KB. Built by
scripts/build_gazetteer_features.py; sources in places/data/gazetteer_attribution.txt.

Each is a base row (precision 1) named as OurAirports names it ("Kirkuk Air Base",
"Bagram Airfield"), so a plain town name keeps its town; the index reads the generic
head ("airbase", "airport") as the cue for the field.
"""

import csv
import functools
import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path

from places.geocoding import normalize
from places.geocoding.index import ranking
from places.models import GazetteerEntry, Place

FEATURES = Path(__file__).resolve().parent / "data" / "gazetteer_features_abroad.csv.gz"
SOURCE = ranking.KIND_ONLY_SOURCE  # found only when the text states the kind


@functools.cache
def _rows() -> dict[str, tuple[dict, ...]]:
    """The file's rows by country, read once (4,700 short rows)."""
    by_country: dict[str, list[dict]] = {}
    if not FEATURES.is_file():
        return {}
    with gzip.open(FEATURES, "rt", encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            by_country.setdefault(row["country"], []).append(row)
    return {country: tuple(rows) for country, rows in by_country.items()}


def countries() -> set[str]:
    """The countries with bundled features."""
    return set(_rows())


def entries(
    countries: Iterable[str], *, keyed: bool = True
) -> Iterator[GazetteerEntry]:
    """Unsaved base rows of ``countries``' bundled fields; ``keyed=False``: no
    database key (an in-memory index only)."""
    table = _rows()
    for country in sorted({c.upper() for c in countries}):
        for row in table.get(country, ()):
            names = [n for n in row["alternate_names"].split("|") if n]
            yield GazetteerEntry(
                dataset=GazetteerEntry.Dataset.PLACES,
                ref=row["ref"],
                name=row["name"][:200],
                name_ar="",
                alternate_names=names,
                feature_class="S",
                feature_code=row["feature_code"],
                feature_type=Place.FeatureType.BASE,
                country_code=country,
                admin1="",
                admin2="",
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=0,
                source=f"{SOURCE}; {row['ref']}",
                precision=1,
                key=normalize.name_key(row["name"])[:200] if keyed else "",
            )
