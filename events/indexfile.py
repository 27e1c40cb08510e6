"""One version's file of a shared index (events.shared_index): arrays and lists of
bytes written one after another, 64-byte aligned, beside a meta.json that says where
each lies; mapped read-only, the arrays as views."""

from __future__ import annotations

import json
import mmap
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

ALIGN = 64
PACKED_BLOCK = 65_536  # items of a packed list joined per write


# --- writing ----------------------------------------------------------------------
class Writer:
    """Arrays (and lists of bytes) written one after another, each 64-byte aligned;
    ``arrays``: key -> [offset, dtype, shape], for meta.json."""

    def __init__(self, file, magic: bytes) -> None:
        self.file, self.offset, self.arrays = file, 0, {}
        self._put(magic)

    def _put(self, data) -> None:
        self.file.write(data)
        self.offset += len(data) if isinstance(data, bytes) else data.nbytes

    def array(self, key: str, value: np.ndarray) -> None:
        value = np.ascontiguousarray(value)
        if value.dtype.hasobject:
            raise TypeError(f"{key}: object arrays cannot be shared")
        self._put(b"\0" * (-self.offset % ALIGN))
        self.arrays[key] = [self.offset, value.dtype.str, list(value.shape)]
        self._put(value.reshape(-1).view(np.uint8))

    def stream(self, key: str, chunks: Iterable[bytes]) -> None:
        """One uint8 array of ``chunks`` end to end, written as they come (its size
        unknown until the last one: a builder never holds it whole)."""
        self._put(b"\0" * (-self.offset % ALIGN))
        start = self.offset
        for chunk in chunks:
            self._put(chunk)
        self.arrays[key] = [start, np.dtype(np.uint8).str, [self.offset - start]]

    def packed(self, key: str, items: Sequence[bytes]) -> None:
        if isinstance(items, PackedBytes):  # already end to end: written as it is
            offsets, data = items.raw()
            self.array(f"{key}.off", offsets)
            self.array(f"{key}.data", np.frombuffer(data, dtype=np.uint8))
            return
        offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, items), np.int64, len(items)), out=offsets[1:])
        self.array(f"{key}.off", offsets)
        # The bytes as one uint8 array, joined PACKED_BLOCK items at a time: never a
        # copy of them all (10M titles: ~0.5 GB of a build's heap).
        self._put(b"\0" * (-self.offset % ALIGN))
        self.arrays[f"{key}.data"] = [
            self.offset,
            np.dtype(np.uint8).str,
            [int(offsets[-1])],
        ]
        for first in range(0, len(items), PACKED_BLOCK):
            self._put(b"".join(items[first : first + PACKED_BLOCK]))


def write_files(directory: Path, magic: bytes, fill: Callable[[Writer], dict]) -> None:
    """``directory``/index.bin (what ``fill(writer)`` writes) and meta.json (the dict
    it returns, with where each array lies), both synced to disk."""
    with open(directory / "index.bin", "wb") as file:
        writer = Writer(file, magic)
        meta = fill(writer)
        file.flush()
        os.fsync(file.fileno())
    meta["arrays"] = writer.arrays
    with open(directory / "meta.json", "w") as file:
        json.dump(meta, file)
        file.flush()
        os.fsync(file.fileno())


class OtherFormat(ValueError):
    """A version written by code of another file format (an upgrade): never mapped;
    the machine's next index is built anew (current() answers None for it)."""


class Mapped:
    """One version's file, mapped read-only: its meta and its arrays as views."""

    def __init__(self, path: Path, magic: bytes, fmt: int) -> None:
        self.meta = json.loads((path / "meta.json").read_text())
        with open(path / "index.bin", "rb") as file:
            self.buffer = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if self.meta.get("format") != fmt or self.buffer[: len(magic)] != magic:
            raise OtherFormat(f"{path}: not an index of format {fmt}")
        self.arrays = self.meta["arrays"]

    def array(self, key: str) -> np.ndarray:
        offset, dtype, shape = self.arrays[key]
        count = int(np.prod(shape)) if shape else 1
        return np.frombuffer(
            self.buffer, dtype=dtype, count=count, offset=offset
        ).reshape(shape)

    def packed(self, key: str) -> PackedBytes:
        return PackedBytes(
            self.buffer, self.array(f"{key}.off"), self.arrays[f"{key}.data"][0]
        )


class PackedBytes(Sequence):
    """A list of byte strings stored end to end in a mapped file; item i is a copy."""

    def __init__(self, buffer, offsets: np.ndarray, start: int) -> None:
        self._buffer, self._offsets, self._start = buffer, offsets, start
        self._n = len(offsets) - 1

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[bytes]:
        for i in range(self._n):
            yield self[i]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        start = self._start
        return self._buffer[
            start + int(self._offsets[i]) : start + int(self._offsets[i + 1])
        ]

    @property
    def nbytes(self) -> int:
        """The items' bytes and their offsets (what the file holds for them)."""
        return int(self._offsets[-1] - self._offsets[0]) + self._offsets.nbytes

    def raw(self) -> tuple[np.ndarray, memoryview]:
        """(the offsets, from 0; the items' bytes end to end), without a copy."""
        end = self._start + int(self._offsets[-1])
        return self._offsets, memoryview(self._buffer)[self._start : end]

    def take(self, rows: np.ndarray) -> list[bytes]:
        """Items ``rows``, in order (the export: one slice each, no index checks)."""
        buffer, start = self._buffer, self._start
        first = (self._offsets[rows] + start).tolist()
        end = (self._offsets[rows + 1] + start).tolist()
        return [buffer[a:b] for a, b in zip(first, end, strict=True)]
