"""The index rows a filter selects (masks cached per index and filters)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from events import selectors
from events.filters import EventFilters
from maps.clusters import engine, grid, live_index
from maps.selectors import index_build

MASK_CACHE_SIZE = 16


_masks: OrderedDict[tuple, np.ndarray] = OrderedDict()


_masks_lock = threading.Lock()


_NONE = object()  # a cached answer of None


def _cached_mask(key: tuple, compute) -> np.ndarray | None:
    """``compute()`` kept in the masks' LRU under ``key`` (None too)."""
    with _masks_lock:
        if key in _masks:
            _masks.move_to_end(key)
            found = _masks[key]
            return None if found is _NONE else found
    mask = compute()
    with _masks_lock:
        _masks[key] = _NONE if mask is None else mask
        while len(_masks) > MASK_CACHE_SIZE:
            _masks.popitem(last=False)
    return mask


def _id_mask(index: engine.ClusterIndex, filters: EventFilters) -> np.ndarray:
    """Rows whose events match the actor, text and place filters (asked of the
    database)."""

    def compute() -> np.ndarray:
        only = EventFilters(actors=filters.actors, q=filters.q, place=filters.place)
        ids = np.fromiter(
            selectors.event_list_public(filters=only)
            .prefetch_related(None)
            .order_by()
            .values_list("pk", flat=True)
            .iterator(chunk_size=20_000),
            np.int64,
        )
        mask = np.zeros(index.size, dtype=bool)
        rows, held = index.rows_of(ids)
        mask[rows[held]] = True  # ids published since the build: skipped
        return mask

    key = (index.token, id(index), tuple(filters.actors), filters.q, filters.place)
    return _cached_mask(key, compute)


def _mask(index: engine.ClusterIndex, filters: EventFilters) -> np.ndarray | None:
    """The row mask of the actor, text, place and disputed filters (None: no mask).

    Cached, so that the same filters give the same array: the index keeps the
    grids of a small mask by its identity (engine.ClusterIndex._sub_index)."""
    if filters.disputed is None:
        if filters.actors or filters.q or filters.place:
            return _id_mask(index, filters)
        return None

    def compute() -> np.ndarray:
        mask = index.disputed if filters.disputed else ~index.disputed
        if filters.actors or filters.q or filters.place:
            mask = _id_mask(index, filters) & mask
        return mask

    key = (index.token, id(index), tuple(filters.actors), filters.q, filters.place)
    return _cached_mask(key + (filters.disputed,), compute)


def _delta_mask(
    index: live_index.LiveIndex, filters: EventFilters
) -> np.ndarray | None:
    """The mask of the actor, text, place and disputed filters over the delta's rows
    (asked of the database for the delta's ids, once per filter set and version)."""
    if filters.disputed is None and not (filters.actors or filters.q or filters.place):
        return None
    key = (tuple(filters.actors), filters.q, filters.place, filters.disputed)
    if key in index.masks:
        return index.masks[key]
    delta = index.delta
    mask = np.ones(delta.size, dtype=bool)
    if filters.disputed is not None:
        mask &= delta.disputed if filters.disputed else ~delta.disputed
    if (filters.actors or filters.q or filters.place) and delta.size:
        only = EventFilters(actors=filters.actors, q=filters.q, place=filters.place)
        events = selectors.event_list_public(filters=only).prefetch_related(None)
        ids = [
            pk
            for chunk in index_build._chunks(delta.ids.tolist())
            for pk in events.order_by().filter(**chunk).values_list("pk", flat=True)
        ]
        rows, held = delta.rows_of(np.array(ids, dtype=np.int64))
        matching = np.zeros(delta.size, dtype=bool)
        matching[rows[held]] = True
        mask &= matching
    if len(index.masks) > MASK_CACHE_SIZE:
        index.masks.clear()
    index.masks[key] = mask
    return mask


def _query(index: engine.ClusterIndex, filters: EventFilters, zoom: int):
    mask = _mask(index, filters)
    bbox = filters.bbox_extent
    return grid.Query(
        zoom=zoom,
        bbox=bbox,
        date_from=filters.date_from,
        date_to=filters.date_to,
        types=tuple(filters.types),
        mask=mask,
    )
