"""Cluster engine and API against brute-force counts on random data in the real DB."""

import dataclasses
import datetime as dt
import math
import random

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import Point, Polygon
from django.test import Client
from rest_framework.renderers import JSONRenderer

from events import dataversion, selectors
from events import services as event_services
from events.filters import EventFilters
from events.models import Actor, Event, EventActor, EventType
from events.tests.commits import commit_hooks
from events.tests.factories import ActorFactory, EventFactory
from maps import features
from maps.clusters import engine, grid, inside, live
from maps.clusters import state as cluster_state
from maps.forms import EventFilterForm
from maps.selectors import cluster_answers, filter_masks, geojson_export, index_build
from maps.serializers import EventFeatureSerializer
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/"
DAY0 = dt.date(2012, 1, 1)
TOWNS = [(36.72, 35.93), (36.16, 36.20), (36.75, 34.73), (38.99, 35.95), (36.29, 33.51)]


@pytest.fixture
def world():
    """~400 events: every status, unlocated places, ranges, actors, coalitions."""
    rng = random.Random(7)
    places = [
        Place.objects.create(
            name=f"Village {i}",
            admin1="Idlib",
            location=Point(
                round(town[0] + rng.gauss(0, 0.08), 5),
                round(town[1] + rng.gauss(0, 0.08), 5),
                srid=4326,
            ),
        )
        for i, town in enumerate(rng.choice(TOWNS) for _ in range(40))
    ]
    places += [Place.objects.create(name="Somewhere", location=None)]
    coalition = ActorFactory(name="National Front")
    member = ActorFactory(name="Faction One")
    member.parent = coalition
    member.save()
    actors = [coalition, member, ActorFactory(name="Army")]
    types = list(EventType.objects.all())
    statuses = [Event.Status.PUBLISHED] * 6 + [
        Event.Status.DRAFT,
        Event.Status.IN_REVIEW,
        Event.Status.RETRACTED,
    ]
    events = []
    for i in range(400):
        start = DAY0 + dt.timedelta(days=rng.randrange(3650))
        end = start + dt.timedelta(days=rng.randrange(1, 60)) if i % 7 == 0 else None
        events.append(
            Event(
                title=f"{'Shelling near Aleppo' if i % 5 == 0 else 'Clash'} {i}",
                summary="report" if i % 3 else "market attack",
                event_type=rng.choice(types),
                date_start=start,
                date_end=end,
                place=rng.choice(places),
                status=rng.choice(statuses),
                disputed=i % 4 == 0,
            )
        )
    events = Event.objects.bulk_create(events)
    EventActor.objects.bulk_create(
        EventActor(event=event, actor=actor)
        for event in events
        for actor in rng.sample(actors, rng.randrange(0, 3))
    )
    return events


def brute(filters: EventFilters) -> dict[int, dict]:
    """Public events matching ``filters`` except the bbox, computed in plain Python."""
    chosen = {
        a.pk
        for a in Actor.objects.all()
        if str(a.pk) in filters.actors or a.name in filters.actors
    }
    wanted_actors = chosen | {
        a.pk for a in Actor.objects.all() if a.parent_id in chosen
    }
    links: dict[int, set[int]] = {}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        links.setdefault(event_id, set()).add(actor_id)
    found = {}
    for event in Event.objects.select_related("place", "event_type__parent"):
        if event.status != "published" or event.place.location is None:
            continue
        last = event.date_end or event.date_start
        if filters.date_from and last < filters.date_from:
            continue
        if filters.date_to and event.date_start > filters.date_to:
            continue
        top = event.event_type.parent or event.event_type
        if filters.types and not {event.event_type.slug, top.slug} & set(filters.types):
            continue
        if filters.actors and not links.get(event.pk, set()) & wanted_actors:
            continue
        if filters.disputed is not None and event.disputed != filters.disputed:
            continue
        if filters.place and filters.place not in (
            str(event.place_id),
            event.place.name,
        ):
            continue
        haystack = (event.title, event.summary, event.place.name)
        if filters.q and not any(filters.q.lower() in h.lower() for h in haystack):
            continue
        found[event.pk] = {
            "lon": event.place.location.x,
            "lat": event.place.location.y,
            "top": top.slug,
        }
    return found


def cell(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2 ** (zoom + 2)
    lat = max(min(lat, 85.05112878), -85.05112878)
    x = (lon + 180) / 360
    y = (
        1
        - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat)))
        / math.pi
    ) / 2
    return int(x * n), int(y * n)


def in_touched_cells(found: dict, bbox, zoom: int) -> dict:
    """Events of the grid cells that the bbox (clipped to all public events) touches."""
    public = brute(EventFilters())
    lons = [e["lon"] for e in public.values()]
    lats = [e["lat"] for e in public.values()]
    lo = cell(max(bbox[0], min(lons)), max(bbox[1], min(lats)), zoom)
    hi = cell(min(bbox[2], max(lons)), min(bbox[3], max(lats)), zoom)
    return {
        pk: e
        for pk, e in found.items()
        if lo[0] <= cell(e["lon"], e["lat"], zoom)[0] <= hi[0]
        and hi[1] <= cell(e["lon"], e["lat"], zoom)[1] <= lo[1]
    }


def answer(filters: EventFilters, zoom: int) -> dict:
    return orjson.loads(
        cluster_answers.event_clusters_bytes(filters=filters, zoom=zoom)
    )


def counted(result: dict) -> tuple[int, dict[str, int], set[int]]:
    by_type: dict[str, int] = {}
    for c in result["clusters"]:
        assert c["count"] == sum(c["types"].values()) > 1
        for slug, n in c["types"].items():
            by_type[slug] = by_type.get(slug, 0) + n
    for e in result["events"]:
        top = EventType.objects.get(slug=e["type"]).top.slug
        by_type[top] = by_type.get(top, 0) + 1
    total = sum(c["count"] for c in result["clusters"]) + len(result["events"])
    return total, by_type, {e["id"] for e in result["events"]}


def tops(found: dict) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in found.values():
        out[e["top"]] = out.get(e["top"], 0) + 1
    return out


FILTERS = [
    EventFilters(),
    EventFilters(date_from=dt.date(2016, 3, 1), date_to=dt.date(2016, 3, 31)),
    EventFilters(date_from=dt.date(2015, 1, 1), date_to=dt.date(2015, 12, 31)),
    EventFilters(date_from=dt.date(2012, 1, 1), date_to=dt.date(2021, 12, 31)),
    EventFilters(date_from=dt.date(2019, 6, 1)),
    EventFilters(date_to=dt.date(2013, 6, 1)),
    EventFilters(types=["battles"]),
    EventFilters(types=["air-drone-strike", "protests"]),
    EventFilters(
        types=["battles"], date_from=dt.date(2014, 1, 1), date_to=dt.date(2016, 1, 1)
    ),
    EventFilters(actors=["National Front"]),
    EventFilters(actors=["Army"], types=["explosions-remote-violence"]),
    EventFilters(disputed=True),
    EventFilters(disputed=False, date_from=dt.date(2018, 1, 1)),
    EventFilters(q="aleppo"),
    EventFilters(q="market", disputed=True, date_to=dt.date(2017, 1, 1)),
    EventFilters(place="Village 3"),
    EventFilters(place="Village 5", types=["battles"]),
]


@pytest.mark.parametrize("zoom", [0, 4, 7, 10, 12])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: str(f.as_query()))
def test_counts_match_brute_force_at_every_zoom(world, filters, zoom):
    expected = brute(filters)
    total, by_type, event_ids = counted(answer(filters, zoom))
    assert total == len(expected)
    assert by_type == tops(expected)
    assert event_ids <= set(expected)


@pytest.mark.parametrize("filters", FILTERS[:3] + FILTERS[6:8] + FILTERS[9:14:2])
def test_viewport_clusters_the_cells_it_touches_and_totals_the_events_inside(
    world, filters
):
    bbox = (36.4, 35.7, 36.9, 36.1)
    viewport = dataclasses.replace(filters, bbox=Polygon.from_bbox(bbox))
    inside = {
        pk
        for pk, e in brute(filters).items()
        if bbox[0] <= e["lon"] <= bbox[2] and bbox[1] <= e["lat"] <= bbox[3]
    }
    for zoom in (5, 8, 11):
        result = answer(viewport, zoom)
        assert result["zoom"] == zoom
        expected = in_touched_cells(brute(filters), bbox, zoom)
        assert counted(result)[0] == len(expected)
        assert result["total"] == len(inside)  # issue 15: not the cells' events


@pytest.mark.parametrize("filters", FILTERS)
def test_high_zoom_lists_exactly_the_events_inside(world, filters):
    bbox = (36.6, 35.8, 36.9, 36.05)
    viewport = dataclasses.replace(filters, bbox=Polygon.from_bbox(bbox))
    result = answer(viewport, 15)
    expected = {
        pk
        for pk, e in brute(filters).items()
        if bbox[0] <= e["lon"] <= bbox[2] and bbox[1] <= e["lat"] <= bbox[3]
    }
    assert result["clusters"] == []
    assert {e["id"] for e in result["events"]} == expected
    assert result["total"] == len(expected)


def test_cluster_total_with_a_bbox_counts_only_the_events_inside(client):
    """Issue 15: with a bbox, `total` counted every event of the cells it touches."""
    for lon in (36.30, 36.36, 36.41):  # one 64 px cell at zoom 5, the bbox cuts it
        EventFactory(place=PlaceFactory(name=f"P{lon}", location=Point(lon, 35.5)))
    body = client.get(URL, {"zoom": "5", "in_bbox": "36.35,35.4,36.5,35.6"}).json()
    assert body["total"] == 2


def test_cluster_answer_without_bbox_says_the_zoom_asked(client):
    """Issue 15: at zoom 5 with no bbox, worldwide data made the answer say zoom 4."""
    for lon, lat in ((-170, -50), (170, 60), (0, 0)):
        EventFactory(place=PlaceFactory(name=f"P{lon}", location=Point(lon, lat)))
    body = client.get(URL, {"zoom": "5"}).json()
    assert body["zoom"] == 5
    assert body["total"] == 3


def test_drafts_and_unlocated_events_are_never_counted():
    alone = PlaceFactory(name="Lonely hill", location=Point(40.1, 34.2))
    for status in ("draft", "in_review", "retracted"):
        EventFactory(place=alone, status=status)
    EventFactory(place=PlaceFactory(name="Nowhere", location=None))
    EventFactory(place=PlaceFactory(name="Somewhere", location=Point(36.0, 35.0)))
    result = answer(EventFilters(), 8)
    assert result["total"] == 1
    assert [e["lon"] for e in result["events"]] == [36.0]


def test_event_fields_of_a_single_event():
    place = PlaceFactory(name="Kafr Nabudah", location=Point(36.50891, 35.43862))
    event = EventFactory(
        place=place,
        title="Strike on the market",
        event_type=EventType.objects.get(slug="air-drone-strike"),
        date_start=dt.date(2019, 5, 26),
        disputed=True,
    )
    assert answer(EventFilters(), 9)["events"] == [
        {
            "id": event.pk,
            "lon": 36.50891,
            "lat": 35.43862,
            "type": "air-drone-strike",
            "color": event.event_type.color,
            "disputed": True,
            "title": "Strike on the market",
            "date_start": "2019-05-26",
        }
    ]


def test_same_place_events_stay_clustered_with_bbox_and_types():
    place = PlaceFactory(name="Kabani", location=Point(36.3, 35.8))
    EventFactory.create_batch(
        3, place=place, event_type=EventType.objects.get(slug="armed-clash")
    )
    EventFactory(place=place, event_type=EventType.objects.get(slug="agreement"))
    result = answer(EventFilters(), 6)
    assert result["events"] == []
    [cluster] = result["clusters"]
    assert cluster["count"] == 4
    assert cluster["types"] == {"battles": 3, "strategic-developments": 1}
    assert cluster["bbox"] == [36.3, 35.8, 36.3, 35.8]
    assert (cluster["lon"], cluster["lat"]) == pytest.approx((36.3, 35.8))


def test_the_type_slugs_kept_for_the_filter_follow_a_new_type(client):
    """The filter's type slugs are kept per data version: a new type is accepted
    once its write commits (and bumps the version), not before."""
    url = URL + "?zoom=5&type=tunnel-attack"
    assert client.get(url).status_code == 400
    EventType.objects.create(
        slug="tunnel-attack",
        name="Tunnel attack",
        parent=EventType.objects.get(slug="battles"),
        color="#123456",
    )
    assert client.get(url).status_code == 400  # not committed yet: kept
    commit_hooks()
    assert client.get(url).status_code == 200


def test_publish_and_retract_invalidate_the_index():
    place = PlaceFactory(name="Marea", location=Point(37.05, 36.6))
    EventFactory(place=place)
    draft = EventFactory(place=place, status=Event.Status.DRAFT)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 1
    event_services.event_publish(event=draft)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 2
    event_services.event_retract(event=draft, reason="Duplicate report.")
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 1


def test_merge_invalidates_the_index():
    place = PlaceFactory(name="Tal Rifaat", location=Point(37.1, 36.47))
    keep, drop = EventFactory(place=place), EventFactory(place=place)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 2
    event_services.event_merge(keep=keep, drop=drop)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 1


def test_a_geocoded_place_invalidates_the_index():
    """Geocoding writes with QuerySet.update (no post_save) and bumps by itself."""
    place = PlaceFactory(
        name="Kafr Nabudah",
        admin1="Hama",
        location=None,
        geocode_status=Place.GeocodeStatus.PENDING,
    )
    EventFactory(place=place)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 0
    place_services.place_geocode(place=place)
    commit_hooks()
    assert answer(EventFilters(), 5)["total"] == 1


def test_a_stale_index_never_shows_an_unpublished_title(monkeypatch, settings):
    """An index built before a write (a large one rebuilds in the background) asks
    the public selector for the titles it lists, not its title cache."""
    # The rebuild is simulated by handing back this process's own index object:
    # one index per process here (the machine's shared copy: test_store.py).
    settings.MAP_INDEX_DIR = ""
    place = PlaceFactory(name="Saraqib", location=Point(36.8, 35.86))
    event = EventFactory(place=place, title="Withdrawn")
    assert [e["title"] for e in answer(EventFilters(), 10)["events"]] == ["Withdrawn"]
    stale = index_build.event_cluster_index()
    monkeypatch.setattr(index_build, "_build", lambda version: stale)
    event_services.event_retract(event=event, reason="Not confirmed.")
    commit_hooks()
    assert index_build.event_cluster_index() is stale  # still the old rows
    assert answer(EventFilters(), 10)["events"] == []


def test_a_recorded_write_counts_at_once_without_a_rebuild(client, monkeypatch):
    """A write that records its events is applied to the index as a delta at the
    next request: the retracted event is neither listed nor counted, with no
    rebuild, and the ETag changes with it."""
    place = PlaceFactory(name="Saraqib", location=Point(36.8, 35.86))
    army = ActorFactory(name="Army")
    events = [EventFactory(place=place) for _ in range(3)]
    for event in events:
        EventActor.objects.create(event=event, actor=army)
    commit_hooks()
    url = URL + "?zoom=5"
    before = client.get(url)
    assert before.json()["total"] == 3
    stale = index_build.event_cluster_index()
    monkeypatch.setattr(index_build, "_build", lambda version: stale)
    event_services.event_retract(event=events[0], reason="Not confirmed.")
    commit_hooks()
    assert index_build.event_cluster_index() is stale  # no rebuild
    assert [c["count"] for c in answer(EventFilters(), 5)["clusters"]] == [2]
    assert answer(EventFilters(actors=["Army"]), 5)["total"] == 2
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200  # not a 304 of the answer that counted it
    assert after.json()["total"] == 2


def test_a_write_with_no_record_leaves_the_index_stale_but_lists_no_title(
    monkeypatch, settings
):
    """A write whose events are unknown (its record expired, as for a type or place
    change) leaves the old counts until the rebuild, but never lists the title of
    an event taken out of the public set."""
    # The rebuild is simulated by handing back this process's own index object:
    # one index per process here (the machine's shared copy: test_store.py).
    settings.MAP_INDEX_DIR = ""
    events = [
        EventFactory(
            place=PlaceFactory(name=f"Saraqib {i}", location=Point(36.8 + i, 35.86)),
            title=f"Report {i}",
        )
        for i in range(2)
    ]
    commit_hooks()
    assert answer(EventFilters(), 10)["total"] == 2
    stale = index_build.event_cluster_index()
    monkeypatch.setattr(index_build, "_build", lambda version: stale)
    event_services.event_retract(event=events[0], reason="Not confirmed.")
    commit_hooks()
    dataversion.dirty_forget(dataversion.clusters_version())
    assert index_build.event_cluster_index() is stale
    result = answer(EventFilters(), 10)
    assert [e["title"] for e in result["events"]] == ["Report 1"]
    assert answer(EventFilters(), 5)["total"] == 2  # counted until the rebuild


def test_a_write_that_skips_the_signals_shows_once_the_index_is_rebuilt(
    monkeypatch,
):
    """QuerySet.update bumps no version: the index's titles last until its periodic
    rebuild (MAX_AGE), as its rows and counts do."""
    place = PlaceFactory(name="Saraqib", location=Point(36.8, 35.86))
    event = EventFactory(place=place, title="Withdrawn")
    assert answer(EventFilters(), 10)["total"] == 1
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)  # no signal
    assert answer(EventFilters(), 10)["total"] == 1  # within the index's age
    monkeypatch.setattr(cluster_state, "MAX_AGE", -1)
    assert answer(EventFilters(), 10)["events"] == []


def reference_features(filters: EventFilters) -> list[dict]:
    """The drf-gis serializer's Features: the reference shape the fast path must match."""
    events = list(selectors.event_list_public(filters=filters))
    data = EventFeatureSerializer(events, many=True).data
    return orjson.loads(JSONRenderer().render(data))["features"]


def test_geojson_bytes_match_the_serializer_features(world):
    filters = EventFilters(types=["battles"], date_from=dt.date(2015, 1, 1))
    ours = orjson.loads(geojson_export.event_geojson_bytes(filters))
    reference = reference_features(filters)
    assert ours["count"] == len(reference) == len(brute(filters))
    assert ours["features"] == reference  # same Features, same order


def _export_titles() -> dict[int, str]:
    body = orjson.loads(geojson_export.event_geojson_bytes())
    return {f["id"]: f["properties"]["title"] for f in body["features"]}


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


@pytest.fixture
def client() -> Client:
    return Client()


def test_api_answers_json_with_etag_and_cache_headers(client):
    EventFactory(place=PlaceFactory(name="Idlib", location=Point(36.63, 35.93)))
    response = client.get(URL, {"zoom": 7, "type": "battles"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "max-age=60" in response["Cache-Control"]
    assert response.json()["total"] == 1
    again = client.get(
        URL, {"zoom": 7, "type": "battles"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    other = client.get(URL, {"zoom": 8, "type": "battles"})
    assert other["ETag"] != response["ETag"]


def test_a_cluster_request_reads_the_data_version_once(client, monkeypatch):
    """Its ETag and its body come from one index and version (issue 16: each read
    asks the shared cache for the writers' hint, a Redis round trip, and a write
    between two reads paired one version's ETag with the next one's body)."""
    EventFactory(place=PlaceFactory(name="Idlib", location=Point(36.63, 35.93)))
    params = {"zoom": 7, "in_bbox": "36,35,37,36"}
    first = client.get(URL, params)  # the index built
    reads = []
    read = dataversion.clusters_version
    monkeypatch.setattr(
        dataversion, "clusters_version", lambda **kw: reads.append(kw) or read(**kw)
    )
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.json()["total"] == 1
    assert response["ETag"] == first["ETag"]
    assert len(reads) == 1


def test_a_view_asked_again_is_answered_without_a_parse_or_a_query(client, monkeypatch):
    """Issue 16: the same parameters at the same data version give the same answer
    (an embed's first view, asked by each reader): kept by the index, by query
    string, with its ETag."""
    EventFactory(place=PlaceFactory(name="Idlib", location=Point(36.63, 35.93)))
    params = {"zoom": 7, "in_bbox": "36,35,37,36"}
    first = client.get(URL, params)
    parsed = []
    is_valid = EventFilterForm.is_valid
    monkeypatch.setattr(
        EventFilterForm, "is_valid", lambda form: parsed.append(1) or is_valid(form)
    )
    again = client.get(URL, params)
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
    assert "max-age=60" in again["Cache-Control"]
    assert client.get(URL, params, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert parsed == []
    assert client.get(URL, {**params, "zoom": 8}).status_code == 200
    assert client.get(URL, {**params, "zoom": "x"}).status_code == 400
    assert client.get(URL, {**params, "zoom": "x"}).status_code == 400  # not kept
    # The new view at zoom 8 takes the fields parsed for the first (only its zoom
    # differs: maps.forms.viewport_filters); the errors are the form's.
    assert parsed == [1, 1]


def test_a_kept_answer_never_outlives_a_write(client):
    place = PlaceFactory(name="Idlib", location=Point(36.63, 35.93))
    first = EventFactory(place=place, title="Shelling of Idlib")
    commit_hooks()
    params = {"zoom": 15, "in_bbox": "36,35,37,36"}
    assert client.get(URL, params).json()["total"] == 1
    EventFactory(place=place, title="Clashes in Idlib")
    commit_hooks()
    listed = client.get(URL, params).json()
    assert sorted(e["title"] for e in listed["events"]) == [
        "Clashes in Idlib",
        "Shelling of Idlib",
    ]
    event_services.event_retract(event=first, reason="Not confirmed.")
    commit_hooks()
    listed = client.get(URL, params).json()
    assert [e["title"] for e in listed["events"]] == ["Clashes in Idlib"]
    assert listed["total"] == 1


def test_a_stale_index_keeps_no_answer(client, monkeypatch, settings):
    """Its titles come from the database at each request (an event unpublished
    since its build is never listed), so none of its answers is kept."""
    settings.MAP_INDEX_DIR = ""
    place = PlaceFactory(name="Idlib", location=Point(36.63, 35.93))
    events = [EventFactory(place=place, title=f"Report {i}") for i in range(2)]
    commit_hooks()
    params = {"zoom": 15, "in_bbox": "36,35,37,36"}
    assert client.get(URL, params).json()["total"] == 2
    assert len(index_build._live()[0].answers) == 1  # a current index keeps it
    stale = index_build.event_cluster_index()
    monkeypatch.setattr(index_build, "_build", lambda version: stale)
    event_services.event_retract(event=events[0], reason="Not confirmed.")
    commit_hooks()
    dataversion.dirty_forget(dataversion.clusters_version())
    listed = client.get(URL, params).json()
    assert [e["title"] for e in listed["events"]] == ["Report 1"]
    index, version = index_build._live()
    assert index.counter != version
    assert len(index.answers) == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "zoom"),
        ({"zoom": "high"}, "zoom"),
        ({"zoom": "40"}, "zoom"),
        ({"zoom": "5", "in_bbox": "1,2,3"}, "in_bbox"),
        ({"zoom": "5", "type": "nonsense"}, "type"),
        ({"zoom": "5", "date_from": "2020-13-01"}, "date_from"),
    ],
)
def test_api_rejects_bad_input_with_400(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_payload_stays_bounded(world, monkeypatch):
    monkeypatch.setattr(grid, "CLUSTER_LIMIT", 3)
    result = answer(EventFilters(), 12)
    assert len(result["clusters"]) <= 3
    assert len(result["events"]) <= 3
    assert result["truncated"] is True


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


def test_every_write_path_marks_the_index_stale_once_per_transaction(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        event = EventFactory()
        event.title = "Renamed in the admin"
        event.save()
        event.place.name = "Moved"
        event.place.save()
    bumps = [c for c in callbacks if isinstance(c, dataversion._Bump)]
    assert len(bumps) == 1
    # A place shows in its own events' Features: its save names them (issue 16).
    assert not bumps[0].everything
    assert bumps[0].ids == {event.pk}
    assert bumps[0].places == {event.place_id}


def test_an_empty_map_answers_with_no_clusters(client):
    EventFactory(status=Event.Status.DRAFT)  # nothing public at all
    response = client.get("/api/v1/clusters/", {"zoom": 6})
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert response.json()["clusters"] == []


MASKED = [f for f in FILTERS if f.actors or f.q or f.place or f.disputed is not None]


def no_sub_index(index, mask, complement=False):
    return None


_own_sub_index = engine.ClusterIndex._sub_index


def only_complement(index, mask, complement=False):
    """As for a mask that keeps too many rows but drops few (disputed=false)."""
    return _own_sub_index(index, mask, complement=True) if complement else None


def _shape(result: dict) -> tuple:
    clusters_ = sorted(
        (round(c["lon"], 3), round(c["lat"], 3), c["count"], sorted(c["types"].items()))
        for c in result["clusters"]
    )
    events = sorted(e["id"] for e in result["events"])
    return result["zoom"], result["total"], clusters_, events


@pytest.mark.parametrize("filters", MASKED, ids=lambda f: str(f.as_query()))
def test_masked_grids_answer_as_the_one_pass_scan(world, filters, monkeypatch):
    """A small mask's own grids (sub-index) give the scan's clusters and events."""
    views = [None, (36.4, 35.7, 36.9, 36.1), (36.6, 35.8, 36.9, 36.05)]
    for bbox in views:
        viewport = dataclasses.replace(
            filters, bbox=Polygon.from_bbox(bbox) if bbox else None
        )
        for zoom in (0, 5, 8, 11, 12, 15):
            with monkeypatch.context() as patched:  # the scan, as for a large mask
                patched.setattr(engine.ClusterIndex, "_sub_index", no_sub_index)
                scan = answer(viewport, zoom)
            grids = answer(viewport, zoom)
            assert _shape(grids) == _shape(scan)
            for c in grids["clusters"]:  # a cluster's bbox contains its centroid
                assert c["bbox"][0] <= c["lon"] <= c["bbox"][2]
                assert c["bbox"][1] <= c["lat"] <= c["bbox"][3]


@pytest.mark.parametrize(
    "filters",
    [
        *MASKED,
        EventFilters(disputed=False),
        EventFilters(disputed=False, types=["battles"]),
    ],
    ids=lambda f: str(f.as_query()),
)
def test_grids_less_the_dropped_rows_answer_as_the_scan(world, filters, monkeypatch):
    """This index's grids less a sub-index of the rows a mask drops: the scan's
    clusters and events, brute force's counts, bboxes around their centroids."""
    expected = brute(filters)
    views = [None, (36.4, 35.7, 36.9, 36.1), (36.6, 35.8, 36.9, 36.05)]
    for bbox in views:
        viewport = dataclasses.replace(
            filters, bbox=Polygon.from_bbox(bbox) if bbox else None
        )
        for zoom in (0, 5, 8, 11, 12, 15):
            with monkeypatch.context() as patched:
                patched.setattr(engine.ClusterIndex, "_sub_index", no_sub_index)
                scan = answer(viewport, zoom)
            with monkeypatch.context() as patched:
                patched.setattr(engine.ClusterIndex, "_sub_index", only_complement)
                less = answer(viewport, zoom)
            assert _shape(less) == _shape(scan)
            for c in less["clusters"]:
                assert c["bbox"][0] <= c["lon"] <= c["bbox"][2]
                assert c["bbox"][1] <= c["lat"] <= c["bbox"][3]
            if bbox is None and zoom <= 12:
                total, by_type, event_ids = counted(less)
                assert total == len(expected)
                assert by_type == tops(expected)
                assert event_ids <= set(expected)
    index = index_build.event_cluster_index()
    assert any(key[1] for key in index._subs)  # the complement's grids were used


def test_a_mask_keeps_its_grids_across_requests(world):
    filters = EventFilters(actors=["Army"], disputed=False)
    first = answer(filters, 7)
    index = index_build.event_cluster_index()
    assert len(index._subs) == 1
    assert index._sub_index(filter_masks._mask(index, filters)) is not None
    assert answer(filters, 7) == first
    assert len(index._subs) == 1  # same mask object: the same sub-index
    answer(EventFilters(actors=["Army"], disputed=True), 7)
    assert len(index._subs) == 2


def _every_event_checked(level, groups, bbox):
    """grid.Level.cells_inside as before it: no cell known inside or outside."""
    none = np.zeros(len(groups), dtype=bool)
    return none, none.copy()


def test_new_views_answer_as_when_every_edge_event_was_checked(world, monkeypatch):
    """The edge counted on finer grids (from its first event: inside.REFINE_FROM 0)
    and cells known inside or outside by their extents answer byte for byte as the
    path that checked every event of the edge cells one by one (issue 16)."""
    rng = random.Random(16)
    views = []
    for _ in range(40):
        lon, lat = rng.choice(TOWNS)
        half = rng.choice([0.02, 0.06, 0.15, 0.4, 1.5])
        lon, lat = lon + rng.gauss(0, half), lat + rng.gauss(0, half)
        bbox = (lon - half, lat - half / 2, lon + half, lat + half / 2)
        start = DAY0 + dt.timedelta(days=rng.randrange(3000))
        filters = EventFilters(
            bbox=Polygon.from_bbox(bbox),
            date_from=rng.choice([None, start]),
            date_to=rng.choice([None, start + dt.timedelta(days=400)]),
            types=rng.choice([[], ["battles"]]),
        )
        views.append((filters, rng.randrange(4, 16)))
    refined = 0
    real = inside._straddling

    def counting(*args, **kwargs):
        nonlocal refined
        refined += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(inside, "_straddling", counting)
    monkeypatch.setattr(inside, "REFINE_FROM", 0)
    now = [cluster_answers.event_clusters_bytes(filters=f, zoom=z) for f, z in views]
    assert refined > 10
    monkeypatch.setattr(inside, "REFINE_FROM", 10**9)
    monkeypatch.setattr(grid.Level, "cells_inside", _every_event_checked)
    before = [cluster_answers.event_clusters_bytes(filters=f, zoom=z) for f, z in views]
    assert now == before
    assert sum(orjson.loads(b)["total"] > 0 for b in now) > 10
