"""A live index: a base ClusterIndex plus the delta of the events written since its
build, answering as one index (its answers kept per request)."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict

import numpy as np
from django.conf import settings

from maps.clusters.answer import empty_answer
from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import MAX_GRID_ZOOM, Query, Rows
from maps.clusters.masked import Removed
from maps.clusters.tally import tally_rows

NO_ROWS = Rows(
    ids=np.empty(0, np.int64),
    lon=np.empty(0),
    lat=np.empty(0),
    start=np.empty(0, np.int32),
    last=np.empty(0, np.int32),
    type_idx=np.empty(0, np.int64),
    disputed=np.empty(0, bool),
)


class Answers:
    """Encoded answers by request, kept by one live index (they live and die with its
    data version), within ``settings.MAP_KEPT_ANSWERS_MB`` per process: a segmented
    LRU. A new answer enters on probation; asked again, it is protected (at most
    ``PROTECTED`` of the bytes). Room is made from probation's least recent first, so
    a stream of views asked once (new views, a reader's own pans) pushes out other
    answers asked once, not those readers ask again (bench/README.md, "Kept answers":
    at 1M events, 12 readers a round beside new views, the readers' repeated URLs
    found kept went from 65 % (4 MB, LRU) to 91 % (8 MB, this); an LRU needed 32 MB)."""

    PROTECTED = 0.8  # of the bytes, at most, for answers asked again
    ENTRY_BYTES = 300  # per answer beyond its key, ETag and body (the dict's, tuple's)

    def __init__(self, max_bytes: int | None = None) -> None:
        if max_bytes is None:
            max_bytes = int(settings.MAP_KEPT_ANSWERS_MB * 2**20)
        self.max_bytes = max_bytes
        self._probation: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._protected: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._nbytes = self._protected_bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._probation) + len(self._protected)

    def __contains__(self, key: str) -> bool:  # (a look that counts as no request)
        return key in self._protected or key in self._probation

    @property
    def nbytes(self) -> int:
        return self._nbytes

    @classmethod
    def _size(cls, key: str, etag: str, body: bytes) -> int:
        return cls.ENTRY_BYTES + len(key) + len(etag) + len(body)

    def get(self, key: str) -> tuple[str, bytes] | None:
        with self._lock:
            found = self._protected.get(key)
            if found is not None:
                self._protected.move_to_end(key)
                return found
            found = self._probation.pop(key, None)
            if found is None:
                return None
            self._protected[key] = found  # asked again: protected
            self._protected_bytes += self._size(key, *found)
            while self._protected_bytes > self.PROTECTED * self.max_bytes:
                old, value = self._protected.popitem(last=False)  # back on probation
                self._protected_bytes -= self._size(old, *value)
                self._probation[old] = value
            return found

    def put(self, key: str, etag: str, body: bytes) -> None:
        size = self._size(key, etag, body)
        if size > self.max_bytes // 16:  # a large answer would push out many
            return
        # Copied to its own size: orjson leaves a ~4 KB buffer behind each small
        # result, which the bound (by length) would not see.
        body = bytes(memoryview(body))
        with self._lock:
            if key in self._probation or key in self._protected:
                return
            self._probation[key] = (etag, body)
            self._nbytes += size
            while self._nbytes > self.max_bytes:
                if self._probation:
                    old, value = self._probation.popitem(last=False)
                else:
                    old, value = self._protected.popitem(last=False)
                    self._protected_bytes -= self._size(old, *value)
                self._nbytes -= self._size(old, *value)


class LiveIndex:
    """``base`` less the rows of the ``written`` events, plus their current public
    rows (``delta_rows``, with their ``titles``); rows are numbered base first, then
    delta. Its answers are those of an index built at ``counter`` (tests compare)."""

    def __init__(
        self,
        base: ClusterIndex,
        delta_rows: Rows = NO_ROWS,
        *,
        written: frozenset[int] | None = frozenset(),
        counter: int | None = None,
        titles: list[str] | None = None,
    ) -> None:
        self.base, self.written = base, written
        self.counter = base.counter if counter is None else counter
        self.seen = self.counter  # the last version this answered for (state)
        # Whether ``written`` is every event written since the base (else some write
        # recorded none: its events show at the base's rebuild).
        self.complete = written is not None
        self.types, self.tops = base.types, base.tops
        ids = np.array(sorted(written or ()), dtype=np.int64)
        rows, held = base.rows_of(ids)
        self.removed = Removed(base.size, rows[held]) if held.any() else None
        self.extent = self._extent(delta_rows)
        # The delta's grids are built per zoom on first use (it is small).
        self.delta = ClusterIndex(
            delta_rows,
            base.types,
            self.counter,
            base.built_at,
            extent=self.extent or (0.0, 0.0, 0.0, 0.0),
        )
        self.titles = titles or []  # per delta row (rows sorted by id)
        self.size = base.size + self.delta.size
        self.token = base.token
        if written:
            digest = hashlib.blake2b(ids.tobytes(), digest_size=8)
            for column in (self.delta.ids, self.delta.start, self.delta.last):
                digest.update(column.tobytes())
            for column in (self.delta.type_idx, self.delta.lon, self.delta.lat):
                digest.update(column.tobytes())
            digest.update(self.delta.disputed.tobytes())
            self.token = f"{base.token}+{self.counter}.{digest.hexdigest()}"
        self.masks: dict[tuple, np.ndarray | None] = {}  # delta masks (selectors)
        self.answers = Answers()  # encoded answers at this version (selectors)

    def _extent(self, delta_rows: Rows) -> tuple[float, float, float, float] | None:
        """The extent of every row the index holds (the base's less removed rows that
        were on its edge, plus the delta's), as an index built now would have it."""
        base, extent = self.base, self.base.extent
        if self.removed is not None and extent is not None:
            r = self.removed.rows
            lon, lat = base.lon[r], base.lat[r]
            if ((lon == extent[0]) | (lat == extent[1]) | (lon == extent[2])).any() or (
                lat == extent[3]
            ).any():
                kept = self.removed.kept
                lon, lat = base.lon[kept], base.lat[kept]
                extent = (
                    (lon.min(), lat.min(), lon.max(), lat.max()) if len(lon) else None
                )
        if len(delta_rows.ids):
            lon, lat = delta_rows.lon, delta_rows.lat
            own = (lon.min(), lat.min(), lon.max(), lat.max())
            extent = own if extent is None else (
                min(extent[0], own[0]), min(extent[1], own[1]),
                max(extent[2], own[2]), max(extent[3], own[3]),
            )  # fmt: skip
        return None if extent is None else tuple(float(v) for v in extent)

    def take(self, name: str, rows: np.ndarray) -> np.ndarray:
        """A column (ids, lon, lat, start, type_idx, disputed, mx, my; top: the top
        type's position) at ``rows`` of this index."""
        if name == "top":
            return self.base.type_top[self.take("type_idx", rows)]
        rows = np.asarray(rows, dtype=np.int64)
        first = getattr(self.base, name)
        if not self.delta.size:  # no writes since the base: its rows alone
            return first[rows]
        second = getattr(self.delta, name)
        n = self.base.size
        out = np.empty(len(rows), dtype=first.dtype)
        low = rows < n
        out[low] = first[rows[low]]
        out[~low] = second[rows[~low] - n]
        return out

    def count_inside(self, query: Query, delta_mask: np.ndarray | None = None) -> int:
        """Events inside the query's bbox exactly (the grid's cells reach past it):
        the base's rows less the written ones, plus the delta's."""
        removed = self.removed
        if query.mask is None:  # on the base's grids, less the written rows inside
            base = self.base.count_inside(dataclasses.replace(query, extent=None))
            if removed is not None:
                base -= self.base.count_inside(query, removed.rows)
        else:
            base_mask = query.mask if removed is None else query.mask & removed.kept
            base = self.base.count_inside(dataclasses.replace(query, mask=base_mask))
        if not self.delta.size:
            return base
        return base + self.delta.count_inside(
            dataclasses.replace(query, mask=delta_mask)
        )

    def query(self, query: Query, delta_mask: np.ndarray | None = None) -> dict:
        """As ClusterIndex.query; ``query.mask`` is over the base's rows,
        ``delta_mask`` over the delta's (both or neither)."""
        n_tops = len(self.tops) or 1
        if self.extent is None:
            return empty_answer(query.zoom)
        base_q = dataclasses.replace(query, extent=self.extent)
        delta_q = dataclasses.replace(query, mask=delta_mask, extent=self.extent)
        n = self.base.size
        if query.zoom > MAX_GRID_ZOOM:
            ours = self.base.event_rows(base_q, removed=self.removed)
            theirs = self.delta.event_rows(delta_q) if ours is not None else None
            if ours is not None and theirs is not None:
                rows = np.concatenate((ours, theirs + n))
                if len(theirs):  # both ascend by id, the delta's after: merged
                    rows = rows[np.argsort(self.take("ids", rows), kind="stable")]
                columns = tuple(
                    self.take(name, rows) for name in ("lon", "lat", "mx", "my", "top")
                )
                answer = tally_rows(query.zoom, rows, columns, n_tops).answer(n_tops)
                answer["exact"] = True  # the bbox's rows: its total needs no count
                return answer
        zoom = self.base._effective_zoom(query.bbox, query.zoom, self.extent)
        ours = self.base.grid_tally(base_q, zoom, removed=self.removed)
        if not self.delta.size:
            return ours.answer(n_tops)
        return ours.plus(self.delta.grid_tally(delta_q, zoom), n).answer(n_tops)
