"""The control layer's in-memory index: each period's Feature encoded once, the
periods in force on a date found by one sorted search, and a view holding more places
than a map can draw summarised per grid cell and controller (bounded payload)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import orjson

from control import derive

SPAN = 4_000_000  # > date.max.toordinal(): keys are place id * SPAN + start ordinal
CELLS_ACROSS = 16  # a summarised view is 8 to 16 cells wide
CONTESTED_GROUP, UNKNOWN_GROUP = -1, -2
_CELL = (
    b'{"type":"Feature","id":"cell:%d:%d:%d","geometry":{"type":"Point",'
    b'"coordinates":[%r,%r]},"properties":{"cluster":true,"count":%d,%s,'
    b'"disputed":%d,"uncertain":%d,'
)
_BOUNDS = b'"bounds":[%r,%r,%r,%r]}}'


@dataclass
class Part:
    """Some places' encoded periods: per place (ascending id) and per period."""

    place_ids: np.ndarray  # ascending
    extent: np.ndarray  # per place: min_lon, min_lat, max_lon, max_lat (+ area)
    point: np.ndarray  # per place: lon, lat
    keys: np.ndarray  # per period: place id * SPAN + start ordinal
    group: np.ndarray  # per period: coalition id, CONTESTED_GROUP or UNKNOWN_GROUP
    disputed: np.ndarray  # per period (bool)
    uncertain_end: np.ndarray  # per period: last ordinal of the date window (0: none)
    features: list[bytes]  # per period: the encoded Feature
    groups: dict[int, dict]  # group -> {"state", "coalition", "color"}


@dataclass
class ControlIndex:
    """Every place's periods; arrays per place rank and per period (key order).

    ``version``: the data version it answers for; ``full_version``: that of the last
    whole build it was derived from (later writes applied per place: replaced())."""

    version: int
    periods: dict[int, list[derive.Period]]
    place_ids: np.ndarray  # per place rank, ascending
    keys: np.ndarray  # place id * SPAN + start ordinal, ascending
    rank_of_period: np.ndarray  # the place rank of each key
    extent: np.ndarray  # per place rank: min_lon, min_lat, max_lon, max_lat (+ area)
    point: np.ndarray  # per place rank: lon, lat
    group: np.ndarray  # per period: coalition id, CONTESTED_GROUP or UNKNOWN_GROUP
    disputed: np.ndarray  # per period (bool)
    uncertain_end: np.ndarray  # per period: last ordinal of the date window (0: none)
    groups: dict[int, dict]  # group -> {"state", "coalition", "color"}
    features: list[bytes]  # per period: the encoded Feature
    full_version: int = 0
    built_at: float = 0.0  # time.monotonic() of the whole build
    event_place: dict[int, int] | None = None  # justifying event -> its place
    observation_place: dict[int, int] | None = None

    @classmethod
    def of(
        cls, version: int, periods: dict[int, list[derive.Period]], part: Part
    ) -> ControlIndex:
        """An index of every place in ``part`` (in key order already)."""
        return cls(
            version=version,
            periods=periods,
            place_ids=part.place_ids,
            keys=part.keys,
            rank_of_period=np.searchsorted(part.place_ids, part.keys // SPAN),
            extent=part.extent,
            point=part.point,
            group=part.group,
            disputed=part.disputed,
            uncertain_end=part.uncertain_end,
            groups=part.groups,
            features=part.features,
            full_version=version,
            event_place=_owners(periods, "event_ids"),
            observation_place=_owners(periods, "observation_ids"),
        )

    def replaced(
        self,
        version: int,
        touched: frozenset[int],
        periods: dict[int, list[derive.Period]],
        part: Part,
    ) -> ControlIndex:
        """A new index (this one is left as it is: requests may be reading it) where
        the ``touched`` places' periods are those of ``part`` (``periods``: theirs;
        a touched place without periods leaves the index)."""
        gone = np.array(sorted(touched), dtype=np.int64)
        keep_p = ~np.isin(self.keys // SPAN, gone)
        keep_r = ~np.isin(self.place_ids, gone)
        keys = np.r_[self.keys[keep_p], part.keys]
        order = np.argsort(keys, kind="stable")
        place_ids = np.r_[self.place_ids[keep_r], part.place_ids]
        by_id = np.argsort(place_ids, kind="stable")
        old_features = [f for f, k in zip(self.features, keep_p, strict=True) if k]
        features = old_features + part.features
        all_periods = {k: v for k, v in self.periods.items() if k not in touched}
        all_periods.update(periods)
        owners = []
        for mapping, name in ((self.event_place, "event_ids"),
                              (self.observation_place, "observation_ids")):  # fmt: skip
            mine = {k: v for k, v in (mapping or {}).items() if v not in touched}
            mine.update(_owners(periods, name))
            owners.append(mine)
        place_ids = place_ids[by_id]
        keys = keys[order]
        return ControlIndex(
            version=version,
            periods=all_periods,
            place_ids=place_ids,
            keys=keys,
            rank_of_period=np.searchsorted(place_ids, keys // SPAN),
            extent=np.r_[self.extent[keep_r], part.extent.reshape(-1, 4)][by_id],
            point=np.r_[self.point[keep_r], part.point.reshape(-1, 2)][by_id],
            group=np.r_[self.group[keep_p], part.group][order],
            disputed=np.r_[self.disputed[keep_p], part.disputed][order],
            uncertain_end=np.r_[self.uncertain_end[keep_p], part.uncertain_end][order],
            groups={**self.groups, **part.groups},
            features=[features[i] for i in order.tolist()],
            full_version=self.full_version,
            built_at=self.built_at,
            event_place=owners[0],
            observation_place=owners[1],
        )

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
        return [self.features[i] for i in self.in_force(day, bbox)]

    def cells(self, pos: np.ndarray, day: dt.date, bbox: tuple | None) -> list[bytes]:
        """One Feature per grid cell and controller: how many places it held there,
        how many of those changes are disputed or of uncertain date; the cell's
        bounds so that a client can zoom to it."""
        if not len(pos):
            return []
        size = cell_size(bbox)
        ranks = self.rank_of_period[pos]
        lon, lat = self.point[ranks, 0], self.point[ranks, 1]
        col = np.floor(lon / size).astype(np.int64)
        row = np.floor(lat / size).astype(np.int64)
        codes, group = np.unique(self.group[pos], return_inverse=True)
        # One key per (cell, group): columns and rows are bounded (|lon| <= 180).
        key = ((col + 2**20) * 2**21 + (row + 2**20)) * len(codes) + group
        cells, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        mean_lon = np.bincount(inverse, weights=lon) / counts
        mean_lat = np.bincount(inverse, weights=lat) / counts
        disputed = np.bincount(inverse, weights=self.disputed[pos].astype(float))
        uncertain = np.bincount(
            inverse, weights=(self.uncertain_end[pos] >= day.toordinal()).astype(float)
        )
        n = len(codes)
        code = codes[cells % n]
        x = cells // n // 2**21 - 2**20
        y = cells // n % 2**21 - 2**20
        group_json = {c: orjson.dumps(self.groups[c])[1:-1] for c in codes.tolist()}
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


def _owners(periods: dict[int, list[derive.Period]], name: str) -> dict[int, int]:
    """Each justifying event (observation) -> the place whose period it justifies."""
    return {i: pk for pk, ps in periods.items() for p in ps for i in getattr(p, name)}


def cell_size(bbox: tuple | None) -> float:
    """A power of two of degrees, 1 to 2 CELLS_ACROSSths of the view: the same grid
    for every view of one size, so cells stay put while the map pans."""
    min_lon, min_lat, max_lon, max_lat = bbox or (-180, -90, 180, 90)
    span = max(max_lon - min_lon, max_lat - min_lat, 1e-6)
    return 2.0 ** max(math.ceil(math.log2(span / CELLS_ACROSS)), -12)  # >= ~25 m
