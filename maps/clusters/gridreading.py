"""The grid reading of a ClusterIndex (maps.clusters.engine): a viewport's (cell, type)
groups at one zoom within a window, their cells tallied (less a sub-index's), and the
rows of high-zoom cells."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from maps.clusters import inside, sums
from maps.clusters.grid import (
    ENUMERATE_LIMIT,
    MAX_GRID_ZOOM,
    Cells,
    Level,
    Query,
    concat_ranges,
)
from maps.clusters.tally import Tally, empty_tally

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex


class GridReading:
    """ClusterIndex's methods that read its per-zoom grids (a mixin: every attribute
    they use is the index's)."""

    def _window_counts(self, level: Level, groups: np.ndarray, d_from: int, d_to: int):
        return self.windows.bounds(level, groups, d_from, d_to)

    def _groups(self, level: Level, query: Query, zoom: int):
        """(groups, i_s, i_l, d_from): the viewport's (cell, type) groups at ``zoom``
        of the query's types, with their window bounds; None outside the data."""
        cells = self._cell_range(query.bbox, zoom, query.extent)
        if cells is None:
            return None
        groups = level.groups_in(*cells)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            groups = groups[type_ok[level.g_type[groups]]]
        d_from, d_to = self._days(query)
        i_s, i_l = self._window_counts(level, groups, d_from, d_to)
        return groups, i_s, i_l, d_from

    def _grid_cells(self, query: Query, zoom: int) -> Cells | None:
        """Per grid cell in the viewport at ``zoom``: the events in the window and
        types, their coordinate sums (from lon0/lat0) and counts per top type."""
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
        first = level.g_start[groups]
        # The windows' sums of positions in the cells (q bits; maps.clusters.sums),
        # per cell, then as sums of (lon - lon0) and (lat - lat0).
        q_lon = sums.window(level.cs_lon_s, level.cs_lon_l, i_s, i_l, first)
        q_lat = sums.window(level.cs_lat_s, level.cs_lat_l, i_s, i_l, first)
        g_cells = level.g_cell[groups]
        new_cell = np.concatenate(([True], g_cells[1:] != g_cells[:-1]))
        starts = np.flatnonzero(new_cell)
        c_count = np.add.reduceat(count, starts)
        cluster_of = np.cumsum(new_cell) - 1
        c_cell = g_cells[starts]
        sum_lon, sum_lat = sums.decode(
            level, c_cell, c_count,
            np.add.reduceat(q_lon, starts), np.add.reduceat(q_lat, starts),
            self.lon0, self.lat0,
        )  # fmt: skip
        return Cells(
            level=level,
            groups=groups,
            i_s=i_s,
            i_l=i_l,
            cluster_of=cluster_of,
            d_from=d_from,
            cell=c_cell,
            count=c_count,
            sum_lon=sum_lon,
            sum_lat=sum_lat,
            by_type=self._type_matrix(
                cluster_of, level.g_type[groups], count, len(starts)
            ),
            cellidx=level.g_cellidx[groups[starts]],
        )

    def _grid_tally(
        self,
        query: Query,
        zoom: int,
        *,
        minus: list[ClusterIndex] | tuple = (),
        keep: np.ndarray | None = None,
        extents: tuple[np.ndarray, ...] | None = None,
    ) -> Tally:
        """Clusters and lone events at ``zoom``. With ``minus`` (sub-indexes of
        disjoint rows that ``keep``, a row mask, leaves out): this index's cells less
        theirs, so a filter that drops few rows costs what no filter does.
        ``extents``: the cells' extents to use instead of the level's."""
        level = self.levels[zoom]
        extents = extents or (
            level.c_min_lon,
            level.c_min_lat,
            level.c_max_lon,
            level.c_max_lat,
        )

        def extent_of(cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return level.extents_of(cell, extents)

        cells = self._grid_cells(query, zoom)
        # Nothing subtracted: the exact count inside the bbox from the same cells.
        counted = query.bbox is not None and not minus and keep is None
        if cells is None:
            empty = empty_tally(zoom, len(self.tops) or 1)
            return dataclasses.replace(
                empty, extent_of=extent_of, inside=0 if counted else None
            )
        count = cells.count
        sum_lon, sum_lat, by_type = cells.sum_lon, cells.sum_lat, cells.by_type
        for sub in minus:
            dropped = sub._grid_cells(query, zoom)
            if dropped is None:
                continue
            if count is cells.count:  # the first change: copies
                count, sum_lon = count.copy(), sum_lon.copy()
                sum_lat, by_type = sum_lat.copy(), by_type.copy()
            at = np.searchsorted(cells.cell, dropped.cell)  # its cells are ours
            count[at] -= dropped.count
            # Its sums are from its own lon0/lat0: moved to ours.
            sum_lon[at] -= dropped.sum_lon + dropped.count * (sub.lon0 - self.lon0)
            sum_lat[at] -= dropped.sum_lat + dropped.count * (sub.lat0 - self.lat0)
            by_type[at] -= dropped.by_type
        cidx = cells.cellidx
        # A cluster of one is shown as the event itself.
        ones = count == 1
        single = np.full(len(count), -1, dtype=np.int64)
        if ones.any():
            single_groups = np.flatnonzero(ones[cells.cluster_of])
            events = self._enumerate(
                level,
                cells.groups[single_groups],
                cells.i_s[single_groups],
                cells.d_from,
            )
            if keep is not None:
                events = events[keep[events]]
            single[ones] = events  # one per cell, in cell order
        some = count > 0
        cidx = cidx[some]
        bbox = np.column_stack([e[cidx] for e in extents])
        return Tally(
            zoom, cells.cell[some], count[some], sum_lon[some], sum_lat[some],
            self.lon0, self.lat0, by_type[some], bbox, single[some],
            extent_of=extent_of,
            inside=inside.cells_count(self, cells, query) if counted else None,
        )  # fmt: skip

    def _type_matrix(self, cluster_of, type_idx, count, n_clusters) -> np.ndarray:
        n_tops = len(self.tops) or 1
        flat = cluster_of * n_tops + self.type_top[type_idx]
        return (
            np.bincount(flat, weights=count, minlength=n_clusters * n_tops)
            .reshape(n_clusters, n_tops)
            .astype(np.int64)
        )

    def _enumerate(
        self, level: Level, groups: np.ndarray, i_s: np.ndarray, d_from: int
    ) -> np.ndarray:
        """Row indices of the groups' events in the window (start <= to known by i_s)."""
        lo = self.windows.first(level, groups, d_from)
        rows = level.perm[concat_ranges(lo, i_s)]
        return rows[self.last[rows] - self.day0 >= d_from]

    def _grid_event_rows(
        self, query: Query, *, kept: np.ndarray | None = None
    ) -> np.ndarray | None:
        """Sorted rows of the events inside the bbox at high zoom (of the rows
        ``kept``, a row mask, keeps); None when too many to enumerate."""
        level = self.levels[MAX_GRID_ZOOM]
        found = self._groups(level, query, MAX_GRID_ZOOM)
        if found is None:
            return np.empty(0, dtype=np.int64)
        groups, i_s, i_l, d_from = found
        if int((i_s - i_l).sum()) > ENUMERATE_LIMIT:
            return None
        keep = i_s > i_l
        groups, i_s = groups[keep], i_s[keep]
        if query.bbox is None:
            rows = self._enumerate(level, groups, i_s, d_from)
        else:  # only the cells whose events lie on both sides are checked one by one
            whole, none = level.cells_inside(groups, query.bbox)
            straddle = ~(whole | none)
            rows = self._enumerate(level, groups[straddle], i_s[straddle], d_from)
            rows = np.concatenate(
                (
                    self._enumerate(level, groups[whole], i_s[whole], d_from),
                    rows[self._in_bbox(rows, query.bbox)],
                )
            )
        if kept is not None:
            rows = rows[kept[rows]]
        return np.sort(rows).astype(np.int64)
