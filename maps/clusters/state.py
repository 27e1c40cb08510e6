"""The process's cluster index, rebuilt (or mapped from the machine's shared copy,
maps.clusters.store) when the public data version (events.dataversion) moves on, and
what survives a rebuild (the export's Feature cache)."""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, connection

from events import dataversion, shared_index
from maps.clusters import store
from maps.clusters.engine import ClusterIndex

T = TypeVar("T")
SYNC_REBUILD_LIMIT = (
    50_000  # smaller indexes rebuild in the request; larger in a thread
)
MAX_AGE = 300  # seconds before a background refresh (catches writes that skip services)
# A base whose build took SLOW_BUILD_S or more is refreshed only every SLOW_BUILD_FACTOR
# times its build's duration: at 10M events a build takes minutes of a core, and one
# every MAX_AGE would never stop (writes through the app show at once regardless).
SLOW_BUILD_S = 30.0
SLOW_BUILD_FACTOR = 6
# After a rebuild failed on a database error, the next waits 1, 2, 4 … 60 s: one
# rebuild at a time, never a storm of them while PostgreSQL restarts (issue 12).
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
# A base of this many events or more is rebuilt in a process of its own.
BUILD_ELSEWHERE_FROM = 50_000

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict[str, object] = {
    "index": None,
    "building": False,
    "failures": 0,
    "retry_at": 0.0,
}


class IndexUnavailable(Exception):
    """No index yet, and the database cannot build one: try again in ``retry_after`` s."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"cluster index unavailable; retry in {retry_after:.0f} s")
        self.retry_after = max(1, math.ceil(retry_after))


def _failed(error: DatabaseError) -> None:
    failures = int(_state["failures"]) + 1
    delay = min(BACKOFF_FIRST * 2 ** (failures - 1), BACKOFF_MAX)
    _state.update(failures=failures, retry_at=time.monotonic() + delay)
    logger.warning(
        "cluster index rebuild failed (%s); serving the index held, next try in %.0f s",
        error,
        delay,
    )


def _succeeded(new: ClusterIndex) -> None:
    _state.update(index=new, failures=0, retry_at=0.0)


def _backing_off(index: ClusterIndex | None) -> ClusterIndex | None:
    """The index to serve while the rebuild backs off (None: not backing off)."""
    wait = float(_state["retry_at"]) - time.monotonic()
    if wait <= 0:
        return None
    if index is None:
        raise IndexUnavailable(wait)
    return index


def max_age(index: ClusterIndex) -> float:
    """Seconds ``index`` answers before a periodic refresh (see SLOW_BUILD_S)."""
    build_s = float(getattr(index, "build_s", 0.0) or 0.0)
    if build_s < SLOW_BUILD_S:
        return MAX_AGE
    return max(MAX_AGE, SLOW_BUILD_FACTOR * build_s)


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


def _usable(
    index: ClusterIndex,
    version: int,
    lag_ok: Callable[[ClusterIndex, int], bool] | None,
) -> bool:
    """Whether ``index`` may answer for data ``version``: built at it, or lagging
    by writes that ``lag_ok`` accepts, or (one the machine shares) newer: another
    worker built it after a write this process's version memo has yet to see."""
    if index.counter == version:
        return True
    if index.counter > version and getattr(index, "store_name", None):
        return True
    return lag_ok is not None and lag_ok(index, version)


def _obtain(
    build: Callable[[int], ClusterIndex],
    version: int,
    held: ClusterIndex | None,
    lag_ok: Callable[[ClusterIndex, int], bool] | None,
) -> ClusterIndex:
    """A new base for ``version`` in place of ``held``: the machine's shared one
    (maps.clusters.store) when MAP_INDEX_DIR is set, else built by this process."""
    root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
    if root is None:  # served from this heap: its grids built here, not by a request
        return build(version).grids_build()
    try:
        return store.obtain(
            root,
            build,
            version,
            held=held,
            usable=lambda found: _usable(found, version, lag_ok),
            max_age=max_age,
            # A database another process can open: large bases are built there.
            elsewhere=None if root.name.startswith("memory-") else _build_elsewhere,
            elsewhere_from=BUILD_ELSEWHERE_FROM,
        )
    except OSError as error:  # no usable directory: this process builds its own
        logger.warning("cluster index directory unusable (%s): built here", error)
        return build(version).grids_build()


def _build_elsewhere() -> str:
    """The base built and published by ``manage.py mapindex --publish`` (the caller
    holds the build lock)."""
    return shared_index.build_in_new_process("--publish")


def index_get(build: Callable[[int], ClusterIndex]) -> ClusterIndex:
    """The current index; rebuilt in the request when small or missing, else in a thread.

    ``build(counter)`` reads the public events and returns a new index. It may be
    stale (a rebuild is running): ``index.counter`` then differs from the version.
    """
    return index_get_versioned(build)[0]


def index_get_versioned(
    build: Callable[[int], ClusterIndex],
) -> tuple[ClusterIndex, int]:
    """(index_get's index, the data version read): one version read for both.

    While rebuilds fail on database errors, the version returned is the index's own:
    the index held is served as it is (the database cannot say what changed)."""
    version = dataversion.clusters_version()
    index = _index_for(build, version)
    if index.counter != version and _state["failures"]:
        return index, index.counter
    return index, version


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
        and _usable(index, version, lag_ok)
        and time.monotonic() - index.built_at < max_age(index)
    )
    if fresh:
        return index
    if (held := _backing_off(index)) is not None:
        return held
    if index is None or index.size < SYNC_REBUILD_LIMIT:
        with _lock:
            current = _state["index"]
            if (
                current is not None
                and current is not index
                and current.counter == version
            ):
                return current
            if (held := _backing_off(current)) is not None:
                return held  # another request's rebuild just failed
            try:
                new = _obtain(build, version, current, lag_ok)
            except DatabaseError as error:
                _failed(error)
                if current is None:
                    wait = float(_state["retry_at"]) - time.monotonic()
                    raise IndexUnavailable(wait) from error
                return current
            _carry_over(current, new)
            _succeeded(new)
            return new
    with _lock:
        if _state["building"]:
            return index
        _state["building"] = True

    def rebuild() -> None:
        try:
            new = _obtain(build, version, index, lag_ok)
            _carry_over(index, new)
            _succeeded(new)
        except DatabaseError as error:
            _failed(error)
        finally:
            _state["building"] = False
            with contextlib.suppress(DatabaseError):
                connection.close()

    threading.Thread(target=rebuild, name="cluster-index", daemon=True).start()
    return index


def index_held() -> bool:
    """Whether this process holds an index (of any version)."""
    return _state["index"] is not None


def index_reset() -> None:
    """Forget this process's index and memos (tests; the next request rebuilds them)."""
    with _lock:
        _state.update(index=None, failures=0, retry_at=0.0)
    store.forget()
    dataversion.memos_reset()
