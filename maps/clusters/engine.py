"""ClusterIndex: every public event in per-zoom grids; answers any viewport, zoom and window."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

import numpy as np

from maps.clusters import inside, sums
from maps.clusters.grid import (
    ENUMERATE_LIMIT,
    MAX_CELLS_AXIS,
    MAX_GRID_ZOOM,
    Cells,
    Grids,
    LazyLevels,
    Level,
    Query,
    Rows,
    TypeInfo,
    cells_per_axis,
    concat_ranges,
    corners,
    mercator,
)
from maps.clusters.masked import MaskedQueries, Removed
from maps.clusters.tally import Tally, empty_tally, tally_rows
from maps.clusters.windows import Windows, windows_of


class ClusterIndex(MaskedQueries):
    """Every public event in per-zoom grids; answers any viewport, zoom and window."""

    def __init__(
        self,
        rows: Rows,
        types: list[TypeInfo],
        counter: int,
        built_at: float,
        *,
        extent: tuple[float, float, float, float] | None = None,
    ) -> None:
        order = np.argsort(rows.ids, kind="stable")
        # (copy=False: the row order's copy is the only one, 10M rows at a time)
        self.ids = rows.ids[order].astype(np.int64, copy=False)
        self.lon = rows.lon[order].astype(np.float64, copy=False)
        self.lat = rows.lat[order].astype(np.float64, copy=False)
        self.start = rows.start[order].astype(np.int32, copy=False)
        self.last = np.maximum(rows.last[order], self.start).astype(
            np.int32, copy=False
        )
        self.type_idx = rows.type_idx[order].astype(np.int64, copy=False)
        self.disputed = rows.disputed[order].astype(bool, copy=False)
        self.types = types
        self.counter, self.built_at, self.size = counter, built_at, len(self.ids)
        self.token = str(counter)  # the read path may refine it (data fingerprint)
        self.mx, self.my = mercator(self.lon, self.lat)
        empty = self.size == 0
        self.day0 = int(self.start.min()) - 1 if not empty else 0
        self.day_max = int(self.last.max()) if not empty else 0
        self.day_span = self.day_max - self.day0 + 2
        self.lon0 = float(self.lon.min()) if not empty else 0.0
        self.lat0 = float(self.lat.min()) if not empty else 0.0
        self.extent = (
            (self.lon0, self.lat0, float(self.lon.max()), float(self.lat.max()))
            if not empty
            else None
        )
        sub = extent is not None  # a sub-index clips viewports as its parent does
        if sub:
            self.extent = extent
        self.tops = list(dict.fromkeys(t.top_slug for t in types))
        self.type_top = np.array(
            [self.tops.index(t.top_slug) for t in types] or [0], dtype=np.int64
        )
        self.slug_idx = {t.slug: i for i, t in enumerate(types)}
        # The grids: built on first use (Grids), or each in turn into the shared
        # file (maps.clusters.store); a mapped index's are views of that file.
        self.levels: list[Level] | Grids | LazyLevels = (
            LazyLevels(self) if sub else Grids(self)
        )
        self.process_init(built_at)

    def process_init(self, built_at: float) -> None:
        """What each process keeps of its own beside the arrays (maps.clusters.store
        maps the arrays another process built, then calls this)."""
        self.built_at = built_at
        # Sub-indexes of masks or of the rows they drop ((id(mask), complement) ->
        # (mask, rows, sub-index or None when too many)); the entry holds the mask,
        # so its id cannot be reused while it is cached.
        self._subs: OrderedDict[
            tuple[int, bool], tuple[np.ndarray, np.ndarray, ClusterIndex | None]
        ] = OrderedDict()
        self._subs_lock = threading.Lock()
        # Encoded GeoJSON Features by event id (None: not public when asked), filled
        # by the export on demand; it lives and dies with this index, so with the
        # data version it was built for (maps.selectors.geojson_export.event_geojson_bytes).
        self.features: dict[int, bytes | None] = {}
        self.features_nbytes = 0
        self.features_since = built_at
        # What the export encodes Features from (feature_columns.FeatureColumns),
        # set by the read path that builds the index; None: ask the database.
        self.columns: object | None = None

    def grids_build(self) -> ClusterIndex:
        """This index with every grid built now (one served from this process's
        heap: its first request does not build them); returns it."""
        if isinstance(self.levels, Grids):
            self.levels.build()
        return self

    @property
    def windows(self) -> Windows:
        """A window's bounds over every group of a level, once asked twice (kept
        beside the index, per process: maps.clusters.windows)."""
        return windows_of(self)

    @property
    def nbytes(self) -> int:
        own = sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))
        return own + sum(level.nbytes for level in self.levels)

    # --- helpers -----------------------------------------------------------------
    def type_ok(self, slugs: tuple[str, ...]) -> np.ndarray | None:
        """Bool per type index: the named types and, for a top-level type, its children."""
        if not slugs:
            return None
        wanted = set(slugs)
        return np.array(
            [t.slug in wanted or t.top_slug in wanted for t in self.types] or [False]
        )

    def _days(self, query: Query) -> tuple[int, int]:
        """(from, to) as offsets from day0, clipped to the data's range."""
        first = query.date_from.toordinal() if query.date_from else self.day0 + 1
        end = query.date_to.toordinal() if query.date_to else self.day_max
        first = min(max(first, self.day0 + 1), self.day_max + 1)
        end = min(max(end, self.day0), self.day_max)
        return first - self.day0, end - self.day0

    def _cell_range(
        self,
        bbox: tuple[float, float, float, float] | None,
        zoom: int,
        extent: tuple[float, float, float, float] | None = None,
    ) -> tuple[int, int, int, int] | None:
        e = extent or self.extent
        if e is None:
            return None
        if bbox is None:
            bbox = e
        lo_lon, lo_lat = max(bbox[0], e[0]), max(bbox[1], e[1])
        hi_lon, hi_lat = min(bbox[2], e[2]), min(bbox[3], e[3])
        if lo_lon > hi_lon or lo_lat > hi_lat:
            return None
        x0, x1, y0, y1 = corners(lo_lon, lo_lat, hi_lon, hi_lat)
        n = cells_per_axis(zoom)
        return int(x0 * n), int(x1 * n), int(y0 * n), int(y1 * n)

    def _effective_zoom(self, bbox, zoom: int, extent=None) -> int:
        zoom = max(0, min(zoom, MAX_GRID_ZOOM))
        while zoom > 0:
            cells = self._cell_range(bbox, zoom, extent)
            if cells is None or (
                cells[1] - cells[0] < MAX_CELLS_AXIS
                and cells[3] - cells[2] < MAX_CELLS_AXIS
            ):
                break
            zoom -= 1
        return zoom

    def count_inside(self, query: Query, rows: np.ndarray | None = None) -> int:
        """Events inside the query's bbox, window, types and mask, exactly (of
        ``rows`` alone when given): the grid's cells reach past a bbox, so their sum
        counts events outside it (inside.count)."""
        return inside.count(self, query, rows)

    # --- answers -----------------------------------------------------------------
    def query(self, query: Query, *, removed: Removed | None = None) -> dict:
        """{"zoom", "lon", "lat", "count", "by_type", "bbox", "events" (row indices),
        "total", "truncated"}; ``removed``: rows to leave out (live_index.LiveIndex)."""
        tally = None
        if query.zoom > MAX_GRID_ZOOM:
            rows = self.event_rows(query, removed=removed)
            if rows is not None:
                tally = self.rows_tally(rows, query.zoom)
        if tally is None:
            zoom = self._effective_zoom(query.bbox, query.zoom, query.extent)
            tally = self.grid_tally(query, zoom, removed=removed)
        return tally.answer(len(self.tops) or 1)

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

    def rows_tally(self, rows: np.ndarray, zoom: int) -> Tally:
        """Cluster an explicit set of rows at ``zoom``; events alone when few at high zoom."""
        columns = (
            self.lon[rows],
            self.lat[rows],
            self.mx[rows],
            self.my[rows],
            self.type_top[self.type_idx[rows]],
        )
        return tally_rows(zoom, rows, columns, len(self.tops) or 1)

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

    def _in_bbox(self, rows: np.ndarray, bbox) -> np.ndarray:
        if bbox is None:
            return np.ones(len(rows), dtype=bool)
        lon, lat = self.lon[rows], self.lat[rows]
        return (lon >= bbox[0]) & (lon <= bbox[2]) & (lat >= bbox[1]) & (lat <= bbox[3])

    def rows_of(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, held): the row of each of ``ids`` (sorted or not) and whether this
        index holds it (an id published since the build is not held)."""
        if not self.size:
            return np.zeros(len(ids), np.int64), np.zeros(len(ids), bool)
        rows = np.minimum(np.searchsorted(self.ids, ids), self.size - 1)
        return rows, self.ids[rows] == ids

    def matching_rows(self, query: Query) -> np.ndarray:
        """Row indices of the events matching every filter, the bbox exactly."""
        rows = np.flatnonzero(query.mask) if query.mask is not None else None
        d_from, d_to = self._days(query)
        last = self.last if rows is None else self.last[rows]
        start = self.start if rows is None else self.start[rows]
        keep = (last >= d_from + self.day0) & (start <= d_to + self.day0)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            keep &= type_ok[self.type_idx if rows is None else self.type_idx[rows]]
        rows = np.flatnonzero(keep) if rows is None else rows[keep]
        return rows[self._in_bbox(rows, query.bbox)]
