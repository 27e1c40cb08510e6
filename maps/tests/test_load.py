"""Sustained local load on gunicorn (wrk over loopback): no 5xx, no errors.

Bounded: a few seconds per URL, 16 connections, 127.0.0.1 only.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(
        shutil.which("wrk") is None, reason="needs wrk (apt install wrk)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with two workers on a demo database of its own."""
    database = tmp_path_factory.mktemp("load") / "load.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "LOAD_DATABASE_URL", f"spatialite:///{database}"
        ),
        "DJANGO_SECRET_KEY": "load-test-only",
        "DJANGO_DEBUG": "0",
        "API_RATE_LIMIT": "",  # measuring capacity, not the limiter
        "CELERY_BROKER_URL": "memory://",
    }
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "conflictmap.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/events/", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                error = process.stderr.read()[-2000:]
                process.stderr.close()
                pytest.fail(f"gunicorn did not start: {error}")
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


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
