"""The cluster API's answers (clusters, points and their ETags) from the live index."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from typing import Any

import numpy as np
import orjson

from events import selectors
from events.filters import EventFilters
from maps import feature_columns
from maps.clusters import live_index
from maps.clusters import state as cluster_state
from maps.selectors import filter_masks, index_build


def _etag(
    index: live_index.LiveIndex, version: int, filters: EventFilters, zoom: int
) -> str:
    """Strong validator: data version plus the normalized query (a stale index
    answers differently per version: what it leaves out grows with the writes)."""
    query = sorted(filters.as_query().items())
    data = index.token if index.counter == version else f"{index.token}@{version}"
    token = f"{data}|{zoom}|{query}"
    return '"' + hashlib.blake2b(token.encode(), digest_size=12).hexdigest() + '"'


def _titles(
    index: live_index.LiveIndex, rows: np.ndarray, ids: list[int], *, fresh: bool
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
    index, version = index_build._live()
    return _clusters(index, version, filters or EventFilters(), zoom)


def _clusters(
    index: live_index.LiveIndex, version: int, filters: EventFilters, zoom: int
) -> dict[str, Any]:
    query = filter_masks._query(index.base, filters, zoom)
    delta_mask = filter_masks._delta_mask(index, filters)
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
    current: tuple[live_index.LiveIndex, int] | None = None,
) -> tuple[tuple[str, bytes | None] | None, tuple[live_index.LiveIndex, int]]:
    """(The kept (ETag, body) of a cluster request at the current data version, or
    None; the (index, version) read): the API's path without DRF (issue 16). Pass
    the second to ``event_clusters_answer`` when the first is None, so that a request
    reads the data version once; ``current``: the (index, version) this request read
    already."""
    if current is None:
        current = index_build._live()
    return _kept_answer(*current, key, if_none_match), current


def event_clusters_ready() -> bool:
    """Whether this process holds a cluster index: an answer needs no base build
    (the embed's page inlines its first answer only then, maps/views/first.py)."""
    return cluster_state.index_held()


def event_clusters_is_kept(*, key: str) -> bool:
    """Whether the current index keeps an answer for ``key``: a look that the kept
    answers do not count as a request (bench/panzoombench.py)."""
    index, version = index_build._live()
    return index.counter == version and key in index.answers


def _kept_answer(
    index: live_index.LiveIndex, version: int, key: str, if_none_match: str
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
    current: tuple[live_index.LiveIndex, int] | None = None,
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
    index, version = current if current is not None else index_build._live()
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
