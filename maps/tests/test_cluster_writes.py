"""The cluster index after writes: invalidated by publish, retract, merge and geocoding;
a recorded write counted at once; a stale index never shows an unpublished title."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import pytest
from django.contrib.gis.geos import Point

from events import dataversion
from events import services as event_services
from events.filters import EventFilters
from events.models import Event, EventActor
from events.tests.commits import commit_hooks
from events.tests.factories import ActorFactory, EventFactory
from maps.clusters import state as cluster_state
from maps.selectors import index_build
from maps.tests.clusterworld import URL, answer, client  # noqa: F401 (fixtures)
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


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
