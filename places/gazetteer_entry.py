"""Unsaved gazetteer rows: the spellings kept, admin-1 names, settlement type and CSV
reading every loader of places.gazetteer_bundle and places.gazetteer_geonames shares."""

import csv
import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from places import nahiyas
from places.geocoding import normalize
from places.models import GazetteerEntry, Place

# GeoNames admin1 codes of Syria -> the governorate names used across the project.
SY_ADMIN1 = nahiyas.SY_ADMIN1
# Latin or Arabic script only: the index has no use for Cyrillic or CJK spellings.
_USEFUL_SCRIPT = re.compile(r"^[\s\w'`ʿʾ‘’\-.,()\u0600-\u06ff]+$")
_LATIN_OR_ARABIC = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Bulk datasets: not validated row by row, and outranked by the curated rows.
_BULK = {GazetteerEntry.Dataset.GEONAMES, GazetteerEntry.Dataset.PLACES}


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


def _settlement_type(population: int) -> str:
    big = population >= 10000
    return Place.FeatureType.CITY if big else Place.FeatureType.VILLAGE


def _csv_rows(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines)
