"""The index as of the current data version: a base ClusterIndex (built in full, at one
version) plus a small delta of the events written since, applied at every version
instead of a rebuild; the base is rebuilt ("compacted") in the background, and the new
events of a step that adds many (an import) are read in a thread (_in_background).

Over 400 lines: the live index and the per-version steps that make and replace it
share one lock and one record of what is held (_current); split, each half would
reach into the other's."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection

from events import dataversion
from maps.clusters import state
from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import MAX_GRID_ZOOM, Query, Rows, empty_answer
from maps.clusters.masked import Removed
from maps.clusters.tally import tally_rows

# Events written since the base's build past which the base is rebuilt (in the
# background; answers keep using base + delta meanwhile). Each version reads only the
# events written since the live index held (maps.selectors.index_build._build_delta).
COMPACT_IDS = 5_000
# A step (the events written since the live index held) that adds this many events
# or more it does not hold (an import's new rows) is read in a thread while the index
# held answers, without them, and is swapped in when read (issue 16: reading an import
# of 20,000 rows took the first request in each process 1-2.5 s at 1M events). What
# the step changes or takes out of the index held is read in the request first
# (_in_background). A smaller step, an editor's write, is read in the request: it
# shows in the very next answer.
BACKGROUND_FROM = 1_000
# Seconds a thread runs before the interpreter hands the GIL to another, while a
# delta is read in the background (Python's default: 0.005). Each time a request
# waits on the network (the version hint, its titles) the reading thread takes the
# GIL, and the request waits up to this long to get it back, a few dozen times per
# request: at the default, answers during a 20,000-row read took ~100 ms at 1M.
SWITCH_INTERVAL = 0.0005
logger = logging.getLogger(__name__)
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


Build = Callable[[int], ClusterIndex]
BuildDelta = Callable[..., "LiveIndex | None"]
_lock = threading.Lock()
# "step": (the live index extended, the version, the events written in between).
_current: dict[str, object] = {"live": None, "written": None, "step": None}
# The step read in a thread: (the live index it extends, the version, the thread);
# "interim": (that live index, a version, the index answering for it meanwhile,
# the events it lacks);
# "sync": (live index, version) whose step the request reads (the thread's failed).
_reading: dict[str, tuple | None] = {"read": None, "interim": None, "sync": None}
Written = tuple[frozenset[int], bool]  # (event ids known written, every version known)


def _written(base: ClusterIndex, version: int) -> Written | None:
    """The events written between the base's build and ``version`` and whether
    every version in between recorded them (a large import or a type change did
    not: the others' events are still known, e.g. a retraction after the import);
    from the current live index's when it can; None when unreadable."""
    if base.counter == version:
        return frozenset(), True
    memo = _current["written"]
    if memo is not None and memo[0] is base and memo[1] == version:
        return memo[2]
    live = _current["live"]
    if (
        isinstance(live, LiveIndex)
        and live.base is base
        and live.written is not None
        and base.counter <= live.counter <= version
    ):
        step = (
            dataversion.dirty_known_since(live.counter, version)
            if live.counter < version
            else (frozenset(), True)
        )
        written = (
            None
            if step is None
            else (live.written | step[0], live.complete and step[1])
        )
        _current["step"] = (live, version, None if step is None else step[0])
    else:
        written = dataversion.dirty_known_since(base.counter, version)
    _current["written"] = (base, version, written)
    return written


def _lag_ok(base: ClusterIndex, version: int) -> bool:
    written = _written(base, version)
    return written is not None and written[1] and len(written[0]) <= COMPACT_IDS


def live_get(build: Build, build_delta: BuildDelta) -> tuple[LiveIndex, int]:
    """(The index as of the data version, the version read).

    The base is rebuilt (state.index_at) when missing, too old, after a write that
    did not record its events (a type or actor change, an import past
    DIRTY_MAX_IDS) or past COMPACT_IDS events written: in the request when small,
    else in a thread while base + delta answer; meanwhile the events the other
    versions recorded are applied (a retraction after a large import is gone from
    the next answer), the unrecorded write's show at the rebuild.
    ``build_delta(base, written, version)`` reads the written events' public
    rows (``previous``, ``step``: the live index held and the events written since
    it, whose rows alone are read again); None when it cannot (then the base answers
    alone, stale, until rebuilt). The new events of a step that adds many are read
    in a thread while the index held answers (_in_background)."""
    version = dataversion.clusters_version()
    base = state.index_at(build, version, lag_ok=_lag_ok)
    live = _current["live"]
    if isinstance(live, LiveIndex) and live.base is base and live.seen == version:
        return live, version
    with _lock:
        live = _current["live"]
        if isinstance(live, LiveIndex) and live.base is base and live.seen == version:
            return live, version
        known = _written(base, version)
        written, complete = known if known is not None else (None, False)
        if written is not None and len(written) > COMPACT_IDS and not complete:
            written = None  # too many to read per version: stale until the rebuild
        fresh = None
        if written:
            step = _current["step"]
            previous, since = None, None
            if (
                step is not None
                and step[0] is live
                and step[1] == version
                and step[2] is not None
                and isinstance(live, LiveIndex)
                and live.base is base
                and live.written is not None
            ):
                previous, since = live, step[2]
            args = (base, written, version, previous, since)
            try:
                answering = None
                if complete and previous is not None:
                    answering = _in_background(
                        previous,
                        since,
                        version,
                        lambda start, ids: build_delta(
                            base, start.written | ids, version, start, ids
                        ),
                    )
                if answering is not None:  # as of its own version (see there)
                    return answering, answering.counter
                fresh = build_delta(*args)
            except DatabaseError:
                # Unreachable database: the last index answers (stale), the next
                # request tries again.
                if isinstance(live, LiveIndex) and live.base is base:
                    return live, version
                return LiveIndex(base, written=None), version
            if fresh is not None and not complete:
                # Counts leave out what is known retracted, but the unrecorded
                # write is missing: labelled stale (the export and the titles ask
                # the database, as for a stale base).
                fresh.complete, fresh.counter = False, base.counter
        elif written is not None and complete:
            fresh = LiveIndex(base, counter=version)
        if fresh is None:  # the writes are unknown: stale until the rebuild
            fresh = LiveIndex(base, written=None)
            _current["written"] = (base, version, None)  # _lag_ok: rebuild
        fresh.seen = version
        _current["live"] = fresh
        _reading.update(interim=None, sync=None)
        return fresh, version


def _in_background(
    previous: LiveIndex,
    since: frozenset[int],
    version: int,
    read: Callable[[LiveIndex, frozenset[int]], LiveIndex | None],
) -> LiveIndex | None:
    """The index that answers for ``version`` while the rest of the step is read in
    a thread, which swaps the index for ``version`` in; None: the caller reads the
    step in the request (the caller holds _lock). ``read(start, ids)``: ``start``
    plus the ``ids`` events' rows as they are now.

    Only when BACKGROUND_FROM or more of ``since`` are events ``previous`` does not
    hold (an import's new rows). Those it holds (an event retracted, unpublished,
    moved or edited by the same or another write) are read first, in the request:
    the index answering is ``previous`` with their rows as they are, and lacks only
    the new events, which the thread adds to it. It never counts, places or titles
    an event as a write took it out or changed it. It answers as of its own counter
    (``previous``'s): every event it holds is as it is now, so its titles, export
    and kept answers are right, each without the new events (its token, and so the
    ETags, differ from those of ``previous`` and of the index swapped in)."""
    if len(since) < BACKGROUND_FROM or _reading["sync"] == (previous, version):
        return None
    memo = _reading["interim"]
    if memo is None or memo[0] is not previous or memo[1] != version:
        held = _held(previous, since)
        if len(since) - len(held) < BACKGROUND_FROM:
            return None  # few new events: read as one step
        interim = read(previous, held) if held else previous
        if interim is None:  # a type the base does not know: the request's read
            return None
        interim.counter = previous.counter
        memo = (previous, version, interim, since - held)
        _reading["interim"] = memo
    pending = _reading["read"]
    if pending is not None and pending[2].is_alive():
        # One read at a time; one from ``previous`` for an older version still
        # helps: the next request reads only the rest (in the request when small).
        return memo[2] if pending[0] is previous else None
    interim, new = memo[2], memo[3]
    thread = threading.Thread(
        target=_read_and_swap,
        args=(previous, version, lambda: read(interim, new)),
        name="cluster-delta",
        daemon=True,
    )
    _reading["read"] = (previous, version, thread)
    thread.start()
    return memo[2]


def _held(live: LiveIndex, ids: frozenset[int]) -> frozenset[int]:
    """Those of ``ids`` that ``live`` holds: a base row the writes since its build
    left alone, or a delta row."""
    wanted = np.fromiter(ids, np.int64, len(ids))
    found = np.zeros(len(wanted), bool)
    if live.delta.size:
        found |= np.isin(wanted, live.delta.ids)
    rows, in_base = live.base.rows_of(wanted)
    if live.removed is not None:
        in_base &= ~live.removed.mask[rows]
    return frozenset(wanted[found | in_base].tolist())


def _read_and_swap(
    previous: LiveIndex, version: int, read: Callable[[], LiveIndex | None]
) -> None:
    """The thread of _in_background: the new live index replaces ``previous``
    unless another has meanwhile (a request read a later write itself, a new
    base). A failed read (a database error, a type the base does not know) leaves
    this step to the next request, read there as before."""
    fresh = None
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        fresh = read()
    except Exception:  # whatever failed, the next request reads the step itself
        logger.warning("cluster delta not read in the background", exc_info=True)
    finally:
        sys.setswitchinterval(interval)
        connection.close()
    with _lock:
        _reading.update(read=None, interim=None)  # hold no old index (its base)
        if fresh is not None and _current["live"] is previous:
            fresh.seen = version
            # The step memo names ``previous``: read the next one from ``fresh``.
            _current.update(live=fresh, written=None, step=None)
        elif fresh is None:
            _reading["sync"] = (previous, version)


def delta_wait(timeout: float) -> bool:
    """Wait for the delta read in the background, if any, to end (tests, the bench);
    whether none is left running."""
    pending = _reading["read"]
    if pending is None:
        return True
    pending[2].join(timeout)
    return not pending[2].is_alive()
