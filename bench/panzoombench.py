"""Pan/zoom against the floor: the per-request cost of a cluster request (issue 16).

usage: .venv/bin/python bench/panzoombench.py --database-url spatialite:////tmp/x.sqlite3
       [--rounds 40] [--profile out.prof]

On a database bench/mapbench.py loaded (its synthetic events, any size), in process
through the full middleware stack, as mapbench times them: the empty Django response
(the floor) and mapbench's pan/zoom path (z6 to z14 into Idlib, two views per zoom,
one-year window), in alternate rounds so that both see the same load: each view asked
``--per-view`` times in a row, as mapbench does (a view asked again at the same data
version is answered from the index's kept answers), and the same path with every view
a new one (moved by a pixel or less). Prints p50/p95 of each, their ratios to the
floor, and the same for the requests' CPU time; ``--profile`` writes a cProfile of
the repeated pan/zoom requests.
Run it from two checkouts in turn (same database) to compare their code.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import mapbench  # noqa: E402


def pan_urls(last_day: dt.date, shift: float = 0.0) -> list[str]:
    """mapbench's pan/zoom path; ``shift`` (in screen widths) moves every view east
    (a view not asked before: 1e-4 of a width is a tenth of a pixel)."""
    start, end = mapbench.windows(last_day)["1-year"]
    urls = []
    for zoom in range(6, 15):
        for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
            lon = 36.63 + dlon + shift * 28.125 / 2 ** (zoom - 6)  # z6: 1280 px
            bbox = mapbench.bbox_param(mapbench.viewport(lon, 35.93, zoom))
            urls.append(
                "/api/v1/clusters/?"
                + mapbench.query(zoom=zoom, in_bbox=bbox, date_from=start, date_to=end)
            )
    return urls


def timed(client, url: str, cpu: list[float] | None = None) -> float:
    """Wall milliseconds of one GET (its thread's CPU milliseconds added to ``cpu``:
    on a loaded machine the CPU time says what the code costs, the wall time what a
    request waits)."""
    c0, t0 = time.thread_time(), time.perf_counter()
    response = client.get(url)
    _ = response.content
    elapsed = (time.perf_counter() - t0) * 1000
    if cpu is not None:
        cpu.append((time.thread_time() - c0) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cache-url", default="")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--per-view", type=int, default=5, help="requests per view")
    parser.add_argument("--profile", default="", help="cProfile output of pan/zoom")
    parser.add_argument("--label", default=str(ROOT))
    args = parser.parse_args(argv)
    # The bench's urls (the floor view), its own index directory, no rate limit.
    mapbench.django_setup(
        args.database_url, args.cache_url or mapbench.shared_cache_url()
    )
    from django.test import Client

    from maps import selectors as map_selectors

    client = Client()
    index = map_selectors.event_cluster_index()
    urls = pan_urls(dt.date.fromordinal(int(index.start.max())))
    for url in urls:  # warm: ETag hashes, type lists, grids
        timed(client, url)
    timed(client, "/bench/empty/")
    floor, pan, floor_cpu, pan_cpu, new, new_cpu = [], [], [], [], [], []
    profiler = cProfile.Profile() if args.profile else None
    last_day = dt.date.fromordinal(int(index.start.max()))
    for round_ in range(args.rounds):
        for _ in range(len(urls)):
            floor.append(timed(client, "/bench/empty/", floor_cpu))
        if profiler is not None:
            profiler.enable()
        for url in urls:  # as mapbench: each view asked per_view times
            for _ in range(args.per_view):
                pan.append(timed(client, url, pan_cpu))
        if profiler is not None:
            profiler.disable()
        for k in range(args.per_view):  # the same path, every view a new one
            shift = 1e-4 * (1 + k + round_ * args.per_view)
            for url in pan_urls(last_day, shift):
                new.append(timed(client, url, new_cpu))
    if profiler is not None:
        profiler.dump_stats(args.profile)
    p = mapbench.percentile
    result = {
        "label": args.label,
        "floor_p50": p(floor, 50),
        "floor_p95": p(floor, 95),
        "pan_p50": p(pan, 50),
        "pan_p95": p(pan, 95),
        "n_pan": len(pan),
        "n_floor": len(floor),
        "floor_cpu_p50": p(floor_cpu, 50),
        "pan_cpu_p50": p(pan_cpu, 50),
        "new_p50": p(new, 50),
        "new_p95": p(new, 95),
        "new_cpu_p50": p(new_cpu, 50),
    }
    result["ratio"] = result["pan_p50"] / result["floor_p50"]
    result["cpu_ratio"] = result["pan_cpu_p50"] / result["floor_cpu_p50"]
    result["new_ratio"] = result["new_p50"] / result["floor_p50"]
    result["new_cpu_ratio"] = result["new_cpu_p50"] / result["floor_cpu_p50"]
    mapbench.out(
        f"{args.label}: floor p50 {result['floor_p50']:.3f} / p95 "
        f"{result['floor_p95']:.3f} ms (CPU {result['floor_cpu_p50']:.3f}); "
        f"pan/zoom p50 {result['pan_p50']:.3f} / p95 {result['pan_p95']:.3f} ms "
        f"= {result['ratio']:.2f}x the floor (CPU {result['pan_cpu_p50']:.3f} = "
        f"{result['cpu_ratio']:.2f}x); every view new p50 {result['new_p50']:.3f} / "
        f"p95 {result['new_p95']:.3f} ms = {result['new_ratio']:.2f}x (CPU "
        f"{result['new_cpu_p50']:.3f} = {result['new_cpu_ratio']:.2f}x); "
        f"{len(pan)} + {len(new)} requests; load {os.getloadavg()[0]:.1f}"
    )
    return result


if __name__ == "__main__":
    main()
