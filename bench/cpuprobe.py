"""CPU time and page faults of mapbench's new views, popup and export, per request.

Runs from any checkout (its own code answers) against a database that mapbench
loaded, so that two commits can be compared back to back with CPU time instead of
wall time (the machine's load moves wall time; issue 16, bench/README.md "10M run 8").
The cluster index is built by ``manage.py mapindex`` into a directory of this run's own
and mapped, as at 10M. ``--evict`` also asks the kernel to drop the mapped index's
pages before each request (madvise MADV_PAGEOUT): what an index evicted from the page
cache costs, in major faults and time. ``--profile FILE`` writes cProfile stats of
the new views and popups.

    .venv/bin/python bench/cpuprobe.py --database-url postgis://…/conflictmap_perf_1m
"""

from __future__ import annotations

import argparse
import atexit
import cProfile
import datetime as dt
import mmap
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

MADV_PAGEOUT = getattr(
    mmap, "MADV_PAGEOUT", 21
)  # Linux 5.4; Python 3.11 lacks the name
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import mapbench_env, mapbench_measure  # noqa: E402
from bench.mapbench_env import out  # noqa: E402


def faults() -> tuple[int, int]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_majflt, usage.ru_minflt


def mapped_buffers() -> list[mmap.mmap]:
    """The mmaps under the process's shared indexes' arrays (their .base chains)."""
    from events import shared_index

    found = {}
    for index in list(shared_index._mapped.values()):
        for value in vars(index).values():
            base = value
            while base is not None and not isinstance(base, mmap.mmap):
                nxt = getattr(base, "base", None)
                base = getattr(base, "obj", None) if nxt is None else nxt
            if base is not None:
                found[id(base)] = base
    return list(found.values())


def backend_cpu_ms() -> float:
    """CPU of this connection's PostgreSQL backend so far (same machine, /proc)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Scenario:
    def __init__(self, name: str) -> None:
        self.name, self.wall, self.cpu = name, [], []
        self.majflt = self.minflt = 0
        self.pg_ms, self._pg0 = 0.0, backend_cpu_ms()

    def done(self) -> Scenario:
        self.pg_ms = backend_cpu_ms() - self._pg0
        return self

    def measure(self, call, before=None) -> object:
        if before is not None:
            before()
        major, minor = faults()
        w0, c0 = time.perf_counter(), time.thread_time()
        result = call()
        self.cpu.append((time.thread_time() - c0) * 1000)
        self.wall.append((time.perf_counter() - w0) * 1000)
        major2, minor2 = faults()
        self.majflt += major2 - major
        self.minflt += minor2 - minor
        return result

    def line(self) -> str:
        n = len(self.wall)
        p = lambda v, q: float(np.percentile(v, q))  # noqa: E731
        return (
            f"{self.name:34} n {n:4}  wall p50 {p(self.wall, 50):8.2f} "
            f"p95 {p(self.wall, 95):8.2f}  cpu p50 {p(self.cpu, 50):8.2f} "
            f"p95 {p(self.cpu, 95):8.2f} sum {sum(self.cpu):9.1f} ms  "
            f"faults/request major {self.majflt / n:8.1f} minor {self.minflt / n:9.1f}"
            f"; PostgreSQL backend CPU {self.pg_ms / n:.2f} ms/request"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=12, help="new-view rounds")
    parser.add_argument("--evict", action="store_true")
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    if "MAP_INDEX_DIR" not in os.environ:  # this run's own, removed at its end
        os.environ["MAP_INDEX_DIR"] = tempfile.mkdtemp(prefix="conflictmap_cpuprobe_")
        atexit.register(shutil.rmtree, os.environ["MAP_INDEX_DIR"], True)
    cache_dir = tempfile.mkdtemp(prefix="conflictmap_cpuprobe_cache_")
    atexit.register(shutil.rmtree, cache_dir, True)
    mapbench_env.django_setup(args.database_url, f"filecache://{cache_dir}")
    from django.test import Client

    from events.filters import EventFilters
    from maps.selectors import geojson_export, index_build

    t0 = time.perf_counter()
    build = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, str(ROOT / "manage.py"), "mapindex"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    index = index_build.event_cluster_index()
    out(
        f"commit {os.popen(f'git -C {ROOT} rev-parse --short HEAD').read().strip()}; "
        f"index {index.size} events, mapindex {time.perf_counter() - t0:.1f} s wall, "
        f"{children.ru_utime + children.ru_stime:.1f} s CPU, peak RSS "
        f"{children.ru_maxrss / 1024:.0f} MB; {build.stdout.splitlines()[0]}",
    )
    before = evict_all if args.evict else None
    client = Client()
    last_day = dt.date.fromordinal(int(index.start.max()))
    start, end = mapbench_measure.windows(last_day)["1-year"]
    profile = cProfile.Profile() if args.profile else None

    def get(url: str) -> bytes:
        if profile:
            profile.enable()
        response = client.get(url)
        if profile:
            profile.disable()
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    # Warm: the process's first answers (imports, type lists, templates).
    get("/api/v1/clusters/?zoom=6")
    get("/bench/empty/")
    floor = Scenario("floor (empty response)")
    for _ in range(50):
        floor.measure(lambda: get("/bench/empty/"))
    out(floor.done().line())
    new = Scenario("pan/zoom new views")
    for k in range(args.rounds):
        for zoom in range(6, 15):
            for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
                lon = 36.63 + dlon + 1e-4 * (k + 1) * 28.125 / 2 ** (zoom - 6)
                url = "/api/v1/clusters/?" + mapbench_measure.query(
                    zoom=zoom,
                    in_bbox=mapbench_measure.bbox_param(
                        mapbench_measure.viewport(lon, 35.93, zoom)
                    ),
                    date_from=start,
                    date_to=end,
                )
                new.measure(lambda url=url: get(url), before)
    out(new.done().line())

    rng = np.random.default_rng(1)
    ids = rng.choice(np.asarray(index.ids), 50, replace=False).tolist()
    get(f"/api/v1/events/{ids[-1]}/")
    popup = Scenario("event popup (detail API)")
    for pk in ids:
        popup.measure(lambda pk=pk: get(f"/api/v1/events/{pk}/"), before)
    out(popup.done().line())
    if profile:
        profile.dump_stats(args.profile)

    filters = EventFilters(types=["battles"], date_from=start, date_to=end)
    index = index_build.event_cluster_index()

    def empty_cache() -> None:
        index.features.clear()
        index.features_nbytes = 0
        if before:
            before()

    cold = Scenario("export battles 1-year (cold)")
    for _ in range(5):
        body = cold.measure(
            lambda: geojson_export.event_geojson_bytes(filters), empty_cache
        )
    cold.done()
    warm = Scenario("export battles 1-year")
    for _ in range(5):
        body = warm.measure(lambda: geojson_export.event_geojson_bytes(filters), before)
    count = body.count(b'"type":"Feature"')
    for row in (cold, warm.done()):
        out(
            f"{row.line()}  {count} features, "
            f"{count / np.median(row.cpu) * 1000:,.0f} features/s of CPU, "
            f"{count / np.median(row.wall) * 1000:,.0f}/s wall",
        )
    out(f"load average {os.getloadavg()}")


def evict_all() -> None:
    """Drop the mapped indexes' pages from memory (Linux MADV_PAGEOUT): the next
    touches read them from disk, as after the page cache evicted them."""
    for buffer in mapped_buffers():
        buffer.madvise(MADV_PAGEOUT)


if __name__ == "__main__":
    main()
