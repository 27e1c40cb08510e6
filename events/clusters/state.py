"""The process's cluster index, the shared data version that makes it stale, and
what survives a rebuild (the export's Feature cache, small per-version memos)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from events.clusters.engine import ClusterIndex

T = TypeVar("T")
VERSION_KEY = "events:clusters:version"
DIRTY_KEY = VERSION_KEY + ":dirty:%d"  # the event ids a version's writes touched
DIRTY_ALL = "all"  # ... or any event
DIRTY_MAX_IDS = 10_000  # a larger write counts as any event
DIRTY_MAX_GAP = 1_000  # versions behind beyond which caches start empty
DIRTY_TTL = 3600  # seconds
SYNC_REBUILD_LIMIT = (
    50_000  # smaller indexes rebuild in the request; larger in a thread
)
MAX_AGE = 300  # seconds before a background refresh (catches writes that skip services)


_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "building": False}


def clusters_version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def _bump() -> int:
    """Advance the data version; the new version."""
    try:
        return cache.incr(VERSION_KEY)
    except ValueError:  # missing key (fresh cache): start the counter
        version = clusters_version() + 1
        cache.set(VERSION_KEY, version, None)
        return version


class _Bump:
    """One transaction's on-commit version bump and the events its writes touched.

    Published with the new version (DIRTY_KEY), so that every process's next index
    keeps its cached Features except those events' (_carry_over)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.everything = False

    def add(self, event_ids: Iterable[int] | None) -> None:
        if event_ids is None:
            self.everything = True
        elif not self.everything:
            self.ids.update(event_ids)
            self.everything = len(self.ids) > DIRTY_MAX_IDS
        if self.everything:
            self.ids = set()

    def __call__(self) -> None:
        version = _bump()
        dirty = DIRTY_ALL if self.everything else sorted(self.ids)
        cache.set(DIRTY_KEY % version, dirty, DIRTY_TTL)


def clusters_invalidate(event_ids: Iterable[int] | None = None) -> None:
    """Mark every process's cluster index stale once the current transaction commits.

    ``event_ids``: the only events whose public data the write may change (None:
    any, as a place, actor or type change may). Called for every saved event, place,
    actor or source link: one bump per transaction is enough, so an import of
    thousands of rows costs one cache write."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, hook, _robust in getattr(connection, "run_on_commit", []):
            if isinstance(hook, _Bump):
                hook.add(event_ids)
                return
    bump = _Bump()
    bump.add(event_ids)
    transaction.on_commit(bump)


def dirty_since(old: int, new: int) -> frozenset[int] | None:
    """The ids of the events written in versions old + 1 … new, when every one of
    those versions recorded them (none was a change of any event); else None."""
    if not old < new <= old + DIRTY_MAX_GAP:
        return None
    keys = [DIRTY_KEY % v for v in range(old + 1, new + 1)]
    found = cache.get_many(keys)
    if len(found) < len(keys) or any(v == DIRTY_ALL for v in found.values()):
        return None
    return frozenset(pk for ids in found.values() for pk in ids)


def _carry_over(old: ClusterIndex | None, new: ClusterIndex) -> None:
    """Give ``new`` the Features ``old`` had cached, minus those of the
    events written in between, when every version between says which they were.

    A periodic rebuild at the same version (MAX_AGE, for writes that skip the
    signals) and any gap in the record start empty, as does a change of a place,
    actor or type. The caches keep the age they had (FEATURE_CACHE_MAX_AGE counts
    from their first entry)."""
    if old is None:
        return
    dirty = dirty_since(old.counter, new.counter)
    if dirty is None:
        return
    features = dict(old.features)  # a copy: old may be in use
    for pk in dirty:
        features.pop(pk, None)
    new.features = features
    new.features_nbytes = sum(len(f) for f in features.values() if f)
    new.features_since = old.features_since


def index_get(build: Callable[[int], ClusterIndex]) -> ClusterIndex:
    """The current index; rebuilt in the request when small or missing, else in a thread.

    ``build(counter)`` reads the public events and returns a new index. It may be
    stale (a rebuild is running): ``index.counter`` then differs from the version.
    """
    return index_get_versioned(build)[0]


def index_get_versioned(
    build: Callable[[int], ClusterIndex],
) -> tuple[ClusterIndex, int]:
    """(index_get's index, the data version read): one cache read for both."""
    version = clusters_version()
    return _index_for(build, version), version


def _index_for(build: Callable[[int], ClusterIndex], version: int) -> ClusterIndex:
    index = _state["index"]
    fresh = (
        index is not None
        and index.counter == version
        and time.monotonic() - index.built_at < MAX_AGE
    )
    if fresh:
        return index
    if index is None or index.size < SYNC_REBUILD_LIMIT:
        with _lock:
            current = _state["index"]
            if (
                current is not None
                and current is not index
                and current.counter == version
            ):
                return current
            new = build(version)
            _carry_over(current, new)
            _state["index"] = new
            return new
    with _lock:
        if _state["building"]:
            return index
        _state["building"] = True

    def rebuild() -> None:
        from django.db import connection

        try:
            new = build(version)
            _carry_over(index, new)
            _state["index"] = new
        finally:
            _state["building"] = False
            connection.close()

    threading.Thread(target=rebuild, name="cluster-index", daemon=True).start()
    return index


def index_reset() -> None:
    """Forget this process's index and memos (tests; the next request rebuilds them)."""
    with _lock:
        _state["index"] = None
        _memos.clear()


_memos: dict[str, tuple[int, float, object]] = {}


def versioned(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process while the data version stays the same.

    For small lookups every request needs (the type slugs): the version is read
    before computing, so a value read during a write is stored under the old version
    and recomputed at the next call. MAX_AGE bounds it as it bounds the index."""
    version = clusters_version()
    hit = _memos.get(name)
    if hit is not None and hit[0] == version and time.monotonic() - hit[1] < MAX_AGE:
        return hit[2]  # type: ignore[return-value]
    value = compute()
    _memos[name] = (version, time.monotonic(), value)
    return value
