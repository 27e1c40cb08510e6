"""Fault injection (issue 12): Redis stopped, restarted and frozen, a worker killed,
PostgreSQL's sessions cut, while the public API is asked and places are created.

`make test-faults` (scripts/test-faults.sh) runs these twice: in-process on SpatiaLite,
then the ones marked integration/postgis on PostGIS with real Celery workers. Each
test starts its own redis-server on a free port, so stopping it disturbs nothing
else. Measured numbers are logged and written to $FAULTS_REPORT.
"""

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from conflictmap import cache as resilient_cache
from conflictmap.celery import app as celery_app
from events import services as event_services
from events.models import Event, EventType
from events.tests.factories import EventFactory
from events.tests.test_integration import Worker, geocoded, wait_for
from places import gazetteer
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

REPO = Path(__file__).resolve().parents[2]
logger = logging.getLogger(__name__)
pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="needs redis-server (scripts/services.sh installs it)",
    ),
]
PUBLIC_URLS = [
    "/api/v1/clusters/?zoom=5",
    "/api/v1/events/",
    "/embed/",
    "/export/events.geojson",
]
# The worker-kill test's visibility timeout: production's 300 s would not fit CI's
# budget; the mechanism measured is the same (README "What survives what").
TEST_VISIBILITY_TIMEOUT = 10
RESTORE_INTERVAL = 10  # settings.CELERY_BROKER_TRANSPORT_OPTIONS
LIVENESS_BOUND = 30  # seconds: far above the ~0.5 s a frozen Redis should cost


def _measured(name: str, value: float, text: str) -> None:
    """Keep a measurement: the log, and $FAULTS_REPORT (a text file)."""
    logger.warning("measured: %s", text)
    if report := os.environ.get("FAULTS_REPORT"):
        with open(report, "a", encoding="utf-8") as out:
            out.write(f"{name} = {value}: {text}\n")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A private redis-server: as scripts/services.sh runs it (append-only file) or
    as a throw-away cache."""

    def __init__(self, directory: Path, *, persistent: bool = True) -> None:
        self.port, self.directory, self.persistent = _free_port(), directory, persistent
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> "RedisServer":
        aof = ["--appendonly", "yes", "--appendfsync", "everysec"]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--dir", str(self.directory), "--daemonize", "no",
             *(aof if self.persistent else ["--appendonly", "no"])],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return self
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        """A graceful stop (SIGTERM: Redis flushes its append-only file)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(port=self.port, db=db, socket_timeout=2)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The default cache on the private Redis, configured as settings.py makes it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "conflictmap.cache.ResilientRedisCache",
            "LOCATION": redis_server.url(1),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    resilient_cache.reset()
    yield redis_server
    resilient_cache.reset()


def _commit() -> None:
    """Run the pending on-commit hooks, as a commit would (the test is one
    transaction; see maps/tests/test_clusters._commit)."""
    hooks = transaction.get_connection().run_on_commit
    for _sids, hook, _robust in list(hooks):
        hook()
    hooks.clear()


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
def test_redis_stopped_the_public_api_still_answers(client, redis_cache):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]  # the limiter is on
    EventFactory(title="Shelling of Saraqib", place=PlaceFactory(name="Saraqib"))
    _commit()
    assert client.get(PUBLIC_URLS[0]).status_code == 200

    redis_cache.stop()

    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Shelling of Saraqib" in _body(client.get("/api/v1/events/"))


@pytest.mark.django_db
def test_redis_frozen_the_public_api_answers_within_a_bound(client, redis_cache):
    """SIGSTOP: connections open but nothing answers. Without socket timeouts each
    request waited until Redis came back."""
    EventFactory(title="Shelling of Saraqib", place=PlaceFactory(name="Saraqib"))
    _commit()
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
    _measured(
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
    _commit()
    assert b"Later retracted" in _body(client.get("/api/v1/events/"))
    EventFactory(title="Another event", place=place)
    _commit()

    redis_cache.stop()
    redis_cache.directory = redis_cache.directory / "empty"  # restarts without data
    redis_cache.directory.mkdir()
    redis_cache.start()
    event_services.event_retract(event=retracted, reason="Not confirmed.")
    _commit()

    for url in ("/api/v1/events/", "/export/events.geojson"):
        assert b"Later retracted" not in _body(client.get(url)), url
    assert client.get("/api/v1/clusters/?zoom=5").json()["total"] == 1


@pytest.fixture
def broker_at(redis_server, monkeypatch):
    """This process's Celery sends to the private Redis (not eagerly)."""
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url())

    def forget() -> None:
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    keys = ("task_always_eager", "broker_url")
    saved = {key: celery_app.conf[key] for key in keys}
    forget()
    celery_app.conf.update(task_always_eager=False, broker_url=redis_server.url())
    yield redis_server
    forget()
    celery_app.conf.update(saved)


def test_broker_restart_keeps_the_queued_jobs(broker_at):
    """services.sh ran Redis with --appendonly no: a restart lost every queued job."""
    assert "--appendonly yes" in (REPO / "scripts" / "services.sh").read_text()
    task = celery_app.tasks[place_services.GEOCODE_TASK]
    for place_id in range(1, 11):
        task.apply_async((place_id, False))
    assert broker_at.client().llen("geocoding") == 10

    broker_at.stop()
    broker_at.start()

    assert broker_at.client().llen("geocoding") == 10


# With a real worker: PostGIS (the worker must see the test database) and a broker.


def _worker_env(broker_url: str, **extra: str) -> dict[str, str]:
    db = settings.DATABASES["default"]
    database_url = "postgis://{}:{}@{}:{}/{}".format(
        quote(db["USER"], safe=""),
        quote(db["PASSWORD"], safe=""),
        db["HOST"] or "127.0.0.1",
        db["PORT"] or 5432,
        quote(db["NAME"], safe=""),
    )
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker_url,
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


@pytest.fixture
def workers(tmp_path):
    started: list[Worker] = []

    def start(env: dict[str, str]) -> Worker:
        log = tmp_path / f"worker-{len(started)}.log"
        started.append(Worker(env, log).start())
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_place_created_while_redis_is_down_is_geocoded_once_it_returns(
    broker_at, workers
):
    gazetteer.gazetteer_load_bundled()
    broker_at.stop()

    place = place_services.place_create(name="Idlib")  # commits; the send fails

    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.PENDING
    assert place.geocode_requested_at is None
    broker_at.start()
    env = _worker_env(broker_at.url())
    worker = workers(env)
    started = time.monotonic()
    sweep = subprocess.run(  # what Celery beat runs every minute, by an operator
        [sys.executable, "manage.py", "geocode", "--sweep"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "1 pending place(s) queued" in sweep.stdout

    wait_for(lambda: geocoded(place.pk), "geocoding after the sweep", worker.log)
    took = time.monotonic() - started
    _measured(
        "sweep_to_geocoded_s", round(took, 2),
        f"place created while Redis was down: geocoded {took:.1f} s after Redis "
        "returned (worker start, sweep, task)",
    )  # fmt: skip


def _blocked_worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_job_is_redelivered_within_the_visibility_timeout(
    broker_at, workers
):
    """SIGKILL mid-task with the settings' own transport options (only the timeout
    shortened through CELERY_VISIBILITY_TIMEOUT); the job's wait is measured."""
    import psycopg

    gazetteer.gazetteer_load_bundled()
    place = place_services.place_create(name="Idlib")  # queued, no worker yet
    env = _worker_env(
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
        wait_for(lambda: _blocked_worker_backends(), "a blocked task", first.log)
        blocked = _blocked_worker_backends()
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

    _measured(
        "worker_kill_redelivery_s", round(waited, 1),
        f"worker SIGKILLed mid-task: job done {waited:.1f} s after the kill "
        f"(visibility timeout {TEST_VISIBILITY_TIMEOUT} s, unacked jobs looked for "
        f"every {RESTORE_INTERVAL} s)",
    )  # fmt: skip
    assert waited < TEST_VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 30


class Gunicorn:
    """gunicorn with two workers and persistent connections on the test database."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "conflictmap.wsgi",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--log-level", "warning"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip

    def get(self, path: str) -> tuple[int, bytes]:
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(  # noqa: S310 - loopback
                f"http://127.0.0.1:{self.port}{path}", timeout=30
            ) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/api/v1/clusters/?zoom=5")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def stop(self) -> str:
        self.process.terminate()
        try:
            _out, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        return err


def _cut_database(name: str, *, allow: bool) -> None:
    """What a PostgreSQL restart does to the site's sessions, without restarting the
    cluster other runs share: every session of the test database but this test's
    ends, and new ones are refused until ``allow``."""
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, autocommit=True,
    ) as admin:  # fmt: skip
        quoted = '"' + name.replace('"', '""') + '"'
        admin.execute(
            f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS {'true' if allow else 'false'}"
        )
        if not allow:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                own = cursor.fetchone()[0]
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> %s AND pid <> pg_backend_pid()",
                [name, own],
            )


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
    env = _worker_env("memory://", DATABASE_CONN_MAX_AGE="600", API_RATE_LIMIT="")
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

        _cut_database(name, allow=False)
        for _ in range(6):
            for path in paths:
                statuses.append(server.get(path)[0])
        _cut_database(name, allow=True)
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
        _cut_database(name, allow=True)
        log = server.stop()

    assert 500 not in statuses, f"{statuses}\n{log}"
    assert set(statuses) <= {200, 503}
    assert shown, f"the write never showed: {statuses}"
    assert statuses[-1] == 200
    _measured(
        "postgresql_recovery_s", round(recovered, 2),
        f"PostgreSQL sessions cut and refused: answers {statuses}; the write shown "
        f"{recovered:.2f} s after connections were allowed again",
    )  # fmt: skip
    assert Event.objects.filter(title="Written just before the restart").exists()
