"""Queries with a row mask (actor, text, place, disputed): sub-indexes and scans."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from maps.clusters.grid import (
    ENUMERATE_LIMIT,
    MAX_GRID_ZOOM,
    Query,
    Rows,
    cells_per_axis,
    empty_answer,
)

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex

# Masked path (actor, text, place, disputed): a mask keeping at most this many rows
# gets grids of its own (built per zoom on first use, kept with the mask), so its
# requests cost what unmasked ones do; larger masks take the one-pass path.
SUB_INDEX_MAX_ROWS = 400_000
SUB_INDEX_CACHE_BYTES = 256 * 2**20  # all cached sub-indexes of one index (LRU)


class MaskedQueries:
    """ClusterIndex's masked path (a mixin: it uses the grid methods of the index)."""

    def _sub_index(
        self, mask: np.ndarray, *, complement: bool = False
    ) -> tuple[np.ndarray, ClusterIndex] | None:
        """(rows, sub-index of those rows) of a mask (or of the rows it leaves out)
        that selects few rows, cached by the mask's identity.

        Callers pass the same mask object for the same filters (maps.selectors
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

    def _query_masked(self, query: Query) -> dict:
        """Actor, text, place and disputed filters: the mask's own grids when it keeps
        few rows (rows are sorted by id in both, so sub-index row i is rows[i]); this
        index's grids less those of the rows it drops when it drops few (disputed=
        false); else one pass over the rows it keeps."""
        plain = dataclasses.replace(query, mask=None)
        found = self._sub_index(query.mask)
        if found is None:
            dropped = self._sub_index(query.mask, complement=True)
            if dropped is None:
                return self._query_masked_scan(query)
            answer = None
            if query.zoom > MAX_GRID_ZOOM:
                answer = self._query_events(plain, kept=query.mask)
            if answer is None:
                zoom = self._effective_zoom(query.bbox, query.zoom)
                answer = self._query_grid(
                    plain, zoom, minus=dropped[1], keep=query.mask
                )
            return answer
        rows, sub = found
        answer = None
        if query.zoom > MAX_GRID_ZOOM:
            answer = sub._query_events(plain)
        if answer is None:
            zoom = self._effective_zoom(query.bbox, query.zoom)
            answer = sub._query_grid(plain, zoom)
        answer["events"] = rows[answer["events"]]
        return answer

    def _query_masked_scan(self, query: Query) -> dict:
        """Masked path for large masks: one pass over the rows the mask keeps."""
        rows = np.flatnonzero(query.mask)
        d_from, d_to = self._days(query)
        day_from, day_to = d_from + self.day0, d_to + self.day0
        keep = (self.last[rows] >= day_from) & (self.start[rows] <= day_to)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            keep &= type_ok[self.type_idx[rows]]
        rows = rows[keep]
        if query.zoom > MAX_GRID_ZOOM:
            rows = rows[self._in_bbox(rows, query.bbox)]
            if len(rows) <= ENUMERATE_LIMIT:
                return self._cluster_rows(rows, query.zoom, exact_bbox=True)
        zoom = self._effective_zoom(query.bbox, query.zoom)
        cells = self._cell_range(query.bbox, zoom)
        if cells is None:
            return empty_answer(zoom)
        n = cells_per_axis(zoom)
        cx = (self.mx[rows] * n).astype(np.int64)
        cy = (self.my[rows] * n).astype(np.int64)
        inside = (
            (cx >= cells[0]) & (cx <= cells[1]) & (cy >= cells[2]) & (cy <= cells[3])
        )
        return self._cluster_rows(rows[inside], zoom)
