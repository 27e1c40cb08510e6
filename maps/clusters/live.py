"""The index as of the current data version: a base ClusterIndex (built in full, at one
version) plus a small delta of the events written since, applied at every version
instead of a rebuild; the base is rebuilt ("compacted") in the background, and the new
events of a step that adds many (an import) are read in a thread (_in_background).

The live index itself (base plus delta) is maps.clusters.live_index."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable

import numpy as np
from django.db import DatabaseError, connection

from events import dataversion
from maps.clusters import live_index, state
from maps.clusters.engine import ClusterIndex

logger = logging.getLogger(__name__)


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


Build = Callable[[int], ClusterIndex]


BuildDelta = Callable[..., "live_index.LiveIndex | None"]


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
        isinstance(live, live_index.LiveIndex)
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


def live_get(build: Build, build_delta: BuildDelta) -> tuple[live_index.LiveIndex, int]:
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
    if (
        isinstance(live, live_index.LiveIndex)
        and live.base is base
        and live.seen == version
    ):
        return live, version
    with _lock:
        live = _current["live"]
        if (
            isinstance(live, live_index.LiveIndex)
            and live.base is base
            and live.seen == version
        ):
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
                and isinstance(live, live_index.LiveIndex)
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
                if isinstance(live, live_index.LiveIndex) and live.base is base:
                    return live, version
                return live_index.LiveIndex(base, written=None), version
            if fresh is not None and not complete:
                # Counts leave out what is known retracted, but the unrecorded
                # write is missing: labelled stale (the export and the titles ask
                # the database, as for a stale base).
                fresh.complete, fresh.counter = False, base.counter
        elif written is not None and complete:
            fresh = live_index.LiveIndex(base, counter=version)
        if fresh is None:  # the writes are unknown: stale until the rebuild
            fresh = live_index.LiveIndex(base, written=None)
            _current["written"] = (base, version, None)  # _lag_ok: rebuild
        fresh.seen = version
        _current["live"] = fresh
        _reading.update(interim=None, sync=None)
        return fresh, version


def _in_background(
    previous: live_index.LiveIndex,
    since: frozenset[int],
    version: int,
    read: Callable[[live_index.LiveIndex, frozenset[int]], live_index.LiveIndex | None],
) -> live_index.LiveIndex | None:
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


def _held(live: live_index.LiveIndex, ids: frozenset[int]) -> frozenset[int]:
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
    previous: live_index.LiveIndex,
    version: int,
    read: Callable[[], live_index.LiveIndex | None],
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
