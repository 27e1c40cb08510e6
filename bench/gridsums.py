"""The cluster grids' coordinate prefix sums: float64 (before) against q-bit positions
in their cells summed as uint32 (maps.clusters.sums), on synthetic Syrian events built
straight into a ClusterIndex (no database).

usage: .venv/bin/python bench/gridsums.py [--events 100000 1000000] [--repeat 200]

Per size: each grid's bytes (Level.nbytes) and q, before and after; the grids' bytes
per event and their projection to 9.5M public events (the 10M run's); then the cluster
query time of a few scenarios, before and after interleaved in the one process (p50 /
p95 ms, after/before), and how far apart the two answers' centroids lie in pixels.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mapbench_data import DAYS, FIRST_DAY, SEED, TOP_WEIGHTS, spread_events  # noqa: E402
from bench.mapbench_env import out  # noqa: E402
from maps.clusters import grid  # noqa: E402
from maps.clusters.engine import ClusterIndex  # noqa: E402
from maps.clusters.grid import Cells, Query, Rows, TypeInfo  # noqa: E402

PUBLIC_10M = 9_500_239  # the 10M run's public events (bench/README.md)
SUBTYPES = 4  # per top type: 24 types, as the seeded ACLED-like taxonomy has


def types() -> list[TypeInfo]:
    return [
        TypeInfo(pk=i * SUBTYPES + k + 1, slug=f"{top}-{k}", color="#000", top_slug=top)
        for i, top in enumerate(TOP_WEIGHTS)
        for k in range(SUBTYPES)
    ]


def synthetic(n: int) -> Rows:
    """As bench/mapbench.py's generate(): places around real towns (one per 40 events,
    Pareto weights), ten years with bursts, ACLED-like type shares."""
    rng = np.random.default_rng(SEED)
    n_places = int(min(max(n // 40, 300), 25_000))
    _, p_lon, p_lat, place, day, top = spread_events(rng, n, n_places)
    start = (day + FIRST_DAY.toordinal()).astype(np.int32)
    duration = np.where(rng.random(n) < 0.1, rng.integers(1, 30, n), 0)
    return Rows(
        ids=np.arange(1, n + 1, dtype=np.int64),
        lon=p_lon[place],
        lat=p_lat[place],
        start=start,
        last=(start + duration).astype(np.int32),
        type_idx=top * SUBTYPES + rng.integers(0, SUBTYPES, n),
        disputed=rng.random(n) < 0.05,
    )


class Float64Sums(ClusterIndex):
    """The index as it was before (d290f04): float64 prefix sums of (lon - lon0) and
    (lat - lat0), kept beside the grids in ``f64[zoom]``, read as it read them."""

    f64: dict[int, tuple[np.ndarray, ...]]

    def _grid_cells(self, query: Query, zoom: int) -> Cells | None:
        level = self.levels[zoom]
        found = self._groups(level, query, zoom)
        if found is None:
            return None
        groups, i_s, i_l, d_from = found
        count = i_s - i_l
        keep = count > 0
        groups, i_s, i_l, count = groups[keep], i_s[keep], i_l[keep], count[keep]
        if not len(groups):
            return None
        cs_lon_s, cs_lat_s, cs_lon_l, cs_lat_l = self.f64[zoom]
        first = level.g_start[groups]
        sum_lon = cs_lon_s[i_s] - cs_lon_l[i_l]
        sum_lon += cs_lon_l[first] - cs_lon_s[first]
        sum_lat = cs_lat_s[i_s] - cs_lat_l[i_l]
        sum_lat += cs_lat_l[first] - cs_lat_s[first]
        g_cells = level.g_cell[groups]
        new_cell = np.concatenate(([True], g_cells[1:] != g_cells[:-1]))
        starts = np.flatnonzero(new_cell)
        cluster_of = np.cumsum(new_cell) - 1
        return Cells(
            level=level, groups=groups, i_s=i_s, i_l=i_l, cluster_of=cluster_of,
            d_from=d_from, cell=g_cells[starts], count=np.add.reduceat(count, starts),
            sum_lon=np.add.reduceat(sum_lon, starts),
            sum_lat=np.add.reduceat(sum_lat, starts),
            by_type=self._type_matrix(
                cluster_of, level.g_type[groups], count, len(starts)
            ),
            cellidx=level.g_cellidx[groups[starts]],
        )  # fmt: skip


def float64_sums(index: ClusterIndex, zoom: int) -> tuple[np.ndarray, ...]:
    """A grid's four prefix sums as d290f04's Level built them."""
    n, n_types = grid.cells_per_axis(zoom), max(len(index.types), 1)
    gkey = ((index.my * n).astype(np.int64) * n + (index.mx * n).astype(np.int64)) * (
        n_types
    ) + index.type_idx
    order_s = np.lexsort((index.start, gkey))
    order_l = np.lexsort((index.last, gkey))
    found = []
    for order in (order_s, order_l):
        for column, origin in ((index.lon, index.lon0), (index.lat, index.lat0)):
            found.append(np.r_[0.0, np.cumsum(column[order] - origin)])
    return found[0], found[1], found[2], found[3]


def scenarios() -> dict[str, Query]:
    last = FIRST_DAY + dt.timedelta(days=DAYS - 1)
    year, month = last - dt.timedelta(days=365), last - dt.timedelta(days=30)
    return {
        "z5 Syria, 10 years": Query(zoom=5, bbox=(30.0, 29.0, 47.0, 40.0)),
        "z7 Syria, 1 year": Query(
            zoom=7, bbox=(34.0, 31.5, 43.5, 38.0), date_from=year, date_to=last
        ),
        "z9 Idlib, 1 month, battles": Query(
            zoom=9, bbox=(35.9, 35.2, 37.4, 36.4), date_from=month, date_to=last,
            types=("battles",),
        ),
        "z11 Aleppo, 10 years": Query(zoom=11, bbox=(36.95, 36.1, 37.35, 36.3)),
    }  # fmt: skip


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def run(n: int, repeat: int) -> None:
    rows = synthetic(n)
    started = time.monotonic()
    index = ClusterIndex(rows, types(), 1, time.monotonic()).grids_build()
    out(f"\n== {n:,} events: index built in {time.monotonic() - started:.1f} s")
    old = copy.copy(index)
    old.__class__ = Float64Sums
    old.f64 = {}
    before_total = after_total = 0
    out("zoom  q  dtype   before MB  after MB  largest group")
    for zoom, level in enumerate(index.levels):
        old.f64[zoom] = float64_sums(index, zoom)
        mine = sum(getattr(level, f"cs_{c}").nbytes for c in (
            "lon_s", "lat_s", "lon_l", "lat_l"))  # fmt: skip
        theirs = sum(a.nbytes for a in old.f64[zoom])
        before, after = level.nbytes - mine + theirs, level.nbytes
        before_total, after_total = before_total + before, after_total + after
        largest = int(np.diff(np.r_[level.g_start, len(level.perm)]).max())
        out(
            f"{zoom:4d} {level.q:2d}  {level.cs_lon_s.dtype}  {before / 1e6:9.1f} "
            f"{after / 1e6:9.1f}  {largest:,}"
        )
    size = index.size
    out(
        f"grids: {before_total / 1e6:,.1f} MB -> {after_total / 1e6:,.1f} MB "
        f"({before_total / size:.1f} -> {after_total / size:.1f} bytes per event)"
    )
    out(
        f"projected to {PUBLIC_10M:,} events: "
        f"{before_total / size * PUBLIC_10M / 1e6:,.0f} MB -> "
        f"{after_total / size * PUBLIC_10M / 1e6:,.0f} MB"
    )
    out("scenario                      before p50/p95 ms  after p50/p95 ms  "
          "after/before p50  max centroid shift px")  # fmt: skip
    for name, query in scenarios().items():
        times: dict[str, list[float]] = {"before": [], "after": []}
        for i in range(repeat):
            order = (("before", old), ("after", index))
            for label, which in order if i % 2 else order[::-1]:
                t0 = time.perf_counter()
                which.query(query)
                times[label].append(time.perf_counter() - t0)
        a, b = old.query(query), index.query(query)
        assert np.array_equal(a["count"], b["count"])
        zoom = b["zoom"]
        px = 256 * 2**zoom
        dx = np.abs(a["lon"] - b["lon"]) / 360 * px
        ay, by = (grid.mercator(r["lon"], r["lat"])[1] for r in (a, b))
        shift = float(np.max(np.hypot(dx, np.abs(ay - by) * px), initial=0.0))
        p50a, p50b = pct(times["before"], 50), pct(times["after"], 50)
        out(
            f"{name:29s} {p50a:7.2f} / {pct(times['before'], 95):6.2f}    "
            f"{p50b:6.2f} / {pct(times['after'], 95):6.2f}     {p50b / p50a:5.2f}"
            f"             {shift:.4f} ({len(b['count'])} clusters)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    out(f"load average {os.getloadavg()[0]:.2f}")
    for n in args.events:
        run(n, args.repeat)
    out(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
