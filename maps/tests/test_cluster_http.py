"""The cluster API over HTTP: JSON with ETag and cache headers, one data-version read,
kept answers (never past a write or a stale index), 400 on bad input."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import pytest
from django.contrib.gis.geos import Point

from events import dataversion
from events import services as event_services
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.forms import EventFilterForm
from maps.selectors import index_build
from maps.tests.clusterworld import URL, client  # noqa: F401 (fixtures)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


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
