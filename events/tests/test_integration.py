"""A real Celery worker over a real Redis geocodes places in the shared test database.

Runs only with CELERY_BROKER_URL=redis://… and DATABASE_URL=postgis://… (see .ci/run):
the worker is a separate process, so it must reach the very database pytest-django
created, which the in-memory SpatiaLite test database cannot offer.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import orjson
import pytest
from django.conf import settings
from django.db import connection

from conflictmap.celery import app as celery_app
from events.models import EventType
from places.models import Place

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
IDLIB_LON, IDLIB_LAT = 36.63, 35.93
WAIT_SECONDS = 60
TASK_NAME = "places.tasks.place_geocode_task"
# The restarted worker gets a short Redis visibility timeout so the message the killed
# worker left unacknowledged is redelivered at once instead of after an hour.
RESTORING_WORKER = (
    "import sys; from conflictmap.celery import app; "
    "app.conf.broker_transport_options = {'visibility_timeout': 2, "
    "'unacked_restore_interval': 1, 'unacked_restore_throttle': 1}; "
    "app.worker_main(sys.argv[1:])"
)


class Worker:
    """``celery -A conflictmap worker`` in its own process group, logging to a file."""

    def __init__(self, env: dict[str, str], log_path: Path, *, restoring: bool = False):
        self.env, self.log_path, self.restoring = env, log_path, restoring
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        if self.restoring:
            command = [sys.executable, "-c", RESTORING_WORKER, "worker"]
        else:
            command = [sys.executable, "-m", "celery", "-A", "conflictmap", "worker"]
        command += [
            "-Q", "default,geocoding", "-c", "1", "-l", "info",
            "-n", f"it-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: the pool dies with it
            )
        return self

    def kill(self) -> None:
        """SIGKILL the main process and its pool: no warm shutdown, no acks."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGQUIT)  # cold shutdown: tests are done
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def wait_for(condition: Callable[[], bool], what: str, worker_log: Callable[[], str]):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(
        f"{what} did not happen within {WAIT_SECONDS}s; worker log:\n{worker_log()}"
    )


def purge_broker() -> None:
    """Drop messages a previous, aborted run may have left in our queues."""
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in ("default", "geocoding"):
            channel.queue_purge(queue)
        channel.client.delete("unacked", "unacked_index")


@pytest.fixture
def worker_env(transactional_db, tmp_path) -> dict[str, str]:
    """Environment for a worker that shares this test's database and broker."""
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgis"):
        pytest.skip(
            "integration tests need DATABASE_URL=postgis://…: a worker process "
            "cannot see the in-memory SpatiaLite test database"
        )
    assert celery_app.conf.task_always_eager is False, "tasks would run in-process"
    purge_broker()
    database_url = "postgis://{}:{}@{}:{}/{}".format(
        quote(db["USER"], safe=""),
        quote(db["PASSWORD"], safe=""),
        db["HOST"] or "127.0.0.1",
        db["PORT"] or 5432,
        quote(db["NAME"], safe=""),  # pytest-django's test database, after set-up
    )
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture
def start_worker(worker_env, tmp_path) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def start(*, restoring: bool = False) -> Worker:
        log_path = tmp_path / f"worker-{len(workers)}.log"
        workers.append(Worker(worker_env, log_path, restoring=restoring).start())
        return workers[-1]

    yield start
    for worker in workers:  # before the test database is flushed or dropped
        worker.stop()


def geocoded(place_id: int) -> bool:
    place = Place.objects.get(pk=place_id)
    return (
        place.geocode_status == Place.GeocodeStatus.DONE and place.location is not None
    )


def test_worker_geocodes_a_new_place_from_the_gazetteer(start_worker):
    from places import gazetteer_load
    from places import services as place_services

    assert gazetteer_load.gazetteer_load_bundled() > 0
    worker = start_worker()

    place = place_services.place_create(name="Idlib")

    wait_for(lambda: geocoded(place.pk), "geocoding Idlib", worker.log)
    place.refresh_from_db()
    assert place.location.x == pytest.approx(IDLIB_LON, abs=0.1)
    assert place.location.y == pytest.approx(IDLIB_LAT, abs=0.1)
    assert f"Task {TASK_NAME}[" in worker.log()  # done by the worker, not in-process


def test_task_for_a_deleted_place_is_a_no_op(start_worker):
    from places import gazetteer_load, tasks

    gazetteer_load.gazetteer_load_bundled()
    place = Place.objects.create(name="Idlib")  # no enqueue: the task is sent below
    place_id = place.pk
    place.delete()
    worker = start_worker()

    result = tasks.place_geocode_task.delay(place_id)

    succeeded = f"Task {TASK_NAME}[{result.id}] succeeded"
    wait_for(lambda: succeeded in worker.log(), "the task finishing", worker.log)
    assert f"Task {TASK_NAME}[{result.id}] retry" not in worker.log()
    assert not Place.objects.filter(pk=place_id).exists()


def worker_backends_waiting_on_a_lock() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def test_place_is_geocoded_after_the_worker_is_killed_mid_task(start_worker):
    """acks_late: a task lost with its worker (SIGKILL) runs again on the next one."""
    import psycopg

    from places import gazetteer_load
    from places import services as place_services

    gazetteer_load.gazetteer_load_bundled()
    place = place_services.place_create(
        name="Idlib"
    )  # queued; no worker is running yet
    db = settings.DATABASES["default"]
    locker = psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    try:
        # Hold the place's row so the worker's write blocks: it is now mid-task.
        locker.execute(
            "SELECT id FROM events_place WHERE id = %s FOR UPDATE", [place.pk]
        )
        first = start_worker()
        wait_for(
            lambda: worker_backends_waiting_on_a_lock(), "a blocked task", first.log
        )
        blocked = worker_backends_waiting_on_a_lock()
        first.kill()
        # PostgreSQL notices a vanished client only when it next writes to it; end
        # the dead worker's session so its pending write cannot commit later.
        with connection.cursor() as cursor:
            for pid in blocked:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        locker.rollback()
        locker.close()
    assert not geocoded(place.pk)  # the killed worker did not finish

    time.sleep(2.5)  # past the restarted worker's visibility timeout
    second = start_worker(restoring=True)

    wait_for(lambda: geocoded(place.pk), "geocoding after the restart", second.log)
    place.refresh_from_db()
    assert place.location.x == pytest.approx(IDLIB_LON, abs=0.1)
    assert place.location.y == pytest.approx(IDLIB_LAT, abs=0.1)


WRITER = (  # another process of the site: edits one event through the model
    "import sys, django; django.setup(); from events.models import Event; "
    "event = Event.objects.get(pk=int(sys.argv[1])); "
    "event.title = 'Edited in another process'; event.save()"
)


def test_a_write_in_another_process_shows_in_the_next_answer(worker_env):
    """Two processes over one database and Redis cache: the writer's bump carries the event it
    touched, so this process's next answer applies it to its index (a delta, no
    rebuild), with the new title, and keeps every other cached Feature."""
    from django.test import override_settings

    from events import dataversion
    from events.tests.factories import EventFactory
    from maps.clusters import state as cluster_state
    from maps.selectors import cluster_answers, geojson_export, index_build
    from places.tests.factories import PlaceFactory

    redis_url = settings.CELERY_BROKER_URL.rsplit("/", 1)[0] + "/5"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    # The per-Feature path and its cache (MAP_INDEX_FEATURES off: no encoded Features
    # in the index file); the blob path after a delta is test_feature_blob.py's.
    with override_settings(CACHES=caches, MAP_INDEX_FEATURES=False):
        from django.core.cache import cache

        cache.clear()
        cluster_state.index_reset()
        EventType.objects.get_or_create(  # a transactional test starts empty
            slug="armed-clash", defaults={"name": "Armed clash", "color": "#b2182b"}
        )
        place = PlaceFactory(name="Saraqib")
        edited, kept = EventFactory(place=place), EventFactory(place=place)
        geojson_export.event_geojson_bytes()  # fills this process's cache
        before = index_build.event_cluster_index()
        version = dataversion.clusters_version()

        subprocess.run(  # noqa: S603 - our interpreter, fixed code
            [sys.executable, "-c", WRITER, str(edited.pk)],
            cwd=REPO,
            env={**worker_env, "CACHE_URL": redis_url},
            check=True,
            timeout=120,
        )

        # seen through the database (VERSION_TTL later without fresh)
        assert dataversion.clusters_version(fresh=True) == version + 1
        assert dataversion.dirty_record(version + 1) == [edited.pk]
        cached = before.features[kept.pk]
        answer = orjson.loads(
            cluster_answers.event_clusters_bytes(filters=None, zoom=15)
        )
        assert {e["title"] for e in answer["events"]} == {
            "Edited in another process",
            kept.title,
        }
        body = geojson_export.event_geojson_bytes()
        assert index_build.event_cluster_index() is before  # no rebuild
        assert b"Edited in another process" in body
        assert before.features[kept.pk] is cached
        cache.clear()
    cluster_state.index_reset()
