"""Lists of byte strings stored end to end in a mapped file (the shared index's
titles, actor lists and places: maps.clusters.store)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np


class PackedBytes(Sequence):
    """A list of byte strings stored end to end in a mapped file; item i is a copy."""

    def __init__(self, buffer, offsets: np.ndarray, start: int) -> None:
        self._buffer, self._offsets, self._start = buffer, offsets, start
        self._n = len(offsets) - 1

    def __len__(self) -> int:
        return self._n

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

    def take(self, rows: np.ndarray) -> list[bytes]:
        """Items ``rows``, in order (the export: one slice each, no index checks)."""
        buffer, start = self._buffer, self._start
        first = (self._offsets[rows] + start).tolist()
        end = (self._offsets[rows + 1] + start).tolist()
        return [buffer[a:b] for a, b in zip(first, end, strict=True)]


class PackedPlaces(Mapping):
    """place id -> (coordinates, place JSON), from sorted ids and two PackedBytes."""

    def __init__(self, ids: np.ndarray, coords: PackedBytes, json_: PackedBytes):
        self._ids, self._coords, self._json = ids, coords, json_
        self._memo: dict[int, tuple[bytes, bytes]] = {}  # places are few (25k at 1M)

    def _at(self, pk) -> int:
        k = int(np.searchsorted(self._ids, pk))
        if k >= len(self._ids) or self._ids[k] != pk:
            raise KeyError(pk)
        return k

    def __getitem__(self, pk) -> tuple[bytes, bytes]:
        found = self._memo.get(pk)
        if found is None:
            k = self._at(pk)
            found = self._memo[pk] = (self._coords[k], self._json[k])
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)
