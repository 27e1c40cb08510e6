"""GeoJSON import benchmark: peak memory and features/s of a big GeoJSON file.

Usage: .venv/bin/python bench/geojsonbench.py [--features 100000] [--format geojson|ucdp]
[--phases dry,first]
The file is N synthetic features written to /tmp, feature by feature: copies of
interchange/tests/data/interchange/geojson_sample.geojson (our format) or of the real
GED 23.1 GeoJSON excerpt (--format ucdp) with distinct ids. It is imported from disk as
`import_events` does. Prints the file's size, features/s and the peak resident memory
(ru_maxrss) before and after each phase, and the CPU seconds spent (on a busy
machine the wall time of a SpatiaLite import is mostly waiting for the disk). Runs on a fresh SpatiaLite file (/tmp) unless
DATABASE_URL names another database (use a scratch one).
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
SCRATCH = Path(tempfile.gettempdir()) / "conflictmap-geojsonbench.sqlite3"
if "DATABASE_URL" not in os.environ:
    SCRATCH.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"spatialite:///{SCRATCH}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

DATA = ROOT / "interchange" / "tests" / "data"
SEEDS = {
    "geojson": DATA / "interchange" / "geojson_sample.geojson",
    "ucdp": DATA / "real" / "ucdp_ged_231_car_thirdparty_excerpt.geojson",
}


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU seconds (wall time on a busy disk is mostly waiting)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def synthetic(fmt: str, features: int, path: Path) -> None:
    """``features`` copies of the seed file's features with new ids, written one by
    one (the benchmark's own memory stays small)."""
    seeds = json.loads(SEEDS[fmt].read_text(encoding="utf-8"))["features"]
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for number in range(features):
            feature = json.loads(json.dumps(seeds[number % len(seeds)]))
            if fmt == "ucdp":
                feature["properties"]["id"] = 10_000_000 + number
            else:
                feature["id"] = f"bench-{number}"
                feature["properties"].pop("external_dataset", None)
                feature["properties"].pop("external_id", None)
            out.write(("," if number else "") + json.dumps(feature, ensure_ascii=False))
            out.write("\n")
        out.write("]}\n")


def timed(label: str, fmt: str, path: Path, features: int, **options) -> None:
    from interchange import files

    started, cpu = time.perf_counter(), cpu_seconds()
    report = files.event_import_file(path=path, fmt=fmt, **options)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    say(f"{label:<12} {seconds:8.1f} s {features / seconds:10,.0f} features/s   "
        f"CPU {cpu:.1f} s ({features / cpu:,.0f} features per CPU-second)   "
        f"peak {peak_mb():,.0f} MB   load {os.getloadavg()[0]:.1f}   {report}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--format", choices=sorted(SEEDS), default="geojson")
    parser.add_argument("--phases", default="dry")
    args = parser.parse_args()
    settings.IMPORT_MAX_BYTES = 10**13
    call_command("migrate", verbosity=0)
    path = Path(tempfile.gettempdir()) / (
        f"conflictmap-geojsonbench-{args.format}-{args.features}.geojson"
    )
    synthetic(args.format, args.features, path)
    say(f"{connection.vendor}, {args.format}, {args.features:,} features, "
        f"{path.stat().st_size / 1e6:.1f} MB; peak before importing "
        f"{peak_mb():,.0f} MB")  # fmt: skip
    try:
        for phase in args.phases.split(","):
            timed(phase, args.format, path, args.features, dry_run=phase == "dry")
    finally:
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
