"""A grid's coordinate prefix sums as modular integers: each event's position within
its cell in q bits, summed as uint32 (4 bytes per event and sum instead of float64's
8; issue 16), and turned back into sums of (lon - lon0) where they are read.

Each event's position in its cell is quantized to q bits on each axis: lon linearly
over the cell's lon span, lat linearly over the cell's lat span (the inverse
Mercator of its y edges), clipped to [0, 2**q - 1] and decoded at the quantum's
centre, so each coordinate is off by at most half a quantum. The prefix sums of
these integers are kept modulo 2**32: a window's sum, a difference of prefix sums,
is exact whenever the true sum is below 2**32, whatever wraps in between. A grid
takes q = min(Q_MAX, 32 - bit_length(its largest (cell, type) group)), so that no
window can overflow; where that leaves fewer than Q_FLOOR bits (a group of 2**24
events or more) the grid keeps uint64 sums instead (q = min(Q_MAX, 64 - ...)).

Worst case (q = Q_FLOOR = 8, a 64 px cell in 256 steps), a centroid (a mean of
decoded positions) is off by at most half a quantum on each axis: 0.125 px east-west
at every zoom; north-south 0.125 px times the cell's largest over mean Mercator
stretch: 0.30 px at zoom 0 (its polar cells), 0.19 at 1, 0.15 at 2, 0.14 at 3,
<= 0.132 from zoom 4 on. In metres (half a quantum; lon at the equator, lat in the
equator's cells, the widest in lat):
    zoom  0: 19,600 m lon / 14,400 m lat    zoom  6: 306 m / 304 m
    zoom  1:  9,780 m     /  8,850 m        zoom  8:  76 m /  76 m
    zoom  2:  4,890 m     /  4,740 m        zoom 10:  19 m /  19 m
    zoom  4:  1,220 m     /  1,210 m        zoom 12: 4.8 m / 4.7 m
Each bit over 8 halves these; the q each grid took is its ``q`` (bench/gridsums.py
prints them: 15 bits at zooms 0-4 and 18 at zoom 12 for 1M synthetic events, so 1/128
and 1/1024 of the figures above; about 12 at zoom 0 for 10M).
Events beyond Mercator's +-85.05 deg lat are clipped to its edge (as their cells are).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from maps.clusters.grid import Level

Q_MAX = 24  # 1/2**24 of a 64 px cell: far below a pixel at any zoom
Q_FLOOR = 8  # fewer bits than this: uint64 sums instead (1/256 of a 64 px cell)


def bits_for(largest: int) -> tuple[int, type]:
    """(q, sum dtype) for a grid whose largest (cell, type) group holds ``largest``
    events: no window's sum of q-bit positions can reach 2**32 (or 2**64)."""
    used = int(largest).bit_length()
    if 32 - used >= Q_FLOOR:
        return min(Q_MAX, 32 - used), np.uint32
    return min(Q_MAX, 64 - used), np.uint64


def dtype_for(q: int, largest: int) -> type:
    """The sum dtype that holds windows of ``largest`` q-bit positions (a sub-index
    takes its parent's q, so that their sums subtract exactly)."""
    return np.uint32 if q + int(largest).bit_length() <= 32 else np.uint64


@functools.lru_cache(maxsize=32)
def lat_edges(zoom_cells: int) -> np.ndarray:
    """The lat of each of a grid's n + 1 cell rows' edges (north to south), for
    n = ``zoom_cells`` cells per axis: the inverse of grid.mercator's y."""
    y = np.arange(zoom_cells + 1, dtype=np.float64) / zoom_cells
    edges = np.degrees(np.arctan(np.sinh(np.pi * (1.0 - 2.0 * y))))
    edges.flags.writeable = False
    return edges


def positions(
    mx: np.ndarray, my: np.ndarray, lat: np.ndarray, n: int, q: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each event's (lon, lat) position in its cell (n cells per axis) in q bits,
    uint32, in the rows' order."""
    top = float((1 << q) - 1)
    scale = float(1 << q)
    frac = mx * n  # Mercator x is linear in lon: the cell's lon fraction
    frac -= np.floor(frac)
    frac *= scale
    np.floor(frac, out=frac)
    np.clip(frac, 0.0, top, out=frac)
    q_lon = frac.astype(np.uint32)
    edges = lat_edges(n)
    row = (my * n).astype(np.int64)  # as grid.Level counts cells
    south = edges[row + 1]
    frac = lat - south
    frac /= edges[row] - south
    del south, row
    frac *= scale
    np.floor(frac, out=frac)
    np.clip(frac, 0.0, top, out=frac)
    return q_lon, frac.astype(np.uint32)


def prefix(values: np.ndarray, dtype: type) -> np.ndarray:
    """0, then the running sums of ``values`` modulo 2**bits of ``dtype``."""
    found = np.empty(len(values) + 1, dtype=dtype)
    found[0] = 0
    np.cumsum(values, dtype=dtype, out=found[1:])
    return found


def window(
    cs_s: np.ndarray,
    cs_l: np.ndarray,
    i_s: np.ndarray,
    i_l: np.ndarray,
    first: np.ndarray,
) -> np.ndarray:
    """Per group: the sum of its window's positions, (cs_s[i_s] - cs_s[first]) -
    (cs_l[i_l] - cs_l[first]) modulo 2**bits (exact: the window's sum fits), as
    float64."""
    found = cs_s[i_s] - cs_s[first]
    found -= cs_l[i_l] - cs_l[first]
    return found.astype(np.float64)


def decode(
    level: Level,
    cell: np.ndarray,
    count: np.ndarray,
    q_lon: np.ndarray,
    q_lat: np.ndarray,
    lon0: float,
    lat0: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Per cell (ids ``cell`` of ``level``): the sums of (lon - lon0) and (lat - lat0)
    of ``count`` events whose positions in it sum to ``q_lon`` and ``q_lat``, each
    event at its quantum's centre."""
    n, steps = level.n, float(1 << level.q)
    count = count.astype(np.float64)
    span = 360.0 / n
    row, column = np.divmod(cell, n)
    sum_lon = q_lon + 0.5 * count
    sum_lon *= span / steps
    sum_lon += count * (column * span - (180.0 + lon0))
    edges = lat_edges(n)
    south = edges[row + 1]
    sum_lat = q_lat + 0.5 * count
    sum_lat *= (edges[row] - south) / steps
    sum_lat += count * (south - lat0)
    return sum_lon, sum_lat
