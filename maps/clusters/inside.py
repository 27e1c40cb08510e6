"""Exact counts of the events inside a viewport's bbox, from the grids: the cells wholly
inside count from their window sums, those on its edge event by event (a pass over
every row cost ~1 ms a request at 1M events, most of a pan/zoom answer; issue 16). A
clustered answer without a mask or writes counts on the cells it looked up
(cells_count, Tally.inside); the others look their groups up again (grid_count)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np

from maps.clusters.grid import MAX_GRID_ZOOM, Cells, Query, mercator

if TYPE_CHECKING:
    from maps.clusters.engine import ClusterIndex

# An index smaller than this counts in one pass over its rows (a live index's delta).
GRID_COUNT_FROM = 20_000
# A cell counts as inside only this far (in cells) from the bbox's edge: the Mercator
# projection's rounding (~1e-16) can never move an event of it past the edge.
EDGE_MARGIN = 1e-6


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
    rows = index._enumerate(level, groups[edge], i_s[edge], d_from)
    return int(count[inner].sum()) + int(np.count_nonzero(index._in_bbox(rows, bbox)))


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


def cells_count(index: ClusterIndex, cells: Cells, bbox: tuple[float, ...]) -> int:
    """Events of ``index`` inside ``bbox`` among the viewport's ``cells`` (all of its
    events in the window and types, no mask), from the cells a clustered answer
    already looked up: the cells wholly inside by their counts, those on the edge
    event by event (grid_count without a second lookup of the groups)."""
    if covers(bbox, index.extent):
        return int(cells.count.sum())
    inner = _inner(cells.level.n, cells.cell, bbox)
    edge = ~inner[cells.cluster_of]  # per group
    rows = index._enumerate(
        cells.level, cells.groups[edge], cells.i_s[edge], cells.d_from
    )
    return int(cells.count[inner].sum()) + int(
        np.count_nonzero(index._in_bbox(rows, bbox))
    )


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
