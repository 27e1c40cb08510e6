"""A time window's bounds for every group of a level, kept per index (issue 16).

A viewport's window counts are binary searches of its (cell, type) groups' runs: at
1M events, ~4,000 groups at zoom 12 cost ~0.25 ms, half of a new view's grid work. The
bounds depend on the window alone, not on the viewport, so a window asked again at a
zoom (a reader panning with one date range) takes them from arrays over every group
of the level, computed once: ``upto`` (per group: its events starting on or before
``d_to``, an end in key_s) and ``since`` (its events ending before ``d_from``, an end
in key_l, and the first event that can reach ``d_from``, a start in key_s). Each end
of the window is kept apart, so moving one end of the timeline keeps the other's.

A window is computed for the whole level on its second sight at that zoom (the first
searches the viewport's groups alone, as before): a timeline being dragged asks each
window once and pays nothing more. Bounded in bytes (LRU); it lives and dies with its
index (a base index lives across writes until it is compacted), beside it rather
than in it, so that the shared index's file (maps.clusters.store) never sees it.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex
    from maps.clusters.grid import Level

MAX_BYTES = 16 * 2**20  # per index; at 1M events one window over every level ~1 MB
SEEN_MAX = 4096  # windows seen once, remembered (their keys only)


class Windows:
    """One index's kept window bounds, by (zoom, end of the window) (module docstring)."""

    def __init__(self, span: int) -> None:
        self.span = span  # the index's day_span (a group's keys are g * span + day)
        self._items: OrderedDict[tuple, tuple[Level, tuple[np.ndarray, ...]]] = (
            OrderedDict()
        )
        self._seen: OrderedDict[tuple, None] = OrderedDict()
        self._nbytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        return self._nbytes

    def bounds(
        self, level: Level, groups: np.ndarray, d_from: int, d_to: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(i_s, i_l) of ``groups``: the ends of their events starting on or before
        ``d_to`` in key_s, and of those ending before ``d_from`` in key_l."""
        dtype = level.key_dtype
        keys = None
        upto = self.upto(level, d_to)
        if upto is not None:
            i_s = upto[groups].astype(np.int64)
        else:
            keys = groups.astype(dtype) * dtype(self.span)
            i_s = np.searchsorted(level.key_s, keys + dtype(d_to), "right")
        since = self.since(level, d_from)
        if since is not None:
            return i_s, since[0][groups].astype(np.int64)
        if keys is None:
            keys = groups.astype(dtype) * dtype(self.span)
        return i_s, np.searchsorted(level.key_l, keys + dtype(d_from - 1), "right")

    def first(self, level: Level, groups: np.ndarray, d_from: int) -> np.ndarray:
        """Per group of ``groups``: its first event in key_s that can end on or after
        ``d_from`` (those before it end earlier: each group's longest event)."""
        since = self.since(level, d_from, peek=True)
        if since is not None:
            return since[1][groups].astype(np.int64)
        dtype = level.key_dtype
        lo_day = np.maximum(d_from - level.g_maxdur[groups], 0).astype(dtype)
        return np.searchsorted(
            level.key_s, groups.astype(dtype) * dtype(self.span) + lo_day
        )

    def upto(self, level: Level, d_to: int) -> np.ndarray | None:
        """Per group of ``level``: the end of its events starting on or before
        ``d_to`` in key_s; None at the window's first sight."""
        key = ("upto", level.zoom, d_to)
        found = self._get(level, key, lambda: self._upto(level, d_to))
        return None if found is None else found[0]

    def since(
        self, level: Level, d_from: int, *, peek: bool = False
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Per group of ``level``: (the end of its events ending before ``d_from``
        in key_l, the first of its events in key_s that can end on or after
        ``d_from``); None at the window's first sight (``peek``: when not kept)."""
        found = self._get(
            level,
            ("since", level.zoom, d_from),
            lambda: self._since(level, d_from),
            peek=peek,
        )
        return None if found is None else (found[0], found[1])

    def _get(self, level: Level, key: tuple, compute, *, peek: bool = False):
        with self._lock:
            entry = self._items.get(key)
            if entry is not None and entry[0] is level:
                self._items.move_to_end(key)
                return entry[1]
            if peek:
                return None
            if key not in self._seen:  # first sight: the caller searches its groups
                self._seen[key] = None
                while len(self._seen) > SEEN_MAX:
                    self._seen.popitem(last=False)
                return None
        arrays = compute()
        size = sum(a.nbytes for a in arrays)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._nbytes -= sum(a.nbytes for a in old[1])
            self._items[key] = (level, arrays)
            self._nbytes += size
            while self._nbytes > MAX_BYTES and len(self._items) > 1:
                _, (_, dropped) = self._items.popitem(last=False)
                self._nbytes -= sum(a.nbytes for a in dropped)
        return arrays

    def _keys(self, level: Level) -> np.ndarray:
        dtype = level.key_dtype
        return np.arange(len(level.g_start), dtype=dtype) * dtype(self.span)

    @staticmethod
    def _small(level: Level, positions: np.ndarray) -> np.ndarray:
        """Positions in a level's runs: int32 halves them (fewer than 2**31 events)."""
        return positions.astype(np.int32) if len(level.key_s) < 2**31 else positions

    def _upto(self, level: Level, d_to: int) -> tuple[np.ndarray]:
        keys = self._keys(level) + level.key_dtype(d_to)
        return (self._small(level, np.searchsorted(level.key_s, keys, "right")),)

    def _since(self, level: Level, d_from: int) -> tuple[np.ndarray, np.ndarray]:
        dtype, keys = level.key_dtype, self._keys(level)
        i_l = np.searchsorted(level.key_l, keys + dtype(d_from - 1), "right")
        lo_day = np.maximum(d_from - level.g_maxdur, 0).astype(dtype)
        lo = np.searchsorted(level.key_s, keys + lo_day)
        return self._small(level, i_l), self._small(level, lo)


_of: weakref.WeakKeyDictionary[ClusterIndex, Windows] = weakref.WeakKeyDictionary()
_of_lock = threading.Lock()


def windows_of(index: ClusterIndex) -> Windows:
    """The process's Windows of ``index`` (made on first use, gone with it)."""
    found = _of.get(index)
    if found is None:
        with _of_lock:
            found = _of.get(index)
            if found is None:
                found = _of[index] = Windows(index.day_span)
    return found
