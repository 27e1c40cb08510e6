"""The embed's first cluster answer inlined in its page (maps/views/first.py)."""

import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from events.models import Event
from events.tests.factories import EventFactory, event_type
from maps.selectors import cluster_answers, index_build
from maps.views import first

pytestmark = pytest.mark.django_db
HOSTILE = '</script><script>alert("x")</script><!-- &amp; <img src=x onerror=alert(1)>'


@pytest.fixture
def client() -> Client:
    return Client()


def inlined(response) -> dict | None:
    html = response.content.decode()
    found = re.search(
        r'<script type="application/json" id="map-first">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1)) if found else None


def warm() -> None:
    """This process holds an index, as a serving worker does."""
    index_build.event_cluster_index()


def titles(answer: dict) -> set[str]:
    return {event["title"] for event in answer.get("events", [])}


def test_embed_carries_the_api_answer_of_its_first_view(client):
    EventFactory.create_batch(3)
    EventFactory(event_type=event_type("air-drone-strike"))
    warm()
    response = client.get("/embed/")
    found = inlined(response)
    assert found is not None
    api = client.get("/api/v1/clusters/", {"zoom": found["zoom"]})
    assert found["answer"] == api.json()  # the very answer the map would ask for
    assert found["answer"]["total"] == 4
    assert found["filters"] == {}
    assert "max-age=60" in response.headers["Cache-Control"]  # as the API's


def test_filtered_embed_carries_the_answer_of_its_filters(client):
    EventFactory.create_batch(2)  # armed clashes: battles
    EventFactory(event_type=event_type("air-drone-strike"))
    warm()
    query = {"type": "battles", "date_from": "2019-01-01", "timeline": "0"}
    found = inlined(client.get("/embed/", query))
    assert found["filters"] == {"type": "battles", "date_from": "2019-01-01"}
    assert found["answer"]["total"] == 2
    api = client.get(
        "/api/v1/clusters/?" + first.api_query(found["filters"], found["zoom"])
    )
    assert found["answer"] == api.json()


def test_inlined_answer_lists_only_published_events_even_for_staff(client):
    EventFactory(title="Published clash")
    for status in (Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED):
        EventFactory(title=f"Hidden {status}", status=status)
    staff = get_user_model().objects.create_user(
        "editor", password="x", is_staff=True, is_superuser=True
    )
    warm()
    for who in (Client(), client):
        if who is client:
            client.force_login(staff)
        response = who.get("/embed/")
        found = inlined(response)
        assert found["answer"]["total"] == 1
        assert titles(found["answer"]) == {"Published clash"}
        assert "Hidden" not in response.content.decode()


def test_hostile_title_stays_inside_the_json_element(client):
    EventFactory(title=HOSTILE)
    warm()
    response = client.get("/embed/", {"q": "<b>&"})
    html = response.content.decode()
    assert "</script><script>alert" not in html
    assert "<!--" not in html.split('id="map-first">', 1)[1].split("</script>", 1)[0]
    page = client.get("/embed/")
    assert titles(inlined(page)["answer"]) == {HOSTILE}  # read back as it is


def test_no_inlined_answer_where_the_first_view_is_not_the_world(client):
    EventFactory()
    warm()
    assert inlined(client.get("/embed/", {"at": "8/35.9/36.6"})) is None
    # a place filter: individual events, not clusters
    assert inlined(client.get("/embed/", {"place": "1"})) is None
    response = client.get("/embed/", {"date_to": "yesterday"})
    assert response.status_code == 400
    assert inlined(response) is None


def test_a_cold_process_does_not_build_an_index_for_the_page(client):
    EventFactory()
    response = client.get("/embed/")  # no index held (conftest resets it)
    assert inlined(response) is None
    assert not cluster_answers.event_clusters_ready()
    assert "max-age=300" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, "zoom=6"),
        (
            {"type": "battles,protests", "q": " a b "},
            "type=battles%2Cprotests&q=a+b&zoom=6",
        ),
        (
            {"q": "*~'()!", "date_from": "2019-01-01"},
            "date_from=2019-01-01&q=*%7E%27%28%29%21&zoom=6",
        ),
        (
            {"in_bbox": "35,32,42,37", "disputed": ""},
            "in_bbox=35%2C32%2C42%2C37&zoom=6",
        ),
    ],
)
def test_api_query_is_the_browsers(filters, expected):
    # URLSearchParams.toString() in static/maps/url.js's key order.
    assert first.api_query(filters, 6) == expected
    assert urlencode({"zoom": 6}) in expected
