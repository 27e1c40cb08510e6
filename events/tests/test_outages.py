"""Events keep being written and versioned while Redis (the cache) is down (issue 12)."""

import datetime as dt

import pytest

from events import services
from events.models import Event
from events.tests.factories import event_type
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_event_create_and_publish_with_the_cache_down_commit_once(
    cache_down, django_capture_on_commit_callbacks
):
    """The on-commit version bump used to raise ConnectionError after the commit: the
    caller saw an error, retried, and left a duplicated draft."""
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_create(
            title="Shelling of Saraqib",
            event_type=event_type(),
            date_start=dt.date(2024, 5, 1),
            place=PlaceFactory(name="Saraqib"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event=event)

    published = Event.objects.filter(title="Shelling of Saraqib")
    assert [e.status for e in published] == [Event.Status.PUBLISHED]
