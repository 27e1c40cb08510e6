"""Sustained local load on gunicorn (wrk over loopback): no 5xx, no errors.

Bounded: a few seconds per URL, 16 connections, 127.0.0.1 only.
"""

import os
import re
import shutil
import subprocess

import pytest

from maps.tests.faults import Gunicorn, manage

pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(
        shutil.which("wrk") is None, reason="needs wrk (apt install wrk)"
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory, migrated_spatialite):
    """gunicorn with two workers on a demo database of its own."""
    database = tmp_path_factory.mktemp("load") / "load.sqlite3"
    own_url = os.environ.get("LOAD_DATABASE_URL")
    env = {
        **os.environ,
        "DATABASE_URL": own_url or f"spatialite:///{database}",
        "DJANGO_SECRET_KEY": "load-test-only",
        "DJANGO_DEBUG": "0",
        "API_RATE_LIMIT": "",  # measuring capacity, not the limiter
        "CELERY_BROKER_URL": "memory://",
    }
    if own_url:
        manage(env, "migrate", "--noinput")
    else:
        migrated_spatialite(database)
    manage(env, "load_demo")
    web = Gunicorn(env)
    web.wait_ready("/api/v1/events/")
    yield web.base
    web.stop()


def _wrk(url: str) -> str:
    result = subprocess.run(
        # A starved CPU (the suite beside other work on 2 cores) makes answers slow,
        # not wrong: speed is the benchmark's business, so the client waits 30 s
        # and only errors (connect, read, write, 5xx) fail the test.
        ["wrk", "-t2", "-c16", "-d3s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events/",
        "/api/v1/events/?type=battles&date_from=2019-07-01",
        "/",
        "/embed/",
    ],
)
def test_sustained_load_gets_no_errors(server, path):
    report = _wrk(server + path)
    requests = int(re.search(r"(\d+) requests in", report).group(1))
    assert requests > 0, report
    assert "Non-2xx or 3xx responses" not in report, report
    assert "Socket errors" not in report, report
