"""Public surfaces that answered 500, 405 or kept retracted text too long (issue 11)."""

import datetime as dt
import re

import pytest

from events.models import Correction, Event
from events.tests.factories import EventFactory, EventSourceFactory

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses the text after it when not isolated
LAST_DAY = dt.date(9999, 12, 30)


# --- 500s found by the review ------------------------------------------------------


@pytest.mark.parametrize("url", ["http://%5B::1", "http://[::1", "https://[/x"])
def test_oembed_malformed_ipv6_url_is_a_400_not_a_500(client, url):
    client.raise_request_exception = False
    response = client.get(f"/oembed?url={url}")
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize("precision", ["day", "week", "month", "year"])
@pytest.mark.parametrize("bucket", ["auto", "day", "week", "month", "year"])
def test_histogram_survives_an_event_on_the_last_days_of_the_calendar(
    client, precision, bucket
):
    EventFactory(date_start=LAST_DAY, date_precision=precision)
    EventFactory(date_start=dt.date(2019, 7, 1))
    client.raise_request_exception = False
    response = client.get(f"/api/v1/histogram/?bucket={bucket}")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    if precision != "day":
        assert body["spans"][0]["end"] == "9999-12-31"


def test_histogram_survives_an_event_on_the_first_day_of_the_calendar(client):
    EventFactory(date_start=dt.date(1, 1, 1), date_precision="week")
    EventFactory(date_start=dt.date(1, 1, 6), date_precision="week")
    response = client.get("/api/v1/histogram/?bucket=week")
    assert response.status_code == 200
    assert response.json()["buckets"][0]["start"] == "0001-01-01"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/embed/",
        "/api/v1/events/",
        "/api/v1/events/{pk}/",
        "/api/v1/clusters/?zoom=3",
        "/api/v1/clusters/?zoom=14",
        "/api/v1/clusters/?zoom=5&date_from=9999-12-01&date_to=9999-12-31",
        "/api/v1/events/?date_from=9999-12-31",
        "/export/events.geojson",
        "/export/events.csv",
        "/export/events.csv?format=ucdp",
        "/export/map.html",
        "/events/{pk}/",
        "/oembed?url=http://testserver/events/{pk}/",
        "/corrections/",
    ],
)
@pytest.mark.parametrize("precision", ["week", "month", "year"])
def test_public_urls_survive_extreme_dates(client, url, precision):
    event = EventFactory(date_start=LAST_DAY, date_precision=precision)
    EventFactory(date_start=dt.date(1, 1, 1), date_precision=precision)
    client.raise_request_exception = False
    response = client.get(url.format(pk=event.pk))
    assert response.status_code == 200


# --- HEAD answers like GET -------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/embed/", "/embed/builder/", "/corrections/", "/events/{pk}/"]
)
def test_head_answers_200_like_get(client, url):
    event = EventFactory()
    url = url.format(pk=event.pk)
    head = client.head(url)
    assert head.status_code == client.get(url).status_code == 200
    assert head.content == b""


def test_head_of_oembed_answers_200(client):
    assert client.head("/oembed?url=http://testserver/").status_code == 200


# --- shared caches and retracted content --------------------------------------------


def _max_age(response) -> int:
    return int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))


def test_oembed_of_an_event_is_cached_briefly_by_shared_caches(client):
    event = EventFactory(title="Hilltops retaken")
    response = client.get(f"/oembed?url=http://testserver/events/{event.pk}/")
    assert response.status_code == 200
    assert _max_age(response) <= 60
    assert response.json()["cache_age"] <= 60


def test_oembed_of_the_map_keeps_its_long_cache(client):
    response = client.get("/oembed?url=http://testserver/?type=battles")
    assert _max_age(response) == 3600


def test_api_answers_are_cached_at_most_a_minute(client):
    event = EventFactory()
    for url in ("/api/v1/events/", f"/api/v1/events/{event.pk}/"):
        assert _max_age(client.get(url)) <= 60


# --- bidirectional text is isolated ------------------------------------------------


HOSTILE_TITLE = f"Attack on {RLO}egalliv"


def test_event_page_isolates_the_title_direction(client):
    event = EventFactory(title=HOSTILE_TITLE)
    EventSourceFactory(event=event, speaker=f"{RLO}xx", source__title=f"{RLO}yy")
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert f'<h1 class="event__title" dir="auto">{HOSTILE_TITLE}</h1>' in page
    assert f"“<bdi>{HOSTILE_TITLE}</bdi>”" in page  # the citation line
    assert f"<bdi>{RLO}xx</bdi>" in page
    assert re.search(r'class="source__title" dir="auto">\s*<a[^>]*>' + RLO, page)
    # No title reaches the page outside an isolating element.
    for line in page.splitlines():
        if RLO in line and "<title>" not in line and "<meta" not in line:
            assert "<bdi" in line or 'dir="auto"' in line or "title=" in line, line


def test_corrections_log_isolates_titles(client):
    event = EventFactory(title=HOSTILE_TITLE, status=Event.Status.PUBLISHED)
    Correction.objects.create(
        event=event, kind=Correction.Kind.CORRECTION, note=f"Fixed {RLO}date"
    )
    page = client.get("/corrections/").content.decode()
    assert f"<bdi>{HOSTILE_TITLE}</bdi>" in page
    assert re.search(r'class="correction__note" dir="auto">\s*<p>Fixed ' + RLO, page)


def test_oembed_isolates_the_title(client):
    event = EventFactory(title=HOSTILE_TITLE)
    body = client.get(f"/oembed?url=http://testserver/events/{event.pk}/").json()
    assert body["title"].startswith(f"\u2068{HOSTILE_TITLE}\u2069 (")
    assert f'title="\u2068{HOSTILE_TITLE}\u2069 (' in body["html"]
