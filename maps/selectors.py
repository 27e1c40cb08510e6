"""Read path of the cluster API and the fast GeoJSON export (numpy index, orjson).

Over ~400 lines on purpose: the cluster answer, its ETag and the export share one
index snapshot and one stale-window rule; split, each half would re-read the state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import orjson
from django.conf import settings
from django.db import connection
from django.db.models import FloatField, Func

from events import dataversion, selectors
from events.filters import EventFilters
from events.models import EventType
from maps import feature_blob, feature_columns, features
from maps.clusters import engine, grid, live, store
from maps.clusters import state as cluster_state

MASK_CACHE_SIZE = 16


class _X(Func):
    function = "ST_X"  # PostGIS and SpatiaLite both have it
    output_field = FloatField()


class _Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def _types() -> list[grid.TypeInfo]:
    rows = EventType.objects.order_by("sort_order", "name").values_list(
        "pk", "slug", "color", "parent__slug"
    )
    return [
        grid.TypeInfo(pk=pk, slug=slug, color=color, top_slug=parent or slug)
        for pk, slug, color, parent in rows
    ]


def _public_rows(**only) -> list[tuple]:
    events = selectors.event_list_public().prefetch_related(None).order_by()
    return list(
        events.filter(**only).values_list(
            "pk",
            _X("place__location"),
            _Y("place__location"),
            "date_start",
            "date_end",
            "event_type_id",
            "disputed",
            "title",
            "date_precision",
            "place_id",
            "fatalities_best",
        )
    )


# Ids per query of a base build: its rows are read a range of ids at a time, each range's
# tuples turned into arrays before the next is read (10M events as one list of tuples
# held ~4 GB of the builder's heap; at 1M `mapindex` peaked at 1,653 MB, now 1,429;
# bench/README.md "10M run 8").
BUILD_CHUNK_IDS = 100_000


def _public_rows_chunks() -> Iterator[list[tuple]]:
    """_public_rows, a range of BUILD_CHUNK_IDS ids at a time (one empty list when
    there are none). Writes between the queries are the base's delta, as any write
    after the version its build was asked for."""
    ids = (
        selectors.event_list_public()
        .prefetch_related(None)
        .values_list("pk", flat=True)
    )
    lowest = ids.order_by("pk").first()  # (an index scan each, unlike Min / Max)
    if lowest is None:
        yield []
        return
    for first in range(lowest, ids.order_by("-pk").first() + 1, BUILD_CHUNK_IDS):
        yield _public_rows(pk__range=(first, first + BUILD_CHUNK_IDS - 1))


def _rows_data(rows: list[tuple], type_pos: dict[int, int]) -> tuple[grid.Rows, list]:
    """The index's columns of ``rows`` (_public_rows) and the other columns' lists."""
    n = len(rows)
    columns = zip(*rows, strict=True) if n else [()] * 11
    ids, lon, lat, start, end, type_id, disputed, *extra = columns
    start_ord = np.fromiter((d.toordinal() for d in start), np.int32, n)
    last_ord = np.fromiter(
        (
            e.toordinal() if e else s
            for e, s in zip(end, start_ord.tolist(), strict=True)
        ),
        np.int32,
        n,
    )
    data = grid.Rows(
        ids=np.fromiter(ids, np.int64, n),
        lon=np.fromiter(lon, np.float64, n),
        lat=np.fromiter(lat, np.float64, n),
        start=start_ord,
        last=last_ord,
        type_idx=np.fromiter((type_pos[t] for t in type_id), np.int64, n),
        disputed=np.fromiter(disputed, bool, n),
    )
    return data, [end, *extra]


def _build(version: int) -> engine.ClusterIndex:
    """The base index of the public events at ``version``, its grids left to the
    write (store) or to the first use (engine.ClusterIndex's Grids)."""
    started = time.monotonic()
    types = _types()
    type_pos = {t.pk: i for i, t in enumerate(types)}
    parts, row_columns = [], []
    for rows in _public_rows_chunks():
        part, others = _rows_data(rows, type_pos)
        del rows  # its tuples (and the ids, points, days only they hold) freed now
        parts.append(part)
        row_columns.append(feature_columns.row_columns(*others))
        del others  # the range's titles, dates, places as Python objects
    names = [field.name for field in dataclasses.fields(grid.Rows)]
    data = (
        parts[0]
        if len(parts) == 1
        else grid.Rows(
            **{k: np.concatenate([getattr(p, k) for p in parts]) for k in names}
        )
    )
    del parts
    n = len(data.ids)
    # The export's columns, in the index's order (rows sorted by id; a table read
    # in id order needs no reordering).
    in_order = not n or bool((np.diff(data.ids) > 0).all())
    order = None if in_order else np.argsort(data.ids, kind="stable")
    index = engine.ClusterIndex(data, types, counter=version, built_at=time.monotonic())
    del data  # the index holds its own (sorted) copies
    joined = feature_columns.row_columns_join(row_columns, order)
    del row_columns
    index.columns = feature_columns.columns_build(index, joined)
    # Data fingerprint: processes that share no cache still agree on ETags.
    digest = hashlib.blake2b(index.ids.tobytes(), digest_size=8)
    digest.update(index.start.tobytes())
    digest.update(index.last.tobytes())
    digest.update(index.type_idx.tobytes())
    digest.update(index.disputed.tobytes())
    digest.update(index.lon.tobytes())
    digest.update(index.lat.tobytes())
    index.token = f"{version}.{digest.hexdigest()}"
    index.build_s = time.monotonic() - started  # (state.max_age; kept in the store)
    return index


IDS_PER_QUERY = 900  # SQLite's historic limit of parameters per statement
IDS_PER_QUERY_PG = 20_000  # PostgreSQL (client-side binding): a large import's delta


RANGE_FROM = 1_000  # a run of this many consecutive ids is asked for as a range


def _chunks(ids: Iterable[int]) -> Iterator[dict]:
    """Filters selecting ``ids``, each as much as one query takes: long runs of
    consecutive ids as ranges (a large import's events, 100,000 of them: one query;
    a list of them as query parameters took 4 s to send), the others as lists."""
    size = IDS_PER_QUERY_PG if connection.vendor == "postgresql" else IDS_PER_QUERY
    single: list[int] = []
    for first, last in dataversion.runs(sorted(ids)):
        if last - first + 1 >= RANGE_FROM:
            yield {"pk__range": (first, last)}
        else:
            single.extend(range(first, last + 1))
    for i in range(0, len(single), size):
        yield {"pk__in": single[i : i + size]}


def _build_delta(
    base: engine.ClusterIndex,
    written: frozenset[int],
    version: int,
    previous: live.LiveIndex | None = None,
    step: frozenset[int] | None = None,
) -> live.LiveIndex | None:
    """``base`` plus the current public rows of the ``written`` events (a few small
    queries by id); None when one has a type the base does not know.

    With ``previous`` (a live index on the same base) and ``step`` (the events
    written since it), only the ``step`` events are read: the other rows of its
    delta are as they were (after a large import the delta holds thousands of rows
    while the base rebuilds, and one write a second must not read them all again)."""
    type_pos = {t.pk: i for i, t in enumerate(base.types)}
    wanted = sorted(written if previous is None or step is None else step)
    rows = sorted(row for only in _chunks(wanted) for row in _public_rows(**only))
    if any(row[5] not in type_pos for row in rows):
        return None
    data, (_end, titles, *_rest) = _rows_data(rows, type_pos)
    titles = list(titles)
    if previous is not None and step is not None and previous.delta.size:
        held = previous.delta
        keep = ~np.isin(held.ids, np.fromiter(step, np.int64, len(step)))
        names = [field.name for field in dataclasses.fields(grid.Rows)]
        merged = {
            name: np.concatenate([getattr(held, name)[keep], getattr(data, name)])
            for name in names
        }
        order = np.argsort(merged["ids"], kind="stable")
        data = grid.Rows(**{name: merged[name][order] for name in names})
        both = [t for t, k in zip(previous.titles, keep.tolist(), strict=True) if k]
        both += titles
        titles = [both[i] for i in order.tolist()]
    return live.LiveIndex(base, data, written=written, counter=version, titles=titles)


def _live() -> tuple[live.LiveIndex, int]:
    return live.live_get(_build, _build_delta)


def event_cluster_index_publish() -> str:
    """Build the base index from the database and publish it as the machine's current
    one (maps.clusters.store; the caller holds the build lock); its name."""
    root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
    if root is None:
        raise ValueError("MAP_INDEX_DIR is empty: no shared index to publish")
    return store.publish(root, _build(dataversion.clusters_version()))


def event_cluster_index() -> engine.ClusterIndex:
    """The process's base cluster index of public events (maps.clusters.live)."""
    return _live()[0].base


def _etag(index: live.LiveIndex, version: int, filters: EventFilters, zoom: int) -> str:
    """Strong validator: data version plus the normalized query (a stale index
    answers differently per version: what it leaves out grows with the writes)."""
    query = sorted(filters.as_query().items())
    data = index.token if index.counter == version else f"{index.token}@{version}"
    token = f"{data}|{zoom}|{query}"
    return '"' + hashlib.blake2b(token.encode(), digest_size=12).hexdigest() + '"'


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


def _delta_mask(index: live.LiveIndex, filters: EventFilters) -> np.ndarray | None:
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
            for chunk in _chunks(delta.ids.tolist())
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


def _titles(
    index: live.LiveIndex, rows: np.ndarray, ids: list[int], *, fresh: bool
) -> dict:
    """Titles of the public events among ``rows`` (their ``ids``), as str or JSON
    fragments.

    A current index has them in memory, read with its rows (the delta's read at
    this version); a stale one (writes that did not record their events, while a
    large index rebuilds) asks the public selector, so an event unpublished since
    the build never shows."""
    columns = index.base.columns
    if fresh and isinstance(columns, feature_columns.FeatureColumns):
        fragment, titles, n = orjson.Fragment, columns.titles, index.base.size
        if not len(rows) or int(rows.max()) < n:  # the base's rows alone
            take = getattr(titles, "take", None)  # packed in a mapped index's file
            found = take(rows) if take else [titles[r] for r in rows.tolist()]
            return dict(zip(ids, map(fragment, found), strict=True))
        delta = index.titles
        return {
            pk: fragment(titles[r]) if r < n else delta[r - n]
            for pk, r in zip(ids, rows.tolist(), strict=True)
        }
    if not ids:
        return {}
    return dict(
        selectors.event_list_public()
        .prefetch_related(None)
        .order_by()
        .filter(pk__in=ids)
        .values_list("pk", "title")
    )


@functools.lru_cache(maxsize=65536)
def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def event_clusters(*, filters: EventFilters | None, zoom: int) -> dict[str, Any]:
    """Clusters and individual events for one viewport, zoom and filter set."""
    index, version = _live()
    return _clusters(index, version, filters or EventFilters(), zoom)


def _clusters(
    index: live.LiveIndex, version: int, filters: EventFilters, zoom: int
) -> dict[str, Any]:
    query = _query(index.base, filters, zoom)
    delta_mask = _delta_mask(index, filters)
    answer = index.query(query, delta_mask)
    rows = answer["events"]
    ids = index.take("ids", rows).tolist()
    titles = _titles(index, rows, ids, fresh=index.counter == version)
    types = index.types
    events = [
        {
            "id": pk,
            "lon": lon,
            "lat": lat,
            "type": types[t].slug,
            "color": types[t].color,
            "disputed": disputed,
            "title": titles[pk],
            "date_start": _iso(start),
        }
        for pk, lon, lat, t, disputed, start in zip(
            ids,
            np.round(index.take("lon", rows), 5).tolist(),
            np.round(index.take("lat", rows), 5).tolist(),
            index.take("type_idx", rows).tolist(),
            index.take("disputed", rows).tolist(),
            index.take("start", rows).tolist(),
            strict=True,
        )
        if pk in titles  # published since the index was built: never a stale leak
    ]
    tops = index.tops
    clusters_out = [
        {
            "lon": lon,
            "lat": lat,
            "count": count,
            "types": {top: c for top, c in zip(tops, by_type, strict=False) if c},
            "bbox": bbox,
        }
        for lon, lat, count, by_type, bbox in zip(
            np.round(answer["lon"], 5).tolist(),
            np.round(answer["lat"], 5).tolist(),
            answer["count"].tolist(),
            answer["by_type"].astype(np.int64).tolist(),
            np.round(answer["bbox"], 5).tolist(),
            strict=True,
        )
    ]
    total = answer["total"]
    if "inside" in answer:  # counted on the cells the answer looked up
        total = answer["inside"]
    elif query.bbox is not None and not answer.get("exact"):
        # The grid's cells reach past the bbox: count exactly.
        total = index.count_inside(query, delta_mask)
    return {
        # The zoom asked for: a wide view may be clustered on a coarser grid, but the
        # answer is for this zoom (the client compares it with its own).
        "zoom": zoom,
        "clusters": clusters_out,
        "events": events,
        "total": total - (len(ids) - len(events)),
        "truncated": answer["truncated"],
    }


def event_clusters_bytes(*, filters: EventFilters | None, zoom: int) -> bytes:
    return orjson.dumps(event_clusters(filters=filters, zoom=zoom))


def event_clusters_kept(
    *,
    key: str,
    if_none_match: str = "",
    current: tuple[live.LiveIndex, int] | None = None,
) -> tuple[tuple[str, bytes | None] | None, tuple[live.LiveIndex, int]]:
    """(The kept (ETag, body) of a cluster request at the current data version, or
    None; the (index, version) read): the API's path without DRF (issue 16). Pass
    the second to ``event_clusters_answer`` when the first is None, so that a request
    reads the data version once; ``current``: the (index, version) this request read
    already."""
    if current is None:
        current = _live()
    return _kept_answer(*current, key, if_none_match), current


def event_clusters_ready() -> bool:
    """Whether this process holds a cluster index: an answer needs no base build
    (the embed's page inlines its first answer only then, maps/views/first.py)."""
    return cluster_state.index_held()


def event_clusters_is_kept(*, key: str) -> bool:
    """Whether the current index keeps an answer for ``key``: a look that the kept
    answers do not count as a request (bench/panzoombench.py)."""
    index, version = _live()
    return index.counter == version and key in index.answers


def _kept_answer(
    index: live.LiveIndex, version: int, key: str, if_none_match: str
) -> tuple[str, bytes | None] | None:
    """The (ETag, body) ``index`` keeps for ``key`` when it is current, the body None
    when ``if_none_match`` holds the ETag; None when it keeps none."""
    kept = index.answers.get(key) if index.counter == version else None
    if kept is None:
        return None
    etag, body = kept
    return etag, None if etag in if_none_match else body


def event_clusters_answer(
    *,
    key: str,
    parse: Callable[[], tuple[EventFilters, int]],
    if_none_match: str = "",
    current: tuple[live.LiveIndex, int] | None = None,
) -> tuple[str, bytes | None]:
    """(ETag, JSON body) of a cluster request, both of one index and data version
    (read once: with Redis, each read of the version's hint is a round trip); the
    body is None when ``if_none_match`` holds the ETag (the client's copy is current).

    ``parse()`` gives the request's (filters, zoom) or raises. A current index keeps
    its answers by ``key``, the request's query string (the same parameters give
    the same answer at one version): a view asked again (an embed's first view,
    each reader's) skips the parse and the query. A stale one never keeps them: its
    titles come from the database on each request. ``current``: the (index,
    version) this request already read (``event_clusters_kept``)."""
    index, version = current if current is not None else _live()
    found = _kept_answer(index, version, key, if_none_match)
    if found is not None:
        return found
    filters, zoom = parse()
    etag = _etag(index, version, filters, zoom)
    if etag in if_none_match:
        return etag, None
    body = orjson.dumps(_clusters(index, version, filters, zoom))
    if index.counter == version:
        index.answers.put(key, etag, body)
    return etag, body


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
    rows = index.matching_rows(_query(index, filters, 0))
    written = np.fromiter(dirty, np.int64, len(dirty))
    rows = rows[~np.isin(index.ids[rows], written)]
    public = (
        selectors.event_list_public(filters=filters).prefetch_related(None).order_by()
    )
    now = {  # by chunks: after a large import, tens of thousands of events
        pk: start
        for only in _chunks(dirty)
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
        current, version = _live()
        index = current.base
        if not isinstance(index.columns, feature_columns.FeatureColumns):
            pass  # an index without export columns: the database answers
        elif current.counter != version:
            pass  # stale (writes not recorded, rebuilding): the database answers
        else:
            if not current.written:
                query = _query(index, filters, 0)
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
