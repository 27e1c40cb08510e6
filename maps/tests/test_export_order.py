"""The export's order and FeatureCollection framing, as cut for speed (issue 16)."""

import datetime as dt
import types

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import Point

from events.models import Event
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps import features
from maps.selectors import geojson_export, index_build
from places.tests.factories import PlaceFactory


def reference(parts: list[bytes], truncated: bool) -> bytes:
    """The framing as it was: the Features joined, then the three parts."""
    return b"".join(
        (
            b'{"type":"FeatureCollection","features":[',
            b",".join(parts),
            b'],"count":%d,"truncated":%s}'
            % (len(parts), b"true" if truncated else b"false"),
        )
    )


@pytest.mark.parametrize("n", [0, 1, 2, 3, 10])
@pytest.mark.parametrize("truncated", [False, True])
def test_collection_bytes_frames_as_before(n, truncated):
    parts = [orjson.dumps({"type": "Feature", "id": i}) for i in range(n)]
    body = features.collection_bytes(parts, truncated=truncated)
    assert body == reference(parts, truncated)
    assert orjson.loads(body)["count"] == n
    assert parts == [orjson.dumps({"type": "Feature", "id": i}) for i in range(n)]


@pytest.mark.parametrize("span", [1, 3652, 70_000])  # one day, ten years, past 16 bits
def test_api_order_is_newest_first_then_by_id(span):
    rng = np.random.default_rng(span)
    size = 5_000
    index = types.SimpleNamespace(
        ids=np.sort(rng.choice(10 * size, size, replace=False)).astype(np.int64),
        start=(730_000 + rng.integers(0, span, size)).astype(np.int32),
    )
    rows = np.sort(rng.choice(size, size // 2, replace=False)).astype(np.int64)
    expected = rows[np.lexsort((index.ids[rows], -index.start[rows]))]
    assert np.array_equal(geojson_export._api_order(index, rows), expected)
    assert len(geojson_export._api_order(index, rows[:0])) == 0


@pytest.mark.django_db
def test_an_export_asked_again_is_the_same_and_partly_cached_ones_too(
    fresh_index_per_process,
):
    place = PlaceFactory(location=Point(36.6, 35.9))
    for day in range(8):
        EventFactory(place=place, date_start=dt.date(2019, 5, 1 + day % 3))
    commit_hooks()
    first = geojson_export.event_geojson_bytes()
    ids = [f["id"] for f in orjson.loads(first)["features"]]
    starts = dict(Event.objects.values_list("pk", "date_start"))
    assert ids == sorted(starts, key=lambda pk: (-starts[pk].toordinal(), pk))
    index = index_build.event_cluster_index()
    assert geojson_export.event_geojson_bytes() == first  # all from the cache
    dropped = next(iter(index.features))
    del index.features[dropped]  # one missing: encoded again, the rest cached
    assert geojson_export.event_geojson_bytes() == first
    assert dropped in index.features
