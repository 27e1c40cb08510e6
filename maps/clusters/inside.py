"""Exact counts of the events inside a viewport's bbox, from the grids: the cells wholly
inside count from their window sums, those on its edge event by event (a pass over
every row cost ~1 ms a request at 1M events, most of a pan/zoom answer; issue 16). A
clustered answer without a mask or writes counts on the cells it looked up
(cells_count, Tally.inside); the others look their groups up again (grid_count)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from maps.clusters.grid import (
    MAX_GRID_ZOOM,
    Cells,
    Level,
    Query,
    concat_ranges,
    mercator,
)

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex

# An index smaller than this counts in one pass over its rows (a live index's delta).
GRID_COUNT_FROM = 20_000
# A cell counts as inside only this far (in cells) from the bbox's edge: the Mercator
# projection's rounding (~1e-16) can never move an event of it past the edge.
EDGE_MARGIN = 1e-6
# Edge cells holding more events than this in the window are counted on the grid
# REFINE_ZOOMS finer (its cells wholly inside by their counts, its edge cells again),
# down to the finest grid, whose edge cells are counted event by event: the edge's
# events grow with the data (at 10M events ~10x those at 1M, each a lookup in
# columns of 10M rows), its cells do not (issue 16, bench/README.md "New views").
REFINE_FROM = 1024
REFINE_ZOOMS = 3


def covers(bbox: tuple[float, ...], extent: tuple[float, ...] | None) -> bool:
    """Whether ``bbox`` contains ``extent`` (every row of an index with it)."""
    return extent is None or (
        bbox[0] <= extent[0]
        and bbox[1] <= extent[1]
        and bbox[2] >= extent[2]
        and bbox[3] >= extent[3]
    )


def grid_count(index: ClusterIndex, query: Query) -> int:
    """Events of ``index`` inside ``query.bbox``, in its window and types (no mask),
    counted on the grid of the query's zoom (≤ MAX_GRID_ZOOM, coarser for a wide
    view: a bounded number of cells)."""
    bbox = query.bbox
    query = dataclasses.replace(query, extent=None)  # cells of the index's own rows
    zoom = index._effective_zoom(bbox, min(query.zoom, MAX_GRID_ZOOM))
    level = index.levels[zoom]
    found = index._groups(level, query, zoom)
    if found is None:
        return 0
    groups, i_s, i_l, d_from = found
    count = i_s - i_l
    some = count > 0
    groups, i_s, count = groups[some], i_s[some], count[some]
    if covers(bbox, index.extent):
        return int(count.sum())
    inner = _inner(level.n, level.g_cell[groups], bbox)
    edge = ~inner
    return int(count[inner].sum()) + _edge_count(
        index, query, level, groups[edge], i_s[edge], count[edge]
    )


def _inner(n: int, cell: np.ndarray, bbox: tuple[float, ...]) -> np.ndarray:
    """Per cell id of a grid of n x n cells: whether it lies wholly inside ``bbox``."""
    (x0, x1), (y_top, y_bottom) = mercator(
        np.array([bbox[0], bbox[2]]), np.array([bbox[3], bbox[1]])
    )
    # A cell [cx, cx + 1) x [cy, cy + 1) (in cells) holds events of x * n in it.
    cx, cy = cell % n, cell // n
    inner = (cx > x0 * n + EDGE_MARGIN) & (cx + 1 < x1 * n - EDGE_MARGIN)
    inner &= (cy > y_top * n + EDGE_MARGIN) & (cy + 1 < y_bottom * n - EDGE_MARGIN)
    return inner


def cells_count(index: ClusterIndex, cells: Cells, query: Query) -> int:
    """Events of ``index`` inside ``query.bbox`` among the viewport's ``cells`` (all
    of its events in the window and types, no mask), from the cells a clustered
    answer already looked up: the cells wholly inside by their counts, those on the
    edge as _edge_count does (grid_count without a second lookup of the groups)."""
    bbox = query.bbox
    if covers(bbox, index.extent):
        return int(cells.count.sum())
    inner = _inner(cells.level.n, cells.cell, bbox)
    edge = np.flatnonzero(~inner[cells.cluster_of])  # per group
    groups, i_s = cells.groups[edge], cells.i_s[edge]
    return int(cells.count[inner].sum()) + _edge_count(
        index, query, cells.level, groups, i_s, i_s - cells.i_l[edge],
        d_from=cells.d_from,
    )  # fmt: skip


def _finer(index: ClusterIndex, zoom: int) -> Level | None:
    """The grid ``zoom`` of ``index`` when it is held (a sub-index builds its grids on
    first use: one is never built to count an edge)."""
    levels = index.levels
    return levels[zoom] if isinstance(levels, list) else levels.held(zoom)


def _edge_count(
    index: ClusterIndex,
    query: Query,
    level: Level,
    groups: np.ndarray,
    i_s: np.ndarray,
    count: np.ndarray,
    *,
    d_from: int | None = None,
) -> int:
    """Events inside ``query.bbox`` of the (cell, type) ``groups`` of ``level`` on its
    edge (``i_s``: the ends of their windows; ``count``: their events in it): listed
    one by one when few or on the finest grid, else counted on a finer grid
    (REFINE_FROM), the edge cells' parts there that lie wholly inside by their
    counts and the others again."""
    bbox = query.bbox
    if d_from is None:
        d_from = index._days(query)[0]
    # A cell whose events (of all time) lie wholly inside or wholly outside the bbox
    # needs no lookup of them.
    whole, none = level.cells_inside(groups, bbox)
    straddle = ~(whole | none)
    counted = int(count[whole].sum())
    groups, i_s, count = groups[straddle], i_s[straddle], count[straddle]
    if not len(groups):
        return counted
    return counted + _straddling(index, query, level, groups, i_s, count, d_from)


def _straddling(
    index: ClusterIndex,
    query: Query,
    level: Level,
    groups: np.ndarray,
    i_s: np.ndarray,
    count: np.ndarray,
    d_from: int,
) -> int:
    """_edge_count of groups whose cells' events lie on both sides of the bbox."""
    bbox = query.bbox
    zoom = min(level.zoom + REFINE_ZOOMS, MAX_GRID_ZOOM)
    fine = _finer(index, zoom) if level.zoom < MAX_GRID_ZOOM else None
    if fine is None or int(count.sum()) <= REFINE_FROM:
        rows = index._enumerate(level, groups, i_s, d_from)
        return int(np.count_nonzero(index._in_bbox(rows, bbox)))
    found = index._cell_range(bbox, zoom)
    if found is None:  # (the edge's events lie in the extent: not reached)
        return 0
    # The edge cells' cells at ``zoom`` (f x f each) within the bbox's cells there:
    # those outside hold no event inside the bbox.
    f = 1 << (zoom - level.zoom)
    cells = level.g_cell[groups]
    cells = cells[np.concatenate(([True], cells[1:] != cells[:-1]))]
    cx, cy = cells % level.n * f, cells // level.n * f
    x0, x1 = np.maximum(cx, found[0]), np.minimum(cx + f - 1, found[1])
    y0, y1 = np.maximum(cy, found[2]), np.minimum(cy + f - 1, found[3])
    some = (x0 <= x1) & (y0 <= y1)
    x0, x1, y0, y1 = x0[some], x1[some], y0[some], y1[some]
    rows_y = concat_ranges(y0, y1 + 1) * fine.n
    heights = y1 - y0 + 1
    lo = np.searchsorted(fine.g_cell, rows_y + np.repeat(x0, heights), "left")
    hi = np.searchsorted(fine.g_cell, rows_y + np.repeat(x1, heights), "right")
    fine_groups = concat_ranges(lo, hi)
    type_ok = index.type_ok(query.types)
    if type_ok is not None:
        fine_groups = fine_groups[type_ok[fine.g_type[fine_groups]]]
    fine_s, fine_l = index._window_counts(
        fine, fine_groups, d_from, index._days(query)[1]
    )
    fine_count = fine_s - fine_l
    some = fine_count > 0
    fine_groups, fine_s, fine_count = fine_groups[some], fine_s[some], fine_count[some]
    inner = _inner(fine.n, fine.g_cell[fine_groups], bbox)
    edge = ~inner
    return int(fine_count[inner].sum()) + _edge_count(
        index, query, fine, fine_groups[edge], fine_s[edge], fine_count[edge],
        d_from=d_from,
    )  # fmt: skip


def count(index: ClusterIndex, query: Query, rows: np.ndarray | None = None) -> int:
    """ClusterIndex.count_inside: on the grids without a mask (grid_count), else in
    one pass over the rows (or over ``rows`` alone)."""
    bbox = query.bbox
    if (
        rows is None
        and query.mask is None
        and bbox is not None
        and index.size >= GRID_COUNT_FROM
    ):
        return grid_count(index, query)
    d_from, d_to = index._days(query)
    day0 = index.day0

    def column(values: np.ndarray) -> np.ndarray:
        return values if rows is None else values[rows]

    keep = (column(index.last) >= d_from + day0) & (column(index.start) <= d_to + day0)
    if bbox is not None:
        lon, lat = column(index.lon), column(index.lat)
        keep &= (lon >= bbox[0]) & (lon <= bbox[2])
        keep &= (lat >= bbox[1]) & (lat <= bbox[3])
    type_ok = index.type_ok(query.types)
    if type_ok is not None:
        keep &= type_ok[column(index.type_idx)]
    if query.mask is not None:
        keep &= column(query.mask)
    return int(np.count_nonzero(keep))
