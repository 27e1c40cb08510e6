"""The control index after writes, without a copy of the whole: a base (the machine's
mapped columns, control.store, or a whole build of this process) with the places
written since derived again into a small index of their own (the delta), which
hides their periods in the base. Every answer is the one a whole build at the same
version gives, byte for byte (control/tests/test_store.py); a write costs the
derivation of its places and a copy of the delta, never of the base.

Positions: a base period's position as in the base, a delta period's position plus
the base's period count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from control import derive
from control.columns import SPAN, Owners
from control.index import ControlIndex, Part, cells_of


def with_places(
    index: ControlIndex | Layered, version: int, touched: frozenset[int], part: Part
) -> Layered:
    """``index`` where the ``touched`` places' periods are those of ``part`` (a
    touched place without periods leaves the index); ``index`` is left as it is."""
    if isinstance(index, Layered):
        base, delta, hidden = index.base, index.delta, index.hidden
    else:
        base, delta, hidden = index, None, np.empty(0, dtype=np.int64)
    gone = np.fromiter(touched, np.int64, len(touched))
    if delta is None:
        delta = ControlIndex.of(version, part)
    else:
        delta = delta.replaced(version, touched, part)
    # Only places the base holds need hiding there.
    gone = gone[np.isin(gone, base.place_ids)]
    return Layered(base, delta, np.union1d(hidden, gone), version)


@dataclass(eq=False)
class Layered:
    """A base index, the places written since (``delta``), and the ids of the places
    whose base periods no longer count (``hidden``, sorted)."""

    base: ControlIndex
    delta: ControlIndex
    hidden: np.ndarray
    version: int
    _merged: ControlIndex | None = field(default=None, repr=False)

    @property
    def full_version(self) -> int:
        return self.base.full_version

    @property
    def built_at(self) -> float:
        return self.base.built_at

    @property
    def store_name(self) -> str:
        return self.base.store_name

    def _shown(self, pos: np.ndarray) -> np.ndarray:
        """Base positions ``pos`` without those of hidden places."""
        if not len(self.hidden) or not len(pos):
            return pos
        return pos[~np.isin(self.base.keys[pos] // SPAN, self.hidden)]

    # --- answers ----------------------------------------------------------------
    def in_force(self, day: dt.date, bbox: tuple | None) -> np.ndarray:
        """As ControlIndex.in_force: positions in place id order."""
        base = self._shown(self.base.in_force(day, bbox))
        delta = self.delta.in_force(day, bbox)
        if not len(delta):
            return base
        ids = np.r_[self.base.keys[base], self.delta.keys[delta]] // SPAN
        positions = np.r_[base, delta + len(self.base.keys)]
        return positions[np.argsort(ids, kind="stable")]

    def at(self, day: dt.date, bbox: tuple | None) -> list[bytes]:
        return self.encoded(self.in_force(day, bbox))

    def encoded(self, positions: np.ndarray) -> list[bytes]:
        """The Features at ``positions``: the base's from its cache (bounded per
        process), the delta's encoded each time (they are few)."""
        n = len(self.base.keys)
        in_delta = positions >= n
        if not in_delta.any():
            return self.base.encoded(positions)
        from_base = iter(self.base.encoded(positions[~in_delta]))
        from_delta = iter(self.delta._encode(positions[in_delta] - n))
        return [next(from_delta) if d else next(from_base) for d in in_delta.tolist()]

    def _gather(self, positions: np.ndarray, at) -> np.ndarray:
        """``at(index, its positions)`` (per-period values) at ``positions``: only
        those rows are read, never a whole column."""
        n = len(self.base.keys)
        in_delta = positions >= n
        base = at(self.base, positions[~in_delta])
        out = np.empty((len(positions), *base.shape[1:]), dtype=base.dtype)
        out[~in_delta] = base
        out[in_delta] = at(self.delta, positions[in_delta] - n)
        return out

    def cells(self, pos: np.ndarray, day: dt.date, bbox: tuple | None) -> list[bytes]:
        return cells_of(
            self._gather(pos, lambda index, p: index.point[index.rank_of_period[p]]),
            self._gather(pos, lambda index, p: index.group[p]),
            self._gather(pos, lambda index, p: index.disputed[p]),
            self._gather(pos, lambda index, p: index.uncertain_end[p]),
            {**self.base.groups, **self.delta.groups},
            day,
            bbox,
        )

    @property
    def periods(self) -> Mapping[int, list[derive.Period]]:
        return _Periods(self)

    def places_justified_by(self, events: frozenset[int]) -> set[int]:
        return self.base.places_justified_by(events) | (
            self.delta.places_justified_by(events)
        )

    def nbytes(self) -> int:
        return self.base.nbytes() + self.delta.nbytes()

    # --- what tests and the bench read: a whole index made of both -----------------
    def merged(self) -> ControlIndex:
        """The same periods as one index (a copy: not on any request's path)."""
        if self._merged is None:
            delta = self.delta
            part = Part(
                place_ids=delta.place_ids,
                extent=delta.extent,
                point=delta.point,
                heads=list(delta.heads),
                tails=list(delta.tails),
                rows=delta.rows,
                groups=delta.groups,
                names=delta.names,
            )
            touched = frozenset(self.hidden.tolist()) | frozenset(
                delta.place_ids.tolist()
            )
            self._merged = self.base.replaced(self.version, touched, part)
        return self._merged

    @property
    def features(self) -> Sequence[bytes]:
        return self.merged().features

    @property
    def event_place(self) -> Owners:
        return self.merged().event_place

    @property
    def observation_place(self) -> Owners:
        return self.merged().observation_place


class _Periods(Mapping):
    """place id -> its periods: the delta's for a place written since, else the
    base's."""

    def __init__(self, index: Layered) -> None:
        self._index = index
        self._base, self._delta = index.base.periods, index.delta.periods

    def _hidden(self, place_id: int) -> bool:
        hidden = self._index.hidden
        i = int(np.searchsorted(hidden, place_id))
        return i < len(hidden) and hidden[i] == place_id

    def __getitem__(self, place_id: int) -> list[derive.Period]:
        if place_id in self._delta:
            return self._delta[place_id]
        if not isinstance(place_id, int | np.integer) or self._hidden(place_id):
            raise KeyError(place_id)
        return self._base[place_id]

    def __contains__(self, place_id: object) -> bool:
        if place_id in self._delta:
            return True
        return place_id in self._base and not self._hidden(place_id)  # type: ignore[arg-type]

    def _ids(self) -> np.ndarray:
        base = self._index.base.place_ids
        shown = base[~np.isin(base, self._index.hidden)]
        return np.union1d(shown, self._index.delta.place_ids)

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids().tolist())

    def __len__(self) -> int:
        return len(self._ids())
