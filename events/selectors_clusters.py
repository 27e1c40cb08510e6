"""Read path of the cluster API and the fast GeoJSON export (numpy index, orjson)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any

import numpy as np
import orjson
from django.db import connection, transaction
from django.db.models import FloatField, Func
from django.db.models.expressions import RawSQL
from django.urls import reverse

from events import clusters, selectors
from events.filters import EventFilters
from events.models import EventActor, EventType, Place, date_range_label

MASK_CACHE_SIZE = 16


class _X(Func):
    function = "ST_X"  # PostGIS and SpatiaLite both have it
    output_field = FloatField()


class _Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def _types() -> list[clusters.TypeInfo]:
    rows = EventType.objects.order_by("sort_order", "name").values_list(
        "pk", "slug", "color", "parent__slug"
    )
    return [
        clusters.TypeInfo(pk=pk, slug=slug, color=color, top_slug=parent or slug)
        for pk, slug, color, parent in rows
    ]


def _public_rows() -> list[tuple]:
    events = selectors.event_list_public().prefetch_related(None).order_by()
    return list(
        events.values_list(
            "pk",
            _X("place__location"),
            _Y("place__location"),
            "date_start",
            "date_end",
            "event_type_id",
            "disputed",
        )
    )


def _build(version: int) -> clusters.ClusterIndex:
    types = _types()
    type_pos = {t.pk: i for i, t in enumerate(types)}
    rows = _public_rows()
    n = len(rows)
    if n:
        ids, lon, lat, start, end, type_id, disputed = zip(*rows, strict=True)
    else:
        ids = lon = lat = start = end = type_id = disputed = ()
    start_ord = np.fromiter((d.toordinal() for d in start), np.int32, n)
    last_ord = np.fromiter(
        (
            e.toordinal() if e else s
            for e, s in zip(end, start_ord.tolist(), strict=True)
        ),
        np.int32,
        n,
    )
    data = clusters.Rows(
        ids=np.fromiter(ids, np.int64, n),
        lon=np.fromiter(lon, np.float64, n),
        lat=np.fromiter(lat, np.float64, n),
        start=start_ord,
        last=last_ord,
        type_idx=np.fromiter((type_pos[t] for t in type_id), np.int64, n),
        disputed=np.fromiter(disputed, bool, n),
    )
    index = clusters.ClusterIndex(
        data, types, counter=version, built_at=time.monotonic()
    )
    # Data fingerprint: processes that share no cache still agree on ETags.
    digest = hashlib.blake2b(index.ids.tobytes(), digest_size=8)
    digest.update(index.start.tobytes())
    digest.update(index.last.tobytes())
    digest.update(index.type_idx.tobytes())
    digest.update(index.disputed.tobytes())
    digest.update(index.lon.tobytes())
    digest.update(index.lat.tobytes())
    index.token = f"{version}.{digest.hexdigest()}"
    return index


def event_cluster_index() -> clusters.ClusterIndex:
    """The process's cluster index of public events (see clusters.index_get)."""
    return clusters.index_get(_build)


def event_clusters_etag(*, filters: EventFilters | None, zoom: int) -> str:
    """Strong validator: data version plus the normalized query."""
    query = sorted((filters or EventFilters()).as_query().items())
    token = f"{event_cluster_index().token}|{zoom}|{query}"
    return '"' + hashlib.blake2b(token.encode(), digest_size=12).hexdigest() + '"'


_masks: OrderedDict[tuple, np.ndarray] = OrderedDict()
_masks_lock = threading.Lock()


def _id_mask(index: clusters.ClusterIndex, filters: EventFilters) -> np.ndarray:
    """Rows whose events match the actor and text filters (asked of the database)."""
    key = (index.token, id(index), tuple(filters.actors), filters.q)
    with _masks_lock:
        if key in _masks:
            _masks.move_to_end(key)
            return _masks[key]
    only = EventFilters(actors=filters.actors, q=filters.q)
    ids = np.fromiter(
        selectors.event_list_public(filters=only)
        .prefetch_related(None)
        .order_by()
        .values_list("pk", flat=True)
        .iterator(chunk_size=20_000),
        np.int64,
    )
    mask = np.zeros(index.size, dtype=bool)
    if index.size and len(ids):
        pos = np.minimum(np.searchsorted(index.ids, ids), index.size - 1)
        mask[pos[index.ids[pos] == ids]] = (
            True  # ids published since the build: skipped
        )
    with _masks_lock:
        _masks[key] = mask
        while len(_masks) > MASK_CACHE_SIZE:
            _masks.popitem(last=False)
    return mask


def _query(index: clusters.ClusterIndex, filters: EventFilters, zoom: int):
    mask = None
    if filters.actors or filters.q:
        mask = _id_mask(index, filters)
    if filters.disputed is not None:
        disputed = index.disputed if filters.disputed else ~index.disputed
        mask = disputed if mask is None else mask & disputed
    bbox = tuple(filters.bbox.extent) if filters.bbox is not None else None
    return clusters.Query(
        zoom=zoom,
        bbox=bbox,
        date_from=filters.date_from,
        date_to=filters.date_to,
        types=tuple(filters.types),
        mask=mask,
    )


@functools.lru_cache(maxsize=65536)
def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def event_clusters(*, filters: EventFilters | None, zoom: int) -> dict[str, Any]:
    """Clusters and individual events for one viewport, zoom and filter set."""
    filters = filters or EventFilters()
    index = event_cluster_index()
    answer = index.query(_query(index, filters, zoom))
    rows = answer["events"]
    ids = index.ids[rows].tolist()
    titles = (
        dict(
            selectors.event_list_public()
            .prefetch_related(None)
            .order_by()
            .filter(pk__in=ids)
            .values_list("pk", "title")
        )
        if ids
        else {}
    )
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
            np.round(index.lon[rows], 5).tolist(),
            np.round(index.lat[rows], 5).tolist(),
            index.type_idx[rows].tolist(),
            index.disputed[rows].tolist(),
            index.start[rows].tolist(),
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
            "types": {tops[i]: c for i, c in enumerate(by_type) if c},
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
    return {
        "zoom": answer["zoom"],
        "clusters": clusters_out,
        "events": events,
        "total": answer["total"] - (len(ids) - len(events)),
        "truncated": answer["truncated"],
    }


def event_clusters_bytes(*, filters: EventFilters | None, zoom: int) -> bytes:
    return orjson.dumps(event_clusters(filters=filters, zoom=zoom))


# --- fast GeoJSON export ------------------------------------------------------------
def _label_sql(alias: str) -> str:
    """events.models.date_range_label in PostgreSQL (checked against it in tests)."""
    start, end = f"{alias}.date_start", f"{alias}.date_end"
    day = "'FMDD FMMonth YYYY'"
    return f"""CASE
      WHEN {alias}.date_precision = 'year' THEN
        CASE WHEN {end} IS NULL OR extract(year FROM {end}) = extract(year FROM {start})
          THEN to_char({start}, 'FMYYYY')
          ELSE to_char({start}, 'FMYYYY') || '–' || to_char({end}, 'FMYYYY') END
      WHEN {alias}.date_precision = 'month' THEN
        CASE WHEN {end} IS NULL OR date_trunc('month', {end}) = date_trunc('month', {start})
          THEN to_char({start}, 'FMMonth YYYY')
          ELSE to_char({start}, 'FMMonth YYYY') || ' – ' || to_char({end}, 'FMMonth YYYY')
        END
      WHEN {end} IS NOT NULL AND {end} <> {start} THEN
        to_char({start}, {day}) || ' – ' || to_char({end}, {day})
      WHEN {alias}.date_precision = 'week' THEN 'week of ' || to_char({start}, {day})
      ELSE to_char({start}, {day}) END"""


def _geojson_postgis(events, limit: int | None, ids: list[int] | None = None) -> bytes:
    """The features as one string built by PostgreSQL: plain text concatenation (much
    cheaper than json_build_object per row), JSON escaping by to_json for free text."""
    if ids is None:
        ids_sql, ids_params = events.order_by().values("pk").query.sql_with_params()
    else:  # the cluster index's answer, re-checked against the public chokepoint
        public = events.order_by().filter(
            pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])
        )
        ids_sql, ids_params = public.values("pk").query.sql_with_params()
    roles = " ".join(
        f"WHEN '{value}' THEN '{label}'" for value, label in EventActor.Role.choices
    )
    detail = reverse("events:detail", args=[0]).removesuffix("0/")
    api = reverse("events:api-event-detail", args=[0]).removesuffix("0/")
    sql = f"""
    WITH sel AS MATERIALIZED ({ids_sql}),
    tj AS (
      SELECT t.id, json_build_object('slug', t.slug, 'name', t.name, 'color', t.color,
        'parent_slug', tp.slug, 'parent_name', tp.name)::text AS j
      FROM events_eventtype t LEFT JOIN events_eventtype tp ON tp.id = t.parent_id),
    aj AS (
      SELECT ea.event_id, '[' || string_agg(json_build_object('id', a.id, 'name', a.name,
        'role', ea.role, 'role_label', CASE ea.role {roles} END)::text, ',' ORDER BY ea.id)
        || ']' AS j
      FROM events_eventactor ea JOIN events_actor a ON a.id = ea.actor_id
      WHERE ea.event_id IN (SELECT pk FROM sel) GROUP BY ea.event_id)
    SELECT count(*), coalesce(string_agg(feature, ','), '') FROM (
      SELECT '{{"type":"Feature","id":' || e.id
        || ',"geometry":{{"type":"Point","coordinates":['
        || ST_X(p.location)::text || ',' || ST_Y(p.location)::text
        || ']}},"properties":{{"title":' || to_json(e.title)::text
        || ',"date_start":"' || e.date_start::text
        || '","date_end":' || coalesce('"' || e.date_end::text || '"', 'null')
        || ',"date_precision":"' || e.date_precision
        || '","date_label":"' || {_label_sql("e")}
        || '","type":' || tj.j || ',"disputed":' || e.disputed::text
        || ',"place":{{"name":' || to_json(p.name)::text
        || ',"name_ar":' || to_json(p.name_ar)::text
        || ',"precision":' || coalesce(p.precision::text, 'null')
        || ',"feature_type":"' || p.feature_type || '"}}'
        || ',"actors":' || coalesce(aj.j, '[]')
        || ',"fatalities_best":' || coalesce(e.fatalities_best::text, 'null')
        || ',"url":"' || %s || e.id || '/","api_url":"' || %s || e.id || '/"}}}}'
        AS feature
      FROM events_event e
      JOIN sel ON sel.pk = e.id
      JOIN events_place p ON p.id = e.place_id
      JOIN tj ON tj.id = e.event_type_id
      LEFT JOIN aj ON aj.event_id = e.id
      ORDER BY e.date_start DESC, e.id
      {"LIMIT %s" if limit is not None else ""}
    ) AS features"""
    params = [*ids_params, detail, api] + ([limit + 1] if limit is not None else [])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")  # sort in memory, not on disk
        cursor.execute(sql, params)
        count, body = cursor.fetchone()
    truncated = limit is not None and count > limit
    if truncated:  # drop the probe feature (the last one)
        body = body[: body.rindex(',{"type":"Feature","id":')]
        count = limit
    return b"".join(
        (
            b'{"type":"FeatureCollection","features":[',
            body.encode(),
            b'],"count":%d,"truncated":%s}'
            % (count, b"true" if truncated else b"false"),
        )
    )


def event_geojson_bytes(
    filters: EventFilters | None = None,
    *,
    limit: int | None = None,
    with_actors: bool = True,
) -> bytes:
    """FeatureCollection of public events (the API's Feature shape) as JSON bytes.

    On PostGIS the database builds the JSON (one string, no Python objects); elsewhere
    one values_list query, shared dicts for types and places, and orjson.
    """
    events = selectors.event_list_public(filters=filters).prefetch_related(None)
    if connection.vendor == "postgresql" and with_actors:
        filters = filters or EventFilters()
        index = event_cluster_index()
        if index.token.startswith(f"{clusters.clusters_version()}."):  # fresh index
            rows = index.matching_rows(_query(index, filters, 0))
            return _geojson_postgis(events, limit, index.ids[rows].tolist())
        return _geojson_postgis(events, limit)
    rows = events.values_list(
        "pk",
        _X("place__location"),
        _Y("place__location"),
        "title",
        "date_start",
        "date_end",
        "date_precision",
        "event_type_id",
        "disputed",
        "place_id",
        "fatalities_best",
    )
    if limit is not None:
        rows = rows[: limit + 1]
    rows = list(rows)
    truncated = limit is not None and len(rows) > limit
    if truncated:
        rows = rows[:limit]
    types = {
        pk: {
            "slug": slug,
            "name": name,
            "color": color,
            "parent_slug": parent_slug,
            "parent_name": parent_name,
        }
        for pk, slug, name, color, parent_slug, parent_name in EventType.objects.values_list(
            "pk", "slug", "name", "color", "parent__slug", "parent__name"
        )
    }
    place_ids = {row[9] for row in rows}
    places = (
        {
            pk: {
                "name": name,
                "name_ar": name_ar,
                "precision": precision,
                "feature_type": ft,
            }
            for pk, name, name_ar, precision, ft in Place.objects.filter(
                pk__in=place_ids
            ).values_list("pk", "name", "name_ar", "precision", "feature_type")
        }
        if len(place_ids) < 20_000
        else {
            pk: {
                "name": name,
                "name_ar": name_ar,
                "precision": precision,
                "feature_type": ft,
            }
            for pk, name, name_ar, precision, ft in Place.objects.values_list(
                "pk", "name", "name_ar", "precision", "feature_type"
            )
        }
    )
    actors: dict[int, list] = {}
    if with_actors and rows:
        roles = dict(EventActor.Role.choices)
        links = (
            EventActor.objects.filter(event__in=events.order_by().values("pk"))
            .order_by("pk")
            .values_list("event_id", "actor_id", "actor__name", "role")
        )
        for event_id, actor_id, name, role in links.iterator(chunk_size=20_000):
            actors.setdefault(event_id, []).append(
                {"id": actor_id, "name": name, "role": role, "role_label": roles[role]}
            )
    label = functools.lru_cache(maxsize=100_000)(date_range_label)
    detail = reverse("events:detail", args=[0]).removesuffix("0/")
    api = reverse("events:api-event-detail", args=[0]).removesuffix("0/")
    no_actors: list = []
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "title": title,
                "date_start": start,
                "date_end": end,
                "date_precision": precision,
                "date_label": label(start, end, precision),
                "type": types[type_id],
                "disputed": disputed,
                "place": places[place_id],
                "actors": actors.get(pk, no_actors),
                "fatalities_best": fatalities,
                "url": f"{detail}{pk}/",
                "api_url": f"{api}{pk}/",
            },
        }
        for pk, lon, lat, title, start, end, precision, type_id, disputed, place_id, fatalities in rows
    ]
    return orjson.dumps(
        {
            "type": "FeatureCollection",
            "features": features,
            "count": len(features),
            "truncated": truncated,
        }
    )
