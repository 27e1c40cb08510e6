"""Fault injection (issue 12): a private Redis, as cache and as broker, stopped,
restarted and frozen while the public API is asked (`make test-faults`)."""

import shutil
import threading
import time

import pytest
from django.conf import settings

from conflictmap.celery import app as celery_app
from events import services as event_services
from events.tests.factories import EventFactory
from maps.tests.faults import PUBLIC_URLS, REPO, body, commit_hooks, measured
from places import handoff
from places.tests.factories import PlaceFactory

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="needs redis-server (scripts/services.sh installs it)",
    ),
]
LIVENESS_BOUND = 30  # seconds: far above the ~0.5 s a frozen Redis should cost


@pytest.mark.django_db
def test_redis_stopped_the_public_api_still_answers(client, redis_cache):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]  # the limiter is on
    EventFactory(title="Shelling of Saraqib", place=PlaceFactory(name="Saraqib"))
    commit_hooks()
    assert client.get(PUBLIC_URLS[0]).status_code == 200

    redis_cache.stop()

    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Shelling of Saraqib" in body(client.get("/api/v1/events/"))


@pytest.mark.django_db
def test_redis_frozen_the_public_api_answers_within_a_bound(client, redis_cache):
    """SIGSTOP: connections open but nothing answers. Without socket timeouts each
    request waited until Redis came back."""
    EventFactory(title="Shelling of Saraqib", place=PlaceFactory(name="Saraqib"))
    commit_hooks()
    assert client.get(PUBLIC_URLS[0]).status_code == 200
    redis_cache.freeze()
    # A watchdog thaws Redis after LIVENESS_BOUND s, so that a request hanging on it
    # (as before the socket timeouts) fails this test instead of hanging the run.
    watchdog = threading.Timer(LIVENESS_BOUND, redis_cache.thaw)
    watchdog.start()
    answers: list[tuple[str, int, float]] = []
    try:
        for url in PUBLIC_URLS * 3:
            started = time.monotonic()
            status = client.get(url).status_code
            answers.append((url, status, time.monotonic() - started))
    finally:
        watchdog.cancel()
        redis_cache.thaw()

    assert [status for _url, status, _s in answers] == [200] * len(PUBLIC_URLS) * 3
    total = sum(seconds for _url, _status, seconds in answers)
    assert total < LIVENESS_BOUND, f"requests waited for the frozen Redis: {answers}"
    slowest = max(seconds for _url, _status, seconds in answers)
    measured(
        "frozen_redis_slowest_request_s", round(slowest, 3),
        f"Redis frozen (SIGSTOP): {len(answers)} requests, all 200, slowest "
        f"{slowest:.3f} s, all together {total:.2f} s",
    )  # fmt: skip


@pytest.mark.django_db
def test_redis_restarted_a_retracted_event_is_never_listed_again(client, redis_cache):
    """The version counter lived in Redis: after a restart the next write reused a
    number this process's index carried, and a retracted event stayed listed."""
    place = PlaceFactory(name="Saraqib")
    retracted = EventFactory(title="Later retracted", place=place)
    commit_hooks()
    assert b"Later retracted" in body(client.get("/api/v1/events/"))
    EventFactory(title="Another event", place=place)
    commit_hooks()

    redis_cache.stop()
    redis_cache.directory = redis_cache.directory / "empty"  # restarts without data
    redis_cache.directory.mkdir()
    redis_cache.start()
    event_services.event_retract(event=retracted, reason="Not confirmed.")
    commit_hooks()

    for url in ("/api/v1/events/", "/export/events.geojson"):
        assert b"Later retracted" not in body(client.get(url)), url
    assert client.get("/api/v1/clusters/?zoom=5").json()["total"] == 1


def test_broker_restart_keeps_the_queued_jobs(broker_at):
    """services.sh ran Redis with --appendonly no: a restart lost every queued job."""
    assert "--appendonly yes" in (REPO / "scripts" / "services.sh").read_text()
    task = celery_app.tasks[handoff.GEOCODE_TASK]
    for place_id in range(1, 11):
        task.apply_async((place_id, False))
    assert broker_at.client().llen("geocoding") == 10

    broker_at.stop()
    broker_at.start()

    assert broker_at.client().llen("geocoding") == 10
