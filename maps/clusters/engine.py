"""ClusterIndex: every public event in per-zoom grids; answers any viewport, zoom and window."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from maps.clusters import inside
from maps.clusters.grid import (
    MAX_CELLS_AXIS,
    MAX_GRID_ZOOM,
    Grids,
    LazyLevels,
    Level,
    Query,
    Rows,
    TypeInfo,
    cells_per_axis,
    corners,
    mercator,
)
from maps.clusters.gridreading import GridReading
from maps.clusters.masked import MaskedQueries, Removed
from maps.clusters.tally import Tally, tally_rows
from maps.clusters.windows import Windows, windows_of


class ClusterIndex(MaskedQueries, GridReading):
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
