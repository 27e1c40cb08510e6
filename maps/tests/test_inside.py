"""Counts inside a bbox from the grids (maps.clusters.inside) against a pass over the
rows: random viewports, windows and types, events on cell edges and on the bbox's."""

import dataclasses
import datetime as dt
import random

import numpy as np
import pytest

from maps.clusters import engine, grid, inside, live_index

DAY0 = dt.date(2014, 1, 1).toordinal()
TYPES = [
    grid.TypeInfo(pk=1, slug="battles", color="#a00", top_slug="battles"),
    grid.TypeInfo(pk=2, slug="armed-clash", color="#b00", top_slug="battles"),
    grid.TypeInfo(pk=3, slug="protests", color="#0a0", top_slug="protests"),
]


def _rows(rng: np.random.Generator, n: int, first_id: int = 1) -> grid.Rows:
    """Events around three towns, some on grid cell edges (at zooms 6 to 12) and
    some at the same place; a tenth with a date range."""
    town = rng.integers(0, 3, n)
    lon = np.array([36.63, 37.16, 36.29])[town] + rng.normal(0, 0.3, n)
    lat = np.array([35.93, 36.20, 33.51])[town] + rng.normal(0, 0.3, n)
    # A cell's west edge at zoom z: lon = cx / n * 360 - 180.
    on_edge = rng.random(n) < 0.2
    cells = grid.cells_per_axis(6) * 2 ** rng.integers(0, 7, n)
    lon[on_edge] = (
        np.floor((lon[on_edge] + 180) / 360 * cells[on_edge]) / cells[on_edge] * 360
        - 180
    )
    # A cell's north edge: the inverse projection of cy / n.
    on_edge = rng.random(n) < 0.2
    y = (1 - np.log(np.tan(np.radians(lat)) + 1 / np.cos(np.radians(lat))) / np.pi) / 2
    y = np.floor(y * cells) / cells
    lat[on_edge] = np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * y))))[on_edge]
    lon[::50], lat[::50] = 36.5, 35.5  # a place with many events
    start = DAY0 + rng.integers(0, 3650, n)
    last = start + np.where(rng.random(n) < 0.1, rng.integers(1, 90, n), 0)
    return grid.Rows(
        ids=np.arange(first_id, first_id + n, dtype=np.int64),
        lon=lon,
        lat=lat,
        start=start.astype(np.int32),
        last=last.astype(np.int32),
        type_idx=rng.integers(0, len(TYPES), n).astype(np.int64),
        disputed=rng.random(n) < 0.1,
    )


def _queries(rows: grid.Rows, seed: int, n: int = 150):
    """Random queries; bbox edges often on an event's own coordinates."""
    rng = random.Random(seed)
    for _ in range(n):
        zoom = rng.randrange(0, 16)
        if rng.random() < 0.5:
            i, j = rng.randrange(len(rows.ids)), rng.randrange(len(rows.ids))
            # Just past, on or just before those events (and the cell edges some
            # of them are on).
            nudge = [rng.choice([-1e-9, 0.0, 1e-9]) for _ in range(4)]
            lons = sorted((rows.lon[i] + nudge[0], rows.lon[j] + nudge[1]))
            lats = sorted((rows.lat[i] + nudge[2], rows.lat[j] + nudge[3]))
            lons, lats = [float(v) for v in lons], [float(v) for v in lats]
        else:
            lon, lat = rng.uniform(35.5, 37.8), rng.uniform(33, 36.8)
            half = rng.choice([0.01, 0.1, 0.5, 2, 20])
            lons, lats = [lon - half, lon + half], [lat - half / 2, lat + half / 2]
        if lons[0] == lons[1] or lats[0] == lats[1]:
            continue
        first = DAY0 + rng.randrange(-30, 3650)
        window = rng.choice(
            [(None, None), (first, first + 30), (first, first + 365), (first, None)]
        )
        yield grid.Query(
            zoom=zoom,
            bbox=(lons[0], lats[0], lons[1], lats[1]),
            date_from=dt.date.fromordinal(window[0]) if window[0] else None,
            date_to=dt.date.fromordinal(window[1]) if window[1] else None,
            types=rng.choice([(), ("battles",), ("armed-clash", "protests")]),
        )


def _scan(index: engine.ClusterIndex, query: grid.Query) -> int:
    """The pass over every row (``rows`` given: never the grids)."""
    return inside.count(index, query, np.arange(index.size))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_grid_count_is_the_count_of_a_pass_over_the_rows(seed):
    rows = _rows(np.random.default_rng(seed), 3000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    checked = 0
    for query in _queries(rows, seed):
        assert inside.grid_count(index, query) == _scan(index, query), query
        checked += 1
    assert checked > 100


def test_a_bbox_holding_every_event_counts_them_all():
    rows = _rows(np.random.default_rng(4), 2000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    for bbox in (index.extent, (-180.0, -90.0, 180.0, 90.0)):
        query = grid.Query(zoom=9, bbox=bbox, types=("battles",))
        assert inside.grid_count(index, query) == _scan(index, query) > 0


def test_large_indexes_count_on_the_grids_masked_queries_in_one_pass(monkeypatch):
    rows = _rows(np.random.default_rng(5), 1000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    monkeypatch.setattr(inside, "GRID_COUNT_FROM", 0)
    calls, real = [], inside.grid_count
    monkeypatch.setattr(
        inside, "grid_count", lambda *args: calls.append(args) or real(*args)
    )
    query = grid.Query(zoom=8, bbox=(36.0, 35.0, 37.0, 36.0))
    index.count_inside(query)
    assert len(calls) == 1
    index.count_inside(grid.Query(zoom=8, bbox=query.bbox, mask=index.disputed))
    assert len(calls) == 1


@pytest.mark.parametrize("seed", [6, 7])
def test_a_live_index_counts_as_an_index_built_after_its_writes(seed, monkeypatch):
    """The base's grid count less its written rows inside, plus the delta's rows."""
    monkeypatch.setattr(inside, "GRID_COUNT_FROM", 0)
    rng = np.random.default_rng(seed)
    rows = _rows(rng, 3000)
    base = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    written = rng.choice(rows.ids, 200, replace=False)
    # Half of the written events are gone (retracted), half moved and re-dated;
    # some new ones are published.
    moved = _rows(rng, 100)
    moved = grid.Rows(**{**vars(moved), "ids": np.sort(written[:100])})
    new = _rows(rng, 50, first_id=10_000)
    delta = grid.Rows(
        **{
            name: np.concatenate([getattr(moved, name), getattr(new, name)])
            for name in vars(moved)
        }
    )
    index = live_index.LiveIndex(
        base,
        delta,
        written=frozenset(written.tolist()) | frozenset(new.ids.tolist()),
        counter=2,
        titles=["t"] * len(delta.ids),
    )
    keep = ~np.isin(rows.ids, written)
    after = grid.Rows(
        **{
            name: np.concatenate([getattr(rows, name)[keep], getattr(delta, name)])
            for name in vars(rows)
        }
    )
    fresh = engine.ClusterIndex(after, TYPES, counter=2, built_at=0.0)
    for query in _queries(after, seed, n=80):
        assert index.count_inside(query) == _scan(fresh, query), query


@pytest.mark.parametrize("seed", [8, 9])
def test_a_clustered_answer_counts_inside_on_the_cells_it_looked_up(seed, monkeypatch):
    """Without writes or a mask the answer carries the exact count inside its bbox,
    from its own grid lookup: no second lookup of the groups (issue 16: a new view
    looked them up twice, once for the clusters and once for the count)."""
    rows = _rows(np.random.default_rng(seed), 3000)
    index = live_index.LiveIndex(
        engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    )
    lookups, real = [], engine.ClusterIndex._groups
    monkeypatch.setattr(
        engine.ClusterIndex,
        "_groups",
        lambda self, *args: lookups.append(args) or real(self, *args),
    )
    counted = 0
    for query in _queries(rows, seed):
        lookups.clear()
        answer = index.query(query)
        if query.zoom > grid.MAX_GRID_ZOOM and answer.get("exact"):
            continue  # the bbox's own rows were listed: their number is the count
        assert answer["inside"] == _scan(index.base, query), query
        assert len(lookups) == 1
        counted += 1
    assert counted > 80


def test_a_small_mask_counts_on_its_own_grids_writes_count_as_before(monkeypatch):
    rng = np.random.default_rng(10)
    rows = _rows(rng, 3000)
    base = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    mask = base.disputed  # a tenth of the rows: a sub-index of its own
    for query in _queries(rows, 10, n=60):
        if query.zoom > grid.MAX_GRID_ZOOM:
            continue
        masked = dataclasses.replace(query, mask=mask)
        answer = live_index.LiveIndex(base).query(masked, np.zeros(0, dtype=bool))
        assert answer["inside"] == _scan(base, masked), query
    # A write since the base: the base's tally less the written rows, plus the
    # delta's, carries no count (LiveIndex.count_inside counts it).
    index = live_index.LiveIndex(
        base, written=frozenset({int(rows.ids[0])}), counter=2, titles=[]
    )
    query = grid.Query(zoom=8, bbox=(36.0, 35.0, 37.0, 36.0))
    assert "inside" not in index.query(query)
    assert index.count_inside(query) == _scan(base, query) - int(
        base._in_bbox(np.array([0]), query.bbox)[0]
    )


@pytest.mark.parametrize("seed", [11, 12])
def test_an_edge_counted_on_finer_grids_is_the_count_of_a_pass(seed, monkeypatch):
    """Every edge refined (REFINE_FROM 0): finer grids' cells inside by their
    counts, outside or inside by their extents, the finest edge event by event."""
    monkeypatch.setattr(inside, "REFINE_FROM", 0)
    rows = _rows(np.random.default_rng(seed), 3000)
    index = live_index.LiveIndex(
        engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    )
    for query in _queries(rows, seed):
        assert inside.grid_count(index.base, query) == _scan(index.base, query)
        found = index.query(query)
        if "inside" in found:
            assert found["inside"] == _scan(index.base, query), query
