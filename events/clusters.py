"""Clustering engine: per-zoom numpy grids of public events sorted by (cell, type, day)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
VERSION_KEY = "events:clusters:version"
DIRTY_KEY = VERSION_KEY + ":dirty:%d"  # the event ids a version's writes touched
DIRTY_ALL = "all"  # ... or any event
DIRTY_MAX_IDS = 10_000  # a larger write counts as any event
DIRTY_MAX_GAP = 1_000  # versions behind beyond which caches start empty
DIRTY_TTL = 3600  # seconds
CELL_SHIFT = 2  # 2**2 cells per 256 px tile side: 64 px cells
MAX_GRID_ZOOM = 12  # grids for zooms 0..12; above, events come from the z12 grid
MAX_CELLS_AXIS = 64  # a wider viewport is answered at a coarser zoom (bounded work)
CLUSTER_LIMIT = 2500  # clusters in one answer (largest first when over)
EVENT_LIMIT = 1000  # individual events in one answer at event zooms
ENUMERATE_LIMIT = (
    100_000  # above this many candidates, event zooms answer with clusters
)
MAX_LAT = 85.05112878  # Web Mercator's limit
SYNC_REBUILD_LIMIT = (
    50_000  # smaller indexes rebuild in the request; larger in a thread
)
MAX_AGE = 300  # seconds before a background refresh (catches writes that skip services)
# Masked path (actor, text, place, disputed): a mask keeping at most this many rows
# gets grids of its own (built per zoom on first use, kept with the mask), so its
# requests cost what unmasked ones do; larger masks take the one-pass path.
SUB_INDEX_MAX_ROWS = 400_000
SUB_INDEX_CACHE_BYTES = 256 * 2**20  # all cached sub-indexes of one index (LRU)


@dataclass(frozen=True)
class TypeInfo:
    pk: int
    slug: str
    color: str
    top_slug: str


@dataclass(frozen=True)
class Rows:
    """Column arrays of public events, one row per event (any order)."""

    ids: np.ndarray  # int64
    lon: np.ndarray  # float64
    lat: np.ndarray  # float64
    start: np.ndarray  # int32, date_start as a proleptic ordinal
    last: np.ndarray  # int32, (date_end or date_start) as an ordinal
    type_idx: np.ndarray  # int16, index into the TypeInfo list
    disputed: np.ndarray  # bool


@dataclass(frozen=True)
class Query:
    zoom: int
    bbox: tuple[float, float, float, float] | None = (
        None  # min_lon, min_lat, max_lon, max_lat
    )
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: tuple[str, ...] = ()
    mask: np.ndarray | None = None  # per-row bool (actor, text, disputed): masked path


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator in [0, 1) (x east, y south), as map tiles count."""
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0
    phi = np.radians(np.clip(np.asarray(lat, dtype=np.float64), -MAX_LAT, MAX_LAT))
    y = (1.0 - np.log(np.tan(phi) + 1.0 / np.cos(phi)) / np.pi) / 2.0
    return np.clip(x, 0.0, np.nextafter(1.0, 0.0)), np.clip(y, 0.0, np.nextafter(1, 0))


def _cells_per_axis(zoom: int) -> int:
    return 1 << (zoom + CELL_SHIFT)


def _concat_ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """All integers of the half-open ranges [lo[i], hi[i]), in order."""
    lens = np.maximum(hi - lo, 0)
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return starts + np.arange(total, dtype=np.int64)


@dataclass(frozen=True)
class _Cells:
    """One zoom's non-empty cells in a viewport, window and type filter."""

    level: Level
    groups: np.ndarray  # (cell, type) groups with events in the window
    i_s: np.ndarray  # per group: end of its window in key_s
    cluster_of: np.ndarray  # per group: its cell's position below
    d_from: int
    cell: np.ndarray  # cell ids, ascending
    count: np.ndarray
    sum_lon: np.ndarray  # sums of (lon - lon0) of the cell's events
    sum_lat: np.ndarray
    by_type: np.ndarray  # (cells, top types)
    cellidx: np.ndarray  # per cell: position in the level's all-time extents


class Level:
    """One zoom's grid: events sorted by (cell, type, start) and by (cell, type, last).

    A time window's count in a group is two binary searches:
    #(start <= to) - #(last < from), since last >= start for every event.
    """

    def __init__(self, zoom: int, index: ClusterIndex) -> None:
        n = _cells_per_axis(zoom)
        self.zoom, self.n = zoom, n
        cx = (index.mx * n).astype(np.int64)
        cy = (index.my * n).astype(np.int64)
        n_types = max(len(index.types), 1)
        gkey = (cy * n + cx) * n_types + index.type_idx
        order_s = np.lexsort((index.start, gkey))
        order_l = np.lexsort((index.last, gkey))
        gk_s = gkey[order_s]
        # Group boundaries; an empty map (no public events yet) has no groups.
        g_start = np.flatnonzero(np.r_[len(gk_s) > 0, gk_s[1:] != gk_s[:-1]])
        g_keys = gk_s[g_start]
        groups = len(g_start)
        sizes = np.diff(np.r_[g_start, len(gk_s)])
        self.g_start = g_start.astype(np.int64)
        self.g_cell = g_keys // n_types
        self.g_type = (g_keys % n_types).astype(np.int16)
        span = index.day_span
        dtype = np.int32 if (groups + 1) * span < 2**31 else np.int64
        grp = np.repeat(np.arange(groups, dtype=dtype), sizes)
        self.key_dtype = dtype
        self.key_s = grp * dtype(span) + (index.start[order_s] - index.day0).astype(
            dtype
        )
        self.key_l = grp * dtype(span) + (index.last[order_l] - index.day0).astype(
            dtype
        )
        lon_s, lat_s = index.lon[order_s], index.lat[order_s]
        self.cs_lon_s = np.r_[0.0, np.cumsum(lon_s - index.lon0)]
        self.cs_lat_s = np.r_[0.0, np.cumsum(lat_s - index.lat0)]
        self.cs_lon_l = np.r_[0.0, np.cumsum(index.lon[order_l] - index.lon0)]
        self.cs_lat_l = np.r_[0.0, np.cumsum(index.lat[order_l] - index.lat0)]
        self.perm = order_s.astype(np.int32)
        dur = (index.last - index.start)[order_s]
        self.g_maxdur = np.maximum.reduceat(dur, g_start) if groups else dur[:0]
        # All-time extent of each cell's events: a cluster's bbox contains its events.
        cells = self.g_cell
        c_first = (
            np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]]) if groups else g_start
        )
        self.g_cellidx = (
            np.cumsum(np.r_[False, cells[1:] != cells[:-1]]) if groups else cells
        )
        ev_first = g_start[c_first]
        self.c_min_lon = np.minimum.reduceat(lon_s, ev_first) if groups else lon_s
        self.c_max_lon = np.maximum.reduceat(lon_s, ev_first) if groups else lon_s
        self.c_min_lat = np.minimum.reduceat(lat_s, ev_first) if groups else lat_s
        self.c_max_lat = np.maximum.reduceat(lat_s, ev_first) if groups else lat_s

    @property
    def nbytes(self) -> int:
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))

    def groups_in(self, cx0: int, cx1: int, cy0: int, cy1: int) -> np.ndarray:
        """Group indices of the cells in [cx0, cx1] x [cy0, cy1], sorted by (cell, type)."""
        rows = np.arange(cy0, cy1 + 1, dtype=np.int64) * self.n
        lo = np.searchsorted(self.g_cell, rows + cx0, "left")
        hi = np.searchsorted(self.g_cell, rows + cx1, "right")
        return _concat_ranges(lo, hi)


class _LazyLevels:
    """A sub-index's grids, each built on first use (a mask is seen at few zooms)."""

    def __init__(self, index: ClusterIndex) -> None:
        self._index = index
        self._built: dict[int, Level] = {}

    def __getitem__(self, zoom: int) -> Level:
        level = self._built.get(zoom)
        if level is None:  # two threads may both build it: same result
            level = self._built[zoom] = Level(zoom, self._index)
        return level

    def __iter__(self):
        return iter(list(self._built.values()))


class ClusterIndex:
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
        self.ids = rows.ids[order].astype(np.int64)
        self.lon = rows.lon[order].astype(np.float64)
        self.lat = rows.lat[order].astype(np.float64)
        self.start = rows.start[order].astype(np.int32)
        self.last = np.maximum(rows.last[order], rows.start[order]).astype(np.int32)
        self.type_idx = rows.type_idx[order].astype(np.int64)
        self.disputed = rows.disputed[order].astype(bool)
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
        self.levels: list[Level] | _LazyLevels = (
            _LazyLevels(self)
            if sub
            else [Level(z, self) for z in range(MAX_GRID_ZOOM + 1)]
        )
        # Sub-indexes of masks or of the rows they drop ((id(mask), complement) ->
        # (mask, rows, sub-index or None when too many)); the entry holds the mask,
        # so its id cannot be reused while it is cached.
        self._subs: OrderedDict[
            tuple[int, bool], tuple[np.ndarray, np.ndarray, ClusterIndex | None]
        ] = OrderedDict()
        self._subs_lock = threading.Lock()
        # Encoded GeoJSON Features by event id (None: not public when asked), filled
        # by the export on demand; it lives and dies with this index, so with the
        # data version it was built for (selectors_clusters.event_geojson_bytes).
        self.features: dict[int, bytes | None] = {}
        self.features_nbytes = 0
        self.features_since = built_at
        # What the export encodes Features from (feature_columns.FeatureColumns),
        # set by the read path that builds the index; None: ask the database.
        self.columns: object | None = None

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
        self, bbox: tuple[float, float, float, float] | None, zoom: int
    ) -> tuple[int, int, int, int] | None:
        if self.extent is None:
            return None
        e = self.extent
        if bbox is None:
            bbox = e
        lo_lon, lo_lat = max(bbox[0], e[0]), max(bbox[1], e[1])
        hi_lon, hi_lat = min(bbox[2], e[2]), min(bbox[3], e[3])
        if lo_lon > hi_lon or lo_lat > hi_lat:
            return None
        (x0, x1), (y1, y0) = mercator(
            np.array([lo_lon, hi_lon]), np.array([lo_lat, hi_lat])
        )
        n = _cells_per_axis(zoom)
        return int(x0 * n), int(x1 * n), int(y0 * n), int(y1 * n)

    def _effective_zoom(self, bbox, zoom: int) -> int:
        zoom = max(0, min(zoom, MAX_GRID_ZOOM))
        while zoom > 0:
            cells = self._cell_range(bbox, zoom)
            if cells is None or (
                cells[1] - cells[0] < MAX_CELLS_AXIS
                and cells[3] - cells[2] < MAX_CELLS_AXIS
            ):
                break
            zoom -= 1
        return zoom

    # --- answers -----------------------------------------------------------------
    def query(self, query: Query) -> dict:
        """{"zoom", "clusters", "events" (row indices), "total", "truncated"}."""
        if query.mask is not None:
            return self._query_masked(query)
        if query.zoom > MAX_GRID_ZOOM:
            answer = self._query_events(query)
            if answer is not None:
                return answer
        return self._query_grid(query, self._effective_zoom(query.bbox, query.zoom))

    def _window_counts(self, level: Level, groups: np.ndarray, d_from: int, d_to: int):
        span = level.key_dtype(self.day_span)
        g = groups.astype(level.key_dtype)
        i_s = np.searchsorted(level.key_s, g * span + level.key_dtype(d_to), "right")
        i_l = np.searchsorted(
            level.key_l, g * span + level.key_dtype(d_from - 1), "right"
        )
        return i_s, i_l

    def _grid_cells(self, query: Query, zoom: int) -> _Cells | None:
        """Per grid cell in the viewport at ``zoom``: the events in the window and
        types, their coordinate sums (from lon0/lat0) and counts per top type."""
        level = self.levels[zoom]
        cells = self._cell_range(query.bbox, zoom)
        if cells is None:
            return None
        groups = level.groups_in(*cells)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            groups = groups[type_ok[level.g_type[groups]]]
        d_from, d_to = self._days(query)
        i_s, i_l = self._window_counts(level, groups, d_from, d_to)
        count = i_s - i_l
        keep = count > 0
        groups, i_s, i_l, count = groups[keep], i_s[keep], i_l[keep], count[keep]
        if not len(groups):
            return None
        first = level.g_start[groups]
        sum_lon = level.cs_lon_s[i_s] - level.cs_lon_l[i_l]
        sum_lon += level.cs_lon_l[first] - level.cs_lon_s[first]
        sum_lat = level.cs_lat_s[i_s] - level.cs_lat_l[i_l]
        sum_lat += level.cs_lat_l[first] - level.cs_lat_s[first]
        g_cells = level.g_cell[groups]
        new_cell = np.r_[True, g_cells[1:] != g_cells[:-1]]
        starts = np.flatnonzero(new_cell)
        c_count = np.add.reduceat(count, starts)
        cluster_of = np.cumsum(new_cell) - 1
        return _Cells(
            level=level,
            groups=groups,
            i_s=i_s,
            cluster_of=cluster_of,
            d_from=d_from,
            cell=g_cells[starts],
            count=c_count,
            sum_lon=np.add.reduceat(sum_lon, starts),
            sum_lat=np.add.reduceat(sum_lat, starts),
            by_type=self._type_matrix(
                cluster_of, level.g_type[groups], count, len(starts)
            ),
            cellidx=level.g_cellidx[groups[starts]],
        )

    def _query_grid(
        self,
        query: Query,
        zoom: int,
        *,
        minus: ClusterIndex | None = None,
        keep: np.ndarray | None = None,
    ) -> dict:
        """Clusters and lone events at ``zoom``. With ``minus`` (a sub-index of the
        rows that ``keep``, a row mask, leaves out): this index's cells less that
        sub-index's, so a filter that drops few rows costs what no filter does."""
        cells = self._grid_cells(query, zoom)
        if cells is None:
            return _empty(zoom)
        count = cells.count
        sum_lon, sum_lat, by_type = cells.sum_lon, cells.sum_lat, cells.by_type
        dropped = minus._grid_cells(query, zoom) if minus is not None else None
        if dropped is not None:  # its cells are among ours: it holds fewer events
            at = np.searchsorted(cells.cell, dropped.cell)
            count, sum_lon, sum_lat, by_type = (
                count.copy(),
                sum_lon.copy(),
                sum_lat.copy(),
                by_type.copy(),
            )
            count[at] -= dropped.count
            sum_lon[at] -= dropped.sum_lon + dropped.count * (self.lon0 - minus.lon0)
            sum_lat[at] -= dropped.sum_lat + dropped.count * (self.lat0 - minus.lat0)
            by_type[at] -= dropped.by_type
        level, cidx = cells.level, cells.cellidx
        # A cluster of one is shown as the event itself.
        single = count == 1
        events = np.empty(0, dtype=np.int64)
        if single.any():
            single_groups = np.flatnonzero(single[cells.cluster_of])
            events = self._enumerate(
                level,
                cells.groups[single_groups],
                cells.i_s[single_groups],
                cells.d_from,
            )
            if keep is not None:
                events = events[keep[events]]
        multi = count > 1
        bboxes = np.column_stack(
            (
                level.c_min_lon[cidx[multi]],
                level.c_min_lat[cidx[multi]],
                level.c_max_lon[cidx[multi]],
                level.c_max_lat[cidx[multi]],
            )
        )
        return _answer(
            zoom,
            sum_lon[multi] / count[multi] + self.lon0,
            sum_lat[multi] / count[multi] + self.lat0,
            count[multi],
            by_type[multi],
            bboxes,
            events,
            total=int(count.sum()),
        )

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
        span = level.key_dtype(self.day_span)
        lo_day = np.maximum(d_from - level.g_maxdur[groups], 0).astype(level.key_dtype)
        lo = np.searchsorted(
            level.key_s, groups.astype(level.key_dtype) * span + lo_day
        )
        rows = level.perm[_concat_ranges(lo, i_s)]
        return rows[self.last[rows] - self.day0 >= d_from]

    def _query_events(
        self, query: Query, *, kept: np.ndarray | None = None
    ) -> dict | None:
        """Events inside the bbox at high zoom (of the rows ``kept``, a row mask,
        keeps); None when too many to enumerate."""
        level = self.levels[MAX_GRID_ZOOM]
        cells = self._cell_range(query.bbox, MAX_GRID_ZOOM)
        if cells is None:
            return _empty(query.zoom)
        groups = level.groups_in(*cells)
        type_ok = self.type_ok(query.types)
        if type_ok is not None:
            groups = groups[type_ok[level.g_type[groups]]]
        d_from, d_to = self._days(query)
        i_s, i_l = self._window_counts(level, groups, d_from, d_to)
        if int((i_s - i_l).sum()) > ENUMERATE_LIMIT:
            return None
        keep = i_s > i_l
        rows = self._enumerate(level, groups[keep], i_s[keep], d_from)
        rows = rows[self._in_bbox(rows, query.bbox)]
        if kept is not None:
            rows = rows[kept[rows]]
        return self._cluster_rows(np.sort(rows), query.zoom, exact_bbox=True)

    def _in_bbox(self, rows: np.ndarray, bbox) -> np.ndarray:
        if bbox is None:
            return np.ones(len(rows), dtype=bool)
        lon, lat = self.lon[rows], self.lat[rows]
        return (lon >= bbox[0]) & (lon <= bbox[2]) & (lat >= bbox[1]) & (lat <= bbox[3])

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

    def _sub_index(
        self, mask: np.ndarray, *, complement: bool = False
    ) -> tuple[np.ndarray, ClusterIndex] | None:
        """(rows, sub-index of those rows) of a mask (or of the rows it leaves out)
        that selects few rows, cached by the mask's identity.

        Callers pass the same mask object for the same filters (selectors_clusters
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
        sub = ClusterIndex(
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
            return _empty(zoom)
        n = _cells_per_axis(zoom)
        cx = (self.mx[rows] * n).astype(np.int64)
        cy = (self.my[rows] * n).astype(np.int64)
        inside = (
            (cx >= cells[0]) & (cx <= cells[1]) & (cy >= cells[2]) & (cy <= cells[3])
        )
        return self._cluster_rows(rows[inside], zoom)

    def _cluster_rows(
        self, rows: np.ndarray, zoom: int, *, exact_bbox: bool = False
    ) -> dict:
        """Cluster an explicit set of rows at ``zoom``; events alone when few at high zoom."""
        if not len(rows):
            return _empty(zoom)
        if zoom > MAX_GRID_ZOOM and len(rows) <= EVENT_LIMIT:
            return _answer(zoom, *_no_clusters(len(self.tops)), rows, total=len(rows))
        n = _cells_per_axis(zoom)
        cell = (self.my[rows] * n).astype(np.int64) * n + (self.mx[rows] * n).astype(
            np.int64
        )
        order = np.argsort(cell, kind="stable")
        rows, cell = rows[order], cell[order]
        starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        count = np.diff(np.r_[starts, len(rows)])
        lon, lat = self.lon[rows], self.lat[rows]
        cluster_of = np.repeat(np.arange(len(starts)), count)
        by_type = self._type_matrix(
            cluster_of, self.type_idx[rows], np.ones(len(rows)), len(starts)
        )
        bboxes = np.column_stack(
            (
                np.minimum.reduceat(lon, starts),
                np.minimum.reduceat(lat, starts),
                np.maximum.reduceat(lon, starts),
                np.maximum.reduceat(lat, starts),
            )
        )
        single = count == 1
        multi = ~single
        return _answer(
            zoom,
            (np.add.reduceat(lon, starts) / count)[multi],
            (np.add.reduceat(lat, starts) / count)[multi],
            count[multi],
            by_type[multi],
            bboxes[multi],
            rows[starts[single]],
            total=len(rows),
        )


def _no_clusters(n_tops: int):
    nothing = np.empty(0)
    return (
        nothing,
        nothing,
        nothing.astype(np.int64),
        np.empty((0, n_tops)),
        np.empty((0, 4)),
    )


def _empty(zoom: int) -> dict:
    return _answer(zoom, *_no_clusters(1), np.empty(0, dtype=np.int64), total=0)


def _answer(zoom, lon, lat, count, by_type, bboxes, events, *, total: int) -> dict:
    truncated = False
    if len(count) > CLUSTER_LIMIT:
        top = np.argsort(-count, kind="stable")[:CLUSTER_LIMIT]
        top.sort()
        lon, lat, count, by_type, bboxes = (
            lon[top],
            lat[top],
            count[top],
            by_type[top],
            bboxes[top],
        )
        truncated = True
    if len(events) > CLUSTER_LIMIT:  # one per cell at cluster zooms: rarely reached
        events, truncated = events[:CLUSTER_LIMIT], True
    return {
        "zoom": zoom,
        "lon": lon,
        "lat": lat,
        "count": count,
        "by_type": by_type,
        "bbox": bboxes,
        "events": events,
        "total": total,
        "truncated": truncated,
    }


# --- process-wide index and its invalidation ---------------------------------------
_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "building": False}


def clusters_version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def _bump() -> int:
    """Advance the data version; the new version."""
    try:
        return cache.incr(VERSION_KEY)
    except ValueError:  # missing key (fresh cache): start the counter
        version = clusters_version() + 1
        cache.set(VERSION_KEY, version, None)
        return version


class _Bump:
    """One transaction's on-commit version bump and the events its writes touched.

    Published with the new version (DIRTY_KEY), so that every process's next index
    keeps its cached Features except those events' (_carry_over)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.everything = False

    def add(self, event_ids: Iterable[int] | None) -> None:
        if event_ids is None:
            self.everything = True
        elif not self.everything:
            self.ids.update(event_ids)
            self.everything = len(self.ids) > DIRTY_MAX_IDS
        if self.everything:
            self.ids = set()

    def __call__(self) -> None:
        version = _bump()
        dirty = DIRTY_ALL if self.everything else sorted(self.ids)
        cache.set(DIRTY_KEY % version, dirty, DIRTY_TTL)


def clusters_invalidate(event_ids: Iterable[int] | None = None) -> None:
    """Mark every process's cluster index stale once the current transaction commits.

    ``event_ids``: the only events whose public data the write may change (None:
    any, as a place, actor or type change may). Called for every saved event, place,
    actor or source link: one bump per transaction is enough, so an import of
    thousands of rows costs one cache write."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, hook, _robust in getattr(connection, "run_on_commit", []):
            if isinstance(hook, _Bump):
                hook.add(event_ids)
                return
    bump = _Bump()
    bump.add(event_ids)
    transaction.on_commit(bump)


def _carry_over(old: ClusterIndex | None, new: ClusterIndex) -> None:
    """Give ``new`` the Features ``old`` had cached, minus those of the
    events written in between, when every version between says which they were.

    A periodic rebuild at the same version (MAX_AGE, for writes that skip the
    signals) and any gap in the record start empty, as does a change of a place,
    actor or type. The caches keep the age they had (FEATURE_CACHE_MAX_AGE counts
    from their first entry)."""
    if old is None or not old.counter < new.counter <= old.counter + DIRTY_MAX_GAP:
        return
    keys = [DIRTY_KEY % v for v in range(old.counter + 1, new.counter + 1)]
    found = cache.get_many(keys)
    if len(found) < len(keys) or any(v == DIRTY_ALL for v in found.values()):
        return
    dirty = {pk for ids in found.values() for pk in ids}
    features = dict(old.features)  # a copy: old may be in use
    for pk in dirty:
        features.pop(pk, None)
    new.features = features
    new.features_nbytes = sum(len(f) for f in features.values() if f)
    new.features_since = old.features_since


def index_get(build: Callable[[int], ClusterIndex]) -> ClusterIndex:
    """The current index; rebuilt in the request when small or missing, else in a thread.

    ``build(counter)`` reads the public events and returns a new index. It may be
    stale (a rebuild is running): ``index.counter`` then differs from the version.
    """
    return index_get_versioned(build)[0]


def index_get_versioned(
    build: Callable[[int], ClusterIndex],
) -> tuple[ClusterIndex, int]:
    """(index_get's index, the data version read): one cache read for both."""
    version = clusters_version()
    return _index_for(build, version), version


def _index_for(build: Callable[[int], ClusterIndex], version: int) -> ClusterIndex:
    index = _state["index"]
    fresh = (
        index is not None
        and index.counter == version
        and time.monotonic() - index.built_at < MAX_AGE
    )
    if fresh:
        return index
    if index is None or index.size < SYNC_REBUILD_LIMIT:
        with _lock:
            current = _state["index"]
            if (
                current is not None
                and current is not index
                and current.counter == version
            ):
                return current
            new = build(version)
            _carry_over(current, new)
            _state["index"] = new
            return new
    with _lock:
        if _state["building"]:
            return index
        _state["building"] = True

    def rebuild() -> None:
        from django.db import connection

        try:
            new = build(version)
            _carry_over(index, new)
            _state["index"] = new
        finally:
            _state["building"] = False
            connection.close()

    threading.Thread(target=rebuild, name="cluster-index", daemon=True).start()
    return index


def index_reset() -> None:
    """Forget this process's index and memos (tests; the next request rebuilds them)."""
    with _lock:
        _state["index"] = None
        _memos.clear()


_memos: dict[str, tuple[int, float, object]] = {}


def versioned(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process while the data version stays the same.

    For small lookups every request needs (the type slugs): the version is read
    before computing, so a value read during a write is stored under the old version
    and recomputed at the next call. MAX_AGE bounds it as it bounds the index."""
    version = clusters_version()
    hit = _memos.get(name)
    if hit is not None and hit[0] == version and time.monotonic() - hit[1] < MAX_AGE:
        return hit[2]  # type: ignore[return-value]
    value = compute()
    _memos[name] = (version, time.monotonic(), value)
    return value
