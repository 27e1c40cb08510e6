"""The control layer's in-memory index: every place's periods as numpy columns
(control.columns), the periods in force on a date found by one sorted search, a view
holding more places than a map can draw summarised per grid cell and controller
(bounded payload), and a Feature encoded only when an answer returns it (kept in a
bounded cache per index)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import orjson

from control.columns import SPAN, WORDS, Owners, Periods, PeriodsByPlace
from control.features import period_part

__all__ = ["SPAN", "ControlIndex", "Part", "cell_size"]
CELLS_ACROSS = 16  # a summarised view is 8 to 16 cells wide
CONTESTED_GROUP, UNKNOWN_GROUP = -1, -2
FEATURE_CACHE_BYTES = 32 * 2**20  # per index: the Features answers returned lately
_CELL = (
    b'{"type":"Feature","id":"cell:%d:%d:%d","geometry":{"type":"Point",'
    b'"coordinates":[%r,%r]},"properties":{"cluster":true,"count":%d,%s,'
    b'"disputed":%d,"uncertain":%d,'
)
_BOUNDS = b'"bounds":[%r,%r,%r,%r]}}'


@dataclass
class Part:
    """Some places and their periods: per place (ascending id) and per period (key
    order)."""

    place_ids: np.ndarray  # ascending
    extent: np.ndarray  # per place: min_lon, min_lat, max_lon, max_lat (+ area)
    point: np.ndarray  # per place: lon, lat
    heads: list[bytes]  # per place: how its Features start (control.features)
    tails: list[bytes]  # per place: how they end
    rows: Periods  # per period
    groups: dict[int, dict]  # group -> {"state", "coalition", "color"}
    names: dict[int, dict]  # actor id -> {"id", "name", "name_ar"}


@dataclass(eq=False)
class ControlIndex:
    """Every place's periods; arrays per place rank and per period (key order).

    ``version``: the data version it answers for; ``full_version``: that of the last
    whole build it was derived from (later writes applied per place: replaced())."""

    version: int
    place_ids: np.ndarray  # per place rank, ascending
    extent: np.ndarray  # per place rank: min_lon, min_lat, max_lon, max_lat (+ area)
    point: np.ndarray  # per place rank: lon, lat
    heads: list[bytes]  # per place rank
    tails: list[bytes]  # per place rank
    rows: Periods  # per period, key order
    rank_of_period: np.ndarray  # the place rank of each period
    groups: dict[int, dict]  # group -> {"state", "coalition", "color"}
    names: dict[int, dict]  # actor id -> {"id", "name", "name_ar"}
    full_version: int = 0
    built_at: float = 0.0  # time.monotonic() of the whole build
    built_wall: float = 0.0  # time.time() of the whole build
    build_s: float = 0.0  # how long it took
    store_name: str = ""  # the machine's version it was mapped from (control.store)
    _cache: dict[int, bytes] = field(default_factory=dict, repr=False)
    _cache_bytes: int = 0
    _owners: tuple[Owners, Owners] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, version: int, part: Part) -> ControlIndex:
        """An index of every place in ``part``."""
        return cls(
            version=version,
            place_ids=part.place_ids,
            extent=part.extent,
            point=part.point,
            heads=part.heads,
            tails=part.tails,
            rows=part.rows,
            rank_of_period=np.searchsorted(part.place_ids, part.rows.keys // SPAN),
            groups=part.groups,
            names=part.names,
            full_version=version,
        )

    @property
    def counter(self) -> int:  # (events.shared_index names versions by it)
        return self.version

    @property
    def size(self) -> int:
        return len(self.rows.keys)

    # --- the columns under their old names, and views of them ----------------------
    @property
    def keys(self) -> np.ndarray:  # place id * SPAN + start ordinal, ascending
        return self.rows.keys

    @property
    def group(self) -> np.ndarray:
        return self.rows.group

    @property
    def disputed(self) -> np.ndarray:
        return self.rows.disputed

    @property
    def uncertain_end(self) -> np.ndarray:
        return self.rows.uncertain_end

    @property
    def periods(self) -> PeriodsByPlace:
        """place id -> its derive.Period list, made from the columns on each read."""
        return PeriodsByPlace(self.place_ids, self.rows.keys, self.rows)

    @property
    def features(self) -> Sequence[bytes]:
        """Each period's encoded Feature (encoded on each read, or from the cache)."""
        return _Features(self)

    @property
    def event_place(self) -> Owners:
        """justifying event id -> the place whose period it justifies."""
        return self._owner_maps()[0]

    @property
    def observation_place(self) -> Owners:
        return self._owner_maps()[1]

    def _owner_maps(self) -> tuple[Owners, Owners]:
        if self._owners is None:
            keys = self.rows.keys
            self._owners = (
                Owners(self.rows.events, keys),
                Owners(self.rows.observations, keys),
            )
        return self._owners

    def places_justified_by(self, events: frozenset[int]) -> set[int]:
        """The places whose periods these events justify (one scan of the event ids:
        no sorted copy of them made for each write)."""
        if not events:
            return set()
        ragged = self.rows.events
        at = np.flatnonzero(np.isin(ragged.values, np.fromiter(events, np.int64)))
        rows = np.searchsorted(ragged.offsets, at, side="right") - 1
        return set((self.rows.keys[rows] // SPAN).tolist())

    def nbytes(self) -> int:
        """What the index holds (columns, per place arrays and bytes; not the cache)."""
        arrays = (self.place_ids, self.extent, self.point, self.rank_of_period)
        return (
            self.rows.nbytes()
            + sum(a.nbytes for a in arrays)
            + sum(map(len, self.heads))
            + sum(map(len, self.tails))
        )

    # --- writes ---------------------------------------------------------------------
    def replaced(
        self, version: int, touched: frozenset[int], part: Part
    ) -> ControlIndex:
        """A new index (this one is left as it is: requests may be reading it) where
        the ``touched`` places' periods are those of ``part`` (a touched place
        without periods leaves the index)."""
        gone = np.array(sorted(touched), dtype=np.int64)
        keep_p = np.flatnonzero(~np.isin(self.rows.keys // SPAN, gone))
        keep_r = np.flatnonzero(~np.isin(self.place_ids, gone))
        rows = self.rows.take(keep_p).concat(part.rows)
        rows = rows.take(np.argsort(rows.keys, kind="stable"))
        place_ids = np.r_[self.place_ids[keep_r], part.place_ids]
        by_id = np.argsort(place_ids, kind="stable")
        heads = [self.heads[i] for i in keep_r.tolist()] + part.heads
        tails = [self.tails[i] for i in keep_r.tolist()] + part.tails
        place_ids = place_ids[by_id]
        return ControlIndex(
            version=version,
            place_ids=place_ids,
            extent=np.r_[self.extent[keep_r], part.extent.reshape(-1, 4)][by_id],
            point=np.r_[self.point[keep_r], part.point.reshape(-1, 2)][by_id],
            heads=[heads[i] for i in by_id.tolist()],
            tails=[tails[i] for i in by_id.tolist()],
            rows=rows,
            rank_of_period=np.searchsorted(place_ids, rows.keys // SPAN),
            groups={**self.groups, **part.groups},
            names={**self.names, **part.names},
            full_version=self.full_version,
            built_at=self.built_at,
        )

    # --- answers --------------------------------------------------------------------
    def in_force(self, day: dt.date, bbox: tuple | None) -> np.ndarray:
        """Period positions in force on ``day`` at places whose point or area
        overlaps ``bbox``."""
        ranks = np.arange(len(self.extent), dtype=np.int64)
        if bbox is not None:
            min_lon, min_lat, max_lon, max_lat = bbox
            inside = (
                (self.extent[:, 2] >= min_lon)
                & (self.extent[:, 0] <= max_lon)
                & (self.extent[:, 3] >= min_lat)
                & (self.extent[:, 1] <= max_lat)
            )
            ranks = ranks[inside]
        if not len(ranks):
            return np.empty(0, dtype=np.int64)
        wanted = self.place_ids[ranks] * SPAN + day.toordinal()
        pos = np.searchsorted(self.keys, wanted, side="right") - 1
        ok = (pos >= 0) & (self.rank_of_period[np.maximum(pos, 0)] == ranks)
        return pos[ok]

    def at(self, day: dt.date, bbox: tuple | None) -> list[bytes]:
        """Encoded Features of the periods in force on ``day`` in ``bbox``."""
        return self.encoded(self.in_force(day, bbox))

    def encoded(self, positions: np.ndarray) -> list[bytes]:
        """The Features of the periods at ``positions`` (in order): from the cache,
        the others encoded from the columns (and cached while the bound allows)."""
        cache = self._cache
        wanted = positions.tolist()
        todo = [i for i in wanted if i not in cache]
        if not todo:
            return [cache[i] for i in wanted]
        made = dict(
            zip(todo, self._encode(np.array(todo, dtype=np.int64)), strict=True)
        )
        room = FEATURE_CACHE_BYTES - self._cache_bytes
        for i, feature in made.items():  # the first ones that fit: never past it
            if len(feature) > room:
                break
            cache[i] = feature
            room -= len(feature)
            self._cache_bytes += len(feature)
        return [made[i] if i in made else cache[i] for i in wanted]

    def _encode(self, positions: np.ndarray) -> list[bytes]:
        rows, heads, tails, names = self.rows, self.heads, self.tails, self.names
        columns = zip(
            self.rank_of_period[positions].tolist(),
            (rows.keys[positions] % SPAN).tolist(),
            rows.until[positions].tolist(),
            rows.uncertain_end[positions].tolist(),
            rows.state[positions].tolist(),
            rows.precision[positions].tolist(),
            rows.controller[positions].tolist(),
            rows.disputed[positions].tolist(),
            strict=True,
        )
        ids = []  # actors, events, observations: flat lists and offsets
        for ragged in (rows.actors, rows.events, rows.observations):
            taken = ragged.take(positions)
            ids.append((taken.offsets.tolist(), taken.values.tolist()))
        (a_at, a_ids), (e_at, e_ids), (o_at, o_ids) = ids
        parts = []
        for j, row in enumerate(columns):
            rank, start, until, uncertain, state, precision, controller, disputed = row
            middle = period_part(
                state=WORDS[state],
                controller_id=controller,
                actor_ids=a_ids[a_at[j] : a_at[j + 1]],
                start=start,
                until=until,
                uncertain_until=uncertain,
                precision=WORDS[precision],
                disputed=disputed,
                event_ids=e_ids[e_at[j] : e_at[j + 1]],
                observation_ids=o_ids[o_at[j] : o_at[j + 1]],
                names=names,
            )
            parts.append(heads[rank] + middle + tails[rank])
        return parts

    def cells(self, pos: np.ndarray, day: dt.date, bbox: tuple | None) -> list[bytes]:
        """One Feature per grid cell and controller of the periods at ``pos``
        (cells_of)."""
        ranks = self.rank_of_period[pos]
        return cells_of(
            self.point[ranks],
            self.group[pos],
            self.disputed[pos],
            self.uncertain_end[pos],
            self.groups,
            day,
            bbox,
        )


def cells_of(
    point: np.ndarray,
    group: np.ndarray,
    disputed: np.ndarray,
    uncertain_end: np.ndarray,
    groups: dict[int, dict],
    day: dt.date,
    bbox: tuple | None,
) -> list[bytes]:
    """One Feature per grid cell and controller: how many places it held there, how
    many of those changes are disputed or of uncertain date; the cell's bounds so
    that a client can zoom to it (per period in force: its place's point, its group,
    disputed, the end of its date window)."""
    if not len(group):
        return []
    size = cell_size(bbox)
    lon, lat = point[:, 0], point[:, 1]
    col = np.floor(lon / size).astype(np.int64)
    row = np.floor(lat / size).astype(np.int64)
    codes, group = np.unique(group, return_inverse=True)
    # One key per (cell, group): columns and rows are bounded (|lon| <= 180).
    key = ((col + 2**20) * 2**21 + (row + 2**20)) * len(codes) + group
    cells, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    mean_lon = np.bincount(inverse, weights=lon) / counts
    mean_lat = np.bincount(inverse, weights=lat) / counts
    disputed = np.bincount(inverse, weights=disputed.astype(float))
    uncertain = np.bincount(
        inverse, weights=(uncertain_end >= day.toordinal()).astype(float)
    )
    n = len(codes)
    code = codes[cells % n]
    x = cells // n // 2**21 - 2**20
    y = cells // n % 2**21 - 2**20
    group_json = {c: orjson.dumps(groups[c])[1:-1] for c in codes.tolist()}
    # One bytes template for all cells: ~1 µs a cell where a dict + orjson.dumps
    # per cell cost ~10 µs (the answer's bulk at country zoom).
    return [
        _CELL % (x_, y_, c, lon_, lat_, n_, group_json[c], d, u)
        + (_BOUNDS % (x_ * size, y_ * size, (x_ + 1) * size, (y_ + 1) * size))
        for x_, y_, c, lon_, lat_, n_, d, u in zip(
            x.tolist(),
            y.tolist(),
            code.tolist(),
            np.round(mean_lon, 5).tolist(),
            np.round(mean_lat, 5).tolist(),
            counts.tolist(),
            disputed.astype(np.int64).tolist(),
            uncertain.astype(np.int64).tolist(),
            strict=True,
        )
    ]


class _Features(Sequence):
    """An index's Features by period position, encoded when read."""

    def __init__(self, index: ControlIndex):
        self._index = index

    def __len__(self) -> int:
        return len(self._index.rows.keys)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._index.encoded(np.arange(len(self))[i])
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._index.encoded(np.array([i % len(self)], dtype=np.int64))[0]


def cell_size(bbox: tuple | None) -> float:
    """A power of two of degrees, 1 to 2 CELLS_ACROSSths of the view: the same grid
    for every view of one size, so cells stay put while the map pans."""
    min_lon, min_lat, max_lon, max_lat = bbox or (-180, -90, 180, 90)
    span = max(max_lon - min_lon, max_lat - min_lat, 1e-6)
    return 2.0 ** max(math.ceil(math.log2(span / CELLS_ACROSS)), -12)  # >= ~25 m
