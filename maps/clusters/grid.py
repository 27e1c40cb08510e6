"""Per-zoom grids of events sorted by (cell, type, day); the answers built from them are
maps.clusters.answer."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from maps.clusters import sums

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex

CELL_SHIFT = 2  # 2**2 cells per 256 px tile side: 64 px cells
MAX_GRID_ZOOM = 12  # grids for zooms 0..12; above, events come from the z12 grid
MAX_CELLS_AXIS = 64  # a wider viewport is answered at a coarser zoom (bounded work)
CLUSTER_LIMIT = 2500  # clusters in one answer (largest first when over)
EVENT_LIMIT = 1000  # individual events in one answer at event zooms
ENUMERATE_LIMIT = (
    100_000  # above this many candidates, event zooms answer with clusters
)
MAX_LAT = 85.05112878  # Web Mercator's limit


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
    # Viewports are clipped to this instead of the index's own extent (the parts of a
    # live_index.LiveIndex clip to the extent of all their rows, so their cells line up).
    extent: tuple[float, float, float, float] | None = None


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator in [0, 1) (x east, y south), as map tiles count."""
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0
    phi = np.radians(np.clip(np.asarray(lat, dtype=np.float64), -MAX_LAT, MAX_LAT))
    y = (1.0 - np.log(np.tan(phi) + 1.0 / np.cos(phi)) / np.pi) / 2.0
    return np.clip(x, 0.0, np.nextafter(1.0, 0.0)), np.clip(y, 0.0, np.nextafter(1, 0))


@functools.lru_cache(maxsize=256)
def corners(
    lo_lon: float, lo_lat: float, hi_lon: float, hi_lat: float
) -> tuple[float, float, float, float]:
    """(x west, x east, y north, y south) of a bbox in Web Mercator, as mercator()
    gives them; kept, since a request asks it at each zoom it looks at."""
    (x0, x1), (y1, y0) = mercator(
        np.array([lo_lon, hi_lon]), np.array([lo_lat, hi_lat])
    )
    return float(x0), float(x1), float(y0), float(y1)


def cells_per_axis(zoom: int) -> int:
    return 1 << (zoom + CELL_SHIFT)


def concat_ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """All integers of the half-open ranges [lo[i], hi[i]), in order."""
    lens = np.maximum(hi - lo, 0)
    total = int(lens.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return starts + np.arange(total, dtype=np.int64)


@dataclass(frozen=True)
class Cells:
    """One zoom's non-empty cells in a viewport, window and type filter."""

    level: Level
    groups: np.ndarray  # (cell, type) groups with events in the window
    i_s: np.ndarray  # per group: end of its window in key_s
    i_l: np.ndarray  # per group: end of its events ending before it in key_l
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
    #(start <= to) - #(last < from), since last >= start for every event. The
    cs_* prefix sums are of the events' positions in their cells in ``q`` bits,
    modulo 2**32 (maps.clusters.sums: a centroid within half a quantum).
    """

    def __init__(self, zoom: int, index: ClusterIndex) -> None:
        # Temporaries are built in place and dropped once used: a grid of 10M events
        # is ~0.5 GB, and the builder holds one at a time (maps.clusters.store). The
        # attributes' order is the file's layout (store._scalars): kept as it was.
        n = cells_per_axis(zoom)
        self.zoom, self.n = zoom, n
        n_types = max(len(index.types), 1)
        gkey = (index.my * n).astype(np.int64)  # ((cy * n + cx) * n_types + type)
        gkey *= n
        gkey += (index.mx * n).astype(np.int64)
        gkey *= n_types
        gkey += index.type_idx
        order_s = np.lexsort((index.start, gkey))
        order_l = np.lexsort((index.last, gkey))
        gk_s = gkey[order_s]
        del gkey
        # Group boundaries; an empty map (no public events yet) has no groups.
        g_start = np.flatnonzero(np.r_[len(gk_s) > 0, gk_s[1:] != gk_s[:-1]])
        g_keys = gk_s[g_start]
        groups = len(g_start)
        sizes = np.diff(np.r_[g_start, len(gk_s)])
        del gk_s
        self.g_start = g_start.astype(np.int64)
        self.g_cell = g_keys // n_types
        self.g_type = (g_keys % n_types).astype(np.int16)
        span = index.day_span
        dtype = np.int32 if (groups + 1) * span < 2**31 else np.int64
        grp = np.repeat(np.arange(groups, dtype=dtype), sizes)
        grp *= dtype(span)
        self.key_dtype = dtype
        self.key_s = grp.copy()
        self.key_s += (index.start[order_s] - index.day0).astype(dtype, copy=False)
        self.key_l = grp  # (its last use)
        self.key_l += (index.last[order_l] - index.day0).astype(dtype, copy=False)
        lon_s, lat_s = index.lon[order_s], index.lat[order_s]
        # Positions within the cells in q bits, summed modulo 2**32 (maps.clusters.sums).
        largest = int(sizes.max()) if groups else 0
        fixed = index.grid_bits(zoom)
        if fixed is None:
            self.q, sum_dtype = sums.bits_for(largest)
        else:  # its parent's q: their sums subtract exactly
            self.q, sum_dtype = fixed, sums.dtype_for(fixed, largest)
        q_lon, q_lat = sums.positions(index.mx, index.my, index.lat, n, self.q)
        self.cs_lon_s = sums.prefix(q_lon[order_s], sum_dtype)
        self.cs_lat_s = sums.prefix(q_lat[order_s], sum_dtype)
        self.cs_lon_l = sums.prefix(q_lon[order_l], sum_dtype)
        del q_lon
        self.cs_lat_l = sums.prefix(q_lat[order_l], sum_dtype)
        del q_lat, order_l
        self.perm = order_s.astype(np.int32)
        dur = index.last[order_s]
        dur -= index.start[order_s]
        del order_s
        self.g_maxdur = np.maximum.reduceat(dur, g_start) if groups else dur[:0]
        del dur
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

    def extents_less(
        self, index: ClusterIndex, gone: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """The cells' extents (min lon, min lat, max lon, max lat) without the rows
        ``gone`` (a row mask) holds: those of the cells where such a row was on the
        edge are measured again (once per zoom and set of rows: live_index.LiveIndex)."""
        extents = (self.c_min_lon, self.c_min_lat, self.c_max_lon, self.c_max_lat)
        rows = np.flatnonzero(gone)
        if not len(rows) or not len(self.g_cell):
            return extents
        first = np.flatnonzero(np.r_[True, self.g_cell[1:] != self.g_cell[:-1]])
        n = self.n
        cell = (index.my[rows] * n).astype(np.int64) * n + (index.mx[rows] * n).astype(
            np.int64
        )
        k = np.searchsorted(self.g_cell[first], cell)
        lon, lat = index.lon[rows], index.lat[rows]
        edge = (lon == extents[0][k]) | (lat == extents[1][k])
        edge |= (lon == extents[2][k]) | (lat == extents[3][k])
        if not edge.any():
            return extents
        extents = tuple(e.copy() for e in extents)
        ends = np.r_[self.g_start[first], len(self.perm)]
        for c in np.unique(k[edge]).tolist():
            members = self.perm[ends[c] : ends[c + 1]]
            members = members[~gone[members]]
            if len(members):
                lon, lat = index.lon[members], index.lat[members]
                extents[0][c], extents[1][c] = lon.min(), lat.min()
                extents[2][c], extents[3][c] = lon.max(), lat.max()
            else:  # an empty cell: an extent that adds nothing
                extents[0][c] = extents[1][c] = np.inf
                extents[2][c] = extents[3][c] = -np.inf
        return extents

    @property
    def cells(self) -> np.ndarray:
        """The non-empty cells' ids, ascending (positions of the extents)."""
        found = self.__dict__.get("_cells")
        if found is None:
            g = self.g_cell
            found = g[np.flatnonzero(np.r_[True, g[1:] != g[:-1]])] if len(g) else g
            self.__dict__["_cells"] = found
        return found

    def extents_of(
        self, cell: np.ndarray, extents: tuple[np.ndarray, ...] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(bbox per cell id of ``cell``, whether this grid has it), from the level's
        extents or ``extents``."""
        extents = extents or (
            self.c_min_lon,
            self.c_min_lat,
            self.c_max_lon,
            self.c_max_lat,
        )
        mine = self.cells
        if not len(mine):
            return np.empty((len(cell), 4)), np.zeros(len(cell), dtype=bool)
        k = np.minimum(np.searchsorted(mine, cell), len(mine) - 1)
        return np.column_stack([e[k] for e in extents]), mine[k] == cell

    def cells_inside(
        self, groups: np.ndarray, bbox: tuple[float, ...]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per group of ``groups``: (whether its cell's events of all time lie inside
        ``bbox``, whether they all lie outside it), by the cell's extent."""
        at = self.g_cellidx[groups]
        lo_lon, lo_lat = self.c_min_lon[at], self.c_min_lat[at]
        hi_lon, hi_lat = self.c_max_lon[at], self.c_max_lat[at]
        whole = (lo_lon >= bbox[0]) & (hi_lon <= bbox[2])
        whole &= (lo_lat >= bbox[1]) & (hi_lat <= bbox[3])
        none = (hi_lon < bbox[0]) | (lo_lon > bbox[2])
        none |= (hi_lat < bbox[1]) | (lo_lat > bbox[3])
        return whole, none

    def groups_in(self, cx0: int, cx1: int, cy0: int, cy1: int) -> np.ndarray:
        """Group indices of the cells in [cx0, cx1] x [cy0, cy1], sorted by (cell, type)."""
        rows = np.arange(cy0, cy1 + 1, dtype=np.int64) * self.n
        lo = np.searchsorted(self.g_cell, rows + cx0, "left")
        hi = np.searchsorted(self.g_cell, rows + cx1, "right")
        return concat_ranges(lo, hi)


class Grids:
    """A base index's grids (zooms 0..MAX_GRID_ZOOM), built together on first use.

    An index built for the machine's shared file never holds them all: the store
    builds each zoom's in turn and writes it before the next (``each``), so the
    builder's heap holds one grid (~6.5 GB of grids at 10M events; issue 16)."""

    def __init__(self, index: ClusterIndex) -> None:
        self._index = index
        self._levels: list[Level] | None = None
        self._lock = threading.Lock()

    @property
    def built(self) -> bool:
        return self._levels is not None

    def build(self) -> list[Level]:
        """Every grid, held from now on; the time it took is added to the index's
        ``build_s`` when it has one (state.max_age)."""
        with self._lock:  # two threads asking first: one builds
            if self._levels is None:
                started = time.monotonic()
                self._levels = [Level(z, self._index) for z in range(MAX_GRID_ZOOM + 1)]
                add_build_s(self._index, time.monotonic() - started)
            return self._levels

    def each(self) -> Iterator[Level]:
        """Each zoom's grid in turn: the ones held, else each built for the caller
        alone (it must drop one before asking for the next: ``del``)."""
        if self._levels is not None:
            yield from self._levels
            return
        for zoom in range(MAX_GRID_ZOOM + 1):
            yield Level(zoom, self._index)

    def __getitem__(self, zoom: int) -> Level:
        return (self._levels or self.build())[zoom]

    def held(self, zoom: int) -> Level | None:
        """The grid ``zoom`` when the grids are held, else None (never builds them;
        as LazyLevels.held: maps.clusters.inside counts an edge on a finer grid only
        when one is there)."""
        return None if self._levels is None else self._levels[zoom]

    def __iter__(self) -> Iterator[Level]:
        return iter(self._levels or self.build())

    def __len__(self) -> int:
        return MAX_GRID_ZOOM + 1


def add_build_s(index: ClusterIndex, seconds: float) -> None:
    if hasattr(index, "build_s"):
        index.build_s += seconds


class LazyLevels:
    """A sub-index's grids, each built on first use (a mask is seen at few zooms)."""

    def __init__(self, index: ClusterIndex) -> None:
        self._index = index
        self._built: dict[int, Level] = {}

    def __getitem__(self, zoom: int) -> Level:
        level = self._built.get(zoom)
        if level is None:  # two threads may both build it: same result
            level = self._built[zoom] = Level(zoom, self._index)
        return level

    def held(self, zoom: int) -> Level | None:
        """The grid ``zoom`` when built already, else None (never builds it)."""
        return self._built.get(zoom)

    def __iter__(self):
        return iter(list(self._built.values()))
