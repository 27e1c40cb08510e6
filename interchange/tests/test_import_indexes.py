"""An import records what it touched (issue 16): the map's cluster index and the
control index apply it to what they hold instead of a whole rebuild; an import past
DIRTY_MAX_IDS rebuilds the cluster index once, in a thread, while the index held
answers with the writes recorded after it (a retraction) already applied."""

import datetime as dt
import threading

import pytest
from django.contrib.gis.geos import Point

from control import live as control_live
from control import selectors as control_selectors
from events import dataversion
from events import services as event_services
from events.filters import EventFilters
from events.models import DataVersion, Event
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from interchange import files
from interchange.tests.samples import _acled_csv
from maps.clusters import state as cluster_state
from maps.selectors import cluster_answers, geojson_export, index_build
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_indexes():
    cluster_state.index_reset()
    control_live.index_reset()
    yield
    cluster_state.index_reset()
    control_live.index_reset()


def _total() -> int:
    return cluster_answers.event_clusters(filters=EventFilters(), zoom=6)["total"]


def _imported(*external_ids: str) -> list[int]:
    return sorted(
        Event.objects.filter(external_id__in=external_ids).values_list("pk", flat=True)
    )


def _built(*, cluster_base, control_full: int) -> None:
    """Both indexes answer without a whole build since ``cluster_base`` and
    ``control_full`` (the control index's whole builds then)."""
    assert index_build.event_cluster_index() is cluster_base
    control_selectors.control_index()
    control_live.rebuild_wait(timeout=60)
    assert control_live.stats["full"] == control_full


def test_a_small_import_is_applied_to_both_indexes_without_a_whole_build(tmp_path):
    """Before: the import recorded its events but not its places (any place), so
    the control index was rebuilt whole after every import."""
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    commit_hooks()
    assert _total() == 1
    base = index_build.event_cluster_index()
    control_selectors.control_index()
    full = control_live.stats["full"]
    path = _acled_csv(
        tmp_path,
        [
            {"event_id_cnty": "SYR1", "location": "Kabani"},
            {"event_id_cnty": "SYR2", "location": "Hobait", "latitude": "35.1"},
        ],
    )
    files.event_import_file(path=path, fmt="acled", status="published")
    commit_hooks()
    record = DataVersion.objects.latest("pk")
    assert record.dirty == _imported("SYR1", "SYR2")
    assert record.scope["events"] == record.dirty
    assert record.scope["places"] is not None
    assert _total() == 3
    _built(cluster_base=base, control_full=full)


def test_an_import_locating_a_waiting_place_names_that_places_events(tmp_path):
    """A place still waiting for the geocoder takes the row's point (a save of the
    place). Before: a place's save counted as a change of any event, so the map's
    index was rebuilt whole."""
    waiting = PlaceFactory(
        name="Kabani", location=None, geocode_status="pending", provenance="import"
    )
    earlier = EventFactory(place=waiting)  # public, but not on the map: no point
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    commit_hooks()
    assert _total() == 1
    base = index_build.event_cluster_index()
    control_selectors.control_index()
    full = control_live.stats["full"]
    files.event_import_file(
        path=_acled_csv(tmp_path, [{"event_id_cnty": "SYR1", "location": "Kabani"}]),
        fmt="acled",
        status="published",
    )
    commit_hooks()
    waiting.refresh_from_db()
    assert waiting.location is not None
    assert dataversion.dirty_since(base.counter, dataversion.clusters_version()) == {
        earlier.pk,
        *_imported("SYR1"),
    }
    assert _total() == 3  # the earlier event now has a point, and the new one
    _built(cluster_base=base, control_full=full)


def test_geocoding_a_place_names_its_events_only():
    """The geocoder's conditional update (no post_save) says which place it moved.
    Before: any event, a whole rebuild per geocoded place (an import of rows
    without coordinates geocodes each of its new places after the commit)."""
    place = PlaceFactory(name="Saraqib", location=None, geocode_status="pending")
    event = EventFactory(place=place)
    EventFactory(place=PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61)))
    commit_hooks()
    assert _total() == 1
    base = index_build.event_cluster_index()
    place_services.place_geocode(place=place)
    commit_hooks()
    place.refresh_from_db()
    assert place.location is not None
    assert DataVersion.objects.latest("pk").dirty == [event.pk]
    assert _total() == 2
    assert index_build.event_cluster_index() is base


def test_a_new_place_saved_alone_changes_no_event():
    """A place created (by an import's place_get_or_create, the ingest) has no event
    yet: recorded as such, not as a change of any event."""
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    commit_hooks()
    base = index_build.event_cluster_index()
    place_services.place_get_or_create(name="Tell Afis", admin1="Idlib")
    commit_hooks()
    assert Place.objects.filter(name="Tell Afis").exists()
    record = DataVersion.objects.latest("pk")
    assert record.dirty == []
    assert _total() == 1
    assert index_build.event_cluster_index() is base


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_import_rebuilds_in_a_thread_while_a_later_retraction_shows_at_once(
    tmp_path, monkeypatch
):
    """Past DIRTY_MAX_IDS an import records "any event": the base is rebuilt in a
    real second thread (held here until the end) while the index held answers at
    once. Before: until that rebuild ended (minutes at 1M events) the index held
    ignored every later write too, so an event retracted after the import was
    still counted."""
    monkeypatch.setattr(dataversion, "DIRTY_MAX_IDS", 2)  # 3 rows are "large"
    monkeypatch.setattr(cluster_state, "SYNC_REBUILD_LIMIT", 0)  # as at 1M events
    kept = EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    kafr_nabl = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    sibling = EventFactory(place=kafr_nabl)
    retracted = EventFactory(place=kafr_nabl)  # a cluster of two with its sibling
    assert _total() == 3
    base = index_build.event_cluster_index()
    release, started = _hold_background_builds(monkeypatch, index_build)
    _import_three_villages(tmp_path)
    assert DataVersion.objects.latest("pk").dirty is None  # any event
    event_services.event_retract(event=retracted, reason="Not confirmed.")
    try:
        answer = cluster_answers.event_clusters(filters=EventFilters(), zoom=6)
        assert started.wait(timeout=60)  # the rebuild runs, this answer did not wait
        assert index_build.event_cluster_index() is base
        titles = {e["title"] for e in answer["events"]}
        assert answer["total"] == 2  # the import shows at the rebuild
        assert titles == {kept.title, sibling.title}
        assert retracted.title not in geojson_export.event_geojson_bytes().decode()
    finally:
        release.set()
    for thread in threading.enumerate():
        if thread.name == "cluster-index":
            thread.join(timeout=120)
    assert _total() == 5
    assert index_build.event_cluster_index() is not base


def _hold_background_builds(monkeypatch, selectors) -> tuple:
    """(release, started): a whole build in a background thread waits for
    ``release`` (``started`` says it began); builds in the test's own thread run."""
    release, started = threading.Event(), threading.Event()
    real = selectors._build

    def held_build(version):
        if threading.current_thread() is not threading.main_thread():
            started.set()
            assert release.wait(timeout=120)
        return real(version)

    monkeypatch.setattr(selectors, "_build", held_build)
    return release, started


def _import_three_villages(tmp_path) -> None:
    rows = [
        {"event_id_cnty": f"SYR{n}", "location": f"Village {n}"} for n in range(1, 4)
    ]
    files.event_import_file(
        path=_acled_csv(tmp_path, rows), fmt="acled", status="published"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_large_import_the_control_layer_drops_a_retracted_capture_at_once(
    tmp_path, monkeypatch
):
    """The control index after an import past NAMED_MAX_IDS: rebuilt whole in a
    thread (held here), while the index held already applies the retraction that
    followed. Before: the index held ignored it until the rebuild ended."""
    from events.tests.factories import ActorFactory, EventActorFactory, event_type

    monkeypatch.setattr(dataversion, "DIRTY_MAX_IDS", 2)
    monkeypatch.setattr(dataversion, "NAMED_MAX_IDS", 2)  # the control layer's cap
    place = PlaceFactory(name="Kabani", location=Point(36.3, 35.7))
    capture = EventFactory(
        place=place,
        event_type=event_type("non-state-actor-overtakes-territory"),
        date_start=dt.date(2019, 5, 8),
    )
    EventActorFactory(
        event=capture, actor=ActorFactory(name="Rebels"), role="initiator"
    )
    day = dt.date(2019, 6, 1)
    assert place.pk in control_selectors.control_index().periods
    release, started = _hold_background_builds(monkeypatch, control_selectors)
    _import_three_villages(tmp_path)
    event_services.event_retract(event=capture, reason="Not confirmed.")
    try:
        index = control_selectors.control_index()
        assert started.wait(timeout=60)  # the whole rebuild runs meanwhile
        assert place.pk not in index.periods
        assert index.at(day, None) == []
    finally:
        release.set()
    control_live.rebuild_wait(timeout=120)
    assert place.pk not in control_selectors.control_index().periods
