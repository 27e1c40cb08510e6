"""The grids' prefix sums of positions in q bits (maps.clusters.sums): centroids within
half a quantum of the events' mean, exact windows past a wrap, the uint64 fallback."""

import dataclasses
import datetime as dt
import json
import time

import numpy as np
import pytest

from maps.clusters import grid, store, sums
from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import Query, Rows
from maps.tests import storeproc
from maps.tests.storeproc import TYPES

ZOOMS = [0, 2, 5, 9, grid.MAX_GRID_ZOOM]


def _rows(rng, n: int, lon, lat) -> Rows:
    start = rng.integers(734000, 736000, n).astype(np.int32)
    return Rows(
        ids=np.arange(1, n + 1, dtype=np.int64),
        lon=rng.uniform(*lon, n),
        lat=rng.uniform(*lat, n),
        start=start,
        last=start + rng.integers(0, 60, n).astype(np.int32),
        type_idx=rng.integers(0, len(TYPES), n),
        disputed=np.zeros(n, dtype=bool),
    )


@pytest.fixture(scope="module")
def events() -> Rows:
    """Events over the world (to Mercator's edge) and packed in Syria."""
    rng = np.random.default_rng(16)
    world = _rows(rng, 1500, (-179.9, 179.9), (-84.0, 84.0))
    syria = _rows(rng, 2500, (35.5, 42.0), (32.0, 37.5))
    return Rows(
        **{
            f.name: np.concatenate([getattr(world, f.name), getattr(syria, f.name)])
            for f in dataclasses.fields(Rows)
        }
    )


def _index(rows: Rows) -> ClusterIndex:
    return ClusterIndex(rows, TYPES, 1, time.monotonic()).grids_build()


def _random_query(rng, zoom: int) -> Query:
    if rng.random() < 0.3:
        bbox = None
    else:
        lon, lat = rng.uniform(-170, 160), rng.uniform(-80, 70)
        size = 360.0 / (1 << zoom) * rng.uniform(0.5, 8)
        bbox = (lon, lat, lon + size, min(lat + size / 2, 85.0))
    days = sorted(rng.integers(734000, 736100, 2).tolist())
    types = () if rng.random() < 0.4 else (TYPES[rng.integers(len(TYPES))].slug,)
    return Query(
        zoom=zoom,
        bbox=bbox,
        date_from=dt.date.fromordinal(days[0]),
        date_to=dt.date.fromordinal(days[1]),
        types=types,
    )


def _check_centroids(index: ClusterIndex, cells, query: Query, zoom: int) -> int:
    """Each cell's count and centroid against its events' own (brute force), the
    centroid within half of that cell's quantum on each axis; returns cells seen."""
    level = index.levels[zoom]
    rows = index.matching_rows(dataclasses.replace(query, bbox=None, zoom=zoom))
    n = level.n
    cell_of = (index.my[rows] * n).astype(np.int64) * n
    cell_of += (index.mx[rows] * n).astype(np.int64)
    inside = np.isin(cell_of, cells.cell)
    rows, cell_of = rows[inside], cell_of[inside]
    at = np.searchsorted(cells.cell, cell_of)
    count = np.bincount(at, minlength=len(cells.cell))
    assert np.array_equal(count, cells.count)
    mean_lon = np.bincount(at, weights=index.lon[rows]) / count
    mean_lat = np.bincount(at, weights=index.lat[rows]) / count
    steps = 2.0**level.q
    edges = sums.lat_edges(n)
    row = cells.cell // n
    half_lon = 360.0 / n / steps / 2
    half_lat = (edges[row] - edges[row + 1]) / steps / 2
    lon = cells.sum_lon / cells.count + index.lon0
    lat = cells.sum_lat / cells.count + index.lat0
    assert np.all(np.abs(lon - mean_lon) <= half_lon * (1 + 1e-6) + 1e-11)
    assert np.all(np.abs(lat - mean_lat) <= half_lat * (1 + 1e-6) + 1e-11)
    return len(cells.cell)


@pytest.mark.parametrize("bits", ["chosen", "few", "uint64"])
def test_centroids_are_within_half_a_quantum_of_the_mean(events, bits, monkeypatch):
    """Random windows, types and bboxes at several zooms; "few": 10 bits at most, so
    the quantum shows (a centroid off by a whole one fails); "uint64": every grid
    falls back to 64-bit sums."""
    if bits == "few":
        monkeypatch.setattr(sums, "Q_MAX", 10)
    if bits == "uint64":
        monkeypatch.setattr(sums, "Q_FLOOR", 32)
    index = _index(events)
    wanted = np.uint64 if bits == "uint64" else np.uint32
    assert all(level.cs_lon_s.dtype == wanted for level in index.levels)
    if bits == "few":
        assert max(level.q for level in index.levels) == 10
    rng = np.random.default_rng(5)
    seen = 0
    for zoom in ZOOMS:
        for _ in range(6):
            query = _random_query(rng, zoom)
            cells = index._grid_cells(query, zoom)
            if cells is not None:
                seen += _check_centroids(index, cells, query, zoom)
    assert seen > 100  # the queries found cells to check


def test_window_sums_are_exact_where_the_prefix_sums_wrap():
    """Events high in one zoom-0 cell: the prefix sums pass 2**32 (inside a group
    too), each group's window sums stay below it, and the centroids stay exact."""
    rng = np.random.default_rng(3)
    rows = _rows(rng, 2100, (80.0, 89.9), (60.0, 66.4))  # cell (2, 1) of zoom 0
    index = _index(rows)
    level = index.levels[0]
    assert len(level.g_cell) == len(TYPES)  # one cell, a group per type
    assert level.cs_lon_s.dtype == np.uint32
    q_lon, _ = sums.positions(index.mx, index.my, index.lat, level.n, level.q)
    true_total = int(q_lon.astype(np.uint64).sum())
    assert true_total > 2**32  # the running sums wrapped
    ends = np.r_[level.g_start, len(level.perm)]
    wrapped_inside = level.cs_lon_s[ends[1:]] < level.cs_lon_s[ends[:-1]]
    assert wrapped_inside.any()  # a group's own window crosses the wrap
    rng = np.random.default_rng(4)
    for _ in range(20):
        query = dataclasses.replace(_random_query(rng, 0), bbox=None)
        cells = index._grid_cells(query, 0)
        if cells is not None:
            _check_centroids(index, cells, query, 0)
    everything = index._grid_cells(Query(zoom=0), 0)
    assert _check_centroids(index, everything, Query(zoom=0), 0) == 1


def test_the_chooser_leaves_no_window_room_to_overflow():
    assert sums.bits_for(0) == (sums.Q_MAX, np.uint32)
    assert sums.bits_for(255) == (24, np.uint32)
    assert sums.bits_for(256) == (23, np.uint32)
    assert sums.bits_for(2**24 - 1) == (sums.Q_FLOOR, np.uint32)
    assert sums.bits_for(2**24) == (24, np.uint64)  # 7 bits left: 64-bit sums
    assert sums.bits_for(10**9) == (24, np.uint64)
    for largest in [1, 3, 1000, 2**20 + 5, 2**24 - 1, 2**24, 10**8, 2**39 - 1]:
        q, dtype = sums.bits_for(largest)
        assert q >= sums.Q_FLOOR
        assert largest * (2**q - 1) < 2 ** (8 * np.dtype(dtype).itemsize)
    assert sums.dtype_for(24, 255) == np.uint32  # a sub-index's smaller groups
    assert sums.dtype_for(24, 256) == np.uint64  # (never larger than its parent's)


def test_a_sub_index_takes_its_parents_bits(events):
    """Its sums then cancel its parent's exactly: the cells less the sub-index's
    events are still within half a quantum of the rest's mean."""
    index = _index(events)
    keep = np.ones(index.size, dtype=bool)
    keep[::7] = False
    sub = index.sub_of(np.flatnonzero(~keep))
    for zoom in ZOOMS:
        assert sub.levels[zoom].q == index.levels[zoom].q
    rest = index.sub_of(np.flatnonzero(keep))
    for zoom in (0, 5):
        query = Query(zoom=zoom, date_from=dt.date(2011, 1, 1))
        tally = index._grid_tally(query, zoom, minus=[sub], keep=keep)
        wanted = rest._grid_tally(query, zoom)
        assert np.array_equal(tally.cell, wanted.cell)
        assert np.array_equal(tally.count, wanted.count)
        lon = tally.sum_lon / tally.count + tally.lon0
        lat = tally.sum_lat / tally.count + tally.lat0
        assert np.allclose(lon, wanted.sum_lon / wanted.count + rest.lon0, atol=1e-9)
        assert np.allclose(lat, wanted.sum_lat / wanted.count + rest.lat0, atol=1e-9)


def test_the_mapped_index_answers_as_the_heap_one(events, tmp_path):
    index = _index(events)
    store.write_version(tmp_path, index)
    mapped = store._map(tmp_path)
    rng = np.random.default_rng(9)
    for zoom in ZOOMS:
        mine, theirs = index.levels[zoom], mapped.levels[zoom]
        assert theirs.q == mine.q
        assert theirs.cs_lat_l.dtype == np.uint32
        assert np.array_equal(theirs.cs_lat_l, mine.cs_lat_l)
        query = _random_query(rng, zoom)
        a, b = index.query(query), mapped.query(query)
        assert np.array_equal(a["lon"], b["lon"])
        assert np.array_equal(a["lat"], b["lat"])
        assert np.array_equal(a["count"], b["count"])


def test_an_index_file_of_the_former_format_is_built_anew(tmp_path):
    """A version written before an upgrade (float64 sums) is never mapped: the
    machine's index is built and published again (events.shared_index.OtherFormat)."""

    def obtain():
        return store.obtain(
            tmp_path, storeproc.build_index, 1, held=None,
            usable=lambda found: found.counter == 1, max_age=300,
        )  # fmt: skip

    first = obtain().store_name
    meta = tmp_path / first / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 1}))
    store.forget()
    try:
        assert store.current(tmp_path) is None
        builds = store.stats["builds"]
        index = obtain()
        assert store.stats["builds"] == builds + 1
        assert index.store_name != first
        assert storeproc.answers(index) == storeproc.answers(storeproc.build_index(1))
    finally:
        store.forget()
