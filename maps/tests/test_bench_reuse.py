"""bench/mapbench.py --reuse on a database that an earlier run's import wrote to.

Found at 10M events: the import scenario (bench/importvisible.py) left its 20,000
events and one retraction behind, so the next ``--reuse`` run counted 10,020,000
events, not the 10,000,000 asked for, and generated and loaded everything again."""

from pathlib import Path

import pytest

from bench import importvisible, mapbench_env
from events import services as event_services
from events.models import Correction, Event
from events.tests.factories import EventFactory
from interchange import files
from places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def acled_rows():
    path = importvisible.acled_file(4)
    yield path
    path.unlink(missing_ok=True)
    Path(path).parent.rmdir()


def test_reuse_finds_the_loaded_data_after_an_import_run(acled_rows):
    loaded = EventFactory.create_batch(6)
    places = Place.objects.count()
    other = loaded[1]  # retracted for a reason of its own: stays retracted
    event_services.event_retract(event=other, reason="Not confirmed.")
    # What the import scenario does, and leaves behind.
    report = files.event_import_file(path=acled_rows, fmt="acled", status="published")
    assert report.created == 4
    event_services.event_retract(event=loaded[0], reason=importvisible.REASON)
    assert Event.objects.count() == 10

    assert mapbench_env.reusable(6, places)

    assert set(Event.objects.values_list("pk", flat=True)) == {e.pk for e in loaded}
    assert Place.objects.count() == places
    loaded[0].refresh_from_db()
    assert loaded[0].status == Event.Status.PUBLISHED
    assert loaded[0].retraction_reason == ""
    assert not Correction.objects.filter(event=loaded[0]).exists()
    other.refresh_from_db()
    assert other.status == Event.Status.RETRACTED
    assert Correction.objects.filter(event=other).count() == 1


def test_reuse_still_refuses_data_of_another_size():
    EventFactory.create_batch(3)
    assert not mapbench_env.reusable(4, 0)
    assert not mapbench_env.reusable(3, Place.objects.count() + 1)
    assert mapbench_env.reusable(3, Place.objects.count())
