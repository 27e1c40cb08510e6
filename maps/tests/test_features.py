"""The export's cache of encoded Features: same bytes as the API, never stale."""

import datetime as dt

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import Point
from rest_framework.renderers import JSONRenderer

from events import dataversion, selectors
from events import services as event_services
from events.filters import EventFilters
from events.models import Event, EventActor, EventType
from events.tests.commits import commit_hooks
from events.tests.factories import ActorFactory, EventFactory
from maps import feature_columns, features
from maps.clusters import live
from maps.clusters import state as cluster_state
from maps.selectors import geojson_export, index_build
from maps.serializers import EventFeatureSerializer
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def export(filters: EventFilters | None = None, **kwargs) -> dict:
    return orjson.loads(geojson_export.event_geojson_bytes(filters, **kwargs))


def by_id(body: dict) -> dict[int, dict]:
    return {f["id"]: f["properties"] for f in body["features"]}


@pytest.fixture
def event() -> Event:
    place = PlaceFactory(name="Kafr Nabudah", location=Point(36.51, 35.44))
    event = EventFactory(place=place, title="Shelling of Kafr Nabudah")
    EventActor.objects.create(event=event, actor=ActorFactory(name="Army"))
    EventFactory(place=place, title="Another event")
    commit_hooks()
    assert by_id(export())[event.pk]["title"] == "Shelling of Kafr Nabudah"  # cached
    return event


def test_the_cached_export_equals_the_first_and_the_api(fresh_index_per_process):
    place = PlaceFactory(name="Hama", location=Point(36.75, 35.13))
    army, front = ActorFactory(name="Army"), ActorFactory(name='Front "Quoted"')
    for day in range(12):
        event = EventFactory(
            place=place,
            title=f"Clash {day} \u2014 \u062d\u0645\u0627\u0629",
            date_start=dt.date(2019, 5, 1) + dt.timedelta(days=day % 4),
            date_end=dt.date(2019, 6, 1) if day % 3 == 0 else None,
            fatalities_best=day if day % 2 else None,
        )
        EventActor.objects.create(event=event, actor=army)
        if day % 2:
            EventActor.objects.create(
                event=event, actor=front, role=EventActor.Role.TARGET
            )
    commit_hooks()
    first = geojson_export.event_geojson_bytes()
    index = index_build.event_cluster_index()
    assert len(index.features) == 12  # the first export filled the cache
    assert geojson_export.event_geojson_bytes() == first
    events = list(selectors.event_list_public())
    reference = JSONRenderer().render(EventFeatureSerializer(events, many=True).data)
    assert orjson.loads(first)["features"] == orjson.loads(reference)["features"]


HOSTILE_TITLE = 'A "quoted" %s %d \\ </script> \u2028 \U0001f525 \x1f title'


def test_features_from_memory_equal_the_database_encoding_and_the_serializer():
    """The in-memory encoding (feature_columns) against both database paths and the
    serializer: every precision, date ranges, fatalities 0 and none, actor order,
    Arabic names and a hostile title."""
    places = [
        PlaceFactory(
            name="Hama",
            name_ar="\u062d\u0645\u0627\u0629",
            location=Point(36.75, 35.13),
        ),
        PlaceFactory(name="Dot %s", location=Point(-0.000001, 1e-7)),
    ]
    army, front = ActorFactory(name="Army"), ActorFactory(name='Front "Quoted"')
    precisions = ["day", "week", "month", "year"]
    for i in range(16):
        event = EventFactory(
            place=places[i % 2],
            title=HOSTILE_TITLE if i == 5 else f"Event {i}",
            date_start=dt.date(2019, 1 + i % 12, 1 + i),
            date_end=dt.date(2020, 2, 1) if i % 3 == 0 else None,
            date_precision=precisions[i % 4],
            fatalities_best=[None, 0, 7][i % 3],
            disputed=i % 4 == 1,
        )
        links = [(front, EventActor.Role.TARGET), (army, EventActor.Role.INITIATOR)]
        for actor, role in links[: i % 3]:
            EventActor.objects.create(event=event, actor=actor, role=role)
    commit_hooks()
    index = index_build.event_cluster_index()
    rows = np.arange(index.size)
    ours = dict(
        zip(
            index.ids.tolist(),
            feature_columns.features_from_columns(
                index, index.columns, rows, features.urls()
            ),
            strict=True,
        )
    )
    database = features.features_encode(index.ids.tolist())
    assert ours.keys() == database.keys()
    for pk, feature in ours.items():  # floats may be spelt differently (1e-06)
        assert orjson.loads(feature) == orjson.loads(database[pk])
    events = list(selectors.event_list_public())
    reference = JSONRenderer().render(EventFeatureSerializer(events, many=True).data)
    by_pk = {f["id"]: f for f in orjson.loads(reference)["features"]}
    assert {pk: orjson.loads(f) for pk, f in ours.items()} == by_pk
    assert any(
        HOSTILE_TITLE.encode() in orjson.loads(f)["properties"]["title"].encode()
        for f in ours.values()
    )


def test_a_cached_export_still_truncates_at_the_limit():
    EventFactory.create_batch(6, place=PlaceFactory(location=Point(36.6, 35.9)))
    commit_hooks()
    export()  # warm
    body = export(limit=4)
    assert (body["count"], body["truncated"], len(body["features"])) == (4, True, 4)
    assert export(limit=6)["truncated"] is False


def test_an_edited_title_shows_after_commit(event):
    event.title = "Shelling of Kafr Nabudah (corrected)"
    event.save()
    commit_hooks()
    assert by_id(export())[event.pk]["title"] == "Shelling of Kafr Nabudah (corrected)"


def test_a_renamed_actor_shows_after_commit(event):
    actor = event.actors.get()
    actor.name = "Syrian Arab Army"
    actor.save()
    commit_hooks()
    [shown] = by_id(export())[event.pk]["actors"]
    assert shown["name"] == "Syrian Arab Army"


def test_an_added_actor_link_shows_after_commit(event):
    event_services.event_actor_add(
        event=event, actor=ActorFactory(name="Militia"), role=EventActor.Role.TARGET
    )
    commit_hooks()
    names = [a["name"] for a in by_id(export())[event.pk]["actors"]]
    assert names == ["Army", "Militia"]


def test_a_renamed_place_shows_after_commit(event):
    event.place.name = "Kafr Nbudah"
    event.place.save()
    commit_hooks()
    assert by_id(export())[event.pk]["place"]["name"] == "Kafr Nbudah"


def test_a_renamed_event_type_shows_after_commit(event):
    event_type = EventType.objects.get(pk=event.event_type_id)
    event_type.name = "Armed clash (renamed)"
    event_type.save()
    commit_hooks()
    assert by_id(export())[event.pk]["type"]["name"] == "Armed clash (renamed)"


def test_a_retracted_event_leaves_the_export(event):
    event_services.event_retract(event=event, reason="Duplicate report.")
    commit_hooks()
    body = export()
    assert event.pk not in by_id(body)
    assert body["count"] == 1


def test_an_event_set_back_to_draft_leaves_the_export(event):
    event.status = Event.Status.DRAFT
    event.save()
    commit_hooks()
    assert event.pk not in by_id(export())


def test_an_unlocated_place_takes_its_events_out(event):
    event.place.location = None
    event.place.save()
    commit_hooks()
    assert export()["count"] == 0


def test_a_filtered_export_uses_the_cache_of_a_wider_one(
    fresh_index_per_process, event
):
    index = index_build.event_cluster_index()
    cached = index.features[event.pk]
    index.features[event.pk] = cached.replace(b"Shelling", b"Cached!!")
    body = export(EventFilters(date_from=event.date_start, types=["battles"]))
    assert by_id(body)[event.pk]["title"] == "Cached!! of Kafr Nabudah"


def test_a_write_behind_the_signals_shows_at_the_periodic_rebuild(event, monkeypatch):
    # No version bump: the index (and the cache, which it does not carry over at
    # the same version) shows the write once rebuilt, after cluster_state.MAX_AGE.
    Event.objects.filter(pk=event.pk).update(title="Changed behind the cache")
    assert by_id(export())[event.pk]["title"] == "Shelling of Kafr Nabudah"
    monkeypatch.setattr(cluster_state, "MAX_AGE", -1)
    assert by_id(export())[event.pk]["title"] == "Changed behind the cache"


def test_the_cache_carried_across_writes_expires_after_its_max_age(
    fresh_index_per_process, event, monkeypatch
):
    Event.objects.filter(pk=event.pk).update(title="Changed behind the cache")
    other = Event.objects.exclude(pk=event.pk).get()
    other.title = "Edited through the model"
    other.save()
    monkeypatch.setattr(live, "COMPACT_IDS", 0)  # a write rebuilds the base
    commit_hooks()  # the new index carries the cache, minus the other event
    body = by_id(export())
    assert body[other.pk]["title"] == "Edited through the model"
    assert body[event.pk]["title"] == "Shelling of Kafr Nabudah"  # carried entry
    monkeypatch.setattr(geojson_export, "FEATURE_CACHE_MAX_AGE", -1)
    assert by_id(export())[event.pk]["title"] == "Changed behind the cache"


def test_a_full_cache_still_answers_without_keeping(event, settings):
    index = index_build.event_cluster_index()
    index.features.clear()
    index.features_nbytes = 0
    settings.MAP_FEATURE_CACHE_MB = 0
    assert export()["count"] == 2
    assert index.features == {}


def test_the_feature_cache_never_grows_past_its_bound(
    fresh_index_per_process, settings
):
    """Each worker keeps at most MAP_FEATURE_CACHE_MB of Features, even when one
    export is larger than the bound (issue 16). Before: 768 MB per worker whatever
    the setting, and an export added all of its Features once under it."""
    place = PlaceFactory(location=Point(36.6, 35.9))
    for i in range(6):
        EventFactory(place=place, title=f"Shelling {i}")
    commit_hooks()
    full = export()
    assert full["count"] == 6
    index = index_build.event_cluster_index()
    sizes = sorted(len(f) for f in index.features.values())
    index.features.clear()
    index.features_nbytes = 0
    budget = int(2.5 * sizes[-1])  # room for two, not three
    assert 3 * sizes[0] > budget
    settings.MAP_FEATURE_CACHE_MB = budget / 2**20
    assert export() == full  # the same answer, bound or not
    assert len(index.features) == 2
    assert index.features_nbytes == sum(map(len, index.features.values()))
    assert index.features_nbytes <= budget
    assert export() == full  # two from the cache, four encoded again
    assert len(index.features) == 2


def test_features_encode_leaves_out_events_that_are_not_public():
    place = PlaceFactory(location=Point(36.6, 35.9))
    public = EventFactory(place=place)
    draft = EventFactory(place=place, status=Event.Status.DRAFT)
    unlocated = EventFactory(place=PlaceFactory(location=None))
    encoded = features.features_encode([public.pk, draft.pk, unlocated.pk, 10**9])
    assert list(encoded) == [public.pk]
    assert orjson.loads(encoded[public.pk])["id"] == public.pk


def test_a_stale_index_never_serves_cached_features(
    fresh_index_per_process, event, monkeypatch, settings
):
    """A process whose index lags the version (rebuilding) exports from the database."""
    # The rebuild is simulated by handing back this process's own index object:
    # one index per process here (the machine's shared copy: test_store.py).
    settings.MAP_INDEX_DIR = ""
    index = index_build.event_cluster_index()
    index.features[event.pk] = index.features[event.pk].replace(
        b"Shelling", b"Stale!!!"
    )
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    monkeypatch.setattr(dataversion, "clusters_version", lambda: index.counter + 1)
    monkeypatch.setattr(
        index_build, "_build", lambda version: index
    )  # as while a large index rebuilds in the background
    assert index_build.event_cluster_index() is index
    body = export()
    assert event.pk not in by_id(body)
    assert body["count"] == 1


def test_a_stale_index_answers_for_the_events_the_writes_did_not_touch(
    fresh_index_per_process, event, monkeypatch
):
    """While a large index rebuilds, the export takes the untouched events from the
    stale index and the written ones (edited, retracted, newly published) from the
    database, in the API's order; with a lost record it reads the database."""
    stale = index_build.event_cluster_index()
    place = event.place
    other = Event.objects.exclude(pk=event.pk).get()
    draft = EventFactory(place=place, title="Now published", status=Event.Status.DRAFT)
    commit_hooks()
    monkeypatch.setattr(index_build, "_build", lambda version: stale)
    event.title = "Edited while the index rebuilds"
    event.save()
    event_services.event_publish(event=draft)
    commit_hooks()
    assert index_build.event_cluster_index() is stale  # lags the version
    kept = stale.features[other.pk]
    body = export()
    reference = reference_features()
    assert body["features"] == reference
    assert by_id(body)[event.pk]["title"] == "Edited while the index rebuilds"
    assert draft.pk in by_id(body)
    stale.features[other.pk] = kept.replace(b"Another", b"Cached!")
    assert by_id(export())[other.pk]["title"] == "Cached! event"  # from the index
    stale.features[other.pk] = kept
    assert export(limit=1)["features"] == reference[:1]
    event_services.event_retract(event=draft, reason="Duplicate.")
    commit_hooks()
    assert draft.pk not in by_id(export())
    dataversion.dirty_forget(dataversion.clusters_version())
    assert export()["features"] == reference_features()  # the database's answer


def reference_features(filters: EventFilters | None = None) -> list[dict]:
    events = list(selectors.event_list_public(filters=filters))
    data = EventFeatureSerializer(events, many=True).data
    return orjson.loads(JSONRenderer().render(data))["features"]


def test_the_columns_keep_each_places_json_at_its_own_size():
    """orjson leaves a ~4 KB buffer behind each small result: kept per place for the
    index's life, 25,000 places held ~100 MB in every process. The place JSON the
    columns keep must cost about its length, not a buffer each."""
    import tracemalloc

    places = PlaceFactory.create_batch(200)
    for place in places:
        EventFactory(place=place)
    commit_hooks()
    index = index_build.event_cluster_index()
    place_column = np.array([p.pk for p in places], dtype=np.int64)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = feature_columns._places(index, place_column)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(kept) == len(places)
    text = sum(len(coordinates) + len(json) for coordinates, json in kept.values())
    # bytes objects' headers (~33 B each), the dict and the tuples on top of the text
    assert held < text + 400 * len(places), (held, text)
