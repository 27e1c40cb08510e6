"""The process's control index, kept at the current data version without waiting for
a whole rebuild: a write re-derives only the places it touched (the events and places
each data version records, events.dataversion), as maps.clusters.live applies a
write's events to the cluster index.

The whole builds are the machine's (control.store): one process builds and
publishes, the others map the same file, and each applies the writes since on top
(control.layered), so that every worker's next answer shows a write.

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
import shutil
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection

from control import store
from control.index import ControlIndex
from control.layered import Layered
from events import dataversion, shared_index

MAX_AGE = 300  # seconds before a whole rebuild in the background
# A base whose build took SLOW_BUILD_S or more is rebuilt only every SLOW_BUILD_FACTOR
# times its build's duration (as the cluster index: maps.clusters.state).
SLOW_BUILD_S = 30.0
SLOW_BUILD_FACTOR = 6
# An index of this many periods or more is rebuilt in a process of its own (`manage.py
# mapindex --publish-control`): the build's garbage (~0.2 GB at 1M events, 1.5 GB at
# 10M) is returned to the system when it ends, where a worker's heap would keep it.
BUILD_ELSEWHERE_FROM = 50_000
logger = logging.getLogger(__name__)
Index = ControlIndex | Layered
Build = Callable[[int], ControlIndex]
Apply = Callable[[Index, frozenset, frozenset, int], Index]
_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "thread": None}
# Whole builds and per-write steps this process ran (tests, the bench).
stats = {"full": 0, "incremental": 0}


def max_age(index: Index) -> float:
    """Seconds a whole build answers before a rebuild (see SLOW_BUILD_S)."""
    build_s = index.base.build_s if isinstance(index, Layered) else index.build_s
    return (
        MAX_AGE if build_s < SLOW_BUILD_S else max(MAX_AGE, SLOW_BUILD_FACTOR * build_s)
    )


def _catches_up(found: ControlIndex, version: int) -> bool:
    """Whether ``found`` answers for ``version``: built at it or after (another
    worker's build, past this process's version memo), or before it by writes that
    all say which events and places they touched (applied on top of it)."""
    if found.version >= version:
        return True
    known = dataversion.written_known_since(found.version, version)
    return (
        known is not None
        and known[1] is not None
        and dataversion.written_complete(found.version, version, known[2])
    )


def _whole(build: Build, version: int, held: Index | None) -> ControlIndex:
    """A whole index for ``version`` in place of ``held``: the machine's current one
    (control.store) when MAP_INDEX_DIR is set, else built by this process."""
    root = shared_index.root_for(
        settings.MAP_INDEX_DIR, connection.settings_dict, store.KIND
    )
    built = {"n": 0}

    def counted(v: int) -> ControlIndex:
        built["n"] += 1
        return build(v)

    try:
        if root is None:
            return counted(version)
        return store.obtain(
            root,
            counted,
            version,
            held=held.base if isinstance(held, Layered) else held,
            usable=lambda found: _catches_up(found, version),
            max_age=max_age,
            # A database another process can open: large indexes are built there.
            elsewhere=None if root.name.startswith("memory-") else _build_elsewhere,
            elsewhere_from=BUILD_ELSEWHERE_FROM,
        )
    except OSError as error:  # no usable directory: this process builds its own
        logger.warning("control index directory unusable (%s): built here", error)
        return counted(version)
    finally:
        stats["full"] += built["n"]


def _build_elsewhere() -> str:
    """The whole index built and published by ``manage.py mapindex
    --publish-control`` (the caller holds the build lock)."""
    return shared_index.build_in_new_process("--publish-control")


def index_get(build: Build, apply: Apply) -> Index:
    """The index for the current data version (see the module's docstring).

    ``build(version)`` builds it whole; ``apply(index, events, places, version)``
    derives again the places the written events and places touch."""
    version = dataversion.clusters_version()
    index = _state["index"]
    if index is not None and index.version == version:
        if time.monotonic() - index.built_at > max_age(index):
            _rebuild_in_background(build, version)
        return index
    with _lock:
        index = _state["index"]
        if index is None:  # the first request: nothing to serve
            index = _whole(build, version, None)
            _state["index"] = index
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

    held = _state["index"]

    def rebuild() -> None:
        try:
            new = _whole(build, version, held)
            with _lock:  # if steps went past it, the next request applies them again
                _state["index"] = new
        except (DatabaseError, OSError) as error:
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


def index_reset(*, machine: bool = True) -> None:
    """Forget this process's index (tests; the next request builds it whole) and,
    with ``machine``, the machine's copy (tests whose writes move no data version);
    without, the next request maps the machine's copy, as a new worker does."""
    rebuild_wait(timeout=120)
    with _lock:
        _state.update(index=None, thread=None)
    shared_index.forget()
    if machine:
        root = shared_index.root_for(
            settings.MAP_INDEX_DIR, connection.settings_dict, store.KIND
        )
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


dataversion.on_memos_reset(index_reset)
