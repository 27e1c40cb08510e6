"""Every public Feature of a shared index encoded once, end to end in its file, ordered
as filters select them (top-level type, then newest day first, then id), so that an
export is a few slices of it (issue 16: per Feature, the export cost ~3 µs at 10M).

Written with the index (maps.clusters.store), mapped by every worker: the pages an
export reads are the machine's page cache, shared, and the others stay on disk. An
export's rows, in the API's order (newest start first, then id), fall on runs of
consecutive positions: a top-level type and a date window is one run (plus one per
event that started before the window), whatever the number of Features; scattered
ones (several types, a bbox, actors) are short runs, each ~0.3 µs (a copy from the
map). Each Feature is stored with the comma that follows it in a FeatureCollection.

The blob is stored compressed (zstd, level 3) in independent blocks of whole Features
of ~32 KB, with a dictionary trained on a sample of the Features (at 1M: 690 MB ->
~47 MB, 14.8x; 128 KB blocks without a dictionary: 14.0x, 64 KB: 12.9x). An export
decompresses each block it touches once, for that request only (~0.3 ns a byte, ~10 µs
a block, ~0.2 µs a Feature), and slices those; a selection so scattered that its
blocks hold more than ``BYTES_PER_ENCODE`` per Feature it takes is cheaper per
Feature (maps.feature_columns): ``pieces`` then answers None. bench/README.md
"Compressed export blob"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import zstandard

from maps import feature_columns

CHUNK_ROWS = 50_000  # Features encoded, then written, at a time (the builder's heap)
BLOCK_BYTES = 32 * 1024  # a block: whole Features, this many bytes or just over
LEVEL = 3  # zstd's default: 340-490 MB/s with the dictionary here, level 6: ~80
DICT_BYTES = 112 * 1024  # zstd's default dictionary size
DICT_SAMPLES = 20_000  # Features the dictionary is trained on, spread over the blob
DICT_MIN_SAMPLES = 1_000  # fewer: no dictionary (zstd's training needs enough)
# Bytes zstd decompresses here in the time one Feature is encoded from the columns
# (~2.7 µs at 10M, bench/README.md "10M run 10"; ~0.3 ns a byte): an export whose
# blocks hold more than this per Feature it takes is answered per Feature.
BYTES_PER_ENCODE = 9_000


@dataclass(frozen=True)
class FeatureBlob:
    """The encoded Features of an index's rows, each followed by a comma."""

    data: bytes  # (or the mapped file) the Features in blob order, from ``start``
    start: int
    offsets: np.ndarray  # int64, blob position -> first byte (len = rows + 1)
    positions: np.ndarray  # index row -> blob position
    urls: tuple[str, str]  # the detail and API prefixes the Features were made with
    # Each compressed block's first blob position and first byte in ``data`` (len
    # blocks + 1; ``compressed`` writes them).
    firsts: np.ndarray
    block_at: np.ndarray
    dictionary: zstandard.ZstdCompressionDict | None = None


@dataclass
class Blocks:
    """Where a compressed blob's blocks start, filled as ``compressed`` yields them:
    their first blob positions and their first bytes, each ending with the ends."""

    firsts: list[int] = field(default_factory=list)
    at: list[int] = field(default_factory=list)


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


def dictionary_for(
    index, columns, order: np.ndarray, urls: tuple[str, str]
) -> bytes | None:
    """A zstd dictionary trained on DICT_SAMPLES Features spread over the blob (its
    types and years)."""
    if len(order) < DICT_MIN_SAMPLES:
        return None
    sample = order[np.linspace(0, len(order) - 1, DICT_SAMPLES).astype(np.int64)]
    return trained(feature_columns.features_from_columns(index, columns, sample, urls))


def trained(samples: list[bytes]) -> bytes | None:
    """A zstd dictionary of DICT_BYTES for ``samples``; None for too few."""
    if len(samples) < DICT_MIN_SAMPLES:
        return None
    try:
        return zstandard.train_dictionary(DICT_BYTES, samples).as_bytes()
    except zstandard.ZstdError:  # samples too alike or too small: none
        return None


def compressed(
    chunks: Iterator[bytes],
    offsets: np.ndarray,
    blocks: Blocks,
    *,
    dictionary: bytes | None,
    block_bytes: int | None = None,
) -> Iterator[bytes]:
    """``chunks`` (blob_chunks': CHUNK_ROWS Features each, ``offsets`` filled as
    they come) cut into blocks of whole Features of ``block_bytes`` (BLOCK_BYTES
    unless given) or just over, each compressed alone; fills ``blocks``."""
    block_bytes = block_bytes or BLOCK_BYTES
    loaded = zstd_dict(dictionary)
    if loaded is not None:  # (else loaded again for each block)
        loaded.precompute_compress(level=LEVEL)
    compressor = zstandard.ZstdCompressor(level=LEVEL, dict_data=loaded)
    rows = len(offsets) - 1
    first = at = 0  # the next block's first position; the bytes written
    pending, pending_at = b"", 0  # what is not yet in a block, from that byte

    def block(end: int) -> bytes:
        nonlocal first, at
        view = memoryview(pending)[
            int(offsets[first]) - pending_at : int(offsets[end]) - pending_at
        ]
        frame = compressor.compress(view)
        blocks.firsts.append(first)
        blocks.at.append(at)
        first, at = end, at + len(frame)
        return frame

    for i, chunk in enumerate(chunks):
        known = min((i + 1) * CHUNK_ROWS, rows)  # positions whose ends are known
        pending = pending[int(offsets[first]) - pending_at :] + chunk
        pending_at = int(offsets[first])
        while True:
            end = first + int(
                np.searchsorted(
                    offsets[first : known + 1], offsets[first] + block_bytes
                )
            )
            if end > known:
                break
            yield block(end)
    if first < rows:
        yield block(rows)
    blocks.firsts.append(rows)
    blocks.at.append(at)


def zstd_dict(data) -> zstandard.ZstdCompressionDict | None:
    """The dictionary of its bytes (a stored blob's), None for None."""
    return zstandard.ZstdCompressionDict(bytes(data)) if data is not None else None


def pieces(
    blob: FeatureBlob, rows: np.ndarray, extra: list[bytes] | None = None
) -> list | None:
    """The FeatureCollection's Features (joined, then framed) as slices of the blob:
    one per run of consecutive positions (and per block it spans). ``rows``: index
    rows in output order, where a negative row ``-1 - k`` stands for ``extra[k]`` (an
    encoded Feature from elsewhere: an event written since the build). None when the
    blocks to decompress would cost more than encoding the Features (BYTES_PER_ENCODE)."""
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
    out = _block_slices(blob, rows[starts], at[starts], at[ends - 1] + 1, extra)
    if out is None:
        return None
    if rows[-1] < 0:  # the comma after an extra Feature
        out.pop()
    else:  # the last Feature's comma
        out[-1] = out[-1][:-1]
    return out


def _block_slices(blob, runs, first, end, extra) -> list | None:
    """Each run's slices of the blocks it spans, each block decompressed once; None
    when those hold more than BYTES_PER_ENCODE per Feature taken."""
    offsets, firsts, block_at = blob.offsets, blob.firsts, blob.block_at
    own = runs >= 0
    first, end = first.clip(0), end.clip(0)  # (an extra's: never read)
    block0 = np.searchsorted(firsts, first, side="right") - 1
    block1 = np.searchsorted(firsts, end - 1, side="right") - 1
    # The blocks touched: each run's first and last and those between (work in
    # proportion to the runs, never to the blob's blocks).
    k0, k1 = block0[own], block1[own]
    wide = np.flatnonzero(k1 - k0 > 1)
    between = [
        np.arange(a + 1, b)
        for a, b in zip(k0[wide].tolist(), k1[wide].tolist(), strict=True)
    ]
    touched = np.unique(np.concatenate([k0, k1, *between]))
    sizes = offsets[firsts[touched + 1]] - offsets[firsts[touched]]
    if int(sizes.sum()) > BYTES_PER_ENCODE * int((end - first)[own].sum()):
        return None
    decompressor = zstandard.ZstdDecompressor(dict_data=blob.dictionary)
    data = blob.data
    frames = zip(
        touched.tolist(),
        (block_at[touched] + blob.start).tolist(),
        (block_at[touched + 1] + blob.start).tolist(),
        strict=True,
    )
    # Transient: this request's blocks, freed with its answer.
    block = {k: decompressor.decompress(data[a:b]) for k, a, b in frames}
    a_in = (offsets[first] - offsets[firsts[block0]]).tolist()
    b_in = (offsets[end] - offsets[firsts[block1]]).tolist()
    out: list = []
    append = out.append
    for row, k0, k1, a, b in zip(
        runs.tolist(), block0.tolist(), block1.tolist(), a_in, b_in, strict=True
    ):
        if row < 0:
            append(extra[-1 - row])
            append(b",")
        elif k0 == k1:
            append(block[k0][a:b])
        else:  # across blocks: the first's end, those between whole, the last's start
            append(block[k0][a:])
            out.extend(block[k] for k in range(k0 + 1, k1))
            append(block[k1][:b])
    return out
