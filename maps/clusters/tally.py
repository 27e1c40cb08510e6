"""Per-cell tallies of one zoom: what an answer is made of, and how two add up (a base
index and the delta of the writes since, maps.clusters.live)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from maps.clusters.answer import make_answer, no_clusters
from maps.clusters.grid import EVENT_LIMIT, MAX_GRID_ZOOM, cells_per_axis


@dataclass(frozen=True)
class Tally:
    """One zoom's non-empty cells (ascending), before they become an answer; two
    tallies at the same zoom add up (live_index.LiveIndex: a base index and its delta)."""

    zoom: int
    cell: np.ndarray  # int64 cell ids
    count: np.ndarray  # int64
    sum_lon: np.ndarray  # sums of (lon - lon0) of the cell's events
    sum_lat: np.ndarray
    lon0: float
    lat0: float
    by_type: np.ndarray  # (cells, top types) int64
    bbox: np.ndarray  # (cells, 4): contains the cell's events
    single: np.ndarray  # the row of a cell's one event where count == 1, else -1
    events: np.ndarray | None = None  # rows listed alone (few, high zoom): no cells
    # The all-time extent of any cell of the grid this came from (a cluster's bbox
    # is its cell's over every event, in or out of the window): (bboxes, present).
    extent_of: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None
    # The events inside the query's bbox exactly (the cells reach past it), when the
    # grid lookup that made the cells could count them (inside.cells_count); None:
    # unknown (a mask, written rows, or two tallies added up).
    inside: int | None = None

    def answer(self, n_tops: int) -> dict:
        if self.events is not None:
            return make_answer(
                self.zoom, *no_clusters(n_tops), self.events, total=len(self.events)
            )
        multi = self.count > 1
        count = self.count[multi]
        answer = make_answer(
            self.zoom,
            self.sum_lon[multi] / count + self.lon0,
            self.sum_lat[multi] / count + self.lat0,
            count,
            self.by_type[multi],
            self.bbox[multi],
            self.single[self.count == 1],
            total=int(self.count.sum()),
        )
        if self.inside is not None:
            answer["inside"] = self.inside
        return answer

    def plus(self, other: Tally, offset: int) -> Tally:
        """Both tallies' cells; ``other``'s rows are numbered from ``offset``."""
        cell = np.union1d(self.cell, other.cell)
        a, b = np.searchsorted(cell, self.cell), np.searchsorted(cell, other.cell)
        n = len(cell)
        count = np.zeros(n, dtype=np.int64)
        count[a] += self.count
        count[b] += other.count
        sum_lon, sum_lat = np.zeros(n), np.zeros(n)
        sum_lon[a] += self.sum_lon
        sum_lat[a] += self.sum_lat
        sum_lon[b] += other.sum_lon + other.count * (other.lon0 - self.lon0)
        sum_lat[b] += other.sum_lat + other.count * (other.lat0 - self.lat0)
        by_type = np.zeros((n, self.by_type.shape[1]), dtype=np.int64)
        by_type[a] += self.by_type
        by_type[b] += other.by_type
        bbox = np.tile(np.array([np.inf, np.inf, -np.inf, -np.inf]), (n, 1))
        bbox[a] = self.bbox
        bbox[b, :2] = np.minimum(bbox[b, :2], other.bbox[:, :2])
        bbox[b, 2:] = np.maximum(bbox[b, 2:], other.bbox[:, 2:])
        # A cell one side has in the window takes the other's extent of it too.
        for part, mine in ((self, a), (other, b)):
            if part.extent_of is None:
                continue
            missing = np.ones(n, dtype=bool)
            missing[mine] = False
            at = np.flatnonzero(missing)
            extent, has = part.extent_of(cell[at])
            at, extent = at[has], extent[has]
            bbox[at, :2] = np.minimum(bbox[at, :2], extent[:, :2])
            bbox[at, 2:] = np.maximum(bbox[at, 2:], extent[:, 2:])
        single = np.full(n, -1, dtype=np.int64)
        single[a] = self.single
        single[b] = np.where(other.count == 1, other.single + offset, single[b])
        single[count != 1] = -1
        return Tally(
            self.zoom, cell, count, sum_lon, sum_lat, self.lon0, self.lat0,
            by_type, bbox, single,
        )  # fmt: skip


def empty_tally(zoom: int, n_tops: int) -> Tally:
    nothing = np.empty(0, dtype=np.int64)
    return Tally(
        zoom, nothing, nothing, np.empty(0), np.empty(0), 0.0, 0.0,
        np.empty((0, n_tops), dtype=np.int64), np.empty((0, 4)), nothing,
    )  # fmt: skip


def _local(cx: np.ndarray, cy: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Keys that sort as ``cell`` (cy * n + cx) does: their positions in the rows' own
    bounding box of cells, as uint16 when it has fewer than 2**16 cells (a viewport's
    at event zooms), which numpy's stable sort sorts by radix (~5x faster than the
    ids' merge sort at 20,000 rows)."""
    x0, y0 = cx.min(), cy.min()
    width = int(cx.max() - x0) + 1
    if width * (int(cy.max() - y0) + 1) > 2**16:
        return cell
    return ((cy - y0) * width + (cx - x0)).astype(np.uint16)


def tally_rows(
    zoom: int,
    rows: np.ndarray,
    columns: tuple[np.ndarray, ...],
    n_tops: int,
) -> Tally:
    """Cluster an explicit set of rows (``columns``: their lon, lat, mercator x and
    y and top type, in the same order) at ``zoom``; the events alone when few at
    high zoom."""
    if zoom > MAX_GRID_ZOOM and len(rows) <= EVENT_LIMIT:
        return dataclasses.replace(empty_tally(zoom, n_tops), events=rows)
    if not len(rows):
        return empty_tally(zoom, n_tops)
    lon, lat, mx, my, top = columns
    n = cells_per_axis(zoom)
    cx, cy = (mx * n).astype(np.int64), (my * n).astype(np.int64)
    cell = cy * n + cx
    order = np.argsort(_local(cx, cy, cell), kind="stable")
    rows, cell, lon, lat, top = (
        rows[order],
        cell[order],
        lon[order],
        lat[order],
        top[order],
    )
    starts = np.flatnonzero(np.concatenate(([True], cell[1:] != cell[:-1])))
    count = np.diff(np.append(starts, len(rows)))
    cluster_of = np.repeat(np.arange(len(starts)), count)
    by_type = np.bincount(
        cluster_of * n_tops + top, minlength=len(starts) * n_tops
    ).reshape(len(starts), n_tops)
    bbox = np.column_stack(
        (
            np.minimum.reduceat(lon, starts),
            np.minimum.reduceat(lat, starts),
            np.maximum.reduceat(lon, starts),
            np.maximum.reduceat(lat, starts),
        )
    )
    return Tally(
        zoom, cell[starts], count, np.add.reduceat(lon, starts),
        np.add.reduceat(lat, starts), 0.0, 0.0, by_type.astype(np.int64), bbox,
        np.where(count == 1, rows[starts], -1),
    )  # fmt: skip
