"""The map's helper endpoints: /api/v1/histogram/ (timeline) and /api/v1/places/ (search)."""

import datetime as dt

import pytest
from django.test import Client

from events.models import Event
from events.tests.factories import EventFactory
from places.models import PlaceName
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()


def test_histogram_counts_public_events_per_bucket(client):
    EventFactory(date_start=dt.date(2019, 7, 1))
    EventFactory(date_start=dt.date(2019, 7, 1))
    EventFactory(date_start=dt.date(2019, 7, 3))
    EventFactory(date_start=dt.date(2019, 7, 3), status=Event.Status.DRAFT)
    EventFactory(date_start=dt.date(2019, 7, 2), place=None)
    body = client.get("/api/v1/histogram/").json()
    assert body["bucket"] == "day"
    assert body["total"] == 3
    assert body["buckets"] == [
        {"start": "2019-07-01", "count": 2, "approximate": 0},
        {"start": "2019-07-03", "count": 1, "approximate": 0},
    ]
    assert (body["date_min"], body["date_max"]) == ("2019-07-01", "2019-07-03")


def test_histogram_picks_coarser_buckets_for_long_extents(client):
    EventFactory(date_start=dt.date(2015, 3, 17))
    EventFactory(date_start=dt.date(2019, 7, 15))
    body = client.get("/api/v1/histogram/").json()
    assert body["bucket"] == "month"
    assert [b["start"] for b in body["buckets"]] == ["2015-03-01", "2019-07-01"]
    weekly = client.get("/api/v1/histogram/", {"bucket": "week"}).json()
    assert weekly["buckets"][1]["start"] == "2019-07-15"  # a Monday


def test_histogram_lists_approximate_dates_as_spans(client):
    month = EventFactory(
        date_start=dt.date(2019, 2, 1), date_precision=Event.DatePrecision.MONTH
    )
    ranged = EventFactory(date_start=dt.date(2019, 7, 1), date_end=dt.date(2019, 7, 9))
    EventFactory(date_start=dt.date(2019, 7, 4))
    body = client.get("/api/v1/histogram/").json()
    spans = {span["id"]: span for span in body["spans"]}
    assert set(spans) == {month.pk, ranged.pk}
    assert (spans[month.pk]["start"], spans[month.pk]["end"]) == (
        "2019-02-01",
        "2019-02-28",
    )
    assert spans[ranged.pk]["end"] == "2019-07-09"
    assert sum(b["approximate"] for b in body["buckets"]) == 2


def test_histogram_respects_filters(client):
    EventFactory(date_start=dt.date(2019, 7, 1), disputed=True)
    EventFactory(date_start=dt.date(2019, 7, 2))
    body = client.get("/api/v1/histogram/", {"disputed": "true"}).json()
    assert body["total"] == 1


def test_histogram_of_nothing_is_empty_not_an_error(client):
    body = client.get("/api/v1/histogram/").json()
    assert body["total"] == 0
    assert body["buckets"] == []
    assert body["date_min"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [({"bucket": "decade"}, "bucket"), ({"date_from": "soon"}, "date_from")],
)
def test_histogram_rejects_bad_parameters(client, params, field):
    response = client.get("/api/v1/histogram/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_place_search_finds_english_arabic_and_alternate_names(client):
    kafr = PlaceFactory(name="Kafr Nabudah", name_ar="كفر نبودة")
    PlaceName.objects.create(place=kafr, name="Kfar Nbuda")
    EventFactory(place=kafr)
    for q in ("nabud", "كفر", "nbuda"):
        results = client.get("/api/v1/places/", {"q": q}).json()["results"]
        assert [r["id"] for r in results] == [kafr.pk], q
    result = client.get("/api/v1/places/", {"q": "kafr"}).json()["results"][0]
    assert result["name_ar"] == "كفر نبودة"
    assert result["event_count"] == 1
    assert (result["lon"], result["lat"]) == pytest.approx((36.6339, 35.9306))


def test_place_search_shows_only_places_of_public_located_events(client):
    EventFactory(place=PlaceFactory(name="Draft town"), status=Event.Status.DRAFT)
    PlaceFactory(name="Empty town")
    EventFactory(place=PlaceFactory(name="Lost town", location=None))
    assert client.get("/api/v1/places/", {"q": "town"}).json() == {"results": []}


def test_place_search_refuses_long_queries(client):
    response = client.get("/api/v1/places/", {"q": "x" * 101})
    assert response.status_code == 400
    assert "q" in response.json()
