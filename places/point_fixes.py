"""Sourced corrections of bundled rows' points (places/data/gazetteer_point_fixes_sy.csv).

A bulk row (GeoNames via cities500 or Who's On First) whose point lies off the place
it names gets the point a cited source prints; the row keeps its ref, names and
type. Applied wherever the bundle is read: the bundled rows (places.gazetteer_bundle) and the
nahiya seats (places.nahiyas), so both agree. Each row cites its source and says how
far the old point lay.
"""

import csv
from functools import cache
from pathlib import Path

POINT_FIXES = Path(__file__).resolve().parent / "data" / "gazetteer_point_fixes_sy.csv"


@cache
def point_fixes(path: Path = POINT_FIXES) -> dict[str, tuple[float, float, int]]:
    """{ref: (lat, lon, population)} by the ref the bundled file writes
    (geonames:<id>); population 0 where the fix gives none."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["ref"]: (
                float(row["lat"]),
                float(row["lon"]),
                int(row["population"] or 0),
            )
            for row in rows
        }


def fixed(ref: str) -> tuple[float, float, int] | None:
    """The fix for a row's ref, bare GeoNames id (cities500) or geonames:<id>."""
    fixes = point_fixes()
    return fixes.get(ref) or fixes.get(f"geonames:{ref}")
