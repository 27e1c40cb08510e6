"""The public GeoJSON API: shape, filters, visibility, errors, caching."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventActor, EventRelation, EventSource
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    event_type,
)
from maps.clusters import state as cluster_state
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/events/"


@pytest.fixture
def client() -> Client:
    return Client()


def ids(response) -> set[int]:
    return {feature["id"] for feature in response.json()["features"]}


def test_list_is_a_feature_collection_in_lon_lat_order(client):
    place = PlaceFactory(name="Kafr Nabudah", location=Point(36.5089, 35.4386))
    event = EventFactory(place=place, event_type=event_type("air-drone-strike"))
    EventActorFactory(event=event, actor=ActorFactory(name="Russian armed forces"))
    body = client.get(LIST).json()
    assert body["type"] == "FeatureCollection"
    assert body["count"] == 1
    assert body["truncated"] is False
    feature = body["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.5089, 35.4386]}
    props = feature["properties"]
    assert props["type"]["slug"] == "air-drone-strike"
    assert props["type"]["parent_slug"] == "explosions-remote-violence"
    assert props["actors"][0]["name"] == "Russian armed forces"
    assert props["url"] == f"/events/{event.pk}/"
    assert props["place"]["name"] == "Kafr Nabudah"


@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]
)
def test_list_never_shows_unpublished_events(client, status):
    EventFactory(status=status)
    assert client.get(LIST).json()["features"] == []


@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]
)
def test_detail_of_unpublished_event_is_404(client, status):
    event = EventFactory(status=status)
    assert client.get(f"{LIST}{event.pk}/").status_code == 404


def test_events_without_a_located_place_are_left_out(client):
    EventFactory(place=PlaceFactory(name="Nowhere", location=None))
    assert client.get(LIST).json()["count"] == 0


def test_in_bbox_keeps_only_events_inside(client):
    inside = EventFactory(
        place=PlaceFactory(name="Idlib", location=Point(36.63, 35.93))
    )
    EventFactory(place=PlaceFactory(name="Damascus", location=Point(36.29, 33.51)))
    response = client.get(LIST, {"in_bbox": "36,35,37,36.5"})
    assert ids(response) == {inside.pk}


def test_date_window_matches_overlapping_events(client):
    spanning = EventFactory(
        date_start=dt.date(2019, 4, 26), date_end=dt.date(2019, 7, 18)
    )
    inside = EventFactory(date_start=dt.date(2019, 7, 10))
    EventFactory(date_start=dt.date(2017, 5, 1))
    response = client.get(LIST, {"date_from": "2019-07-01", "date_to": "2019-07-31"})
    assert ids(response) == {spanning.pk, inside.pk}


def test_type_filter_accepts_top_level_types(client):
    strike = EventFactory(event_type=event_type("air-drone-strike"))
    EventFactory(event_type=event_type("agreement"))
    response = client.get(LIST, {"type": "explosions-remote-violence"})
    assert ids(response) == {strike.pk}


def test_actor_filter_by_name_includes_coalition_members(client):
    coalition = ActorFactory(name="Syrian armed opposition")
    member = ActorFactory(name="National Liberation Front", parent=coalition)
    by_member = EventFactory()
    EventActorFactory(event=by_member, actor=member)
    EventFactory()
    response = client.get(LIST, {"actor": "Syrian armed opposition"})
    assert ids(response) == {by_member.pk}
    assert ids(client.get(LIST, {"actor": str(member.pk)})) == {by_member.pk}


def test_disputed_filter(client):
    disputed = EventFactory()
    EventSourceFactory(event=disputed, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=disputed, stance=EventSource.Stance.DENIES)
    disputed.disputed = True
    disputed.save()
    EventFactory()
    assert ids(client.get(LIST, {"disputed": "true"})) == {disputed.pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"in_bbox": "1,2,3"}, "in_bbox"),
        ({"date_from": "2019-02-30"}, "date_from"),
        ({"type": "nonsense"}, "type"),
        ({"disputed": "perhaps"}, "disputed"),
    ],
)
def test_malformed_filters_get_400_with_a_message(client, params, field):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()[field]


def test_list_is_capped_and_says_so(client, settings):
    settings.MAP_MAX_FEATURES = 2
    for _ in range(3):
        EventFactory()
    body = client.get(LIST).json()
    assert body["count"] == 2
    assert body["truncated"] is True


def test_detail_lists_sources_with_stances_and_public_related_events(client):
    capture = EventFactory(title="Capture")
    recapture = EventFactory(title="Recapture")
    draft = EventFactory(title="Draft", status=Event.Status.DRAFT)
    EventRelation.objects.create(
        from_event=recapture, to_event=capture, kind=EventRelation.Kind.REVERSES
    )
    EventRelation.objects.create(from_event=recapture, to_event=draft)
    EventSourceFactory(
        event=recapture,
        stance=EventSource.Stance.DENIES,
        speaker="Russian Ministry of Defence",
        quote="There have been no Russian ground forces in Syria",
    )
    props = client.get(f"{LIST}{recapture.pk}/").json()["properties"]
    assert props["sources"][0]["stance"] == "denies"
    assert props["sources"][0]["speaker"] == "Russian Ministry of Defence"
    assert [r["title"] for r in props["related"]] == ["Capture"]
    back = client.get(f"{LIST}{capture.pk}/").json()["properties"]["related"]
    assert back[0]["title"] == "Recapture"


def test_responses_carry_cache_headers_and_etag(client):
    EventFactory()
    response = client.get(LIST)
    assert "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(LIST, headers={"if-none-match": etag})
    assert again.status_code == 304


def test_list_query_count_does_not_grow_with_events(client, settings, tmp_path):
    def queries_for_list(expected: int) -> int:
        # A cold index (every query of the first request): none in this process,
        # none on the machine (a new directory for the shared one).
        settings.MAP_INDEX_DIR = str(tmp_path / f"cold-{expected}")
        cluster_state.index_reset()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).json()["count"] == expected
        return len(queries)

    for _ in range(20):
        EventActorFactory(event=EventFactory(), role=EventActor.Role.TARGET)
    with_20 = queries_for_list(20)
    for _ in range(40):
        EventActorFactory(event=EventFactory(), role=EventActor.Role.TARGET)
    assert queries_for_list(60) == with_20
    # 9: the build asks for its id range first (the first and the last public id,
    # an index scan each: maps.selectors.index_build._public_rows_chunks), then one query per
    # BUILD_CHUNK_IDS ids, so the count grows only past 100,000 events.
    assert with_20 <= 9


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/events/-1/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("url", "bad"),
    [
        ("/api/v1/clusters/?zoom=6", "/api/v1/clusters/?zoom=x"),
        ("/api/v1/histogram/?q=a", "/api/v1/histogram/?in_bbox=1,2"),
        ("/api/v1/places/?q=Ka", "/api/v1/places/?q=" + "x" * 500),
        ("/api/v1/control/?in_bbox=36,35,37,36", "/api/v1/control/?in_bbox=1,2"),
    ],
)
def test_map_endpoints_skip_negotiation_and_authentication_they_never_use(
    client, url, bad, monkeypatch
):
    """Issue 16: DRF parsed the query string and the Accept header to pick the one
    JSON renderer, and resolved the session's user, on every map request (~40 % of a
    kept cluster answer above the empty response); what browsers send skips both,
    anything else is negotiated as before."""
    from rest_framework.negotiation import DefaultContentNegotiation
    from rest_framework.request import Request
    from rest_framework.throttling import AnonRateThrottle

    from maps.apibase import PublicApiView

    negotiated, real = [], DefaultContentNegotiation.select_renderer
    monkeypatch.setattr(
        DefaultContentNegotiation,
        "select_renderer",
        lambda self, *a, **k: negotiated.append(a) or real(self, *a, **k),
    )
    # Without a rate limit nothing reads the user; the throttle does (below).
    monkeypatch.setattr(PublicApiView, "throttle_classes", ())
    users, authenticate = [], Request._authenticate
    monkeypatch.setattr(
        Request, "_authenticate", lambda r: users.append(r) or authenticate(r)
    )
    for accept in ("", "*/*", "application/json"):
        headers = {"HTTP_ACCEPT": accept} if accept else {}
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/json"
    bad = client.get(bad)  # a bad parameter's error is still JSON
    assert bad.status_code == 400
    assert bad.json()
    assert negotiated == []
    assert users == []
    # Other clients are negotiated as before.
    assert client.get(url, HTTP_ACCEPT="text/html").status_code == 406
    assert client.get(url + "&format=json").status_code == 200
    assert len(negotiated) >= 2
    assert users == []
    monkeypatch.setattr(PublicApiView, "throttle_classes", (AnonRateThrottle,))
    assert client.get(url).status_code == 200
    assert len(users) == 1  # a signed-in user is still not throttled as anonymous
