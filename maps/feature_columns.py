"""Columns of the cluster index that the export needs to encode a Feature in memory.

Read with the index (one snapshot of the public events), so that an export or a
cluster answer with a fresh index needs nothing from the database: titles, dates, precision, place, fatalities, and the actor links as offsets into a table of
encoded (actor, role) items. The bytes are the API's Feature, as the serializer and
``features`` write it (tests compare them)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
from django.db import connection

from events import datelabels
from events.indexfile import PackedBytes
from events.models import Actor, EventActor
from maps import features

PRECISIONS = ("day", "week", "month", "year")  # Event.DatePrecision values
NO_VALUE = -1  # date_end and fatalities_best without a value


@dataclass(frozen=True)
class FeatureColumns:
    """Per index row (the index's order) what a Feature needs beyond the index."""

    titles: Sequence[bytes]  # JSON strings (PackedBytes: one buffer, no objects)
    end: np.ndarray  # int32 ordinal of date_end, NO_VALUE when none
    precision: np.ndarray  # int8 position in PRECISIONS
    place: np.ndarray  # int32 place id
    fatalities: np.ndarray  # int64, NO_VALUE when none
    actors: np.ndarray  # int32 position in actor_lists
    actor_lists: list[bytes]  # the distinct actor lists, items joined by ","
    places: dict[int, tuple[bytes, bytes]]  # place id -> (coordinates, place JSON)
    kinds: list[bytes]  # '"type":…,"disputed":…' per type position * 2 + disputed
    # Every Feature encoded (maps.feature_blob.FeatureBlob): a shared index's only.
    blob: Any = None

    @property
    def nbytes(self) -> int:
        arrays = (self.end, self.precision, self.place, self.fatalities, self.actors)
        packed = getattr(self.titles, "nbytes", None)  # PackedBytes: one buffer
        if packed is None:  # a list of bytes objects, each with its header
            packed = sum(len(t) + 33 for t in self.titles)
        return sum(a.nbytes for a in arrays) + packed


@dataclass(frozen=True)
class RowColumns:
    """The columns of FeatureColumns read with the rows (one part per range of ids
    a build reads: their Python objects freed range by range, ~2 GB at 10M events)."""

    titles: bytes | PackedBytes  # JSON strings end to end (joined: PackedBytes)
    title_len: np.ndarray  # int64, each title's bytes
    end: np.ndarray
    precision: np.ndarray
    place: np.ndarray
    fatalities: np.ndarray


def row_columns(
    ends: Sequence[dt.date | None],
    titles: Sequence[str],
    precisions: Sequence[str],
    place_ids: Sequence[int],
    fatalities: Sequence[int | None],
) -> RowColumns:
    """The columns of some rows (the lists of maps.selectors.index_build._rows_data)."""
    n = len(titles)
    code = {p: i for i, p in enumerate(PRECISIONS)}
    encode = json.JSONEncoder(ensure_ascii=False).encode
    # json, not orjson: orjson keeps a ~4 KB buffer behind each small result.
    encoded = [encode(t).encode() for t in titles]
    return RowColumns(
        titles=b"".join(encoded),
        title_len=np.fromiter(map(len, encoded), np.int64, n),
        end=np.fromiter((e.toordinal() if e else NO_VALUE for e in ends), np.int32, n),
        precision=np.fromiter((code[p] for p in precisions), np.int8, n),
        place=np.fromiter(place_ids, np.int32, n),
        fatalities=np.fromiter(
            (NO_VALUE if f is None else f for f in fatalities), np.int64, n
        ),
    )


def row_columns_join(parts: list[RowColumns], order: np.ndarray | None) -> RowColumns:
    """``parts`` (one or more) end to end, then in ``order`` (positions; None: as
    they are)."""
    lens = np.concatenate([part.title_len for part in parts])
    # One buffer of all the titles (10M as bytes objects: ~0.8 GB; packed ~0.5).
    titles = PackedBytes(b"".join([part.titles for part in parts]), _offsets(lens), 0)
    arrays = {
        name: np.concatenate([getattr(part, name) for part in parts])
        for name in ("end", "precision", "place", "fatalities")
    }
    if order is not None:
        lens = lens[order]
        titles = PackedBytes(b"".join(titles.take(order)), _offsets(lens), 0)
        arrays = {name: column[order] for name, column in arrays.items()}
    return RowColumns(titles=titles, title_len=lens, **arrays)


def _offsets(lens: np.ndarray) -> np.ndarray:
    offsets = np.zeros(len(lens) + 1, np.int64)
    np.cumsum(lens, out=offsets[1:])
    return offsets


def columns_build(index, rows: RowColumns) -> FeatureColumns:
    """Columns for the rows of ``index`` (a ClusterIndex: rows sorted by id),
    ``rows`` in the same order; actors, places and types are read here."""
    actors, actor_lists = _actor_columns(index)
    end, precision = rows.end, rows.precision
    # The date members of single-day events are made here, in the build (a thread
    # at scale), not by the first export (~5 µs each, ~15k of them at 1M).
    single, k = end == NO_VALUE, len(PRECISIONS)
    for key in np.unique(index.start[single] * k + precision[single]).tolist():
        _dates(key // k, NO_VALUE, key % k)
    return FeatureColumns(
        titles=rows.titles,
        end=end,
        precision=precision,
        place=rows.place,
        fatalities=rows.fatalities,
        actors=actors,
        actor_lists=actor_lists,
        places=_places(index, rows.place),
        kinds=[
            b'"type":%b,"disputed":%b' % (type_json, flag)
            for type_json in _types([t.pk for t in index.types])
            for flag in (b"false", b"true")
        ],
    )


LINKS_PER_FETCH = 100_000


def _actor_columns(index) -> tuple[np.ndarray, list[bytes]]:
    """Per row, the position of its actor list (links in link-id order, as the API
    lists them) among the distinct lists, and those lists encoded. The links are
    read LINKS_PER_FETCH at a time (a server-side cursor on PostgreSQL) into two
    compact arrays: 14.6M links as tuples held ~2 GB of a build at 10M events."""
    names = dict(Actor.objects.values_list("pk", "name"))
    keys: dict[tuple[int, str], int] = {}
    items: list[bytes] = []
    event, item = array("q"), array("i")
    table = EventActor._meta.db_table
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT event_id, actor_id, role FROM {table} ORDER BY id")
        while links := cursor.fetchmany(LINKS_PER_FETCH):
            for e, actor, role in links:
                k = keys.get((actor, role))
                if k is None:
                    k = keys[(actor, role)] = len(items)
                    items.append(
                        orjson.dumps(
                            features.actor_properties(actor, names[actor], role)
                        )
                    )
                event.append(e)
                item.append(k)
    row, held = index.rows_of(np.frombuffer(event, np.int64))  # links it holds
    row, item = row[held], np.frombuffer(item, np.int32)[held]
    del event
    order = np.argsort(row, kind="stable")  # by row, link order kept within
    item = item[order].tolist()
    ends = np.cumsum(np.bincount(row, minlength=index.size)).tolist()
    lists: dict[tuple[int, ...], int] = {(): 0}
    per_row = np.zeros(index.size, dtype=np.int32)
    first = 0
    for r, last in enumerate(ends):
        if last > first:
            key = tuple(item[first:last])
            per_row[r] = lists.setdefault(key, len(lists))
            first = last
    return per_row, [b",".join([items[k] for k in key]) for key in lists]


def _kept(obj) -> bytes:
    """orjson.dumps(obj) copied to its own size, for bytes the index keeps: orjson
    leaves a ~4 KB buffer behind each small result (25,000 places: ~100 MB a process
    where their JSON is ~5 MB)."""
    return bytes(memoryview(orjson.dumps(obj)))


def _places(index, place: np.ndarray) -> dict[int, tuple[bytes, bytes]]:
    """Per place: its coordinates as the index has them (one snapshot) and its JSON."""
    place_ids, first = np.unique(place, return_index=True)
    coordinates = {
        pk: b"[%r,%r]" % (lon, lat)
        for pk, lon, lat in zip(
            place_ids.tolist(),
            index.lon[first].tolist(),
            index.lat[first].tolist(),
            strict=True,
        )
    }
    places = features.place_properties(set(coordinates))
    return {
        pk: (coordinates[pk], _kept(places[pk])) for pk in coordinates if pk in places
    }


def _types(type_pks: list[int]) -> list[bytes]:
    found = features.type_properties()
    return [_kept(found[pk]) for pk in type_pks]


@functools.lru_cache(maxsize=200_000)
def _dates(start: int, end: int, precision: int) -> bytes:
    """The date properties, from "date_start" to "date_label", as JSON members."""
    first = dt.date.fromordinal(start)
    last = dt.date.fromordinal(end) if end != NO_VALUE else None
    name = PRECISIONS[precision]
    return b'"date_start":"%s","date_end":%s,"date_precision":"%s","date_label":%s' % (
        first.isoformat().encode(),
        b'"%s"' % last.isoformat().encode() if last else b"null",
        name.encode(),
        orjson.dumps(datelabels.date_range_label(first, last, name)),
    )


def features_from_columns(
    index, columns: FeatureColumns, rows: np.ndarray, urls: tuple[str, str]
) -> list[bytes]:
    """The encoded Features of index ``rows``, in order, from memory alone."""
    detail, api = (u.replace("%", "%%").encode() for u in urls)
    template = (
        b'{"type":"Feature","id":%d,"geometry":{"type":"Point","coordinates":%b},'
        b'"properties":{"title":%b,%b,%b,"place":%b,"actors":[%b],"fatalities_best":%b,'
        b'"url":"' + detail + b'%d/","api_url":"' + api + b'%d/"}}'
    )
    places, kinds = columns.places, columns.kinds
    actor_lists, dates = columns.actor_lists, _dates
    # A mapped index (maps.clusters.store) keeps its titles packed in the file.
    take = getattr(columns.titles, "take", None)
    titles = take(rows) if take else [columns.titles[r] for r in rows.tolist()]
    out: list[bytes] = []
    append = out.append
    for pk, title, start, end, prec, kind, place, fat, actors in zip(
        index.ids[rows].tolist(),
        titles,
        index.start[rows].tolist(),
        columns.end[rows].tolist(),
        columns.precision[rows].tolist(),
        (index.type_idx[rows] * 2 + index.disputed[rows]).tolist(),
        columns.place[rows].tolist(),
        columns.fatalities[rows].tolist(),
        columns.actors[rows].tolist(),
        strict=True,
    ):
        coordinates, place_json = places[place]
        append(
            template
            % (
                pk,
                coordinates,
                title,
                dates(start, end, prec),
                kinds[kind],
                place_json,
                actor_lists[actors],
                b"null" if fat == NO_VALUE else b"%d" % fat,
                pk,
                pk,
            )
        )
    return out
