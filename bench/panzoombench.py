"""Pan/zoom against the floor: the per-request cost of a cluster request (issue 16).

usage: .venv/bin/python bench/panzoombench.py --database-url spatialite:////tmp/x.sqlite3
       [--rounds 40] [--profile out.prof]

On a database bench/mapbench.py loaded (its synthetic events, any size), in process
through the full middleware stack, as mapbench times them: the empty Django response
(the floor) and mapbench's pan/zoom path (z6 to z14 into Idlib, two views per zoom,
one-year window), in alternate rounds so that both see the same load: each view asked
``--per-view`` times in a row, as mapbench does (a view asked again at the same data
version is answered from the index's kept answers), and the same path with every view
a new one (moved by a pixel or less). Then readers panning as the map's client does
(``--readers`` a round, each starting from the path's views, as an embed's readers
do, and moving ``--pans`` times at each zoom by 5-30 % of the view): the bbox
snapped to the tile grid of the zoom (static/maps/tiles.js; a pan that asks the URL
it has asks nothing), and the same pans with the client's bbox before snapping (the
view padded by a quarter, every pan a new URL). Prints p50/p95 of each, their
ratios to the floor, and the same for the requests' CPU time; ``--profile`` writes a
cProfile of the repeated pan/zoom requests.
Run it from two checkouts in turn (same database) to compare their code.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import math
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import mapbench_env, mapbench_measure  # noqa: E402


def pan_urls(last_day: dt.date, shift: float = 0.0) -> list[str]:
    """mapbench's pan/zoom path; ``shift`` (in screen widths) moves every view east
    (a view not asked before: 1e-4 of a width is a tenth of a pixel)."""
    start, end = mapbench_measure.windows(last_day)["1-year"]
    urls = []
    for zoom in range(6, 15):
        for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
            lon = 36.63 + dlon + shift * 28.125 / 2 ** (zoom - 6)  # z6: 1280 px
            bbox = mapbench_measure.bbox_param(
                mapbench_measure.viewport(lon, 35.93, zoom)
            )
            urls.append(
                "/api/v1/clusters/?"
                + mapbench_measure.query(
                    zoom=zoom, in_bbox=bbox, date_from=start, date_to=end
                )
            )
    return urls


START = (36.63, 35.93)  # the path's views' centre (lon, lat): Idlib
MAX_LAT = 85.0511287798


def snap_bbox(view: tuple[float, ...], zoom: int) -> list[float]:
    """static/maps/tiles.js snapBbox: ``view`` snapped outward to the tile grid of
    ``zoom``, four decimals rounded outward (the client's request)."""
    n = 2**zoom

    def tile_y(lat: float) -> float:
        phi = math.radians(max(-MAX_LAT, min(MAX_LAT, lat)))
        return (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * n

    def lat_of(y: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))

    west, south = max(-180.0, view[0]), max(-90.0, view[1])
    east, north = min(180.0, view[2]), min(90.0, view[3])
    x0 = max(0, math.floor((west + 180) / 360 * n))
    x1 = min(n, max(x0 + 1, math.ceil((east + 180) / 360 * n)))
    y0 = max(0, math.floor(tile_y(north)))
    y1 = min(n, max(y0 + 1, math.ceil(tile_y(south))))
    return [
        -180 if x0 == 0 else math.floor((x0 / n * 360 - 180) * 1e4) / 1e4,
        -90 if y1 == n else math.floor(lat_of(y1) * 1e4) / 1e4,
        180 if x1 == n else math.ceil((x1 / n * 360 - 180) * 1e4) / 1e4,
        90 if y0 == 0 else math.ceil(lat_of(y0) * 1e4) / 1e4,
    ]


def padded_bbox(view: tuple[float, ...]) -> list[float]:
    """The client's bbox before snapping: the view padded by a quarter each side."""
    west, south, east, north = view
    dx, dy = (east - west) / 4, (north - south) / 4
    return [max(west - dx, -180), max(south - dy, -90), min(east + dx, 180),
            min(north + dy, 90)]  # fmt: skip


def reader_pans(
    last_day: dt.date, rng: random.Random, pans: int
) -> list[tuple[int, tuple[float, ...]]]:
    """(zoom, view) of one reader: from the path's view at each zoom z6-z14, ``pans``
    moves of 5-30 % of the view's width or height, in any direction."""
    views = []
    for zoom in range(6, 15):
        lon, lat = START
        for _ in range(pans):
            view = mapbench_measure.viewport(lon, lat, zoom)
            size = rng.uniform(0.05, 0.3)
            angle = rng.uniform(0, 2 * math.pi)
            lon += math.cos(angle) * size * (view[2] - view[0])
            lat += math.sin(angle) * size * (view[3] - view[1])
            views.append((zoom, mapbench_measure.viewport(lon, lat, zoom)))
    return views


def cluster_url(zoom: int, bbox: list[float], window) -> str:
    in_bbox = ",".join(f"{v:.4f}" for v in bbox)
    return "/api/v1/clusters/?" + mapbench_measure.query(
        zoom=zoom, in_bbox=in_bbox, date_from=window[0], date_to=window[1]
    )


TRACE: list[tuple[str, int, int]] | None = None  # --trace: (query, ETag, body bytes)


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
    if TRACE is not None and "?" in url:
        etag = response.headers.get("ETag", "")
        TRACE.append((url.split("?", 1)[1], len(etag), len(response.content)))
    return elapsed


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cache-url", default="")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--per-view", type=int, default=5, help="requests per view")
    parser.add_argument("--profile", default="", help="cProfile output of pan/zoom")
    parser.add_argument("--readers", type=int, default=4, help="readers a round")
    parser.add_argument("--pans", type=int, default=5, help="pans per zoom a reader")
    parser.add_argument(
        "--readers-only",
        action="store_true",
        help="skip the new-view and unsnapped scenarios (their answers, kept too, "
        "push the readers' kept answers out of the index's MAP_KEPT_ANSWERS_MB)",
    )
    parser.add_argument(
        "--kept-mb",
        type=float,
        default=0,
        help="bound of the index's kept answers in MB (0: settings.MAP_KEPT_ANSWERS_MB)",
    )
    parser.add_argument(
        "--trace",
        default="",
        help="write every cluster request (query, ETag and body bytes), in order, to "
        "this JSON file: bench/keptreplay.py replays it against bounds and policies",
    )
    parser.add_argument(
        "--coarser",
        type=int,
        default=0,
        help="snap to the tiles of this many zooms below the view's (the client: 0)",
    )
    parser.add_argument("--label", default=str(ROOT))
    args = parser.parse_args(argv)
    # The bench's urls (the floor view), its own index directory, no rate limit.
    mapbench_env.django_setup(
        args.database_url, args.cache_url or mapbench_env.shared_cache_url()
    )
    from django.conf import settings
    from django.test import Client

    from maps.selectors import cluster_answers, index_build

    if args.kept_mb:  # an experiment: the code's bound is the setting
        settings.MAP_KEPT_ANSWERS_MB = args.kept_mb
    global TRACE
    TRACE = [] if args.trace else None

    client = Client()
    index = index_build.event_cluster_index()
    urls = pan_urls(dt.date.fromordinal(int(index.start.max())))
    for url in urls:  # warm: ETag hashes, type lists, grids
        timed(client, url)
    timed(client, "/bench/empty/")
    floor, pan, floor_cpu, pan_cpu, new, new_cpu = [], [], [], [], [], []
    snap, snap_cpu, old, old_cpu = [], [], [], []
    snap_kept_cpu, snap_new_cpu = [], []
    reader = {"pans": 0, "asked": 0, "again": 0, "kept": 0}

    def kept(url: str) -> bool:
        """Whether the index keeps the answer (read before the timed request; a
        look that the kept answers do not count as a request)."""
        return cluster_answers.event_clusters_is_kept(key=url.split("?", 1)[1])

    asked_urls: set[str] = set()
    window = mapbench_measure.windows(dt.date.fromordinal(int(index.start.max())))[
        "1-year"
    ]
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
        for k in range(0 if args.readers_only else args.per_view):  # all views new
            shift = 1e-4 * (1 + k + round_ * args.per_view)
            for url in pan_urls(last_day, shift):
                new.append(timed(client, url, new_cpu))
        walks = [  # readers panning: snapped as the client does, then as before
            reader_pans(last_day, random.Random(round_ * 1000 + r), args.pans)
            for r in range(args.readers)
        ]
        for views in walks:
            last = None
            for zoom, view in views:
                reader["pans"] += 1
                box = snap_bbox(view, max(0, zoom - args.coarser))
                url = cluster_url(zoom, box, window)
                if url != last:  # the client asks nothing for the URL it has
                    reader["asked"] += 1
                    reader["again"] += url in asked_urls
                    asked_urls.add(url)
                    was_kept = kept(url)
                    reader["kept"] += was_kept
                    snap.append(timed(client, url, snap_cpu))
                    (snap_kept_cpu if was_kept else snap_new_cpu).append(snap_cpu[-1])
                last = url
        for views in [] if args.readers_only else walks:
            for zoom, view in views:
                url = cluster_url(zoom, padded_bbox(view), window)
                old.append(timed(client, url, old_cpu))
    if profiler is not None:
        profiler.dump_stats(args.profile)
    if TRACE is not None:
        Path(args.trace).write_text(json.dumps(TRACE))
    p = mapbench_measure.percentile
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
        "snap_p50": p(snap, 50),
        "snap_p95": p(snap, 95),
        "snap_cpu_p50": p(snap_cpu, 50),
        "snap_kept_cpu_p50": p(snap_kept_cpu, 50),
        "snap_new_cpu_p50": p(snap_new_cpu, 50),
        "old_p50": p(old, 50),
        "old_p95": p(old, 95),
        "old_cpu_p50": p(old_cpu, 50),
        # Server time per pan: the snapped client asks for a fraction of the pans.
        "snap_per_pan": sum(snap) / reader["pans"],
        "old_per_pan": sum(old) / reader["pans"],
        **reader,
    }
    result["ratio"] = result["pan_p50"] / result["floor_p50"]
    result["cpu_ratio"] = result["pan_cpu_p50"] / result["floor_cpu_p50"]
    result["new_ratio"] = result["new_p50"] / result["floor_p50"]
    result["new_cpu_ratio"] = result["new_cpu_p50"] / result["floor_cpu_p50"]
    for name in ("snap", "old"):
        result[f"{name}_ratio"] = result[f"{name}_p50"] / result["floor_p50"]
        result[f"{name}_cpu_ratio"] = (
            result[f"{name}_cpu_p50"] / result["floor_cpu_p50"]
        )
    mapbench_env.out(
        f"{args.label}: floor p50 {result['floor_p50']:.3f} / p95 "
        f"{result['floor_p95']:.3f} ms (CPU {result['floor_cpu_p50']:.3f}); "
        f"pan/zoom p50 {result['pan_p50']:.3f} / p95 {result['pan_p95']:.3f} ms "
        f"= {result['ratio']:.2f}x the floor (CPU {result['pan_cpu_p50']:.3f} = "
        f"{result['cpu_ratio']:.2f}x); every view new p50 {result['new_p50']:.3f} / "
        f"p95 {result['new_p95']:.3f} ms = {result['new_ratio']:.2f}x (CPU "
        f"{result['new_cpu_p50']:.3f} = {result['new_cpu_ratio']:.2f}x); "
        f"{len(pan)} + {len(new)} requests; load {os.getloadavg()[0]:.1f}"
    )
    mapbench_env.out(
        f"{args.label}: readers panning, snapped: {reader['asked']} requests for "
        f"{reader['pans']} pans ({reader['again']} asked before by a reader, "
        f"{reader['kept']} of them kept answers), p50 {result['snap_p50']:.3f} / p95 {result['snap_p95']:.3f} ms "
        f"= {result['snap_ratio']:.2f}x the floor (CPU {result['snap_cpu_p50']:.3f} "
        f"= {result['snap_cpu_ratio']:.2f}x; kept answers' CPU "
        f"{result['snap_kept_cpu_p50']:.3f}, new views' "
        f"{result['snap_new_cpu_p50']:.3f}), {result['snap_per_pan']:.3f} ms a pan; "
        f"unsnapped (padded view, every pan asked): p50 {result['old_p50']:.3f} / "
        f"p95 {result['old_p95']:.3f} ms = {result['old_ratio']:.2f}x (CPU "
        f"{result['old_cpu_p50']:.3f} = {result['old_cpu_ratio']:.2f}x), "
        f"{result['old_per_pan']:.3f} ms a pan"
    )
    return result


if __name__ == "__main__":
    main()
