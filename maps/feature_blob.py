"""Every public Feature of a shared index encoded once, end to end in its file, ordered
as filters select them (top-level type, then newest day first, then id), so that an
export is a few slices of it (issue 16: per Feature, the export cost ~3 µs at 10M).

Written with the index (maps.clusters.store), mapped by every worker: the pages an
export reads are the machine's page cache, shared, and the others stay on disk. An
export's rows, in the API's order (newest start first, then id), fall on runs of
consecutive positions: a top-level type and a date window is one run (plus one per
event that started before the window), whatever the number of Features; scattered
ones (several types, a bbox, actors) are short runs, each ~0.3 µs (a copy from the
map). Each Feature is stored with the comma that follows it in a FeatureCollection."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from maps import feature_columns

CHUNK_ROWS = 50_000  # Features encoded, then written, at a time (the builder's heap)


@dataclass(frozen=True)
class FeatureBlob:
    """The encoded Features of an index's rows, each followed by a comma."""

    data: bytes  # (or the mapped file) the Features in blob order, from ``start``
    start: int
    offsets: np.ndarray  # int64, blob position -> first byte (len = rows + 1)
    positions: np.ndarray  # index row -> blob position
    urls: tuple[str, str]  # the detail and API prefixes the Features were made with


def blob_order(index) -> np.ndarray:
    """Index rows in blob order: by top-level type (the map's legend filters by it),
    newest start first, then by row (by id)."""
    tops = {}
    top_of = np.array(
        [tops.setdefault(t.top_slug, len(tops)) for t in index.types] or [0],
        dtype=np.int64,
    )
    rows = np.arange(index.size, dtype=np.int64)
    return np.lexsort((rows, -index.start.astype(np.int64), top_of[index.type_idx]))


def positions_of(order: np.ndarray) -> np.ndarray:
    """Row -> blob position, the inverse of ``order``."""
    dtype = np.int32 if len(order) < 2**31 else np.int64
    positions = np.empty(len(order), dtype=dtype)
    positions[order] = np.arange(len(order), dtype=dtype)
    return positions


def blob_chunks(
    index, columns, order: np.ndarray, urls: tuple[str, str], offsets: np.ndarray
) -> Iterator[bytes]:
    """The blob's bytes, CHUNK_ROWS Features at a time; fills ``offsets`` (len
    rows + 1) as it goes."""
    offsets[0] = at = 0
    for first in range(0, len(order), CHUNK_ROWS):
        rows = order[first : first + CHUNK_ROWS]
        parts = feature_columns.features_from_columns(index, columns, rows, urls)
        sizes = np.fromiter(map(len, parts), np.int64, len(parts)) + 1
        offsets[first + 1 : first + 1 + len(parts)] = at + np.cumsum(sizes)
        at = int(offsets[first + len(parts)])
        parts.append(b"")
        yield b",".join(parts)


def blob_build(index, columns, urls: tuple[str, str]) -> FeatureBlob:
    """The blob in memory (tests; the store writes it with ``blob_chunks``)."""
    order = blob_order(index)
    offsets = np.zeros(index.size + 1, dtype=np.int64)
    data = b"".join(blob_chunks(index, columns, order, urls, offsets))
    return FeatureBlob(data, 0, offsets, positions_of(order), tuple(urls))


def pieces(
    blob: FeatureBlob, rows: np.ndarray, extra: list[bytes] | None = None
) -> list:
    """The FeatureCollection's Features (joined, then framed) as slices of the blob:
    one per run of consecutive positions. ``rows``: index rows in output order, where
    a negative row ``-1 - k`` stands for ``extra[k]`` (an encoded Feature from
    elsewhere: an event written since the build)."""
    if not len(rows):
        return []
    base = rows >= 0
    extras = -2 * np.arange(1, len(rows) + 1)  # never consecutive with anything
    at = extras  # the blob's rows looked up alone: an empty blob has no position 0
    at[base] = blob.positions[rows[base]]
    # A run goes on while both are the blob's and the position follows on.
    goes_on = np.zeros(len(rows), dtype=bool)
    goes_on[1:] = (np.diff(at) == 1) & base[1:] & base[:-1]
    starts = np.flatnonzero(~goes_on)
    ends = np.r_[starts[1:], len(rows)]
    offsets, data = blob.offsets, blob.data
    # Slices of the map are copies (~0.3 µs each); of a memoryview, ~0.9 µs.
    first = (offsets[at[starts].clip(0)] + blob.start).tolist()
    last = (offsets[(at[ends - 1] + 1).clip(0)] + blob.start).tolist()
    out: list = []
    append = out.append
    for row, a, b in zip(rows[starts].tolist(), first, last, strict=True):
        if row >= 0:
            append(data[a:b])
        else:
            append(extra[-1 - row])
            append(b",")
    if rows[-1] < 0:  # the comma after an extra Feature
        out.pop()
    else:  # the last Feature's comma
        out[-1] = out[-1][:-1]
    return out
