"""GeoJSON Features of public events in the API's shape, encoded without serializers."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

import orjson
from django.db import connection, transaction
from django.db.models import FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse

from events import datelabels, selectors
from events.models import Event, EventActor, EventType
from places.models import Place

FILL_CHUNK = 50_000  # ids per query when encoding a batch of missing Features
# SQLite binds each id (twice: events, then their actors) under a 32,766 cap.
FILL_CHUNK_SQLITE = 10_000


class _X(Func):
    function = "ST_X"  # PostGIS and SpatiaLite both have it
    output_field = FloatField()


class _Y(Func):
    function = "ST_Y"
    output_field = FloatField()


def collection_bytes(features: list[bytes], *, truncated: bool) -> bytes:
    """A FeatureCollection (as the export answers it) around encoded Features.

    Copied once: the head goes with the first Feature and the tail with the last
    (joining the Features, then the three parts, copied the whole body twice: a
    tenth of a 242k-Feature export at 10M events, 173 MB each time; issue 16)."""
    head = b'{"type":"FeatureCollection","features":['
    tail = b'],"count":%d,"truncated":%s}' % (
        len(features),
        b"true" if truncated else b"false",
    )
    if len(features) < 2:
        return head + b"".join(features) + tail
    return b",".join(
        itertools.chain(
            (head + features[0],),
            itertools.islice(features, 1, len(features) - 1),
            (features[-1] + tail,),
        )
    )


def collection_of_pieces(pieces: list, *, count: int, truncated: bool) -> bytes:
    """A FeatureCollection around ``pieces``: the ``count`` Features already joined
    by commas, in slices (maps.feature_blob.pieces); copied once."""
    return b"".join(
        [
            b'{"type":"FeatureCollection","features":[',
            *pieces,
            b'],"count":%d,"truncated":%s}'
            % (count, b"true" if truncated else b"false"),
        ]
    )


def urls() -> tuple[str, str]:
    detail = reverse("events:detail", args=[0]).removesuffix("0/")
    api = reverse("events:api-event-detail", args=[0]).removesuffix("0/")
    return detail, api


# --- PostgreSQL: the database writes the JSON -------------------------------------
def _label_sql(alias: str) -> str:
    """events.datelabels.date_range_label in PostgreSQL (checked against it in tests)."""
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


def _features_sql(ids_sql: str) -> str:
    """SELECT e.id, feature text, e.date_start for the event ids ``ids_sql`` yields:
    plain text concatenation (much cheaper than json_build_object per row), JSON
    escaping by to_json for free text. Two %s parameters: the detail and API prefixes."""
    roles = " ".join(
        f"WHEN '{value}' THEN '{label}'" for value, label in EventActor.Role.choices
    )
    return f"""
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
    SELECT e.id, '{{"type":"Feature","id":' || e.id
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
        AS feature, e.date_start
      FROM events_event e
      JOIN sel ON sel.pk = e.id
      JOIN events_place p ON p.id = e.place_id
      JOIN tj ON tj.id = e.event_type_id
      LEFT JOIN aj ON aj.event_id = e.id"""


def geojson_postgis(events: QuerySet[Event], limit: int | None) -> bytes:
    """FeatureCollection of ``events`` (a public selector's QuerySet) built as one
    string by PostgreSQL, in the API's order."""
    ids_sql, ids_params = events.order_by().values("pk").query.sql_with_params()
    sql = f"""SELECT count(*), coalesce(string_agg(feature, ','), '') FROM (
      {_features_sql(ids_sql)}
      ORDER BY e.date_start DESC, e.id
      {"LIMIT %s" if limit is not None else ""}
    ) AS features"""
    params = [*ids_params, *urls()] + ([limit + 1] if limit is not None else [])
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


def _encode_postgis(ids: list[int]) -> dict[int, bytes]:
    public = (
        selectors.event_list_public()
        .prefetch_related(None)
        .order_by()
        .filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
    )
    ids_sql, ids_params = public.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_features_sql(ids_sql), [*ids_params, *urls()])
        return {pk: feature.encode() for pk, feature, _start in cursor.fetchall()}


def type_properties() -> dict[int, dict]:
    """The Feature's "type" member per event type id."""
    return {
        pk: {
            "slug": slug,
            "name": name,
            "color": color,
            "parent_slug": parent_slug,
            "parent_name": parent_name,
        }
        for pk, slug, name, color, parent_slug, parent_name in (
            EventType.objects.values_list(
                "pk", "slug", "name", "color", "parent__slug", "parent__name"
            )
        )
    }


_ROLE_LABELS = dict(EventActor.Role.choices)


def actor_properties(actor_id: int, name: str, role: str) -> dict:
    """One item of the Feature's "actors" member."""
    return {
        "id": actor_id,
        "name": name,
        "role": role,
        "role_label": _ROLE_LABELS[role],
    }


def place_properties(place_ids: set[int]) -> dict[int, dict]:
    """The Feature's "place" member per place id (read with every place when many)."""
    places = Place.objects.all()
    if len(place_ids) < 20_000:
        places = places.filter(pk__in=place_ids)
    return {
        pk: {"name": name, "name_ar": name_ar, "precision": prec, "feature_type": ft}
        for pk, name, name_ar, prec, ft in places.values_list(
            "pk", "name", "name_ar", "precision", "feature_type"
        )
    }


# --- elsewhere (SpatiaLite): one values_list query, shared dicts, orjson ----------
def feature_dicts(
    events: QuerySet[Event], *, limit: int | None = None, with_actors: bool = True
) -> list[dict]:
    """The API's Feature dicts for ``events`` (a public selector's QuerySet), in its
    order; ``limit + 1`` at most, so that the caller can tell truncation."""
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
    types = type_properties()
    places = place_properties({row[9] for row in rows})
    actors: dict[int, list] = {}
    if with_actors and rows:
        links = (
            EventActor.objects.filter(event__in=events.order_by().values("pk"))
            .order_by("pk")
            .values_list("event_id", "actor_id", "actor__name", "role")
        )
        for event_id, actor_id, name, role in links.iterator(chunk_size=20_000):
            actors.setdefault(event_id, []).append(
                actor_properties(actor_id, name, role)
            )
    label = functools.lru_cache(maxsize=100_000)(datelabels.date_range_label)
    detail, api = urls()
    no_actors: list = []
    return [
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
        for (
            pk,
            lon,
            lat,
            title,
            start,
            end,
            precision,
            type_id,
            disputed,
            place_id,
            fatalities,
        ) in rows
    ]


def _encode_python(ids: list[int]) -> dict[int, bytes]:
    public = selectors.event_list_public().prefetch_related(None).filter(pk__in=ids)
    return {f["id"]: orjson.dumps(f) for f in feature_dicts(public.order_by())}


def features_encode(ids: Iterable[int]) -> dict[int, bytes]:
    """Encoded Feature per id, for the ids whose events are public now (others are
    left out: the public chokepoint is asked again, whatever the caller knows)."""
    ids = list(ids)
    encode = _encode_postgis if connection.vendor == "postgresql" else _encode_python
    chunk = FILL_CHUNK if connection.vendor == "postgresql" else FILL_CHUNK_SQLITE
    encoded: dict[int, bytes] = {}
    for first in range(0, len(ids), chunk):
        encoded.update(encode(ids[first : first + chunk]))
    return encoded
