"""Queries with a row mask (actor, text, place, disputed) or rows left out (the writes
since the build, live_index.LiveIndex): sub-indexes and scans."""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from maps.clusters.grid import (
    ENUMERATE_LIMIT,
    Query,
    Rows,
    cells_per_axis,
)
from maps.clusters.tally import Tally, empty_tally

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex

# Masked path (actor, text, place, disputed): a mask keeping at most this many rows
# gets grids of its own (built per zoom on first use, kept with the mask), so its
# requests cost what unmasked ones do; larger masks take the one-pass path.
SUB_INDEX_MAX_ROWS = 400_000
SUB_INDEX_CACHE_BYTES = 256 * 2**20  # all cached sub-indexes of one index (LRU)


class Removed:
    """Rows of an index that the writes since its build took out or changed
    (live_index.LiveIndex): answers leave them out by subtracting sub-indexes of them."""

    MEMO_MAX = 64

    def __init__(self, size: int, rows: np.ndarray) -> None:
        self.rows = rows
        self.mask = np.zeros(size, dtype=bool)
        self.mask[rows] = True
        self.kept = ~self.mask
        self._memo: dict[tuple, tuple[object, Any]] = {}
        self._lock = threading.Lock()

    def memo(self, key: str, mask: object, compute: Callable[[], Any]):
        """``compute()`` kept under ``key`` and the identity of ``mask`` (held)."""
        k = (key, id(mask))
        with self._lock:
            hit = self._memo.get(k)
            if hit is not None and hit[0] is mask:
                return hit[1]
        value = compute()
        with self._lock:
            if len(self._memo) >= self.MEMO_MAX:
                self._memo.clear()
            self._memo[k] = (mask, value)
        return value


class MaskedQueries:
    """ClusterIndex's masked path (a mixin: it uses the grid methods of the index)."""

    def sub_of(self, rows: np.ndarray) -> ClusterIndex:
        """An index of these rows (grids built per zoom on first use), whose
        viewports are clipped as this index's are."""
        data = Rows(
            ids=self.ids[rows],
            lon=self.lon[rows],
            lat=self.lat[rows],
            start=self.start[rows],
            last=self.last[rows],
            type_idx=self.type_idx[rows],
            disputed=self.disputed[rows],
        )
        sub = type(self)(
            data, self.types, self.counter, self.built_at, extent=self.extent
        )
        sub._parent = weakref.ref(self)  # its grids take this one's q (grid_bits)
        return sub

    def grid_bits(self, zoom: int) -> int | None:
        """The ``q`` of the grid ``zoom`` of the index this is a sub-index of, when
        that grid is held: a sub-index's grid takes it, so that subtracting its sums
        from its parent's cancels its events' positions exactly (maps.clusters.sums);
        None: a grid chooses its own."""
        parent = getattr(self, "_parent", None)
        parent = parent() if parent is not None else None
        if parent is None:
            return None
        levels = parent.levels
        level = levels[zoom] if isinstance(levels, list) else levels.held(zoom)
        return None if level is None else level.q

    def _sub_index(
        self, mask: np.ndarray, *, complement: bool = False
    ) -> tuple[np.ndarray, ClusterIndex] | None:
        """(rows, sub-index of those rows) of a mask (or of the rows it leaves out)
        that selects few rows, cached by the mask's identity.

        Callers pass the same mask object for the same filters (maps.selectors.filter_masks
        caches masks per data version); None when it selects too many rows (also
        cached: counting them is a pass over every row)."""
        key = (id(mask), complement)
        with self._subs_lock:
            entry = self._subs.get(key)
            if entry is not None and entry[0] is mask:
                self._subs.move_to_end(key)
                return None if entry[2] is None else (entry[1], entry[2])
        rows = np.flatnonzero(~mask if complement else mask)
        if len(rows) > SUB_INDEX_MAX_ROWS:
            with self._subs_lock:
                self._subs[key] = (mask, rows[:0], None)
            return None
        sub = self.sub_of(rows)
        with self._subs_lock:
            self._subs[key] = (mask, rows, sub)
            # Levels are added on use, so the size is measured at each new mask.
            while len(self._subs) > 1 and (
                sum(
                    e[1].nbytes + (e[2].nbytes if e[2] else 0)
                    for e in self._subs.values()
                )
                > SUB_INDEX_CACHE_BYTES
            ):
                self._subs.popitem(last=False)
        return rows, sub

    def _plan(self, query: Query, removed: Removed | None):
        """How grids answer ``query`` less the ``removed`` rows: (the index whose grids
        answer, its rows in this index or None when it is this index, sub-indexes of
        disjoint rows to subtract, row mask of its events to list or None, row mask
        of its removed rows or None); None when a pass over the rows does (a large
        mask that also drops many rows).

        A mask that keeps few rows has grids of its own; one that drops few (disputed=
        false) is this index's grids less those of the rows it drops; removed rows
        are subtracted the same way."""
        mask = query.mask
        gone = removed is not None and len(removed.rows) > 0
        if mask is None:
            if not gone:
                return self, None, [], None, None
            sub = removed.memo("all", None, lambda: self.sub_of(removed.rows))
            return self, None, [sub], removed.kept, removed.mask
        found = self._sub_index(mask)
        if found is not None:
            rows, sub = found
            if not gone:
                return sub, rows, [], None, None

            def inside() -> tuple[list, np.ndarray, np.ndarray]:
                gone = removed.mask[rows]  # over the sub-index's rows
                inner = np.flatnonzero(gone)
                return [sub.sub_of(inner)] if len(inner) else [], ~gone, gone

            minus, keep, gone = removed.memo("sub", mask, inside)
            return sub, rows, minus, keep, gone
        dropped = self._sub_index(mask, complement=True)
        if dropped is None:
            return None
        if not gone:
            return self, None, [dropped[1]], mask, None

        def less() -> tuple[list, np.ndarray]:
            also = np.flatnonzero(removed.mask & mask)
            return [self.sub_of(also)] if len(also) else [], mask & removed.kept

        minus, keep = removed.memo("less", mask, less)
        return self, None, [dropped[1], *minus], keep, removed.mask

    def _scan_rows(self, query: Query, removed: Removed | None) -> np.ndarray:
        """Rows the mask keeps (less the removed), in the window and types."""
        mask = query.mask if removed is None else query.mask & removed.kept
        rows = np.flatnonzero(mask)
        d_from, d_to = self._days(query)
        day_from, day_to = d_from + self.day0, d_to + self.day0
        keep = (self.last[rows] >= day_from) & (self.start[rows] <= day_to)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            keep &= type_ok[self.type_idx[rows]]
        return rows[keep]

    def event_rows(
        self, query: Query, *, removed: Removed | None = None
    ) -> np.ndarray | None:
        """Sorted rows of the events inside the bbox, for zooms past the grids;
        None when too many to list."""
        plan = self._plan(query, removed)
        if plan is None:
            rows = self._scan_rows(query, removed)
            rows = rows[self._in_bbox(rows, query.bbox)]
            return rows if len(rows) <= ENUMERATE_LIMIT else None
        index, rows, _minus, keep, _gone = plan
        found = index._grid_event_rows(dataclasses.replace(query, mask=None), kept=keep)
        if found is None or rows is None:
            return found
        return rows[found]  # rows ascend in both, so the order holds

    def grid_tally(
        self, query: Query, zoom: int, *, removed: Removed | None = None
    ) -> Tally:
        """The cells of the viewport at ``zoom`` (a grid zoom)."""
        plan = self._plan(query, removed)
        if plan is None:
            rows = self._scan_rows(query, removed)
            cells = self._cell_range(query.bbox, zoom, query.extent)
            if cells is None:
                return empty_tally(zoom, len(self.tops) or 1)
            n = cells_per_axis(zoom)
            cx = (self.mx[rows] * n).astype(np.int64)
            cy = (self.my[rows] * n).astype(np.int64)
            inside = (
                (cx >= cells[0])
                & (cx <= cells[1])
                & (cy >= cells[2])
                & (cy <= cells[3])
            )
            return self.rows_tally(rows[inside], zoom)
        index, rows, minus, keep, gone = plan
        extents = None
        if gone is not None:  # cells' extents as if the removed rows were never there
            extents = removed.memo(
                f"extents:{zoom}",
                index,
                lambda: index.levels[zoom].extents_less(index, gone),
            )
        tally = index._grid_tally(
            dataclasses.replace(query, mask=None),
            zoom,
            minus=minus,
            keep=keep,
            extents=extents,
        )
        if rows is not None:
            single = np.where(tally.single >= 0, rows[tally.single], -1)
            tally = dataclasses.replace(tally, single=single)
        return tally
