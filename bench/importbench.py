"""Import benchmark: rows/s of an ACLED import (dry run, first import, no-change re-import).

Usage: .venv/bin/python bench/importbench.py [--rows 100000] [--phases dry,first,again]
[--profile]
The file is N synthetic rows written to /tmp: copies of the real excerpts in
interchange/tests/data/real/ with distinct ids, dates spread over the row's year and
one place name in five new. It is imported from disk as `import_events` does
(streamed). Prints rows/s per phase, the re-import / first ratio and the peak
resident memory after each phase. Runs on a fresh SpatiaLite file (/tmp) unless
DATABASE_URL names another database (a PostGIS database is emptied of events first:
use a scratch one).
"""

import argparse
import contextlib
import csv
import datetime as dt
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

from bench import importprofile  # noqa: E402

PROFILE: list[bool] = []  # [True] with --profile
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


def synthetic(rows: int, path: Path) -> None:
    """``rows`` copies of real rows (current layout) with new ids, written to ``path``
    row by row (the benchmark's own memory stays small)."""
    from interchange import acled

    seeds = []
    for name in SEEDS:
        text = (REAL / name).read_text(encoding="utf-8")
        seeds.extend(
            {k.lower(): ("" if v == "NA" else v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))
        )
    with path.open("w", encoding="utf-8", newline="") as out:
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
            day = dt.date(int(row["year"]), 1, 1) + dt.timedelta(
                days=(number * 7919) % 365
            )  # jittered within the row's year
            row["event_date"] = f"{day.day} {day:%B %Y}"
            if number % 5 == 0:  # a new place one row in five
                row["location"] = f"{row['location']} {number}"
            writer.writerow(row)


def peak_mb() -> float:
    """The process's peak resident set since the last ``reset_peak`` (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Forgets the peak so far (Linux: writing 5 to clear_refs resets VmHWM), so that
    the set-up (deleting the previous run's events loads them into memory) is not
    reported as the import's memory."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _progress(label: str, started: float, every: int):
    """Prints rows/s and the peak memory so far every ``every`` rows."""
    state = {"next": every}

    def show(done: int, total: int) -> None:
        if done >= state["next"] or done == total:
            state["next"] = done + every
            rate = done / (time.perf_counter() - started)
            say(f"  {label}: {done:,}/{total:,} rows, {rate:,.0f} rows/s, "
                f"peak {peak_mb():,.0f} MB")  # fmt: skip

    return show


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process (all its threads) and by its database
    server process (PostgreSQL's backend, read from /proc; 0 on SpatiaLite, whose
    work is in this process). Unlike rows/s, these hardly depend on the machine's load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    mine = usage.ru_utime + usage.ru_stime
    server = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:  # a server on another machine
            server = float("nan")
    return mine, server


def timed(label: str, path: Path, rows: int, every: int, **options) -> float:
    from interchange import files

    cpu_before = cpu_seconds()
    started = time.perf_counter()
    report = files.event_import_file(
        path=path,
        fmt="acled",
        progress=_progress(label, started, every) if every else None,
        **options,
    )
    seconds = time.perf_counter() - started
    rate = rows / seconds
    say(f"{label:<28} {seconds:8.1f} s {rate:10,.0f} rows/s   peak {peak_mb():,.0f} MB"
        f"   {report}")  # fmt: skip
    mine, server = (b - a for a, b in zip(cpu_before, cpu_seconds(), strict=True))
    say(f"  CPU: this process {mine:.1f} s, database server {server:.1f} s "
        f"({rows / (mine + server):,.0f} rows per CPU-second in all); load average "
        f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    if PROFILE:
        importprofile.report(seconds)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--phases", default="dry,first,again")
    parser.add_argument(
        "--every", type=int, default=0, help="print progress every N rows"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print where each phase's time went"
    )
    args = parser.parse_args()
    if args.profile:
        PROFILE.append(True)
        importprofile.install()
    phases = args.phases.split(",")
    settings.IMPORT_MAX_BYTES = 10**13
    call_command("migrate", verbosity=0)
    from events.models import Event

    Event.objects.filter(external_id__startswith="BENCH").delete()
    path = Path(tempfile.gettempdir()) / f"conflictmap-importbench-{args.rows}.csv"
    synthetic(args.rows, path)
    setup_peak = peak_mb()
    reset_peak()
    say(
        f"set-up (previous run's events deleted, file written): peak {setup_peak:,.0f} MB"
    )
    say(f"{connection.vendor} ({connection.settings_dict['ENGINE']}), {args.rows:,} "
        f"rows, {path.stat().st_size / 1e6:.1f} MB; peak before importing "
        f"{peak_mb():,.0f} MB")  # fmt: skip
    rates = {}
    try:
        if "dry" in phases:
            rates["dry"] = timed("dry run (empty database)", path, args.rows,
                                 args.every, dry_run=True)  # fmt: skip
        if "first" in phases:
            rates["first"] = timed("first import", path, args.rows, args.every)
        if "again" in phases:
            rates["again"] = timed("re-import, no change", path, args.rows, args.every)
    finally:
        path.unlink(missing_ok=True)
    if "first" in rates and "again" in rates:
        say(f"re-import / first import: {rates['again'] / rates['first']:.1f}x; "
            f"peak memory {peak_mb():,.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
