"""A window's bounds over a whole level (maps.clusters.windows, issue 16): answers as
the binary searches of each view's groups give them, taken from the kept arrays once a
window is asked again."""

import dataclasses
import datetime as dt
import gc
import weakref

import numpy as np
import pytest

from maps.clusters import engine, grid, windows
from maps.tests.test_inside import DAY0, TYPES, _queries, _rows


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        np.testing.assert_array_equal(np.asarray(a[key]), np.asarray(b[key]), key)


def _windowed(rows: grid.Rows, seed: int):
    """Random views, each in one of three windows (so that windows repeat)."""
    spans = [(DAY0 + 400, DAY0 + 765), (DAY0 + 2000, DAY0 + 2030), (None, DAY0 + 900)]
    for k, query in enumerate(_queries(rows, seed, n=120)):
        first, last = spans[k % 3]
        yield dataclasses.replace(
            query,
            date_from=dt.date.fromordinal(first) if first else None,
            date_to=dt.date.fromordinal(last),
        )


@pytest.mark.parametrize("seed", [11, 12])
def test_views_in_a_window_asked_again_answer_as_searched_ones(seed, monkeypatch):
    rows = _rows(np.random.default_rng(seed), 3000)
    kept = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    searched = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    queries = list(_windowed(rows, seed))
    answers = [(kept.query(q), kept.count_inside(q)) for q in queries]
    assert len(kept.windows) > 0  # the windows came again: kept
    with monkeypatch.context() as patched:  # the searches alone
        patched.setattr(windows.Windows, "_get", lambda *args, **kw: None)
        for query, (answer, count) in zip(queries, answers, strict=True):
            _same(answer, searched.query(query))
            assert count == searched.count_inside(query)
    assert len(searched.windows) == 0


def test_a_window_is_kept_at_its_second_sight_and_then_searches_nothing():
    rows = _rows(np.random.default_rng(13), 3000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    fresh = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    window = {"date_from": dt.date(2016, 1, 1), "date_to": dt.date(2016, 12, 31)}
    views = [
        (36.2, 35.5, 36.9, 36.1),
        (36.3, 35.6, 37.0, 36.2),
        (36.4, 35.4, 36.8, 36.0),
    ]
    queries = [grid.Query(zoom=9, bbox=bbox, **window) for bbox in views]
    index.query(queries[0])
    assert len(index.windows) == 0  # seen once: the view's groups were searched
    index.query(queries[1])
    assert len(index.windows) == 2  # both ends of the window, over the whole level
    # The level's sorted runs are no longer read for this window: spoil them.
    level = index.levels[9]
    level.key_s, level.key_l = np.zeros_like(level.key_s), np.zeros_like(level.key_l)
    _same(index.query(queries[2]), fresh.query(queries[2]))
    assert index.count_inside(queries[2]) == fresh.count_inside(queries[2])


def test_kept_windows_are_bounded_in_bytes(monkeypatch):
    rows = _rows(np.random.default_rng(14), 2000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    fresh = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    level_bytes = 4 * len(index.levels[8].g_start)
    monkeypatch.setattr(windows, "MAX_BYTES", 3 * level_bytes)
    for day in range(0, 3000, 300):
        window = {"date_from": dt.date.fromordinal(DAY0 + day), "date_to": None}
        for bbox in ((36.0, 35.0, 37.0, 36.0), (36.1, 35.1, 37.1, 36.1)):
            query = grid.Query(zoom=8, bbox=bbox, **window)
            _same(index.query(query), fresh.query(query))
        assert index.windows.nbytes <= 3 * level_bytes


def test_kept_windows_go_with_their_index():
    """Kept beside the index (never in the shared index's file), they hold no
    reference to it: a replaced index is freed with its windows."""
    rows = _rows(np.random.default_rng(15), 1000)
    index = engine.ClusterIndex(rows, TYPES, counter=1, built_at=0.0)
    for bbox in ((36.0, 35.0, 37.0, 36.0), (36.1, 35.1, 37.1, 36.1)):
        index.query(grid.Query(zoom=8, bbox=bbox, date_from=dt.date(2016, 1, 1)))
    assert len(index.windows) == 2
    gone, kept = weakref.ref(index), weakref.ref(index.windows)
    assert windows._of.get(index) is index.windows
    del index
    gc.collect()  # other tests' indexes may go too: follow this one's windows only
    assert gone() is None
    assert kept() is None
