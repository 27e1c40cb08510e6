"""Writes made by manage.py reach every web worker through the shared data version.

As found (issue 11): with a per-process cache, an import or restore run from the
command line stayed invisible to the gunicorn workers for up to 300 s. With the shared
cache production now requires (events.E001), the command's on-commit bump tells every
worker at its next request."""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from events import dataversion
from events.models import Event
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "data" / "interchange" / "geojson_sample.geojson"
IMPORTED = "Syrian army recaptures Kafr Nabudah"


@pytest.mark.django_db
def test_import_events_bumps_the_data_version():
    before = dataversion.clusters_version()
    call_command("import_events", "--format", "geojson", str(SAMPLE))
    commit_hooks()
    assert dataversion.clusters_version() > before


@pytest.mark.django_db
def test_restore_bumps_the_data_version(tmp_path):
    EventFactory(title="Backed up")
    path = tmp_path / "backup.json.gz"
    call_command("backup", out=path)
    Event.objects.all().delete()
    commit_hooks()
    before = dataversion.clusters_version()
    call_command("restore", path)
    commit_hooks()
    assert dataversion.clusters_version() > before


# --- a real second process: gunicorn workers and a manage.py command ----------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"{what} did not start")
            time.sleep(0.2)


@pytest.fixture
def site(tmp_path, migrated_spatialite):
    """gunicorn (two workers) and a private Redis as the shared cache, over a
    SpatiaLite file the test's commands write to as well."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (apt install redis-server)")
    redis_port, web_port = _free_port(), _free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _wait_port(redis_port, redis, "redis-server")
    env = {
        **os.environ,
        "DATABASE_URL": f"spatialite:///{tmp_path / 'site.sqlite3'}",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_SECRET_KEY": "visibility-test-only",
        "DJANGO_DEBUG": "0",
        "API_RATE_LIMIT": "",
        "CELERY_BROKER_URL": "memory://",
        "LOG_LEVEL": "ERROR",
    }
    migrated_spatialite(tmp_path / "site.sqlite3")
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "conflictmap.wsgi",
         "--bind", f"127.0.0.1:{web_port}", "--workers", "2", "--log-level", "error"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _wait_port(web_port, web, "gunicorn")
    yield f"http://127.0.0.1:{web_port}", env
    web.terminate()
    web.wait(timeout=20)
    redis.terminate()
    redis.wait(timeout=10)


def _titles_seen(base: str, rounds: int = 10) -> list[set[str]]:
    """Titles of /api/v1/events/ from two clients at once (so both workers answer)."""
    seen: list[set[str]] = []

    def client() -> None:
        for _ in range(rounds):
            with urllib.request.urlopen(base + "/api/v1/events/", timeout=60) as r:
                body = json.loads(r.read())
            seen.append({f["properties"]["title"] for f in body["features"]})

    threads = [threading.Thread(target=client) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return seen


def test_an_import_from_manage_py_shows_in_every_worker_at_once(site):
    base, env = site
    assert all(IMPORTED not in titles for titles in _titles_seen(base))  # warm
    subprocess.run(
        [sys.executable, "manage.py", "import_events", "--format", "geojson",
         str(SAMPLE), "--status", "published"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    seen = _titles_seen(base)
    assert len(seen) == 20
    assert all(IMPORTED in titles for titles in seen)
