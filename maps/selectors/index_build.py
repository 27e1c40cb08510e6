"""The public events' cluster index: its base built from the database, its delta of
recent writes, and the process's live copy."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterable, Iterator

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import FloatField, Func

from events import dataversion, selectors
from events.models import EventType
from maps import feature_columns
from maps.clusters import engine, grid, live, live_index, store


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
    previous: live_index.LiveIndex | None = None,
    step: frozenset[int] | None = None,
) -> live_index.LiveIndex | None:
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
    return live_index.LiveIndex(
        base, data, written=written, counter=version, titles=titles
    )


def _live() -> tuple[live_index.LiveIndex, int]:
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
