"""The public data version: a number every write that can change what the public sees
advances on commit, with the event ids each version touched; readers (the map's index,
small memos) compare it to decide whether what they hold is stale.

Kept in the database (events.models.DataVersion, one row per committed write), not in
the cache: a Redis restart once reset the counter, and the next write reused a number
the processes' old indexes already carried, so a retracted event stayed on the map
(issue 12). Each process reads the highest id at most once per VERSION_TTL seconds,
and at once when the shared cache's hint (HINT_KEY, set by every writer after its
commit) names a newer version: a write shows on every worker within a request, not a
second, while Redis is up. The hint only ever triggers a read of the database; a lost,
older or flushed hint falls back to the TTL and can never move a version backwards.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Max

from events.models import DataVersion

T = TypeVar("T")
logger = logging.getLogger(__name__)
DIRTY_ALL = "all"  # a version whose write may have changed any event
# A write of more events than this counts as any event (the map rebuilds its base);
# up to it, its events are recorded (as runs of consecutive ids: an import's are) and
# the map applies them as a delta, within a request (issue 16: an ACLED import of
# 100,000 events shows in seconds, not after a whole rebuild).
DIRTY_MAX_IDS = 250_000
# The control layer re-derives the places of the events a write names: past this many
# events or places it rebuilds whole in the background instead (scope: any).
NAMED_MAX_IDS = 10_000
RUNS_FROM = 1_000  # a record of more ids is stored as runs (encode_ids)
DIRTY_MAX_GAP = 1_000  # versions behind beyond which caches start empty
PRUNE_EVERY = 200  # every this many versions, older records than DIRTY_MAX_GAP go
MEMO_MAX_AGE = 300  # seconds a versioned() memo is kept even at the same version
# Seconds a process trusts the version it last read: how late another process's write
# may show here (this process's own writes show at once).
VERSION_TTL = 1.0
HINT_KEY = "dataversion:hint"

_seen_lock = threading.Lock()
_seen: dict[str, float] = {"version": 0, "read_at": -math.inf}


def _remember(version: int, *, read_at: float) -> int:
    """A race (a slow read stored after a bump) can only make it differ from what an
    index carries, which costs a rebuild, never a stale answer."""
    with _seen_lock:
        _seen.update(version=version, read_at=read_at)
    return version


def clusters_version(*, fresh: bool = False) -> int:
    """The current public data version (read from the database, kept VERSION_TTL s;
    ``fresh``: read now).

    While the database is unreachable, the last version read (logged): a reader
    then keeps serving what it holds."""
    now = time.monotonic()
    hint = 0
    if not fresh and now - _seen["read_at"] < VERSION_TTL:
        hint = _hint()
        if hint <= _seen["version"]:
            return int(_seen["version"])
    try:
        version = DataVersion.objects.aggregate(top=Max("id"))["top"] or 0
    except DatabaseError as error:
        logger.warning("data version unreadable (%s): keeping %s", error, _seen)
        return _remember(int(_seen["version"]), read_at=now)
    if hint > version:  # a hint of another database (restored, recreated): drop it
        _forget_hint(version)
    return _remember(version, read_at=now)


def _hint() -> int:
    """The newest version a writer announced in the shared cache (0: none known)."""
    try:
        value = cache.get(HINT_KEY)
    except Exception:  # a broken cache is a missing hint: the TTL still holds
        return 0
    return value if isinstance(value, int) else 0


def _forget_hint(version: int) -> None:
    try:
        cache.set(HINT_KEY, version, timeout=None)
    except Exception:
        logger.warning("data version hint not reset", exc_info=True)


def _announce(version: int) -> None:
    """Tell the other processes (through the shared cache) that ``version`` exists.

    Two writers racing may leave the older number; readers then wait for the TTL,
    as without a hint."""
    try:
        if _hint() < version:
            cache.set(HINT_KEY, version, timeout=None)
    except Exception:
        logger.warning("data version hint not shared", exc_info=True)


class _Bump:
    """One transaction's on-commit version bump and the events its writes touched.

    Recorded with the new version, so that every process's next index keeps its
    cached Features except those events' (maps.clusters.state._carry_over)."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.everything = False
        # What the control layer re-derives (events.models.DataVersion.scope): the
        # events named (a write naming none, of a place, actor or type, changes no
        # event's publication or place: kept when the cluster index takes any), the
        # places named; None: any.
        self.named: set[int] | None = set()
        self.places: set[int] | None = set()

    def add(
        self, event_ids: Iterable[int] | None, place_ids: Iterable[int] | None
    ) -> None:
        if event_ids is None:
            self.everything = True
        elif not self.everything:
            self.ids.update(event_ids)
            self.everything = len(self.ids) > DIRTY_MAX_IDS
        if self.everything:
            self.ids = set()
        if event_ids is not None and self.named is not None:
            self.named.update(event_ids)
            if len(self.named) > NAMED_MAX_IDS:
                self.named = None
        if place_ids is None or self.places is None:
            self.places = None
        else:
            self.places.update(place_ids)
            if len(self.places) > NAMED_MAX_IDS:
                self.places = None

    def __call__(self) -> None:
        """Never raises: it runs after the commit, before other on-commit hooks (the
        geocode hand-off), which an exception here would skip. A lost bump shows the
        write at the index's periodic rebuild (maps.clusters.state.MAX_AGE)."""
        try:
            record = DataVersion.objects.create(
                dirty=None if self.everything else encode_ids(self.ids),
                scope={
                    "events": None if self.named is None else sorted(self.named),
                    "places": None if self.places is None else sorted(self.places),
                },
            )
            _remember(record.pk, read_at=time.monotonic())
            _announce(record.pk)
            if record.pk % PRUNE_EVERY == 0:
                DataVersion.objects.filter(pk__lt=record.pk - DIRTY_MAX_GAP).delete()
        except Exception:  # a committed write must never turn into an error
            logger.warning("data version not advanced", exc_info=True)


def clusters_invalidate(
    event_ids: Iterable[int] | None = None,
    *,
    place_ids: Iterable[int] | None = None,
) -> None:
    """Mark every process's cluster index stale once the current transaction commits.

    ``event_ids``: the only events whose public data the write may change (None:
    any, as a place, actor or type change may). ``place_ids``: the places whose own
    data the write changed besides those events' (a place's row, a control
    observation; None, the default: any place, as an actor or type change may). Called for every
    saved event, place, actor or source link: one bump per transaction is enough, so
    an import of thousands of rows costs one row."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, hook, _robust in getattr(connection, "run_on_commit", []):
            if isinstance(hook, _Bump):
                hook.add(event_ids, place_ids)
                return
    bump = _Bump()
    bump.add(event_ids, place_ids)
    transaction.on_commit(bump)


def encode_ids(ids: Iterable[int]) -> list[int] | dict[str, list]:
    """A version's event ids as stored (DataVersion.dirty): the sorted list, or past
    RUNS_FROM ids {"runs": [...]}, each run ``first`` alone or ``[first, last]``
    (consecutive ids; an import's new events are one run or a few)."""
    ordered = sorted(ids)
    if len(ordered) <= RUNS_FROM:
        return ordered
    return {
        "runs": [
            first if first == last else [first, last] for first, last in runs(ordered)
        ]
    }


def runs(ordered: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive ids in ``ordered`` (sorted): what a
    reader asks the database for as ranges (an import's events: one or a few)."""
    found: list[tuple[int, int]] = []
    if not ordered:
        return found
    first = last = ordered[0]
    for pk in ordered[1:]:
        if pk != last + 1:
            found.append((first, last))
            first = pk
        last = pk
    found.append((first, last))
    return found


def decode_ids(value: list[int] | dict[str, list]) -> Iterable[int]:
    """The ids encode_ids stored (either form; records before runs: a list)."""
    if isinstance(value, dict):
        for run in value["runs"]:
            if isinstance(run, list):
                yield from range(run[0], run[1] + 1)
            else:
                yield run
    else:
        yield from value


def dirty_record(version: int) -> list[int] | str | None:
    """The event ids ``version``'s write touched, DIRTY_ALL, or None when unknown."""
    row = DataVersion.objects.filter(pk=version).values_list("dirty", flat=True)
    found = list(row)
    if not found:
        return None
    return DIRTY_ALL if found[0] is None else sorted(decode_ids(found[0]))


def dirty_forget(version: int) -> None:
    """Forget which events ``version`` touched (as pruning does): any event, then."""
    DataVersion.objects.filter(pk=version).update(dirty=None)


def dirty_since(old: int, new: int) -> frozenset[int] | None:
    """The ids of the events written in versions old + 1 … new, when every one of
    those versions recorded them (none was a change of any event); else None."""
    known = dirty_known_since(old, new)
    return known[0] if known is not None and known[1] else None


def dirty_known_since(old: int, new: int) -> tuple[frozenset[int], bool] | None:
    """(The ids the versions old + 1 … new recorded, whether every one of them did):
    after a write of any event (an import past DIRTY_MAX_IDS, a type change) the
    events the other versions name are still known to have changed (a retraction
    after a large import). None when the versions are too many or unreadable."""
    if not old < new <= old + DIRTY_MAX_GAP:
        return None
    try:
        found = dict(
            DataVersion.objects.filter(pk__gt=old, pk__lte=new).values_list(
                "pk", "dirty"
            )
        )
    except DatabaseError:
        return None
    # A gap (a rolled-back id, a pruned record) or a change of any event: incomplete.
    complete = len(found) == new - old and all(v is not None for v in found.values())
    ids: set[int] = set()
    for value in found.values():
        if value is not None:
            ids.update(decode_ids(value))
    return frozenset(ids), complete


def written_known_since(
    old: int, new: int
) -> tuple[frozenset[int], frozenset[int] | None, list] | None:
    """(The events the versions old + 1 … new named, the places they touched (None:
    any), their scopes): what a reader can apply at once even when some version
    wrote any event (a large import); that version's events show at its rebuild.
    None when the versions are too many or unreadable."""
    if not old < new <= old + DIRTY_MAX_GAP:
        return None
    try:
        found = list(
            DataVersion.objects.filter(pk__gt=old, pk__lte=new).values_list(
                "scope", flat=True
            )
        )
    except DatabaseError:
        return None
    events: set[int] = set()
    places: set[int] | None = set()
    for scope in found:
        named, touched = (scope or {}).get("events"), (scope or {}).get("places")
        events.update(named or ())
        places = None if places is None or touched is None else places | set(touched)
    return frozenset(events), None if places is None else frozenset(places), found


def written_complete(old: int, new: int, scopes: list) -> bool:
    """Whether the ``scopes`` written_known_since read for old + 1 … new name every
    event written (no gap, no version of any event)."""
    return len(scopes) == new - old and all(
        s is not None and s.get("events") is not None for s in scopes
    )


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


_resetters: list[Callable[[], None]] = []


def on_memos_reset(forget: Callable[[], None]) -> None:
    """Have memos_reset() also call ``forget`` (a layer's own per-version index)."""
    _resetters.append(forget)


def memos_reset() -> None:
    """Forget this process's memos, the version it read and the indexes registered
    with on_memos_reset (tests)."""
    _memos.clear()
    for forget in _resetters:
        forget()
    with _seen_lock:
        _seen.update(version=0, read_at=-math.inf)
