"""The public read path while Redis is down or after it restarted (issue 12,
reproductions 2 and 3)."""

import pytest
from django.core.cache import cache
from django.db import transaction

from events import services as event_services
from events.tests.factories import EventFactory
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
PUBLIC_URLS = [
    "/api/v1/clusters/?zoom=5",
    "/api/v1/events/",
    "/embed/",
    "/",
    "/export/events.geojson",
    "/export/events.csv",
]


def _commit() -> None:
    """Run and drop the pending on-commit hooks, as a real commit would (see
    maps/tests/test_clusters._commit: the test is one transaction)."""
    connection = transaction.get_connection()
    for _sids, hook, _robust in list(connection.run_on_commit):
        hook()
    connection.run_on_commit.clear()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_answer_with_the_cache_down(client, settings, cache_down, url):
    """The rate limiter's cache.get used to raise: every API request was a 500."""
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]  # limiter on
    EventFactory(title="Shelling of Saraqib", place=PlaceFactory(name="Saraqib"))
    _commit()

    response = client.get(url)

    assert response.status_code == 200
    if url.startswith(("/api/v1/events/", "/export/")):
        assert b"Shelling of Saraqib" in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


def test_a_cache_restart_never_passes_stale_data_for_fresh(client):
    """The counter lived in Redis: after a restart it began at 0 again and the next
    write reused a number this process's index already carried, so a retracted
    event stayed listed on the public map."""
    place = PlaceFactory(name="Saraqib")
    retracted = EventFactory(title="Later retracted", place=place)
    _commit()
    assert b"Later retracted" in client.get("/api/v1/events/").content  # index built
    EventFactory(title="Another event", place=place)
    _commit()  # a write this process's index has not seen yet
    cache.clear()  # Redis restarted without its data

    event_services.event_retract(event=retracted, reason="Not confirmed.")
    _commit()

    assert b"Later retracted" not in client.get("/api/v1/events/").content
    clusters = client.get("/api/v1/clusters/?zoom=5").json()
    assert clusters["total"] == 1
