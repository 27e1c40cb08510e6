"""Anonymous clients hammering exports within their limits do not slow others down.

Bounded load on loopback (marked ``load``): gunicorn with two sync workers sharing a
Redis cache (a private redis-server on a free port), 4,000 published events; four anonymous clients (each its own address,
through X-Forwarded-For) ask for standalone maps and GeoJSON downloads of ever
different views as fast as they are answered, while a fifth client times a small API
request. The victim's p50 with and without the attack is printed (and written to
test-output/load-exports.json); the assertions check what the guard must do, never a
duration: the victim is never refused, the attackers get only 200, 429 or 503, and
renders are bounded (some refused)."""

import json
import os
import shutil
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from maps.tests.faults import Gunicorn, RedisServer, manage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(
        shutil.which("redis-server") is None,
        reason="needs redis-server (apt install redis-server)",
    ),
]

EVENTS = 4000
ATTACKERS = 4
# The guard engages within the first round of exports (four clients, fewer render
# slots); 10 s of attack and 3 s alone are enough for the assertions (CI time).
ATTACK_SECONDS = 10
BASELINE_SECONDS = 3
VICTIM = "/api/v1/events/?in_bbox=36.5,35.5,36.8,35.9&date_from=2019-01-01"
SEED = """
import datetime as dt
from django.contrib.gis.geos import Point
from events.models import Event, EventType
from places.models import Place
types = list(EventType.objects.filter(parent__isnull=False)[:10])
places = Place.objects.bulk_create(
    Place(name=f"Load place {i}", location=Point(36 + i / 100, 35 + i / 100, srid=4326),
          geocode_status="done")
    for i in range(200)
)
Event.objects.bulk_create(
    Event(title=f"Load event {i}", summary="Shelling reported " * 10,
          event_type=types[i % len(types)], place=places[i % len(places)],
          date_start=dt.date(2015, 1, 1) + dt.timedelta(days=i % 3000),
          status="published")
    for i in range(EVENTS)
)
""".replace("EVENTS", str(EVENTS))


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private redis-server: the shared cache production uses (its INCR is atomic,
    which the site-wide export slots need; a file cache's is not)."""
    server = RedisServer(tmp_path_factory.mktemp("redis"), persistent=False).start()
    yield server.url()
    server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, redis_url, migrated_spatialite):
    """gunicorn, two sync workers, one Redis cache shared between them."""
    work = tmp_path_factory.mktemp("load-exports")
    env = {
        **os.environ,
        "DATABASE_URL": f"spatialite:///{work / 'load.sqlite3'}",
        "CACHE_URL": redis_url,
        "DJANGO_SECRET_KEY": "load-test-only",
        "DJANGO_DEBUG": "0",
        "API_RATE_LIMIT": "",  # the victim is timed, not limited
        "NUM_PROXIES": "1",  # each simulated client sends its own X-Forwarded-For
        "CELERY_BROKER_URL": "memory://",
        "LOG_LEVEL": "ERROR",
    }
    migrated_spatialite(work / "load.sqlite3")
    manage(env, "shell", "-c", SEED)
    web = Gunicorn(env, "--timeout", "120")
    web.wait_ready(VICTIM)
    yield web.base
    web.stop()


def _get(url: str, client: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": client})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.perf_counter() - started


def _victim(base: str, seconds: float) -> tuple[list[int], list[float]]:
    statuses, latencies = [], []
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        status, took = _get(base + VICTIM, "198.51.100.1")
        statuses.append(status)
        latencies.append(took)
        time.sleep(0.05)  # a person panning the map, not a benchmark
    return statuses, latencies


def _attacker(base: str, number: int, stop: float, seen: list[int]) -> None:
    request = 0
    while time.monotonic() < stop:
        request += 1
        # A new view each time: nothing for the export cache to reuse.
        day = f"2015-01-{1 + (number * 7 + request) % 28:02d}"
        path = "/export/map.html" if request % 2 else "/export/events.geojson"
        status, _ = _get(f"{base}{path}?date_from={day}", f"203.0.113.{number + 1}")
        seen.append(status)
        if status in (429, 503):
            time.sleep(1)  # honouring Retry-After loosely, as a script would


def test_export_hammering_leaves_the_api_fast(server):
    baseline_statuses, baseline = _victim(server, BASELINE_SECONDS)
    stop = time.monotonic() + ATTACK_SECONDS
    seen: list[int] = []
    attackers = [
        threading.Thread(target=_attacker, args=(server, n, stop, seen))
        for n in range(ATTACKERS)
    ]
    for thread in attackers:
        thread.start()
    statuses, during = _victim(server, ATTACK_SECONDS)
    for thread in attackers:
        thread.join(timeout=300)
    report = {
        "events": EVENTS,
        "victim_p50_ms_alone": round(statistics.median(baseline) * 1000, 1),
        "victim_p50_ms_under_attack": round(statistics.median(during) * 1000, 1),
        "victim_max_ms_under_attack": round(max(during) * 1000, 1),
        "victim_requests": len(during),
        "export_answers": {str(code): seen.count(code) for code in sorted(set(seen))},
    }
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    (out / "load-exports.json").write_text(json.dumps(report, indent=1) + "\n")
    sys.stdout.write(f"\nexport load: {json.dumps(report)}\n")
    assert set(baseline_statuses) == set(statuses) == {200}
    assert set(seen) <= {200, 429, 503}, report
    assert 200 in seen, report
    assert {429, 503} & set(seen), report  # the guard engaged
