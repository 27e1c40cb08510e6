"""The process's cluster index, rebuilt when the public data version
(events.dataversion) moves on, and what survives a rebuild (the export's Feature cache)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from events import dataversion
from maps.clusters.engine import ClusterIndex

T = TypeVar("T")
SYNC_REBUILD_LIMIT = (
    50_000  # smaller indexes rebuild in the request; larger in a thread
)
MAX_AGE = 300  # seconds before a background refresh (catches writes that skip services)


_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "building": False}


def _carry_over(old: ClusterIndex | None, new: ClusterIndex) -> None:
    """Give ``new`` the Features ``old`` had cached, minus those of the
    events written in between, when every version between says which they were.

    A periodic rebuild at the same version (MAX_AGE, for writes that skip the
    signals) and any gap in the record start empty, as does a change of a place,
    actor or type. The caches keep the age they had (FEATURE_CACHE_MAX_AGE counts
    from their first entry)."""
    if old is None:
        return
    dirty = dataversion.dirty_since(old.counter, new.counter)
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
    version = dataversion.clusters_version()
    return _index_for(build, version), version


def index_at(
    build: Callable[[int], ClusterIndex],
    version: int,
    *,
    lag_ok: Callable[[ClusterIndex, int], bool] | None = None,
) -> ClusterIndex:
    """The index for data ``version`` (read by the caller), as index_get; one built
    at an older version is kept while ``lag_ok(index, version)`` (the writes since
    are applied on top of it: maps.clusters.live)."""
    return _index_for(build, version, lag_ok)


def _index_for(
    build: Callable[[int], ClusterIndex],
    version: int,
    lag_ok: Callable[[ClusterIndex, int], bool] | None = None,
) -> ClusterIndex:
    index = _state["index"]
    fresh = (
        index is not None
        and (
            index.counter == version or (lag_ok is not None and lag_ok(index, version))
        )
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
    dataversion.memos_reset()
