"""Import benchmark: rows/s of an ACLED import (dry run, first import, no-change re-import).

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/importbench.py [--rows 100000]
The file is N synthetic rows: copies of the real excerpts in
interchange/tests/data/real/ with new ids and one place name in five new. Runs on a
fresh SpatiaLite file (/tmp) unless DATABASE_URL names another database (a PostGIS
database is emptied of events first: use a scratch one).
"""

import argparse
import csv
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
SCRATCH = Path(tempfile.gettempdir()) / "conflictmap-importbench.sqlite3"
if "DATABASE_URL" not in os.environ:
    SCRATCH.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"spatialite:///{SCRATCH}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

REAL = ROOT / "interchange" / "tests" / "data" / "real"
SEEDS = (
    "acled_export2020_afghanistan.csv",
    "acled_spreadsheet_dates_dmmmyy_multicountry.csv",
    "acled_current_benin_rwritten.csv",
    "acled_spreadsheet_dates_ddmmyy_kenya.csv",
)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def synthetic(rows: int) -> bytes:
    """``rows`` copies of real rows (current layout) with new ids."""
    from interchange import acled

    seeds = []
    for name in SEEDS:
        text = (REAL / name).read_text(encoding="utf-8")
        seeds.extend(
            {k.lower(): ("" if v == "NA" else v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))
        )
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=acled.DATASET_COLUMNS,
        extrasaction="ignore",
        lineterminator="\n",
    )
    writer.writeheader()
    for number in range(rows):
        row = dict(seeds[number % len(seeds)])
        row["event_id_cnty"] = f"BENCH{number}"
        row["event_date"] = row["event_date"] if " " in row["event_date"] else ""
        row["event_date"] = row["event_date"] or f"{1 + number % 28} May {row['year']}"
        if number % 5 == 0:  # a new place one row in five
            row["location"] = f"{row['location']} {number}"
        writer.writerow(row)
    return out.getvalue().encode()


def timed(label: str, data: bytes, rows: int, **options) -> float:
    from interchange import files

    started = time.perf_counter()
    report = files.event_import_bytes(data=data, fmt="acled", **options)
    seconds = time.perf_counter() - started
    rate = rows / seconds
    say(f"{label:<28} {seconds:8.1f} s {rate:10,.0f} rows/s   {report}")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    settings.IMPORT_MAX_BYTES = 10**12
    call_command("migrate", verbosity=0)
    from events.models import Event

    Event.objects.filter(external_id__startswith="BENCH").delete()
    data = synthetic(args.rows)
    say(f"{connection.vendor} ({connection.settings_dict['ENGINE']}), {args.rows:,} "
        f"rows, {len(data) / 1e6:.1f} MB")  # fmt: skip
    dry = timed("dry run (empty database)", data, args.rows, dry_run=True)
    first = timed("first import", data, args.rows)
    again = timed("re-import, no change", data, args.rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"re-import / first import: {again / first:.1f}x; dry run {dry:,.0f} rows/s; "
        f"peak memory {peak:,.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
