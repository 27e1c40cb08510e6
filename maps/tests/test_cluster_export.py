"""The fast GeoJSON export from the cluster index: the serializer's Features, cached
per event and renewed by writes; the PostGIS export and date labels agree."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import datetime as dt

import orjson
import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from events import dataversion, selectors
from events import services as event_services
from events.filters import EventFilters
from events.models import Event
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps import features
from maps.clusters import live
from maps.selectors import geojson_export, index_build
from maps.tests.clusterworld import (  # noqa: F401 (fixtures)
    _export_titles,
    brute,
    client,
    reference_features,
    world,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_geojson_bytes_match_the_serializer_features(world):
    filters = EventFilters(types=["battles"], date_from=dt.date(2015, 1, 1))
    ours = orjson.loads(geojson_export.event_geojson_bytes(filters))
    reference = reference_features(filters)
    assert ours["count"] == len(reference) == len(brute(filters))
    assert ours["features"] == reference  # same Features, same order


def test_an_event_write_keeps_the_other_events_cached_features(
    fresh_index_per_process, monkeypatch
):
    """After one event's write the index keeps the Features it had cached for the
    other events (its base is not rebuilt: the write is a delta), and the export
    encodes that event's again; a rebuild (compaction) carries the cache over
    minus the written events."""
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    edited, other, retracted = (EventFactory(place=place) for _ in range(3))
    commit_hooks()
    _export_titles()
    before = index_build.event_cluster_index()
    assert set(before.features) == {edited.pk, other.pk, retracted.pk}
    edited.title = "Renamed by an editor"
    edited.save()
    event_services.event_retract(event=retracted, reason="Duplicate.")
    commit_hooks()  # one transaction: both events in its record
    assert dataversion.dirty_record(dataversion.clusters_version()) == (
        sorted([edited.pk, retracted.pk])
    )
    titles = _export_titles()
    assert index_build.event_cluster_index() is before
    assert titles == {edited.pk: "Renamed by an editor", other.pk: other.title}
    monkeypatch.setattr(live, "COMPACT_IDS", 0)  # the next request rebuilds
    after = index_build.event_cluster_index()
    assert after is not before
    assert after.features[other.pk] is before.features[other.pk]  # kept, not redone
    assert edited.pk not in after.features
    assert after.features_nbytes == sum(len(f) for f in after.features.values() if f)
    assert _export_titles() == titles


def test_a_place_write_renews_its_events_and_a_lost_record_empties_the_caches():
    place = PlaceFactory(name="Maarat al-Numan", location=Point(36.67, 35.64))
    event = EventFactory(place=place)
    commit_hooks()
    _export_titles()
    base = index_build.event_cluster_index()
    place.name = "Ma'arrat al-Nu'man"
    place.save()  # names its events: applied to the index held, not rebuilt
    commit_hooks()
    body = orjson.loads(geojson_export.event_geojson_bytes())
    assert body["features"][0]["properties"]["place"]["name"] == "Ma'arrat al-Nu'man"
    assert index_build.event_cluster_index() is base
    event.title = "Edited"
    event.save()
    commit_hooks()
    dataversion.dirty_forget(dataversion.clusters_version())  # expired
    assert index_build.event_cluster_index().features == {}
    assert _export_titles() == {event.pk: "Edited"}


def test_the_api_list_serves_the_fast_path(world, client):
    filters = EventFilters(date_from=dt.date(2015, 1, 1), date_to=dt.date(2016, 12, 31))
    api = client.get("/api/v1/events/", filters.as_query()).json()
    assert api["features"] == reference_features(filters)


def test_geojson_bytes_limit_truncates(world):
    body = orjson.loads(geojson_export.event_geojson_bytes(limit=5))
    assert body["count"] == 5
    assert body["truncated"] is True


@pytest.mark.postgis
def test_postgis_export_matches_the_python_export(world):
    filters = EventFilters(date_from=dt.date(2014, 1, 1))
    events = selectors.event_list_public(filters=filters)
    built_by_sql = orjson.loads(
        features.geojson_postgis(events.prefetch_related(None), None)
    )
    api = Client().get("/api/v1/events/", {**filters.as_query()}).json()
    assert built_by_sql["count"] == len(brute(filters)) > 0
    by_id = {f["id"]: f for f in api["features"]}
    assert [f["id"] for f in built_by_sql["features"]] == [
        f["id"] for f in api["features"]
    ]
    for feature in built_by_sql["features"]:
        assert feature == by_id[feature["id"]]


@pytest.mark.postgis
@pytest.mark.parametrize("precision", ["day", "week", "month", "year"])
def test_postgis_date_labels_match_the_model(precision):
    place = PlaceFactory(name="Hama", location=Point(36.75, 35.13))
    spans = [
        (dt.date(2019, 4, 26), None),
        (dt.date(2019, 4, 26), dt.date(2019, 4, 26)),
        (dt.date(2019, 4, 26), dt.date(2019, 7, 18)),
        (dt.date(2019, 12, 30), dt.date(2020, 1, 2)),
    ]
    for start, end in spans:
        EventFactory(
            place=place, date_start=start, date_end=end, date_precision=precision
        )
    body = orjson.loads(geojson_export.event_geojson_bytes())
    for feature in body["features"]:
        event = Event.objects.get(pk=feature["id"])
        assert feature["properties"]["date_label"] == event.date_label
