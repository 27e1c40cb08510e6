"""The fast GeoJSON export of the public events, read from the cluster index."""

from __future__ import annotations

import time

import numpy as np
import orjson
from django.conf import settings
from django.db import connection

from events import selectors
from events.filters import EventFilters
from maps import feature_blob, feature_columns, features
from maps.clusters import engine
from maps.clusters import state as cluster_state
from maps.selectors import filter_masks, index_build

# --- fast GeoJSON export ------------------------------------------------------------
# Per process, at most settings.MAP_FEATURE_CACHE_MB (the 950k public Features of
# the 1M benchmark take ~700 MB: kept whole in every worker, they were most of its
# memory; the shared index's columns encode the others).
# Entries come from the index's snapshot; a write that skips the signals and the
# explicit bumps (raw SQL) shows once the index is rebuilt (cluster_state.MAX_AGE), and
# the cache, carried from index to index across writes, is dropped as often.
FEATURE_CACHE_MAX_AGE = cluster_state.MAX_AGE  # seconds


def _cached_features(index: engine.ClusterIndex, rows: np.ndarray) -> list[bytes]:
    """Encoded Features of index ``rows`` (in order) from the index's cache, encoding
    the missing ones from the index's columns (in memory, the snapshot the index was
    built from)."""
    now = time.monotonic()
    if now - index.features_since > FEATURE_CACHE_MAX_AGE:
        index.features, index.features_nbytes, index.features_since = {}, 0, now
    cache = index.features
    if not len(rows):
        return []
    ids = index.ids[rows].tolist()
    if cache:
        try:  # all cached (an export asked again): one lookup each, in C
            return list(map(cache.__getitem__, ids))
        except KeyError:
            todo = rows[np.fromiter((pk not in cache for pk in ids), bool, len(ids))]
    else:
        todo = rows
    parts = feature_columns.features_from_columns(
        index, index.columns, todo, features.urls()
    )
    todo_ids = ids if todo is rows else index.ids[todo].tolist()
    if todo is rows:  # all missing: the parts are the answer
        answer = parts
    else:
        encoded = dict(zip(todo_ids, parts, strict=True))
        answer = [cache[pk] if pk in cache else encoded[pk] for pk in ids]
    room = int(settings.MAP_FEATURE_CACHE_MB * 2**20) - index.features_nbytes
    if room > 0:  # the first ones that fit: never past the bound
        sizes = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
        fit = int(np.searchsorted(sizes, room, side="right"))
        cache.update(zip(todo_ids[:fit], parts[:fit], strict=True))
        index.features_nbytes += int(sizes[fit - 1]) if fit else 0
    return answer


def _export_with_writes(
    index: engine.ClusterIndex,
    filters: EventFilters,
    dirty: frozenset[int],
    limit: int | None,
) -> tuple[np.ndarray, list[bytes]]:
    """(Index rows in API order, where ``-1 - k`` stands for the k-th of the encoded
    Features also returned; at most ``limit + 1``) from a base index that lags the
    version by the writes to ``dirty`` events (the live index's delta): every other
    event is as the index has it, and the written ones are asked of the public
    selector as they are now."""
    rows = index.matching_rows(filter_masks._query(index, filters, 0))
    written = np.fromiter(dirty, np.int64, len(dirty))
    rows = rows[~np.isin(index.ids[rows], written)]
    public = (
        selectors.event_list_public(filters=filters).prefetch_related(None).order_by()
    )
    now = {  # by chunks: after a large import, tens of thousands of events
        pk: start
        for only in index_build._chunks(dirty)
        for pk, start in public.filter(**only).values_list("pk", "date_start")
    }
    encoded = features.features_encode(list(now))  # public again, as it is now
    pks = [pk for pk in now if pk in encoded]
    n_old = len(rows)
    order = np.lexsort(
        (
            np.r_[index.ids[rows], np.array(pks, dtype=np.int64)],
            -np.r_[
                index.start[rows].astype(np.int64),
                np.array([now[pk].toordinal() for pk in pks], dtype=np.int64),
            ],
        )
    )
    if limit is not None:
        order = order[: limit + 1]
    from_base = order < n_old
    out = np.empty(len(order), dtype=np.int64)
    out[from_base] = rows[order[from_base]]
    out[~from_base] = n_old - 1 - order[~from_base]  # n_old + k -> -1 - k
    return out, [encoded[pk] for pk in pks]


def _export_parts(
    index: engine.ClusterIndex, rows: np.ndarray, extra: list[bytes]
) -> list[bytes]:
    """The encoded Features of ``rows`` (as _export_with_writes gives them) one by
    one, from the index's cache or columns (an index without a blob)."""
    if not extra:
        return _cached_features(index, rows)
    old_parts = iter(_cached_features(index, rows[rows >= 0]))
    return [next(old_parts) if row >= 0 else extra[-1 - row] for row in rows.tolist()]


def _blob(index: engine.ClusterIndex) -> feature_blob.FeatureBlob | None:
    """The index's encoded Features when its URLs are this request's (a language
    prefix otherwise: those are encoded as before)."""
    blob = index.columns.blob
    if blob is None or blob.urls != features.urls():
        return None
    return blob


def _api_order(index: engine.ClusterIndex, rows: np.ndarray) -> np.ndarray:
    """``rows`` (ascending, so by id) in the API's order: newest start first, then
    by id. A stable sort on the start alone keeps the ids' order among equal days;
    on days counted from the earliest as 16 bits (179 years) numpy sorts by radix,
    several times faster than a lexsort of both keys (issue 16: 242k rows at 10M)."""
    start = index.start[rows]
    if not len(start):
        return rows
    newest = int(start.max())
    if newest - int(start.min()) > np.iinfo(np.uint16).max:
        return rows[np.lexsort((index.ids[rows], -start))]
    return rows[np.argsort((newest - start).astype(np.uint16), kind="stable")]


def event_geojson_bytes(
    filters: EventFilters | None = None,
    *,
    limit: int | None = None,
    with_actors: bool = True,
) -> bytes:
    """FeatureCollection of public events (the API's Feature shape and order) as bytes.

    With a current cluster index its ids select the events and their encoded
    Features are slices of the shared index's blob (maps.feature_blob), or else come
    from the index's cache or columns, except the events written since the base's
    build (the live index's delta), asked of the database as they are now; a stale
    index (writes that recorded no ids) leaves the export to the database.
    ``limit`` caps the features and sets ``truncated``."""
    filters = filters or EventFilters()
    if with_actors:
        # The version is read before anything the caches may keep.
        current, version = index_build._live()
        index = current.base
        if not isinstance(index.columns, feature_columns.FeatureColumns):
            pass  # an index without export columns: the database answers
        elif current.counter != version:
            pass  # stale (writes not recorded, rebuilding): the database answers
        else:
            if not current.written:
                query = filter_masks._query(index, filters, 0)
                rows, extra = _api_order(index, index.matching_rows(query)), []
            else:
                rows, extra = _export_with_writes(
                    index, filters, current.written, limit
                )
            truncated = limit is not None and len(rows) > limit
            rows = rows[:limit] if truncated else rows
            blob = _blob(index)
            # A few slices of the machine's encoded Features (None: so scattered
            # over its compressed blocks that per Feature is cheaper).
            found = feature_blob.pieces(blob, rows, extra) if blob is not None else None
            if found is not None:
                return features.collection_of_pieces(
                    found, count=len(rows), truncated=truncated
                )
            return features.collection_bytes(
                _export_parts(index, rows, extra), truncated=truncated
            )
    events = selectors.event_list_public(filters=filters).prefetch_related(None)
    if connection.vendor == "postgresql" and with_actors:
        return features.geojson_postgis(events, limit)
    found = features.feature_dicts(events, limit=limit, with_actors=with_actors)
    truncated = limit is not None and len(found) > limit
    found = found[:limit] if truncated else found
    return orjson.dumps(
        {
            "type": "FeatureCollection",
            "features": found,
            "count": len(found),
            "truncated": truncated,
        }
    )
