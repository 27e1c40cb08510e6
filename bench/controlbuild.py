"""The control index's build, step by step: time, resident memory (RSS) and its peak
after reading the changes, deriving the periods, storing them and making the index,
then control requests (p50 / p95). Reads only: no migration, no write, a local cache,
so that it can be run against a database loaded by bench/mapbench.py (e.g. 10M).

    .venv/bin/python bench/controlbuild.py \
        --database-url postgis://cmbench:cmbench@127.0.0.1:5432/conflictmap_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
COUNTRY = (35.6, 32.3, 42.4, 37.4)
VIEWS = {"country": COUNTRY, "idlib": (36.3, 35.6, 36.9, 36.1)}


def status(field: str) -> float:
    """A /proc/self/status field in MB (VmRSS: resident now; VmHWM: its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def out(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = "locmemcache://"
    os.environ["API_RATE_LIMIT"] = ""
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--trace", action="store_true", help="tracemalloc's top lines per step (slow)"
    )
    args = parser.parse_args()
    setup(args.database_url)
    from control import derive
    from control import selectors as control_selectors
    from control.index import ControlIndex
    from events import dataversion

    if args.trace:
        tracemalloc.start()
    steps: list[tuple[str, float, float, float]] = []
    start = time.perf_counter()
    last = start

    def step(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        steps.append((name, now - last, status("VmRSS"), status("VmHWM")))
        out(
            f"step {name}: {now - last:.1f} s, RSS {status('VmRSS'):,.0f} MB, "
            f"peak {status('VmHWM'):,.0f} MB"
        )
        if args.trace:
            for stat in tracemalloc.take_snapshot().statistics("lineno")[:5]:
                out(f"    {stat}")
        last = now

    step("start")
    version = dataversion.clusters_version()
    changes = control_selectors.control_changes_public()
    step(f"changes read ({len(changes):,})")
    periods = derive.periods_of(changes)
    del changes
    gc.collect()
    step(f"periods derived ({sum(map(len, periods.values())):,})")
    part = control_selectors._encode(periods)
    step("stored")
    try:
        index = ControlIndex.of(version, part)
    except TypeError:  # before the columns: of(version, periods, part)
        index = ControlIndex.of(version, periods, part)
    index.built_at = time.monotonic()
    del periods, part
    gc.collect()
    step("index")
    build_s = time.perf_counter() - start
    periods_n = len(index.keys)
    if hasattr(index, "nbytes"):
        held = index.nbytes()
    else:  # the encoded Features and the arrays (not the Period objects)
        held = sum(map(len, index.features)) + sum(
            a.nbytes for a in (index.keys, index.extent, index.point, index.group)
        )
    out(
        f"control build: {build_s:.1f} s, {len(index.place_ids):,} places, "
        f"{periods_n:,} periods; RSS {status('VmRSS'):,.0f} MB, "
        f"peak {status('VmHWM'):,.0f} MB; index columns/bytes {held / 2**20:,.0f} MB"
    )
    # Requests: the selector each answer calls (the API adds DRF's constant cost).
    from control import live

    live._state["index"] = index
    index.version = dataversion.clusters_version()
    last_day = dt.date.fromordinal(int(index.keys.max() % 4_000_000))
    rng = np.random.default_rng(7)
    first = dt.date(2014, 1, 1).toordinal()
    for name, bbox in VIEWS.items():
        for label, days in (
            ("last day", [last_day] * args.repeat),
            (
                "any date",
                [
                    dt.date.fromordinal(int(d))
                    for d in rng.integers(first, last_day.toordinal(), args.repeat)
                ],
            ),
        ):
            times, cpu, size = [], [], 0
            for day in days:
                t0, c0 = time.perf_counter(), time.thread_time()
                body = control_selectors.control_geojson_public(day=day, bbox=bbox)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
                size = len(body)
            p50, p95 = np.percentile(times, [50, 95])
            c50, c95 = np.percentile(cpu, [50, 95])
            out(
                f"control {name} {label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms; CPU "
                f"p50 {c50:.2f} ms, p95 {c95:.2f} ms ({size:,} bytes)"
            )
    # The most a listed (not summarised) answer encodes: CONTROL_MAX_PLACES Features
    # not in the cache (a new date in a town's view).
    from django.conf import settings

    n = settings.CONTROL_MAX_PLACES
    times, cpu = [], []
    for _ in range(9):
        positions = np.sort(rng.choice(periods_n, min(n, periods_n), replace=False))
        if hasattr(index, "encoded"):
            index._cache.clear()
            index._cache_bytes = 0
            t0, c0 = time.perf_counter(), time.thread_time()
            index.encoded(positions)
        else:  # before the columns: the pre-encoded Features
            t0, c0 = time.perf_counter(), time.thread_time()
            [index.features[i] for i in positions]
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    out(
        f"{n} Features not cached: median {np.median(times):.2f} ms "
        f"(CPU {np.median(cpu):.2f} ms)"
    )
    out(f"after requests: RSS {status('VmRSS'):,.0f} MB")


if __name__ == "__main__":
    main()
