"""Fault injection (issue 12) with real processes on PostGIS: Celery workers over a
private Redis (the broker down, a worker SIGKILLed) and gunicorn while PostgreSQL's
sessions are cut (`make test-faults`: scripts/test-faults.sh runs these on PostGIS)."""

import shutil
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from events.models import Event, EventType
from events.tests.factories import EventFactory
from events.tests.test_integration import geocoded, wait_for
from maps.tests.faults import (
    PUBLIC_URLS,
    REPO,
    Gunicorn,
    blocked_worker_backends,
    cut_database,
    measured,
    worker_env_for,
)
from places import gazetteer_load
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="needs redis-server (scripts/services.sh installs it)",
    ),
]
# The worker-kill test's visibility timeout: production's 300 s would not fit CI's
# budget; the mechanism measured is the same (README "What survives what").
TEST_VISIBILITY_TIMEOUT = 10
RESTORE_INTERVAL = 10  # settings.CELERY_BROKER_TRANSPORT_OPTIONS


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_place_created_while_redis_is_down_is_geocoded_once_it_returns(
    broker_at, workers
):
    gazetteer_load.gazetteer_load_bundled()
    broker_at.stop()

    place = place_services.place_create(name="Idlib")  # commits; the send fails

    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.PENDING
    assert place.geocode_requested_at is None
    broker_at.start()
    env = worker_env_for(broker_at.url())
    worker = workers(env)
    started = time.monotonic()
    sweep = subprocess.run(  # what Celery beat runs every minute, by an operator
        [sys.executable, "manage.py", "geocode", "--sweep"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "1 pending place(s) queued" in sweep.stdout

    wait_for(lambda: geocoded(place.pk), "geocoding after the sweep", worker.log)
    took = time.monotonic() - started
    measured(
        "sweep_to_geocoded_s", round(took, 2),
        f"place created while Redis was down: geocoded {took:.1f} s after Redis "
        "returned (worker start, sweep, task)",
    )  # fmt: skip


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_job_is_redelivered_within_the_visibility_timeout(
    broker_at, workers
):
    """SIGKILL mid-task with the settings' own transport options (only the timeout
    shortened through CELERY_VISIBILITY_TIMEOUT); the job's wait is measured."""
    import psycopg

    gazetteer_load.gazetteer_load_bundled()
    place = place_services.place_create(name="Idlib")  # queued, no worker yet
    env = worker_env_for(
        broker_at.url(), CELERY_VISIBILITY_TIMEOUT=str(TEST_VISIBILITY_TIMEOUT)
    )
    db = settings.DATABASES["default"]
    locker = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432,
    )  # fmt: skip
    try:  # hold the place's row: the worker's write blocks, it is mid-task
        locker.execute(
            "SELECT id FROM events_place WHERE id = %s FOR UPDATE", [place.pk]
        )
        first = workers(env)
        wait_for(lambda: blocked_worker_backends(), "a blocked task", first.log)
        blocked = blocked_worker_backends()
        first.kill()
        killed_at = time.monotonic()
        with connection.cursor() as cursor:  # the dead worker's session ends too
            for pid in blocked:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        locker.rollback()
        locker.close()
    assert not geocoded(place.pk)

    second = workers(env)  # an ordinary worker: nothing but the settings restores
    wait_for(lambda: geocoded(place.pk), "redelivery after SIGKILL", second.log)
    waited = time.monotonic() - killed_at

    measured(
        "worker_kill_redelivery_s", round(waited, 1),
        f"worker SIGKILLed mid-task: job done {waited:.1f} s after the kill "
        f"(visibility timeout {TEST_VISIBILITY_TIMEOUT} s, unacked jobs looked for "
        f"every {RESTORE_INTERVAL} s)",
    )  # fmt: skip
    assert waited < TEST_VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 30


@pytest.mark.postgis
@pytest.mark.django_db(transaction=True)
def test_postgresql_restart_the_api_recovers_without_restarting_gunicorn(
    redis_server,
):
    """Persistent connections without health checks: one 500 per worker after a
    restart; a stale index rebuilt in the request: 500s for the whole outage."""
    EventType.objects.get_or_create(
        slug="armed-clash", defaults={"name": "Armed clash", "color": "#b2182b"}
    )
    place = PlaceFactory(name="Saraqib")
    shelling = EventFactory(title="Shelling of Saraqib", place=place)
    env = worker_env_for("memory://", DATABASE_CONN_MAX_AGE="600", API_RATE_LIMIT="")
    env |= {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "faults-test-only",
        "CACHE_URL": redis_server.url(1),  # shared by the workers, as in production
    }
    # The detail page reads the database on every request (the map's API may answer
    # from its index): it meets the dead persistent connections.
    paths = [*PUBLIC_URLS[:2], f"/events/{shelling.pk}/"]
    server = Gunicorn(env)
    name = settings.DATABASES["default"]["NAME"]
    statuses: list[int] = []
    try:
        server.wait_ready()
        for _ in range(6):  # both workers hold a connection and an index
            for path in paths:
                statuses.append(server.get(path)[0])
        EventFactory(title="Written just before the restart", place=place)

        cut_database(name, allow=False)
        for _ in range(6):
            for path in paths:
                statuses.append(server.get(path)[0])
        cut_database(name, allow=True)
        back = time.monotonic()
        deadline, shown = back + 60, False
        while not shown and time.monotonic() < deadline:
            for path in paths:  # each worker's first request after the restart
                statuses.append(server.get(path)[0])
            status, body = server.get("/api/v1/events/")
            statuses.append(status)
            shown = status == 200 and b"Written just before the restart" in body
            time.sleep(0.2)
        recovered = time.monotonic() - back
    finally:
        cut_database(name, allow=True)
        log = server.stop()

    assert 500 not in statuses, f"{statuses}\n{log}"
    assert set(statuses) <= {200, 503}
    assert shown, f"the write never showed: {statuses}"
    assert statuses[-1] == 200
    measured(
        "postgresql_recovery_s", round(recovered, 2),
        f"PostgreSQL sessions cut and refused: answers {statuses}; the write shown "
        f"{recovered:.2f} s after connections were allowed again",
    )  # fmt: skip
    assert Event.objects.filter(title="Written just before the restart").exists()
