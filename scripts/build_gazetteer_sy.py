"""Build places/data/gazetteer_sy_places.csv.gz from the staged, sourced Syria rows.

Usage: .venv/bin/python scripts/build_gazetteer_sy.py /path/to/syria_places_raw.csv

The input is the combined file described in the staging SOURCES.md (GeoNames via
Who's On First, Open-Syria admin, OurAirports, the GABC crossings list, Wikipedia
points). Format changes only; what is left out and why:
- Open-Syria governorates and districts: gazetteer_admin_sy.csv already holds them.
- the "<nahiya> Subdistrict (seat)" rows: each repeats a GeoNames town of the file.
- ``generated_variants``: rule-made spellings, not sourced; the normaliser makes
  such variants itself (places.geocoding.normalize).
"""

import csv
import gzip
import re
import sys
from pathlib import Path

OUT = (
    Path(__file__).resolve().parent.parent
    / "places"
    / "data"
    / "gazetteer_sy_places.csv.gz"
)
COLUMNS = [
    "ref",
    "name",
    "name_ar",
    "alternate_names",
    "feature_type",
    "feature_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "precision",
    "population",
    "source",
    "source_ref",
    "uncertainty_km",
]
HEADER = """\
# ConflictMap bundled Syria places: 1 row per sourced place, compact columns (see gazetteer_attribution.txt).
# source: wof-geonames = GeoNames (CC BY 4.0) via Who's On First; opensyria-geo = Open-Syria data-geography
# (CC BY 4.0; OCHA COD-AB p-codes); ourairports = OurAirports (public domain); gabc-syrianzone = Syrian
# General Authority for Land and Sea Ports list; pages-wikipedia = coordinate printed on the Wikipedia page.
# source_ref: GeoNames/WOF ids, OCHA p-code, OurAirports ident, list entry or page. uncertainty_km: radius.
# Built by scripts/build_gazetteer_sy.py; alternate_names are |-separated and all sourced.
"""
_TYPES = {
    "subdistrict": ("district", 2),
    "airport": ("base", 1),
    "base": ("base", 1),
    "crossing": ("crossing", 1),
    "dam": ("dam", 1),
    "hill": ("hill", 1),
    "city": ("city", 1),
    "village": ("village", 1),
    "area": ("area", 3),
}
_PORTS = {"Port of Latakia", "Port of Tartus", "Port of Baniyas"}
_CODE = re.compile(r"GeoNames ([A-Z0-9]+)")
_POPULATION = re.compile(r"population (\d+)")


def _ref(row: dict) -> str:
    refs = dict(
        part.split(":", 1) for part in row["source_ref"].split("|") if ":" in part
    )
    for key in ("ochaPcode", "geonames", "ourairports", "wikipedia"):
        if key in refs:
            return f"{key}:{refs[key].split('|')[0]}"[:64]
    return row["source_ref"].split("|")[0][:64]


def convert(row: dict) -> dict | None:
    kind = row["feature_type"]
    if kind in {"governorate", "district"} or row["name_en"].endswith("(seat)"):
        return None
    feature_type, precision = _TYPES[kind]
    if row["name_en"] in _PORTS:
        feature_type, precision = "crossing", 1
    code = _CODE.search(row["notes"])
    population = _POPULATION.search(row["notes"])
    names = [n.strip() for n in row["alt_names"].split("|") if n.strip()]
    names = [
        n for n in dict.fromkeys(names) if n not in {row["name_en"], row["name_ar"]}
    ]
    return {
        "ref": _ref(row),
        "name": row["name_en"],
        "name_ar": row["name_ar"],
        "alternate_names": "|".join(names),
        "feature_type": feature_type,
        "feature_code": code.group(1) if code else "",
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "lat": f"{float(row['lat']):.5f}",
        "lon": f"{float(row['lon']):.5f}",
        "precision": precision,
        "population": population.group(1) if population else "",
        "source": row["source"],
        "source_ref": row["source_ref"],
        "uncertainty_km": row["uncertainty_km"],
    }


def main(source: str) -> int:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = [r for r in map(convert, csv.DictReader(handle)) if r]
    kept: dict[str, dict] = {}
    for row in rows:  # WOF has a few localities twice (one GeoNames id): one row
        first = kept.setdefault(row["ref"], row)
        if first is not row:
            names = first["alternate_names"].split("|") + [row["name"], row["name_ar"]]
            names += row["alternate_names"].split("|")
            names = [
                n
                for n in dict.fromkeys(names)
                if n and n not in {first["name"], first["name_ar"]}
            ]
            first["alternate_names"] = "|".join(names)
    rows = list(kept.values())
    with gzip.open(OUT, "wt", encoding="utf-8", newline="", compresslevel=9) as out:
        out.write(HEADER)
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"{len(rows)} rows -> {OUT}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
