"""The control index's storage: each period as a row of numpy columns, not an object
or an encoded Feature (at 10M events, 1.5M periods kept as Features with their
place took 13.6 GB; as columns they take ~70 bytes each, bench/README.md → "control
layer at 10M"). A Feature is encoded from the columns only when an answer returns it.

Lists of ids per period (actors, justifying events and observations) are ``Ragged``:
one flat array and offsets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from control import derive

SPAN = 4_000_000  # > date.max.toordinal(): keys are place id * SPAN + start ordinal
# States and precisions are stored as codes into this list (append-only, per process).
WORDS: list[str] = [
    derive.HELD,
    derive.CONTESTED,
    derive.UNKNOWN,
    "day",
    "week",
    "month",
    "year",
]


def word_code(word: str) -> int:
    try:
        return WORDS.index(word)
    except ValueError:
        WORDS.append(word)  # a value outside the model's choices: kept as it is
        return len(WORDS) - 1


@dataclass(frozen=True, slots=True)
class Ragged:
    """Row i's ids are ``values[offsets[i]:offsets[i + 1]]``."""

    offsets: np.ndarray  # int64, rows + 1
    values: np.ndarray  # int64

    @classmethod
    def of(cls, rows: Sequence[Sequence[int]]) -> Ragged:
        lengths = np.fromiter(map(len, rows), np.int64, len(rows))
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        values = np.fromiter(
            (v for row in rows for v in row), np.int64, int(offsets[-1])
        )
        return cls(offsets, values)

    def row(self, i: int) -> list[int]:
        return self.values[self.offsets[i] : self.offsets[i + 1]].tolist()

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def take(self, rows: np.ndarray) -> Ragged:
        """These rows, in this order."""
        starts = self.offsets[:-1][rows]
        lengths = self.offsets[1:][rows] - starts
        offsets = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        flat = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1])
        return Ragged(offsets, self.values[flat])

    def concat(self, other: Ragged) -> Ragged:
        return Ragged(
            np.r_[self.offsets[:-1], other.offsets + self.offsets[-1]],
            np.r_[self.values, other.values],
        )

    def row_of_value(self) -> np.ndarray:
        """The row each value belongs to."""
        return np.repeat(np.arange(len(self.offsets) - 1), self.lengths())


@dataclass
class Periods:
    """Periods as columns, one row each (in key order once in an index)."""

    keys: np.ndarray  # place id * SPAN + start ordinal
    until: np.ndarray  # last day's ordinal (0: while it lasts)
    uncertain_end: np.ndarray  # last ordinal of the date window (0: none)
    state: np.ndarray  # code into WORDS
    precision: np.ndarray  # code into WORDS
    controller: np.ndarray  # coalition id (0: none)
    group: np.ndarray  # coalition id, CONTESTED_GROUP or UNKNOWN_GROUP
    disputed: np.ndarray  # bool
    actors: Ragged
    events: Ragged
    observations: Ragged

    @classmethod
    def of(cls, periods: Sequence[derive.Period], groups: Sequence[int]) -> Periods:
        def ordinal(day: dt.date | None) -> int:
            return day.toordinal() if day else 0

        n = len(periods)
        return cls(
            keys=np.fromiter(
                (p.place_id * SPAN + p.start.toordinal() for p in periods), np.int64, n
            ),
            until=np.fromiter((ordinal(p.until) for p in periods), np.int64, n),
            uncertain_end=np.fromiter(
                (ordinal(p.uncertain_until) for p in periods), np.int64, n
            ),
            state=np.fromiter((word_code(p.state) for p in periods), np.int16, n),
            precision=np.fromiter(
                (word_code(p.precision) for p in periods), np.int16, n
            ),
            controller=np.fromiter(
                (p.controller_id or 0 for p in periods), np.int64, n
            ),
            group=np.array(groups, dtype=np.int64),
            disputed=np.fromiter((p.disputed for p in periods), bool, n),
            actors=Ragged.of([p.actor_ids for p in periods]),
            events=Ragged.of([p.event_ids for p in periods]),
            observations=Ragged.of([p.observation_ids for p in periods]),
        )

    def take(self, rows: np.ndarray) -> Periods:
        return Periods(
            keys=self.keys[rows],
            until=self.until[rows],
            uncertain_end=self.uncertain_end[rows],
            state=self.state[rows],
            precision=self.precision[rows],
            controller=self.controller[rows],
            group=self.group[rows],
            disputed=self.disputed[rows],
            actors=self.actors.take(rows),
            events=self.events.take(rows),
            observations=self.observations.take(rows),
        )

    def concat(self, other: Periods) -> Periods:
        return Periods(
            keys=np.r_[self.keys, other.keys],
            until=np.r_[self.until, other.until],
            uncertain_end=np.r_[self.uncertain_end, other.uncertain_end],
            state=np.r_[self.state, other.state],
            precision=np.r_[self.precision, other.precision],
            controller=np.r_[self.controller, other.controller],
            group=np.r_[self.group, other.group],
            disputed=np.r_[self.disputed, other.disputed],
            actors=self.actors.concat(other.actors),
            events=self.events.concat(other.events),
            observations=self.observations.concat(other.observations),
        )

    def period(self, i: int) -> derive.Period:
        """Row ``i`` as the Period it was made from."""
        until, uncertain = int(self.until[i]), int(self.uncertain_end[i])
        key = int(self.keys[i])
        return derive.Period(
            place_id=key // SPAN,
            start=dt.date.fromordinal(key % SPAN),
            until=dt.date.fromordinal(until) if until else None,
            state=WORDS[self.state[i]],
            controller_id=int(self.controller[i]) or None,
            actor_ids=self.actors.row(i),
            disputed=bool(self.disputed[i]),
            uncertain_until=dt.date.fromordinal(uncertain) if uncertain else None,
            precision=WORDS[self.precision[i]],
            event_ids=self.events.row(i),
            observation_ids=self.observations.row(i),
        )

    def nbytes(self) -> int:
        arrays = [getattr(self, name) for name in ("keys", "until", "uncertain_end")]
        arrays += [self.state, self.precision, self.controller, self.group]
        arrays.append(self.disputed)
        for ragged in (self.actors, self.events, self.observations):
            arrays += [ragged.offsets, ragged.values]
        return sum(a.nbytes for a in arrays)


class PeriodsByPlace(Mapping):
    """place id -> its periods (derive.Period, date order), made from the columns on
    each read: what the place history and the tests read."""

    def __init__(self, place_ids: np.ndarray, keys: np.ndarray, rows: Periods):
        self._place_ids, self._keys, self._rows = place_ids, keys, rows

    def _span(self, place_id: int) -> tuple[int, int]:
        place_id = int(place_id)
        first = int(np.searchsorted(self._keys, place_id * SPAN))
        last = int(np.searchsorted(self._keys, (place_id + 1) * SPAN))
        return first, last

    def __getitem__(self, place_id: int) -> list[derive.Period]:
        if not isinstance(place_id, int | np.integer):
            raise KeyError(place_id)
        first, last = self._span(place_id)
        if first == last:
            raise KeyError(place_id)
        return [self._rows.period(i) for i in range(first, last)]

    def __contains__(self, place_id: object) -> bool:
        if not isinstance(place_id, int | np.integer):
            return False
        first, last = self._span(place_id)
        return first != last

    def __iter__(self) -> Iterator[int]:
        return iter(self._place_ids.tolist())

    def __len__(self) -> int:
        return len(self._place_ids)


class Owners(Mapping):
    """justifying event (observation) id -> the place whose period it justifies: the
    ids sorted, with their places (an event justifies one period: it has one place)."""

    def __init__(self, ragged: Ragged, keys: np.ndarray):
        order = np.argsort(ragged.values, kind="stable")
        self._ids = ragged.values[order]
        self._places = (keys // SPAN)[ragged.row_of_value()][order]

    def _find(self, pk: object) -> int:
        if not isinstance(pk, int | np.integer):
            return -1
        i = int(np.searchsorted(self._ids, pk))
        return i if i < len(self._ids) and self._ids[i] == pk else -1

    def __getitem__(self, pk: int) -> int:
        i = self._find(pk)
        if i < 0:
            raise KeyError(pk)
        return int(self._places[i])

    def __contains__(self, pk: object) -> bool:
        return self._find(pk) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)
