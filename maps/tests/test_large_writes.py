"""A write of tens of thousands of events (an ACLED import, a monthly update) is
applied to the cluster index as a delta, as a small write is (issue 16): its events
are recorded (as runs of ids) and the next answer in any process includes them
without waiting for a whole rebuild. Before, past 10,000 events the write recorded
"any event" and every answer waited on a rebuild of the base (136 s at 10M events)."""

import datetime as dt
import threading

import orjson
import pytest
from django.contrib.gis.geos import Point

from events import dataversion
from events import services as event_services
from events.filters import EventFilters
from events.models import DataVersion
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.clusters import live
from maps.clusters import state as cluster_state
from maps.selectors import cluster_answers, geojson_export, index_build
from maps.tests.imports import import_events, total
from places.tests.factories import PlaceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index_per_process")]
OLD_CAP = 10_000  # events.dataversion.DIRTY_MAX_IDS before
LARGE = OLD_CAP + 50


def _hold_background_builds(monkeypatch) -> tuple[threading.Event, list]:
    """(release, started): a whole build outside the test's thread (compaction)
    waits for ``release``; ``started`` lists those that began. The index held then
    answers alone: anything new in its answers came from the delta."""
    release, started = threading.Event(), []
    real = index_build._build

    def held_build(version):
        if threading.current_thread() is not threading.main_thread():
            started.append(version)
            assert release.wait(timeout=120)
        return real(version)

    monkeypatch.setattr(index_build, "_build", held_build)
    monkeypatch.setattr(cluster_state, "SYNC_REBUILD_LIMIT", 0)  # as at 1M events
    return release, started


def _release(release: threading.Event) -> None:
    """Let the held compaction run, and wait for it to end."""
    release.set()
    for thread in threading.enumerate():
        if thread.name == "cluster-index":
            thread.join(timeout=120)


def _as_another_process() -> None:
    """What a second worker holds: the same base (the machine's shared copy), no
    live index or version read of its own yet."""
    live._current.update(live=None, written=None, step=None)
    with dataversion._seen_lock:
        dataversion._seen.update(version=0, read_at=float("-inf"))


# Committed for real: the compaction's thread reads the database on its own
# connection (PostgreSQL would not show it the test's transaction).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_past_the_old_cap_is_applied_as_a_delta_in_another_process(
    monkeypatch,
):
    """Before: the record said "any event" and the answer was the old base's (1
    event) until a whole rebuild, here held, ended."""
    kept = EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    commit_hooks()
    assert total() == 1
    base = index_build.event_cluster_index()
    release, started = _hold_background_builds(monkeypatch)
    try:
        ids = import_events(LARGE)
        record = DataVersion.objects.latest("pk").dirty
        assert record == {"runs": [[ids[0], ids[-1]]]}  # compact: one run
        _as_another_process()
        assert total() == LARGE + 1  # the delta, the base still building
        assert index_build.event_cluster_index() is base
        answer = cluster_answers.event_clusters(
            filters=EventFilters(date_from=dt.date(2019, 1, 1)), zoom=6
        )
        assert answer["total"] == LARGE + 1
        EventFactory(place=kept.place, title="One more")  # a small write after it
        commit_hooks()
        assert total() == LARGE + 2
    finally:
        _release(release)
    assert len(started) <= 1  # at most the one compaction, in the background
    assert total() == LARGE + 2


# Committed for real: the compaction's thread reads the database on its own
# connection (PostgreSQL would not show it the test's transaction).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_retraction_inside_a_big_write_is_never_counted_or_listed(monkeypatch):
    """The event retracted in the import's own transaction, and one retracted in a
    later write, are gone from the very next count and export while the base (which
    holds both) is rebuilt. Before: both counted until the rebuild."""
    inside, after, kept = (  # far apart: each listed alone at zoom 10
        EventFactory(
            place=PlaceFactory(name=f"Town {i}", location=Point(38.0 + i, 35.0)),
            title=title,
        )
        for i, title in enumerate(
            ("Retracted in the import", "Retracted after it", "Kept")
        )
    )
    commit_hooks()
    assert total() == 3
    geojson_export.event_geojson_bytes()  # the base's Features cached
    base = index_build.event_cluster_index()
    release, _started = _hold_background_builds(monkeypatch)
    try:
        import_events(LARGE, retract=inside)
        _as_another_process()
        assert total() == LARGE + 2
        event_services.event_retract(event=after, reason="Duplicate.")
        commit_hooks()
        assert total() == LARGE + 1
        assert index_build.event_cluster_index() is base
        listed = cluster_answers.event_clusters(filters=EventFilters(), zoom=10)
        listed = orjson.loads(orjson.dumps(listed))
        assert [e["title"] for e in listed["events"]] == ["Kept"]
        body = orjson.loads(geojson_export.event_geojson_bytes())
        titles = {f["properties"]["title"] for f in body["features"]}
        assert len(titles) == LARGE + 1
        assert kept.title in titles
        assert not titles & {inside.title, after.title}
    finally:
        _release(release)
    assert total() == LARGE + 1


def test_a_write_past_the_cap_still_counts_as_any_event(monkeypatch):
    """DIRTY_MAX_IDS still bounds what is recorded (then the base is rebuilt)."""
    monkeypatch.setattr(dataversion, "DIRTY_MAX_IDS", 5)
    import_events(6)
    assert DataVersion.objects.latest("pk").dirty is None


def test_ids_are_stored_as_runs_past_runs_from():
    small = [3, 4, 9]
    assert dataversion.encode_ids(small) == small
    many = [*range(100, 100 + dataversion.RUNS_FROM), 5000, 7000, 7001]
    encoded = dataversion.encode_ids(reversed(many))
    assert encoded == {"runs": [[100, 99 + dataversion.RUNS_FROM], 5000, [7000, 7001]]}
    assert list(dataversion.decode_ids(encoded)) == many
    assert list(dataversion.decode_ids(small)) == small
