"""Bundled GeoNames populated places of the countries wars are reported from.

places/data/abroad/<CC>.txt.gz holds, per country, the GeoNames feature-class P rows
that Who's On First imported (villages cities500 lacks: Sudan 7,314 rows where
cities500 has 112), in GeoNames' own 19-column dump format, so `manage.py
import_gazetteer` reads the same file. Built by scripts/build_gazetteer_abroad.py;
sources and licences in places/data/gazetteer_attribution.txt.

A row cities500 already holds (same GeoNames id) only lends its spellings to that
row, so a town keeps its cities500 row (and its prominence); the others are bulk
GeoNames rows like an imported dump's: not prominent, so a village named once, far
from an article's other places or shared with a better-known place, stays bound to
its context or goes to review (places.geocoding.index, ingest).
"""

import gzip
from collections.abc import Iterator
from pathlib import Path

ABROAD_DIR = Path(__file__).resolve().parent / "data" / "abroad"
SOURCE = "GeoNames (CC BY 4.0) via Who's On First, bundled excerpt"


def path_for(country: str) -> Path | None:
    """The bundled file of ``country`` (<CC>.txt.gz, or <CC>.txt), or None."""
    code = country.upper()
    if len(code) != 2 or not code.isalpha():
        return None
    for name in (f"{code}.txt.gz", f"{code}.txt"):
        if (ABROAD_DIR / name).is_file():
            return ABROAD_DIR / name
    return None


def countries() -> list[str]:
    """The countries with a bundled file."""
    found = [*ABROAD_DIR.glob("??.txt.gz"), *ABROAD_DIR.glob("??.txt")]
    return sorted({p.name[:2] for p in found})


def lines(path: Path) -> Iterator[str]:
    """The text lines of a GeoNames-format file, gzip-compressed or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from handle
