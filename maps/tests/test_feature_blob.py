"""The export from the shared index's blob of encoded Features (maps.feature_blob):
the same bytes as the per-Feature path, written events included, in few slices."""

import datetime as dt
import shutil

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import Point
from django.utils import translation

from events import services as event_services
from events.filters import EventFilters
from events.models import Event, EventActor
from events.tests.commits import commit_hooks
from events.tests.factories import ActorFactory, EventFactory, event_type
from maps import feature_blob
from maps.clusters import state as cluster_state
from maps.clusters import store
from maps.selectors import filter_masks, geojson_export, index_build
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

TYPES = ("armed-clash", "government-regains-territory", "air-drone-strike")
FILTERS = [
    EventFilters(),
    EventFilters(types=["battles"]),
    EventFilters(date_from=dt.date(2019, 5, 3), date_to=dt.date(2019, 5, 6)),
    EventFilters(
        types=["battles"], date_from=dt.date(2019, 5, 2), date_to=dt.date(2019, 5, 5)
    ),
    EventFilters.of_extent((36.0, 35.0, 36.7, 36.0)),
    EventFilters(disputed=True),
    EventFilters(actors=["Army"]),
]


def per_feature(monkeypatch, filters=None, **kwargs) -> bytes:
    """The export as before the blob: per Feature (cache, columns)."""
    with monkeypatch.context() as patch:
        patch.setattr(geojson_export, "_blob", lambda index: None)
        return geojson_export.event_geojson_bytes(filters, **kwargs)


@pytest.fixture(params=["32 KB blocks", "1-2 Features a block"])
def blocks(request, monkeypatch) -> None:
    """The blob in blocks as built (the fixture's 24 Features: one block), or in
    blocks of 1-2 Features, so that the filters' runs start, end and cross block
    boundaries."""
    if request.param != "32 KB blocks":
        monkeypatch.setattr(feature_blob, "BLOCK_BYTES", 800)


@pytest.fixture
def events() -> list[Event]:
    army = ActorFactory(name="Army")
    places = [
        PlaceFactory(name=f"Place {i}", location=Point(36.2 + 0.3 * i, 35.5))
        for i in range(3)
    ]
    made = []
    for i in range(24):
        event = EventFactory(
            place=places[i % 3],
            event_type=event_type(TYPES[i % 3]),
            title=f'Clash {i} "quoted" %s \u062d\u0645\u0627\u0629',
            date_start=dt.date(2019, 5, 1) + dt.timedelta(days=i % 7),
            date_end=dt.date(2019, 6, 1) if i % 5 == 0 else None,
            disputed=i % 4 == 0,
            fatalities_best=i if i % 2 else None,
        )
        if i % 3 != 1:
            EventActor.objects.create(event=event, actor=army)
        made.append(event)
    commit_hooks()
    return made


def test_the_blob_export_equals_the_per_feature_one(events, blocks, monkeypatch):
    first = geojson_export.event_geojson_bytes()
    index = index_build.event_cluster_index()
    assert index.store_name  # the shared index, mapped
    blob = geojson_export._blob(index)
    assert blob is not None  # so its blob answers
    assert len(blob.firsts) - 1 == (1 if feature_blob.BLOCK_BYTES > 10**4 else 12)
    assert first == per_feature(monkeypatch)
    for filters in FILTERS:
        body = geojson_export.event_geojson_bytes(filters)
        assert body == per_feature(monkeypatch, filters), filters
        assert orjson.loads(body)["count"] > 0, filters
    for limit in (0, 1, 5, 24, 30):
        body = geojson_export.event_geojson_bytes(limit=limit)
        assert body == per_feature(monkeypatch, limit=limit)
        assert orjson.loads(body)["truncated"] is (limit < 24)


def test_after_an_edit_a_retraction_and_a_publication_it_equals_the_per_feature_one(
    events, blocks, monkeypatch
):
    geojson_export.event_geojson_bytes()
    index = index_build.event_cluster_index()
    edited, retracted = events[3], events[10]
    edited.title = "Edited after the build"
    edited.date_start = dt.date(2019, 5, 9)  # moves to the front of the export
    edited.save()
    event_services.event_retract(event=retracted, reason="Duplicate.")
    draft = EventFactory(
        place=events[0].place,
        title="Now published",
        status=Event.Status.DRAFT,
        date_start=dt.date(2019, 5, 2),
    )
    event_services.event_publish(event=draft)
    commit_hooks()
    assert index_build.event_cluster_index() is index  # a delta, not a rebuild
    body = geojson_export.event_geojson_bytes()
    found = {f["id"]: f for f in orjson.loads(body)["features"]}
    assert retracted.pk not in found
    assert found[edited.pk]["properties"]["title"] == "Edited after the build"
    assert draft.pk in found
    assert next(iter(found)) == edited.pk
    assert body == per_feature(monkeypatch)
    for filters in FILTERS:
        assert geojson_export.event_geojson_bytes(filters) == (
            per_feature(monkeypatch, filters)
        ), filters
    for limit in (0, 1, 2, 25):
        assert geojson_export.event_geojson_bytes(limit=limit) == (
            per_feature(monkeypatch, limit=limit)
        )


def test_an_export_cheaper_per_feature_is_answered_per_feature(events, monkeypatch):
    everything = geojson_export.event_geojson_bytes()
    monkeypatch.setattr(feature_blob, "BYTES_PER_ENCODE", 0)  # every block too dear
    answered = []
    real = geojson_export._export_parts
    monkeypatch.setattr(
        geojson_export,
        "_export_parts",
        lambda *args: answered.append(1) or real(*args),
    )
    assert geojson_export.event_geojson_bytes() == everything
    assert answered


def test_an_index_without_public_events_exports_nothing_then_the_written_ones(
    db, monkeypatch
):
    body = geojson_export.event_geojson_bytes()
    assert orjson.loads(body)["features"] == []
    assert geojson_export._blob(index_build.event_cluster_index()) is not None
    event = EventFactory(title="The first")
    commit_hooks()
    body = geojson_export.event_geojson_bytes()
    assert [f["id"] for f in orjson.loads(body)["features"]] == [event.pk]
    assert body == per_feature(monkeypatch)


def test_without_map_index_features_the_index_has_none_and_answers_the_same(
    events, monkeypatch, settings
):
    with_blob = geojson_export.event_geojson_bytes()
    settings.MAP_INDEX_FEATURES = False
    cluster_state.index_reset()
    store.forget()
    shutil.rmtree(settings.MAP_INDEX_DIR)
    assert geojson_export.event_geojson_bytes() == with_blob
    index = index_build.event_cluster_index()
    assert index.store_name  # mapped, without Features
    assert index.columns.blob is None


def test_another_languages_urls_are_encoded_as_before(events, monkeypatch):
    geojson_export.event_geojson_bytes()
    with translation.override("ar"):
        body = geojson_export.event_geojson_bytes()
        assert body == per_feature(monkeypatch)
    assert b'"url":"/ar/' in body


def test_a_top_type_and_date_window_is_one_slice_plus_the_earlier_starts(events):
    index = index_build.event_cluster_index()
    filters = EventFilters(
        types=["battles"], date_from=dt.date(2019, 5, 3), date_to=dt.date(2019, 5, 6)
    )
    query = filter_masks._query(index, filters, 0)
    rows = geojson_export._api_order(index, index.matching_rows(query))
    earlier = int((index.start[rows] < dt.date(2019, 5, 3).toordinal()).sum())
    assert earlier  # multi-day events that started before the window
    pieces = feature_blob.pieces(index.columns.blob, rows)
    assert len(pieces) <= 1 + earlier < len(rows)


def blob_of(
    features: list[bytes],
    order: list[int],
    block_bytes: int | None = None,
    dictionary: bytes | None = None,
) -> feature_blob.FeatureBlob:
    """A blob of ``features`` (by row) stored in ``order``, compressed in blocks of
    ``block_bytes`` (BLOCK_BYTES unless given) as the store writes it."""
    data = b"".join(features[r] + b"," for r in order)
    offsets = np.cumsum([0] + [len(features[r]) + 1 for r in order])
    positions = feature_blob.positions_of(np.array(order, dtype=np.int64))
    blocks = feature_blob.Blocks()
    chunks = [data] if order else []  # (fewer than CHUNK_ROWS: one chunk)
    frames = feature_blob.compressed(
        chunks, offsets, blocks, dictionary=dictionary, block_bytes=block_bytes
    )
    return feature_blob.FeatureBlob(
        b"".join(frames), 0, offsets, positions, ("", ""),
        firsts=np.array(blocks.firsts), block_at=np.array(blocks.at),
        dictionary=feature_blob.zstd_dict(dictionary),
    )  # fmt: skip


# A Feature per block (blocks of 1 byte or just over), two per block (of these 9-byte
# Features with their commas), all in one.
BLOCKS = [1, 10, 10**6]
ROWS = [
    [], [0], [3], [2, 0, 1], [0, 1, 2, 3], [1, 2], [-1], [-1, 2, 0], [2, 0, -1],
    [3, -2, -1, 0, 1], [2, 0, 1, 3], [0, 2], [3, 1, -1],
]  # fmt: skip


@pytest.mark.parametrize("block_bytes", BLOCKS)
@pytest.mark.parametrize("rows", ROWS)
def test_pieces_join_to_the_features_in_order(rows, block_bytes):
    # Blob order 2, 0, 1, 3: runs within a block and across blocks, the blob's first
    # and last Features, Features written since (negative rows) between them.
    features = [b'{"id":%d}' % i for i in range(4)]
    extra = [b'{"extra":0}', b'{"extra":1}']
    blob = blob_of(features, [2, 0, 1, 3], block_bytes)
    assert len(blob.firsts) - 1 == {1: 4, 10: 2, 10**6: 1}[block_bytes]
    expected = b",".join(features[r] if r >= 0 else extra[-1 - r] for r in rows)
    pieces = feature_blob.pieces(blob, np.array(rows, dtype=np.int64), extra)
    assert b"".join(pieces) == expected


@pytest.mark.parametrize("block_bytes", BLOCKS)
@pytest.mark.parametrize("rows", [[-1], [-2, -1]])
def test_an_empty_blob_answers_the_events_written_since(rows, block_bytes):
    # An index built before any event was published (its blob empty), then an import:
    # every row is a written event. Looking a row up in the empty blob raised
    # IndexError (a 500 on /api/v1/events/ after the first import).
    extra = [b'{"extra":0}', b'{"extra":1}']
    blob = blob_of([], [], block_bytes)
    expected = b",".join(extra[-1 - r] for r in rows)
    pieces = feature_blob.pieces(blob, np.array(rows, dtype=np.int64), extra)
    assert b"".join(pieces) == expected


def test_a_trained_dictionary_compresses_the_blocks_and_they_read_back():
    features = [
        b'{"type":"Feature","id":%d,"properties":{"title":"Clash %d near %s"}}'
        % (i, i * 7 % 13, [b"Idlib", b"Hama", b"Aleppo"][i % 3])
        for i in range(feature_blob.DICT_MIN_SAMPLES)
    ]
    dictionary = feature_blob.trained(features)
    assert dictionary is not None
    order = list(range(len(features)))[::-1]
    plain = blob_of(features, order, 2000)
    blob = blob_of(features, order, 2000, dictionary)
    assert len(blob.data) < len(plain.data)
    rows = np.r_[np.arange(900, 400, -1), np.arange(10, 0, -3)]
    expected = b",".join(features[r] for r in rows.tolist())
    assert b"".join(feature_blob.pieces(blob, rows)) == expected


def test_too_few_features_train_no_dictionary():
    assert feature_blob.trained([b'{"id":1}'] * 10) is None


def test_features_scattered_over_blocks_are_left_to_the_per_feature_path(
    monkeypatch,
):
    # Every 4th Feature of blocks of ~8: a block decompressed for each 2 Features.
    features = [b'{"id":%d,"title":"Event %d"}' % (i, i) for i in range(64)]
    blob = blob_of(features, list(range(64)), 200)
    rows = np.arange(0, 64, 4)
    per_feature = 200 * (len(blob.firsts) - 1) / len(rows)  # ~bytes per Feature
    monkeypatch.setattr(feature_blob, "BYTES_PER_ENCODE", per_feature / 2)
    assert feature_blob.pieces(blob, rows) is None
    assert feature_blob.pieces(blob, np.arange(64)) is not None  # all of them
    monkeypatch.setattr(feature_blob, "BYTES_PER_ENCODE", per_feature * 2)
    pieces = feature_blob.pieces(blob, rows)
    assert b"".join(pieces) == b",".join(features[r] for r in rows.tolist())
