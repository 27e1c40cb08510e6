"""The live index (base + delta of the writes since) against a fresh full rebuild."""

import dataclasses
import datetime as dt
import random
import time

import orjson
import pytest
from django.contrib.gis.geos import Point, Polygon
from django.db import DatabaseError
from django.test import Client

from events import services as event_services
from events.filters import EventFilters
from events.models import Event, EventActor, EventType
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.clusters import engine, live
from maps.clusters import state as cluster_state
from maps.selectors import geojson_export, index_build
from maps.tests import clusterworld
from maps.tests.clusterworld import (
    FILTERS,
    answer,
    brute,
    counted,
    no_sub_index,
    only_complement,
    reference_features,
    tops,
)
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
VIEWS = [None, (36.4, 35.7, 36.9, 36.1), (36.6, 35.8, 36.9, 36.05)]
ZOOMS = [0, 3, 5, 8, 11, 12, 13, 15]
PATHS = {"grids": None, "scan": no_sub_index, "complement": only_complement}
world = clusterworld.world  # the fixture: ~400 events of every kind


def _write(rng: random.Random, events: list[Event]) -> None:
    """One random write through the models (each records its event's id)."""
    event = Event.objects.get(pk=rng.choice(events).pk)
    kind = rng.choice(["publish", "retract", "move", "retype", "date", "dispute"])
    if kind == "publish" and event.status != Event.Status.PUBLISHED:
        # a retracted event comes back only with a public note (the role model)
        event_services.event_publish(event=event, note="Confirmed after all.")
    elif kind == "retract" and event.status == Event.Status.PUBLISHED:
        event_services.event_retract(event=event, reason="Not confirmed.")
    elif kind == "move":  # to another place, some far outside the data
        event.place = rng.choice(list(Place.objects.exclude(location=None)))
        event.save()
    elif kind == "retype":
        event.event_type = EventType.objects.order_by("?").first()
        event.save()
    elif kind == "date":
        event.date_start = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4000))
        event.date_end = (
            event.date_start + dt.timedelta(days=rng.randrange(1, 90))
            if rng.random() < 0.3
            else None
        )
        event.save()
    else:
        event.disputed = not event.disputed
        event.save()


def _close(live_answer: dict, fresh: dict) -> None:
    """Same answer; centroids to rounding."""
    assert live_answer["zoom"] == fresh["zoom"]
    assert live_answer["total"] == fresh["total"]
    assert live_answer["truncated"] == fresh["truncated"]
    assert live_answer["events"] == fresh["events"]
    assert len(live_answer["clusters"]) == len(fresh["clusters"])
    for ours, theirs in zip(live_answer["clusters"], fresh["clusters"], strict=True):
        assert ours["count"] == theirs["count"]
        assert ours["types"] == theirs["types"]
        assert ours["lon"] == pytest.approx(theirs["lon"], abs=2e-5)
        assert ours["lat"] == pytest.approx(theirs["lat"], abs=2e-5)
        assert ours["bbox"] == theirs["bbox"]


def _answers() -> dict:
    out = {}
    for filters in FILTERS:
        for bbox in VIEWS:
            viewport = dataclasses.replace(
                filters, bbox=Polygon.from_bbox(bbox) if bbox else None
            )
            for zoom in ZOOMS:
                key = (str(filters.as_query()), bbox, zoom)
                out[key] = answer(viewport, zoom)
    return out


@pytest.mark.parametrize("path", PATHS)
def test_answers_with_a_delta_equal_a_full_rebuild(world, path, monkeypatch):
    """Random writes (publish, retract, move, retype, date, disputed) over several
    versions: every filter, viewport and zoom answers as a fresh index does, and
    the base is never rebuilt."""
    if PATHS[path] is not None:
        monkeypatch.setattr(engine.ClusterIndex, "_sub_index", PATHS[path])
    rng = random.Random(16)
    for lon, lat in [(34.0, 31.0), (44.5, 38.0), (36.7, 35.9)]:
        PlaceFactory(location=Point(lon, lat))
    commit_hooks()
    answer(EventFilters(), 5)
    base = index_build.event_cluster_index()
    for _version in range(6):
        for _ in range(rng.randrange(1, 6)):
            _write(rng, world)
        commit_hooks()
        answer(EventFilters(), 5)  # each version is applied in turn
        assert index_build.event_cluster_index() is base  # no rebuild
    current = index_build._live()[0]
    assert current.written
    assert current.removed is not None
    assert current.delta.size
    with_delta = _answers()
    assert index_build.event_cluster_index() is base
    cluster_state.index_reset()
    fresh = _answers()
    assert index_build.event_cluster_index() is not base
    for key, expected in fresh.items():
        _close(with_delta[key], expected)


def test_delta_counts_match_brute_force(world):
    rng = random.Random(5)
    commit_hooks()  # the world's own writes
    answer(EventFilters(), 5)
    base = index_build.event_cluster_index()
    for _ in range(20):
        _write(rng, world)
    commit_hooks()
    for filters in FILTERS:
        expected = brute(filters)
        total, by_type, event_ids = counted(answer(filters, 7))
        assert total == len(expected)
        assert by_type == tops(expected)
        assert event_ids <= set(expected)
    assert index_build.event_cluster_index() is base


def test_a_write_shows_in_the_next_answer_without_a_rebuild():
    """Publish, edit and retract: each shows in the first answer after its commit,
    titles included, while the base stays the one built first."""
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    far = PlaceFactory(name="Deir ez-Zor", location=Point(40.14, 35.33))
    kept = Event.objects.create(
        title="Kept",
        event_type=EventType.objects.get(slug="armed-clash"),
        date_start=dt.date(2020, 1, 1),
        place=place,
        status=Event.Status.PUBLISHED,
    )
    draft = Event.objects.create(
        title="Draft",
        event_type=EventType.objects.get(slug="armed-clash"),
        date_start=dt.date(2020, 2, 1),
        place=far,
        status=Event.Status.DRAFT,
    )
    commit_hooks()
    assert answer(EventFilters(), 12)["total"] == 1
    base = index_build.event_cluster_index()
    event_services.event_publish(event=draft)
    commit_hooks()
    events = answer(EventFilters(), 12)["events"]
    assert {e["title"] for e in events} == {"Kept", "Draft"}
    draft.title = "Renamed"
    draft.save()
    commit_hooks()
    assert {e["title"] for e in answer(EventFilters(), 12)["events"]} == {
        "Kept",
        "Renamed",
    }
    event_services.event_retract(event=kept, reason="Duplicate.")
    commit_hooks()
    assert [e["title"] for e in answer(EventFilters(), 12)["events"]] == ["Renamed"]
    assert index_build.event_cluster_index() is base


def test_the_export_with_a_delta_matches_the_serializer(world):
    rng = random.Random(3)
    commit_hooks()  # the world's own writes
    answer(EventFilters(), 5)
    base = index_build.event_cluster_index()
    for _ in range(15):
        _write(rng, world)
    commit_hooks()
    for filters in (EventFilters(), FILTERS[6], FILTERS[9], FILTERS[12]):
        body = orjson.loads(geojson_export.event_geojson_bytes(filters))
        assert body["features"] == reference_features(filters)
    assert index_build.event_cluster_index() is base


def test_a_new_actor_link_shows_in_the_actor_filter():
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    event = Event.objects.create(
        title="Clash",
        event_type=EventType.objects.get(slug="armed-clash"),
        date_start=dt.date(2020, 1, 1),
        place=place,
        status=Event.Status.PUBLISHED,
    )
    from events.tests.factories import ActorFactory

    army = ActorFactory(name="Army")
    commit_hooks()
    assert answer(EventFilters(actors=["Army"]), 8)["total"] == 0
    EventActor.objects.create(event=event, actor=army)
    commit_hooks()
    assert answer(EventFilters(actors=["Army"]), 8)["total"] == 1


def _clashes_in_kafr_nabl(number: int) -> list[Event]:
    """Published clashes at one place, on consecutive days from 1 January 2020."""
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    return [
        Event.objects.create(
            title=f"Clash {i}",
            event_type=EventType.objects.get(slug="armed-clash"),
            date_start=dt.date(2020, 1, 1 + i),
            place=place,
            status=Event.Status.PUBLISHED,
        )
        for i in range(number)
    ]


def test_past_the_compaction_threshold_the_base_is_rebuilt(monkeypatch):
    events = _clashes_in_kafr_nabl(3)
    commit_hooks()
    answer(EventFilters(), 8)
    base = index_build.event_cluster_index()
    monkeypatch.setattr(live, "COMPACT_IDS", 1)
    events[0].title = "One"
    events[0].save()
    commit_hooks()
    assert answer(EventFilters(), 8)["total"] == 3
    assert index_build.event_cluster_index() is base  # one written: a delta
    events[1].title = "Two"
    events[1].save()
    commit_hooks()
    assert answer(EventFilters(), 8)["total"] == 3
    assert index_build.event_cluster_index() is not base  # small: rebuilt at once


def test_the_etag_changes_with_each_applied_write():
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    event = Event.objects.create(
        title="Clash",
        event_type=EventType.objects.get(slug="armed-clash"),
        date_start=dt.date(2020, 1, 1),
        place=place,
        status=Event.Status.PUBLISHED,
    )
    commit_hooks()
    client = Client()
    first = client.get("/api/v1/clusters/", {"zoom": 8})
    event.date_start = dt.date(2021, 1, 1)
    event.save()
    commit_hooks()
    second = client.get(
        "/api/v1/clusters/", {"zoom": 8}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert second.status_code == 200
    assert second.json()["events"][0]["date_start"] == "2021-01-01"


def test_grids_less_dropped_rows_place_the_centroid_right(monkeypatch):
    """disputed=false as this index's grids less a sub-index of the disputed rows:
    the sub-index's sums are from its own lon0/lat0 (once subtracted with the wrong
    sign: centroids moved by the two origins' difference)."""
    monkeypatch.setattr(engine.ClusterIndex, "_sub_index", only_complement)
    points = [(36.0, 35.0, False), (36.2, 35.1, False), (36.9, 35.8, True)]
    for lon, lat, disputed in points:
        Event.objects.create(
            title="Clash",
            event_type=EventType.objects.get(slug="armed-clash"),
            date_start=dt.date(2020, 1, 1),
            place=PlaceFactory(location=Point(lon, lat)),
            status=Event.Status.PUBLISHED,
            disputed=disputed,
        )
    commit_hooks()
    [cluster] = answer(EventFilters(disputed=False), 3)["clusters"]
    assert (cluster["lon"], cluster["lat"]) == pytest.approx((36.1, 35.05))


def test_a_database_error_reading_the_delta_keeps_the_last_answer(monkeypatch):
    """The delta's query failing (database down) leaves the last index answering
    (stale counts); the next request applies the write."""
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    events = [
        Event.objects.create(
            title=f"Clash {i}",
            event_type=EventType.objects.get(slug="armed-clash"),
            date_start=dt.date(2020, 1, 1),
            place=place,
            status=Event.Status.PUBLISHED,
        )
        for i in range(2)
    ]
    commit_hooks()
    assert answer(EventFilters(), 8)["total"] == 2
    event_services.event_retract(event=events[0], reason="Duplicate.")
    commit_hooks()

    def down(**only):
        raise DatabaseError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(index_build, "_public_rows", down)
        assert answer(EventFilters(), 8)["total"] == 2  # the last index, stale
    assert answer(EventFilters(), 8)["total"] == 1


def test_a_slow_base_is_refreshed_after_a_multiple_of_its_build_time(settings):
    """The periodic refresh (MAX_AGE, for writes that skip the app) of a base whose
    build took minutes (10M events) waits SLOW_BUILD_FACTOR times that long. Before:
    every MAX_AGE, so such a base was rebuilt back to back, a core busy for ever."""
    settings.MAP_INDEX_DIR = ""  # this process's own index (the store: test_store)
    EventFactory(place=PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61)))
    commit_hooks()
    index = index_build.event_cluster_index()
    index.build_s = 100.0  # as at 10M events
    index.built_at = time.monotonic() - cluster_state.MAX_AGE - 100
    assert index_build.event_cluster_index() is index  # not yet: 600 s
    index.built_at = time.monotonic() - 6 * 100.0 - 1
    fresh = index_build.event_cluster_index()
    assert fresh is not index
    assert fresh.build_s < cluster_state.SLOW_BUILD_S  # measured by the build


def test_a_write_after_others_reads_only_its_own_events_again(monkeypatch):
    """Each version reads only the events written since the live index held: the
    delta's other rows are kept (after a large import it holds thousands while the
    base rebuilds). Before: every version read the whole delta again."""
    events = _clashes_in_kafr_nabl(6)
    commit_hooks()
    answer(EventFilters(), 15)
    base = index_build.event_cluster_index()
    for event in events[:4]:
        event.title = f"Edited {event.pk}"
        event.save()
    event_services.event_retract(event=events[4], reason="Duplicate.")
    commit_hooks()
    assert answer(EventFilters(), 15)["total"] == 5
    asked = []
    real = index_build._public_rows

    def watched(**only):
        asked.append(sorted(only.get("pk__in", ())))
        return real(**only)

    monkeypatch.setattr(index_build, "_public_rows", watched)
    events[5].title = "Sixth"
    events[5].save()
    commit_hooks()
    result = answer(EventFilters(), 15)
    assert asked == [[events[5].pk]]
    assert {e["title"] for e in result["events"]} == {
        *(f"Edited {e.pk}" for e in events[:4]),
        "Sixth",
    }
    assert result["total"] == 5
    assert index_build.event_cluster_index() is base
