"""The public data version: a counter every write that can change what the public sees
bumps on commit, with the event ids each version touched; readers (the map's index,
small memos) compare it to decide whether what they hold is stale."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
logger = logging.getLogger(__name__)
VERSION_KEY = "events:clusters:version"
DIRTY_KEY = VERSION_KEY + ":dirty:%d"  # the event ids a version's writes touched
DIRTY_ALL = "all"  # ... or any event
DIRTY_MAX_IDS = 10_000  # a larger write counts as any event
DIRTY_MAX_GAP = 1_000  # versions behind beyond which caches start empty
DIRTY_TTL = 3600  # seconds
MEMO_MAX_AGE = 300  # seconds a versioned() memo is kept even at the same version


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
        """Never raises: it runs after the commit, before other on-commit hooks (the
        geocode hand-off), which an exception here would skip."""
        try:
            version = _bump()
            dirty = DIRTY_ALL if self.everything else sorted(self.ids)
            cache.set(DIRTY_KEY % version, dirty, DIRTY_TTL)
        except Exception:  # a cache outage must not turn a committed write into a 500
            logger.warning("data version not advanced", exc_info=True)


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


_memos: dict[str, tuple[int, float, object]] = {}


def versioned(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process while the data version stays the same.

    For small lookups every request needs (the type slugs): the version is read
    before computing, so a value read during a write is stored under the old version
    and recomputed at the next call. MEMO_MAX_AGE bounds it as MAX_AGE bounds the map index."""
    version = clusters_version()
    hit = _memos.get(name)
    if (
        hit is not None
        and hit[0] == version
        and time.monotonic() - hit[1] < MEMO_MAX_AGE
    ):
        return hit[2]  # type: ignore[return-value]
    value = compute()
    _memos[name] = (version, time.monotonic(), value)
    return value


def memos_reset() -> None:
    """Forget this process's memos (tests)."""
    _memos.clear()
