"""The process's control index, kept at the current data version without waiting for
a whole rebuild: a write re-derives only the places it touched (the events and places
each data version records, events.dataversion), as maps.clusters.live applies a
write's events to the cluster index.

A whole rebuild is still needed after a write that may change any place (an actor or
type change, a bulk place update, a gap in the version record) and every MAX_AGE
seconds (writes that skip the signals); it runs in a thread while the index held,
with the writes whose events are known applied to it, answers. The guarantees are
the cluster index's: an event retracted by a write that recorded it is gone from the
very next answer, even after a write that did not name its events (> NAMED_MAX_IDS
at once, a large import), which shows at the rebuild."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError

from control.index import ControlIndex
from events import dataversion

MAX_AGE = 300  # seconds before a whole rebuild in the background
logger = logging.getLogger(__name__)
Build = Callable[[int], ControlIndex]
Apply = Callable[[ControlIndex, frozenset, frozenset, int], ControlIndex]
_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "thread": None}
# Whole builds and per-write steps this process ran (tests, the bench).
stats = {"full": 0, "incremental": 0}


def index_get(build: Build, apply: Apply) -> ControlIndex:
    """The index for the current data version (see the module's docstring).

    ``build(version)`` builds it whole; ``apply(index, events, places, version)``
    derives again the places the written events and places touch."""
    version = dataversion.clusters_version()
    index = _state["index"]
    if isinstance(index, ControlIndex) and index.version == version:
        if time.monotonic() - index.built_at > MAX_AGE:
            _rebuild_in_background(build, version)
        return index
    with _lock:
        index = _state["index"]
        if not isinstance(index, ControlIndex):  # the first request: nothing to serve
            index = build(version)
            stats["full"] += 1
            _state["index"] = index
            return index
        if index.version >= version:
            return index
        known = dataversion.written_known_since(index.version, version)
        if known is None:  # too many versions behind: stale until rebuilt
            _rebuild_in_background(build, version)
            return index
        events, places, scopes = known
        try:
            step = apply(index, events, places or frozenset(), version)
        except DatabaseError:
            logger.warning("control index step failed; serving the index held")
            return index
        stats["incremental"] += 1
        _state["index"] = step
        if places is None or not dataversion.written_complete(
            index.version, version, scopes
        ):  # an actor or type change, a bulk place update, a gap, > NAMED_MAX_IDS
            # events (a large import): what is known applied, the rest at the rebuild
            _rebuild_in_background(build, version)
        return step


def _rebuild_in_background(build: Build, version: int) -> None:
    """Build the whole index at ``version`` in a thread (one at a time); it replaces
    the index held unless that one has moved past it by then."""
    thread = _state["thread"]
    if isinstance(thread, threading.Thread) and thread.is_alive():
        return

    def rebuild() -> None:
        from django.db import connection

        try:
            new = build(version)
            with _lock:  # if steps went past it, the next request applies them again
                stats["full"] += 1
                _state["index"] = new
        except DatabaseError as error:
            logger.warning("control index rebuild failed (%s)", error)
        finally:
            with contextlib.suppress(DatabaseError):
                connection.close()

    thread = threading.Thread(target=rebuild, name="control-index", daemon=True)
    _state["thread"] = thread
    thread.start()


def rebuild_wait(timeout: float | None = None) -> None:
    """Wait for a running whole rebuild (tests, the bench)."""
    thread = _state["thread"]
    if isinstance(thread, threading.Thread):
        thread.join(timeout)


def index_reset() -> None:
    """Forget this process's index (tests; the next request builds it whole)."""
    rebuild_wait(timeout=120)
    with _lock:
        _state.update(index=None, thread=None)


dataversion.on_memos_reset(index_reset)
