"""A large write that only adds events (an import's new rows) is read into the live
index in a thread while the index held answers; any write that takes out or changes
an event the index holds is still read before the next answer (issue 16).

Before: the first request in each process after an import of 20,000 events read
their rows while holding the index lock, 1-2.5 s at 1M events, and every request
queued behind it waited too. The reads of the delta are held here on a
threading.Event: an answer given while one is held was not waiting for it."""

import sys
import threading

import orjson
import pytest
from django.contrib.gis.geos import Point
from django.db import transaction
from django.test import Client

from events import services as event_services
from events.models import Event
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.clusters import live
from maps.selectors import geojson_export, index_build
from maps.tests.imports import import_events, total
from places.tests.factories import PlaceFactory

# Committed for real: the delta's thread reads on its own connection (PostgreSQL
# would not show it the test's transaction).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_index_per_process"),
]
IMPORT = 1_200  # past live.BACKGROUND_FROM (1,000), under live.COMPACT_IDS


class HeldReads:
    """map_selectors._build_delta, its reads outside the test's thread held until
    ``release``; ``started`` is set when one begins; ``here`` lists how many events
    each read in the test's own thread read (the step, or all written)."""

    def __init__(self, monkeypatch) -> None:
        self.release, self.started = threading.Event(), threading.Event()
        self.here: list[int] = []
        real = index_build._build_delta

        def held(base, written, version, previous=None, step=None):
            if threading.current_thread() is threading.main_thread():
                self.here.append(len(written if step is None else step))
            else:
                self.started.set()
                assert self.release.wait(timeout=120)
            return real(base, written, version, previous, step)

        monkeypatch.setattr(index_build, "_build_delta", held)

    def finish(self) -> None:
        self.release.set()
        for thread in threading.enumerate():
            if thread.name == "cluster-delta":
                thread.join(timeout=120)


@pytest.fixture
def held(monkeypatch):
    reads = HeldReads(monkeypatch)
    yield reads
    reads.finish()


def _kept() -> Event:
    """One published event, far from the imports' village, and the index at it."""
    event = EventFactory(
        place=PlaceFactory(name="Saraqib", location=Point(38.8, 35.86)), title="Kept"
    )
    commit_hooks()
    assert total() == 1
    return event


def _titles(zoom: int = 14) -> set[str]:
    """The titles the API lists around the kept event (one each at this zoom)."""
    response = Client().get(
        f"/api/v1/clusters/?zoom={zoom}&in_bbox=38.7,35.8,38.9,35.9"
    )
    assert response.status_code == 200
    return {e["title"] for e in orjson.loads(response.content)["events"]}


def test_a_large_import_is_read_in_the_background_while_the_old_index_answers(held):
    """Before: the first answer after the import read its 1,200 rows itself."""
    _kept()
    default = sys.getswitchinterval()
    import_events(IMPORT)
    assert total() == 1  # the index held, at once: the read runs in a thread
    assert held.started.wait(timeout=60)
    assert total() == 1  # still held, still answered
    assert _titles() == {"Kept"}
    # Requests get the GIL back sooner while the thread reads.
    assert sys.getswitchinterval() == pytest.approx(live.SWITCH_INTERVAL)
    held.finish()
    assert total() == IMPORT + 1  # swapped in
    assert held.here == []  # no request read the import
    assert sys.getswitchinterval() == default


def test_after_the_swap_the_next_small_write_reads_only_its_own_event(held):
    """A small write while the import is read waits for the swap, then is read in
    the request alone (not the import's rows again)."""
    kept = _kept()
    import_events(IMPORT)
    assert total() == 1
    assert held.started.wait(timeout=60)
    EventFactory(place=kept.place, title="Written by an editor meanwhile")
    commit_hooks()
    assert total() == 1  # only inserts since the index held: it still answers
    held.finish()
    assert total() == IMPORT + 2
    assert held.here == [1]
    EventFactory(place=kept.place, title="Written by an editor after")
    commit_hooks()
    assert total() == IMPORT + 3  # the next answer, read in the request
    assert held.here == [1, 1]


def test_an_import_that_retracts_an_event_never_counts_it_meanwhile(held):
    """An import that also retracts an event the index holds: the retraction is
    read in the request (one event), the import in the thread. The answers given
    meanwhile never count or list the retracted event."""
    kept = _kept()
    import_events(IMPORT, retract=kept)
    assert total() == 0  # the retraction applied, the import not yet
    assert held.started.wait(timeout=60)
    assert held.here == [1]  # only the retracted event read in the request
    assert _titles() == set()
    assert "Kept" not in geojson_export.event_geojson_bytes().decode()
    held.finish()
    assert total() == IMPORT
    assert _titles() == set()
    assert held.here == [1]


def test_a_retraction_while_an_import_is_read_is_never_counted(held):
    """Retracted while the import's read is held: the next answer reads the
    retracted event in the request and never counts it; the held read, ending
    later, adds the import, and the retraction's version is read after it."""
    kept = _kept()
    other = EventFactory(
        place=PlaceFactory(name="Ariha", location=Point(38.75, 35.81)), title="Other"
    )
    commit_hooks()
    assert total() == 2
    held.here.clear()  # the read of ``other``
    import_events(IMPORT)
    assert total() == 2
    assert held.started.wait(timeout=60)
    event_services.event_retract(event=other, reason="Duplicate.")
    commit_hooks()
    assert total() == 1
    assert _titles() == {kept.title}
    assert held.here == [1]  # the retracted event alone, at once
    held.finish()
    assert total() == IMPORT + 1
    assert _titles() == {kept.title}
    assert held.here == [1, 1]  # then the retraction's version after the import's
    body = orjson.loads(geojson_export.event_geojson_bytes())
    titles = [f["properties"]["title"] for f in body["features"]]
    assert len(titles) == IMPORT + 1
    assert other.title not in titles


def test_a_step_adding_few_events_is_read_in_the_request(held, monkeypatch):
    """A step adding fewer than BACKGROUND_FROM events, however many it changes,
    is read as one, in the request, as before."""
    kept = _kept()
    events = [EventFactory(place=kept.place) for _ in range(4)]
    commit_hooks()
    assert total() == 5
    held.here.clear()
    monkeypatch.setattr(live, "BACKGROUND_FROM", 2)
    with transaction.atomic():
        for event in events:
            event_services.event_retract(event=event, reason="Duplicate.")
        EventFactory(place=kept.place, title="New")
    commit_hooks()
    assert total() == 2
    assert not held.started.is_set()
    assert held.here == [5]


def test_the_export_and_the_api_stay_correct_while_the_import_is_read(held):
    """While the import is read, the export and the API answer from the index held,
    as of its version: the events it holds as they are now, without the import, no
    draft; an event retracted meanwhile is read in the request and left out of
    both. Their ETags change with each."""
    kept = _kept()
    draft = EventFactory(place=kept.place, title="Draft", status=Event.Status.DRAFT)
    commit_hooks()
    client = Client()
    url = "/api/v1/clusters/?zoom=14&in_bbox=38.7,35.8,38.9,35.9"
    first = client.get(url)
    import_events(IMPORT)
    assert total() == 1
    assert held.started.wait(timeout=60)
    body = orjson.loads(geojson_export.event_geojson_bytes())
    assert [f["properties"]["title"] for f in body["features"]] == [kept.title]
    assert _titles() == {kept.title}
    assert client.get(url)["ETag"] == first["ETag"]  # the same answer
    event_services.event_retract(event=kept, reason="Not confirmed.")
    commit_hooks()
    response = client.get(url)
    assert response["ETag"] != first["ETag"]
    assert orjson.loads(response.content)["events"] == []
    assert total() == 0  # the import still being read
    assert orjson.loads(geojson_export.event_geojson_bytes())["features"] == []
    assert draft.title not in geojson_export.event_geojson_bytes().decode()
    held.finish()
    assert total() == IMPORT
    body = orjson.loads(geojson_export.event_geojson_bytes())
    titles = {f["properties"]["title"] for f in body["features"]}
    assert len(body["features"]) == IMPORT
    assert not titles & {kept.title, draft.title}
    assert client.get(url)["ETag"] != response["ETag"]


def test_a_failed_read_in_the_background_is_read_again_in_the_request(
    held, monkeypatch
):
    """A read that fails in the thread leaves the step to the next request."""
    from django.db import DatabaseError

    real = index_build._build_delta

    def failing(*args):
        if threading.current_thread() is not threading.main_thread():
            held.started.set()
            raise DatabaseError("connection lost")
        return real(*args)

    monkeypatch.setattr(index_build, "_build_delta", failing)
    _kept()
    import_events(IMPORT)
    assert total() == 1
    assert held.started.wait(timeout=60)
    assert live.delta_wait(timeout=60)
    assert total() == IMPORT + 1
