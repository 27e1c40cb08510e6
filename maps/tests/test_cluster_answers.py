"""Cluster answers against brute-force counts on random data in the real DB: every zoom,
bbox and filter; single events; drafts never counted; payload bounded."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import dataclasses
import datetime as dt

import pytest
from django.contrib.gis.geos import Point, Polygon

from events.filters import EventFilters
from events.models import Event, EventType
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.clusters import grid
from maps.tests.clusterworld import (  # noqa: F401 (fixtures)
    FILTERS,
    URL,
    answer,
    brute,
    client,
    counted,
    in_touched_cells,
    tops,
    world,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


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


def test_payload_stays_bounded(world, monkeypatch):
    monkeypatch.setattr(grid, "CLUSTER_LIMIT", 3)
    result = answer(EventFilters(), 12)
    assert len(result["clusters"]) <= 3
    assert len(result["events"]) <= 3
    assert result["truncated"] is True


def test_an_empty_map_answers_with_no_clusters(client):
    EventFactory(status=Event.Status.DRAFT)  # nothing public at all
    response = client.get("/api/v1/clusters/", {"zoom": 6})
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert response.json()["clusters"] == []
