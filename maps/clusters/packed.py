"""Lists of byte strings stored end to end in a mapped file (the shared index's
titles, actor lists and places: maps.clusters.store)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from events.indexfile import PackedBytes

__all__ = ["PackedBytes", "PackedPlaces"]


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
