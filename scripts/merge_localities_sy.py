"""Merge a community list into places/data/gazetteer_sy_places.csv.gz.

Usage: .venv/bin/python scripts/merge_localities_sy.py PATH [--source NAME]

PATH: Open-Syria's data/localities.json (CC BY 4.0; OCHA communities from HDX, CC BY
3.0 IGO), or OCHA's COD populated places of Syria as GeoJSON or CSV (HDX
"syr_pplp_adm4", CC BY 3.0 IGO). Communities the bundle holds lend it their names
and p-code; the others become rows (places.localities). Then rebuild the nahiya seats
(scripts/build_nahiya_seats_sy.py), state the source in gazetteer_attribution.txt,
and run `manage.py load_gazetteer`.
"""

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from places import localities, nahiyas  # noqa: E402

SOURCES = {
    "opensyria-localities": "Open-Syria data-geography localities (CC BY 4.0; OCHA "
    "COD populated places, CC BY 3.0 IGO)",
    "ocha-cod": "OCHA COD populated places of Syria via HDX (CC BY 3.0 IGO)",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--source", choices=sorted(SOURCES), default="")
    args = parser.parse_args()
    source = args.source or (
        "opensyria-localities" if args.path.suffix == ".json" else "ocha-cod"
    )
    report = localities.MergeReport()
    communities = localities.communities_read(args.path, report)
    header, rows = localities.bundle_read(nahiyas.PLACES_SY)
    merged = localities.communities_merge(rows, communities, source=source)
    note = f"# source {source}: {SOURCES[source]}; source_ref ochaPcode:C....\n"
    if note not in header:
        header.append(note)
    localities.bundle_write(nahiyas.PLACES_SY, header, rows)
    counts = {**asdict(merged), "read": report.read}
    counts["without_point"] = report.without_point
    sys.stdout.write(f"{counts} -> {nahiyas.PLACES_SY} ({len(rows)} rows)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
