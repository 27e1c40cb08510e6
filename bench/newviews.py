"""CPU of the cluster engine alone for mapbench's new views, at any number of events.

mapbench's pan/zoom path (z6 -> z14 into Idlib, a one-year window, two views per zoom,
each round moved east by a tenth of a pixel or less: every view new) asked of a
``LiveIndex`` directly, with the exact count inside the bbox as the API adds it: no
request, no titles, no JSON. The events are mapbench's synthetic ones (same generator,
same 25,000 places past 1M events), put into an index without a database load, so
that the engine's share of a new view can be measured at sizes no database of this
machine holds (issue 16: 10M events take 12 GB to build). The index is written once
to ``--keep`` (a mapped file, as the shared index is served) and mapped on later runs,
so that two checkouts compare on the same file. Prints the CPU per view (p50, mean,
p95, per zoom) and a digest of the answers (equal digests: equal answers).

    .venv/bin/python bench/newviews.py --database-url postgis://…/any_migrated_db \\
        --events 4000000 --keep /tmp/newviews4m
"""

from __future__ import annotations

import argparse
import atexit
import collections
import datetime as dt
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import mapbench_data, mapbench_env, mapbench_measure  # noqa: E402
from bench.mapbench_env import out  # noqa: E402


def synthetic_index(events: int, keep: Path):
    """A base index of mapbench's synthetic public events, mapped from ``keep``
    (written there first when it holds none)."""
    from maps.clusters import engine, grid, store
    from maps.selectors import index_build

    if (keep / "index.bin").exists():
        return store._map(keep)
    data = mapbench_data.generate(events)
    types = index_build._types()
    position = {t.pk: i for i, t in enumerate(types)}
    public = data["event_status"] == "published"
    place = data["event_place"][public]
    start = (data["event_day"][public] + mapbench_data.FIRST_DAY.toordinal()).astype(
        np.int32
    )
    rows = grid.Rows(
        ids=np.flatnonzero(public).astype(np.int64) + 1,
        lon=data["place_lon"][place],
        lat=data["place_lat"][place],
        start=start,
        last=(start + data["event_duration"][public]).astype(np.int32),
        type_idx=np.array(
            [position[t] for t in data["event_type"][public].tolist()], np.int64
        ),
        disputed=data["event_disputed"][public],
    )
    del data
    started = time.perf_counter()
    index = engine.ClusterIndex(rows, types, 1, time.monotonic())
    out(f"built {index.size:,} events in {time.perf_counter() - started:.0f} s")
    keep.mkdir(parents=True, exist_ok=True)
    store.write_version(keep, index)
    del index
    return store._map(keep)


def views(rounds: int, first: int = 0):
    """(zoom, bbox) of mapbench's "pan/zoom new views", ``rounds`` rounds."""
    for k in range(first, first + rounds):
        for zoom in range(6, 15):
            for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
                lon = 36.63 + dlon + 1e-4 * (k + 1) * 28.125 / 2 ** (zoom - 6)
                yield zoom, tuple(mapbench_measure.viewport(lon, 35.93, zoom))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="for the event types")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--keep", default="", help="the index file's directory")
    args = parser.parse_args()
    os.environ["MAP_INDEX_DIR"] = ""
    cache_dir = tempfile.mkdtemp(prefix="newviews_cache_")
    atexit.register(shutil.rmtree, cache_dir, True)
    mapbench_env.django_setup(args.database_url, f"filecache://{cache_dir}")
    from maps.clusters import grid, live_index

    keep = Path(args.keep or tempfile.mkdtemp(prefix="newviews_index_"))
    if not args.keep:  # this run's own file, removed at its end
        atexit.register(shutil.rmtree, keep, True)
    index = live_index.LiveIndex(synthetic_index(args.events, keep))
    last_day = dt.date.fromordinal(int(index.base.start.max()))
    date_from, date_to = mapbench_measure.windows(last_day)["1-year"]

    def answer(zoom: int, bbox: tuple) -> dict:
        query = grid.Query(zoom=zoom, bbox=bbox, date_from=date_from, date_to=date_to)
        found = index.query(query)
        if "inside" not in found and not found.get("exact"):
            found["inside"] = index.count_inside(query)
        return found

    for r in range(2):  # each zoom's window bounds kept, as mapbench's first views do
        for zoom, bbox in views(1, 1000 + r):
            answer(zoom, bbox)
    cpu: dict[int, list[float]] = collections.defaultdict(list)
    digest = hashlib.sha256()
    for zoom, bbox in views(args.rounds):
        started = time.thread_time()
        found = answer(zoom, bbox)
        cpu[zoom].append((time.thread_time() - started) * 1000)
        digest.update(orjson.dumps(found, option=orjson.OPT_SERIALIZE_NUMPY))
    every = [c for values in cpu.values() for c in values]
    out(
        f"{index.size:,} events, {len(every)} new views: engine CPU p50 "
        f"{np.median(every):.3f} mean {np.mean(every):.3f} p95 "
        f"{np.percentile(every, 95):.3f} ms; load average {os.getloadavg()[0]:.1f}"
    )
    out("  " + "  ".join(f"z{z} {np.median(v):.2f}" for z, v in sorted(cpu.items())))
    out(f"answers digest {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
