"""Fixtures of the maps tests: one cluster index per process (`fresh_index_per_process`),
one Chromium per module of browser tests (`chromium`) and the fault-injection suite's
(maps/tests/faults.py, test_faults_*.py). Every test
already starts and ends without the process's cluster index (the root conftest's
`_fresh_cluster_index`)."""

import pytest

from conflictmap import cache as resilient_cache
from conflictmap.celery import app as celery_app
from events.tests.test_integration import Worker
from maps.clusters import state as cluster_state
from maps.tests.faults import RedisServer


@pytest.fixture
def fresh_index_per_process(settings):
    """A fresh cluster index, one per process (the shared copy: test_store)."""
    settings.MAP_INDEX_DIR = ""
    cluster_state.index_reset()
    yield
    cluster_state.index_reset()


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


@pytest.fixture(scope="module")
def chromium():
    """One Playwright driver and Chromium per module of browser tests; each test's
    page is a new context of it (maps/tests/browser.py SharedBrowser)."""
    from maps.tests.browser import shared_browser

    with shared_browser() as shared:
        yield shared
