"""Map benchmark: ConflictMap's cluster API against its peers on synthetic Syrian events.

usage: .venv/bin/python bench/mapbench.py --events 10000 [--db postgis|spatialite]
See bench/README.md for what is measured and the latest results.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SUPERCLUSTER = ROOT / "bench" / "supercluster"
PG_URL = "postgis://cmbench:cmbench@127.0.0.1:5432/conflictmap_bench"
SPATIALITE_URL = "spatialite:////tmp/conflictmap_bench.sqlite3"
FIRST_DAY = dt.date(2014, 1, 1)
DAYS = 3652  # ten years
SYRIA = (35.6, 32.3, 42.4, 37.35)  # min_lon, min_lat, max_lon, max_lat
SEED = 20110315

# (name, lon, lat, weight, spread in km): real towns, rough conflict intensity.
TOWNS = [
    ("Aleppo", 37.16, 36.20, 10, 6),
    ("Idlib", 36.63, 35.93, 8, 5),
    ("Damascus", 36.29, 33.51, 8, 6),
    ("Douma", 36.40, 33.57, 5, 3),
    ("Darayya", 36.23, 33.46, 2, 2),
    ("Homs", 36.72, 34.73, 7, 5),
    ("Hama", 36.75, 35.13, 5, 4),
    ("Raqqa", 39.01, 35.95, 5, 4),
    ("Deir ez-Zor", 40.14, 35.33, 5, 5),
    ("Daraa", 36.10, 32.62, 5, 4),
    ("Latakia", 35.78, 35.52, 3, 5),
    ("Tartus", 35.89, 34.89, 1, 3),
    ("As-Suwayda", 36.57, 32.71, 2, 4),
    ("Qamishli", 41.23, 37.05, 2, 4),
    ("Hasakah", 40.75, 36.50, 3, 4),
    ("Manbij", 37.95, 36.53, 3, 4),
    ("Al-Bab", 37.52, 36.37, 3, 3),
    ("Azaz", 37.05, 36.59, 2, 3),
    ("Afrin", 36.87, 36.51, 2, 4),
    ("Kobani", 38.35, 36.89, 2, 3),
    ("Palmyra", 38.27, 34.56, 2, 6),
    ("Saraqib", 36.80, 35.86, 3, 2),
    ("Maarat al-Numan", 36.67, 35.64, 4, 3),
    ("Khan Shaykhun", 36.64, 35.44, 3, 2),
    ("Jisr al-Shughur", 36.32, 35.81, 2, 3),
    ("Ariha", 36.61, 35.81, 2, 2),
    ("Kafr Nabudah", 36.51, 35.44, 1, 2),
    ("al-Lataminah", 36.62, 35.32, 1, 2),
    ("Salamiyah", 37.05, 35.01, 1, 3),
    ("Al-Qusayr", 36.58, 34.51, 1, 2),
    ("Zabadani", 36.10, 33.72, 1, 2),
    ("Al-Mayadin", 40.45, 35.02, 2, 3),
    ("Abu Kamal", 40.92, 34.45, 2, 3),
    ("Tal Abyad", 38.95, 36.70, 1, 3),
    ("Ras al-Ayn", 40.07, 36.85, 1, 3),
    ("Nawa", 36.04, 32.89, 1, 2),
    ("Busra al-Sham", 36.48, 32.52, 1, 2),
    ("Quneitra", 35.82, 33.13, 1, 3),
]
TOP_WEIGHTS = {
    "explosions-remote-violence": 0.40,
    "battles": 0.30,
    "strategic-developments": 0.12,
    "violence-against-civilians": 0.10,
    "protests": 0.06,
    "riots": 0.02,
}
ACTORS = [
    ("Syrian Arab Army", "state_forces", None),
    ("Russian armed forces", "foreign_forces", None),
    ("Hayat Tahrir al-Sham", "rebel_group", None),
    ("National Front for Liberation", "rebel_coalition", None),
    ("Jaysh al-Nasr", "rebel_group", "National Front for Liberation"),
    ("Faylaq al-Sham", "rebel_group", "National Front for Liberation"),
    ("Syrian Democratic Forces", "militia", None),
    ("Islamic State", "rebel_group", None),
    ("Turkish armed forces", "foreign_forces", None),
    ("Civilians", "civilians", None),
    ("Hezbollah", "militia", None),
    ("Syrian National Army", "rebel_coalition", None),
]


def out(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


# --- Django ---------------------------------------------------------------------------
def shared_cache_url() -> str:
    """The bench's cache, shared with its second process: Redis (scripts/services.sh)
    when it answers, else files."""
    with (
        contextlib.suppress(OSError),
        socket.create_connection(("127.0.0.1", 6390), timeout=1),
    ):
        return "redis://127.0.0.1:6390/3"
    return f"filecache://{tempfile.gettempdir()}/conflictmap_bench_cache"


def builders(index_dir: str) -> list[int]:
    """The base builders (``manage.py mapindex``) still running for ``index_dir``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
        except OSError:  # gone, or not ours to read
            continue
        if b"mapindex" in argv and f"MAP_INDEX_DIR={index_dir}".encode() in environ:
            found.append(int(proc.name))
    return found


def remove_index_dir(index_dir: str, *, wait_s: float = 30.0) -> None:
    """At the end of a run: its index directory, and any base build still running
    for it. A rebuild started in a thread after the import scenario (``mapindex
    --publish``) outlived the bench at 10M: 10 GB
    and a core for minutes, building into a directory already removed."""
    pids = builders(index_dir)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_s
    while pids and time.monotonic() < deadline:
        time.sleep(0.1)
        pids = [
            pid for pid in pids if Path(f"/proc/{pid}").exists() and not _zombie(pid)
        ]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(index_dir, ignore_errors=True)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def django_setup(database_url: str, cache_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = cache_url
    # No rate limit: the bench's loops would be answered 429 (its second process
    # inherits this environment).
    os.environ["API_RATE_LIMIT"] = ""
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The machine's shared cluster index (maps.clusters.store): a directory of this
    # run's own, so that the first request builds it (its second process maps it).
    if "MAP_INDEX_DIR" not in os.environ:  # "": one index per process, as before
        index_dir = tempfile.mkdtemp(prefix="conflictmap_bench_index_")
        os.environ["MAP_INDEX_DIR"] = index_dir
        atexit.register(remove_index_dir, index_dir)
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.bench_urls"
    settings.ALLOWED_HOSTS = ["*"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.core.cache import cache

    cache.clear()  # the bench's own cache: no data version of an earlier run


# --- data -----------------------------------------------------------------------------
def spread_events(rng: np.random.Generator, n_events: int, n_places: int) -> tuple:
    """(place's town, lon, lat; event's place, day, top type) of the synthetic data:
    places around real towns, Pareto-weighted, ten years with bursts, ACLED-like type
    shares (bench/gridsums.py builds its rows from the same draws)."""
    weights = np.array([t[3] for t in TOWNS], dtype=float)
    town = rng.choice(len(TOWNS), n_places, p=weights / weights.sum())
    spread = np.array([t[4] for t in TOWNS])[town] / 111.0
    lat = np.array([t[2] for t in TOWNS])[town] + rng.normal(0, 1, n_places) * spread
    lon = (
        np.array([t[1] for t in TOWNS])[town]
        + rng.normal(0, 1, n_places) * spread / 0.82
    )
    place_weight = rng.pareto(1.2, n_places) + 1
    place = rng.choice(n_places, n_events, p=place_weight / place_weight.sum())
    # 70 % spread over ten years, 30 % in bursts (offensives) of a few weeks.
    bursts = rng.integers(0, DAYS, 40)
    day = rng.integers(0, DAYS, n_events)
    in_burst = rng.random(n_events) < 0.3
    day[in_burst] = np.clip(
        bursts[rng.integers(0, 40, in_burst.sum())] + rng.normal(0, 15, in_burst.sum()),
        0,
        DAYS - 1,
    ).astype(int)
    top = rng.choice(len(TOP_WEIGHTS), n_events, p=list(TOP_WEIGHTS.values()))
    return town, lon, lat, place, day, top


def generate(n_events: int, n_places: int = 0) -> dict:
    """Deterministic synthetic events: places around real towns, ten years, bursts.

    ``n_places``: 0 for one place per 40 events (300 to 25,000)."""
    from events.models import EventType

    rng = np.random.default_rng(SEED)
    n_places = n_places or int(min(max(n_events // 40, 300), 25_000))
    town, lon, lat, place, day, top = spread_events(rng, n_events, n_places)
    tops = list(TOP_WEIGHTS)
    children = {
        slug: list(
            EventType.objects.filter(parent__slug=slug).values_list("pk", "name")
        )
        for slug in tops
    }
    pick = rng.integers(0, 100, n_events)
    type_ids = np.empty(n_events, dtype=np.int64)
    type_names = []
    for i, t in enumerate(top.tolist()):
        pk, name = children[tops[t]][pick[i] % len(children[tops[t]])]
        type_ids[i] = pk
        type_names.append(name)
    duration = np.where(rng.random(n_events) < 0.1, rng.integers(1, 30, n_events), 0)
    status = rng.choice(
        ["published", "draft", "retracted"], n_events, p=[0.95, 0.03, 0.02]
    )
    return {
        "place_lon": lon,
        "place_lat": lat,
        "place_town": town,
        "event_place": place,
        "event_day": day,
        "event_duration": duration,
        "event_type": type_ids,
        "event_type_name": type_names,
        "event_status": status,
        "event_disputed": rng.random(n_events) < 0.05,
        "event_fatalities": rng.poisson(2, n_events),
        "event_actors": rng.integers(0, len(ACTORS), (n_events, 2)),
        "event_n_actors": rng.integers(1, 3, n_events),
    }


def _rows(data: dict):
    """Places, events and event-actor rows as tuples (ids from 1); the events and
    links as generators (10M events do not fit in memory as tuples)."""
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC).isoformat()
    places = [
        (i + 1, f"{TOWNS[t][0]} area {i}", TOWNS[t][0], float(lon), float(lat))
        for i, (t, lon, lat) in enumerate(
            zip(
                data["place_town"].tolist(),
                data["place_lon"].tolist(),
                data["place_lat"].tolist(),
                strict=True,
            )
        )
    ]
    return places, _event_rows(data, now), _link_rows(data)


ROW_CHUNK = 200_000  # events turned into Python rows at a time (10M as one list: GBs)


def _event_rows(data: dict, now: str):
    town_of = data["place_town"]
    first = FIRST_DAY.toordinal()
    n = len(data["event_place"])
    for lo in range(0, n, ROW_CHUNK):
        part = slice(lo, lo + ROW_CHUNK)
        for i, (p, d, dur, t, name, status, disputed, fat) in enumerate(
            zip(
                data["event_place"][part].tolist(),
                data["event_day"][part].tolist(),
                data["event_duration"][part].tolist(),
                data["event_type"][part].tolist(),
                data["event_type_name"][part],
                data["event_status"][part].tolist(),
                data["event_disputed"][part].tolist(),
                data["event_fatalities"][part].tolist(),
                strict=True,
            ),
            start=lo,
        ):
            start = dt.date.fromordinal(first + d)
            end = start + dt.timedelta(days=dur) if dur else None
            yield (
                i + 1,
                f"{name} near {TOWNS[town_of[p]][0]}",
                start,
                end,
                t,
                p + 1,
                status,
                disputed,
                fat,
                now,
            )


def _link_rows(data: dict):
    link_id = 0
    n = len(data["event_n_actors"])
    for lo in range(0, n, ROW_CHUNK):
        part = slice(lo, lo + ROW_CHUNK)
        for i, (pair, k) in enumerate(
            zip(
                data["event_actors"][part].tolist(),
                data["event_n_actors"][part].tolist(),
                strict=True,
            ),
            start=lo,
        ):
            for actor in dict.fromkeys(pair[:k]):
                link_id += 1
                yield (link_id, i + 1, actor + 1)


EVENT_COLUMNS = (
    "id, title, summary, date_start, date_end, date_precision, event_type_id, place_id, "
    "status, retraction_reason, external_dataset, external_id, disputed, "
    "fatalities_best, created_at, updated_at, version, import_note, import_hash"
)
PLACE_COLUMNS = (
    "id, name, name_ar, feature_type, country_code, admin1, admin2, location, "
    "precision, geocode_status, provenance, gazetteer_id, geocode_label, "
    "geocode_error, geocode_candidates, geocode_attempts"
)


def load(data: dict, *, postgis: bool) -> dict:
    """Replace the bench database's events, places and actors with ``data``."""
    from django.db import connection, transaction

    from maps.clusters import state as cluster_state

    started = time.perf_counter()
    places, events, links = _rows(data)
    if not postgis:
        events, links = list(events), list(links)
    n_events = n_links = 0
    actors = [
        (i + 1, name, kind, "[]", "", "") for i, (name, kind, _) in enumerate(ACTORS)
    ]
    parents = {name: i + 1 for i, (name, _, _) in enumerate(ACTORS)}
    with transaction.atomic(), connection.cursor() as cursor:
        if postgis:
            cursor.execute(
                "TRUNCATE events_eventactor, events_event, events_place, events_actor "
                "RESTART IDENTITY CASCADE"
            )
            raw = cursor.cursor
            with raw.copy(
                "COPY events_actor (id, name, kind, aliases, name_ar, country_code, "
                "description, version) FROM STDIN"
            ) as copy:
                for row in actors:
                    copy.write_row((*row, "", 0))
            with raw.copy(f"COPY events_place ({PLACE_COLUMNS}) FROM STDIN") as copy:
                for pk, name, admin1, lon, lat in places:
                    copy.write_row(
                        (pk, name, "", "village", "SY", admin1, "")
                        + (f"SRID=4326;POINT({lon:.6f} {lat:.6f})", 1, "done", "")
                        + ("", "", "", "[]", 0)
                    )
            with raw.copy(f"COPY events_event ({EVENT_COLUMNS}) FROM STDIN") as copy:
                for pk, title, start, end, t, p, status, disputed, fat, now in events:
                    n_events += 1
                    copy.write_row(
                        (pk, title, "", start, end, "day", t, p, status, "", "", "")
                        + (disputed, fat, now, now, 0, "", "")
                    )
            with raw.copy(
                "COPY events_eventactor (id, event_id, actor_id, role) FROM STDIN"
            ) as copy:
                for row in links:
                    n_links += 1
                    copy.write_row((*row, "initiator"))
            for table in (
                "events_actor",
                "events_place",
                "events_event",
                "events_eventactor",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        else:
            for table in (
                "events_eventactor",
                "events_event",
                "events_place",
                "events_actor",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            cursor.executemany(
                "INSERT INTO events_actor (id, name, kind, aliases, name_ar, "
                "country_code, description, version) "
                "VALUES (%s, %s, %s, %s, %s, %s, '', 0)",
                actors,
            )
            cursor.executemany(
                f"INSERT INTO events_place ({PLACE_COLUMNS}) VALUES (%s, %s, '', "
                "'village', 'SY', %s, '', GeomFromText(%s, 4326), 1, 'done', '', '', "
                "'', '', '[]', 0)",
                [
                    (pk, name, admin1, f"POINT({lon:.6f} {lat:.6f})")
                    for pk, name, admin1, lon, lat in places
                ],
            )
            for i in range(0, len(events), 50_000):
                cursor.executemany(
                    f"INSERT INTO events_event ({EVENT_COLUMNS}) VALUES (%s, %s, '', "
                    "%s, %s, 'day', %s, %s, %s, '', '', '', %s, %s, %s, %s, 0, '', '')",
                    [
                        (pk, title, start, end, t, p, status, disputed, fat, now, now)
                        for pk, title, start, end, t, p, status, disputed, fat, now in events[
                            i : i + 50_000
                        ]
                    ],
                )
            cursor.executemany(
                "INSERT INTO events_eventactor (id, event_id, actor_id, role) "
                "VALUES (%s, %s, %s, 'initiator')",
                links,
            )
            n_events, n_links = len(events), len(links)
        # One place in ten has an area (a ~500 m disc): the control layer outlines it.
        cursor.execute(
            "UPDATE events_place SET area = ST_Multi(ST_Buffer(location, 0.005)) "
            "WHERE id - (id / 10) * 10 = 0"
            if postgis
            else "UPDATE events_place SET area = CastToMultiPolygon("
            "ST_Buffer(location, 0.005)) WHERE id - (id / 10) * 10 = 0"
        )
        for name, _, parent in ACTORS:
            if parent:
                cursor.execute(
                    "UPDATE events_actor SET parent_id = %s WHERE name = %s",
                    [parents[parent], name],
                )
        cursor.execute("ANALYZE" if postgis else "ANALYZE")
    cluster_state.index_reset()
    return {
        "places": len(places),
        "events": n_events,
        "actor_links": n_links,
        "load_s": time.perf_counter() - started,
    }


# --- measuring ------------------------------------------------------------------------
def disk_used(*, postgis: bool) -> dict:
    """MB on disk: the whole database, and the events, links and places tables with
    their indexes (PostGIS; SpatiaLite: the file)."""
    from django.db import connection

    if not postgis:
        name = connection.settings_dict["NAME"]
        size = os.path.getsize(name) if os.path.exists(name) else 0
        return {"database_mb": size / 1e6}
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        found["database_mb"] = cursor.fetchone()[0] / 1e6
        for table in ("events_event", "events_eventactor", "events_place"):
            cursor.execute(
                "SELECT pg_table_size(%s), pg_indexes_size(%s)", [table, table]
            )
            data, indexes = cursor.fetchone()
            found[table] = {"data_mb": data / 1e6, "indexes_mb": indexes / 1e6}
    return found


def dir_mb(path: str) -> float:
    """MB of the files under ``path`` (the shared index directory)."""
    total = 0
    for base, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(base, name)).st_size
    return total / 1e6


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


class Results:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self, scenario: str, impl: str, times_ms: list[float], body: bytes, **extra
    ):
        row = {
            "scenario": scenario,
            "impl": impl,
            "n": len(times_ms),
            "p50_ms": percentile(times_ms, 50),
            "p95_ms": percentile(times_ms, 95),
            "bytes": len(body),
            "gzip_bytes": len(gzip.compress(body, 6)) if body else 0,
            **extra,
        }
        self.rows.append(row)
        # Printed as measured too: a run stopped before its table keeps its lines
        # (run 7 at 10M was stopped while its writes rebuilt the base).
        out(
            f"measured: {scenario} ({impl}): p50 {row['p50_ms']:.3f} ms, p95 "
            f"{row['p95_ms']:.3f} ms, n {row['n']}, {row['bytes']} bytes"
        )
        return row

    def get(self, scenario: str, impl: str) -> dict | None:
        return next(
            (r for r in self.rows if r["scenario"] == scenario and r["impl"] == impl),
            None,
        )

    def table(self) -> None:
        out(
            f"{'scenario':34} {'impl':14} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} "
            f"{'bytes':>10} {'gzip':>9}  notes"
        )
        for r in self.rows:
            notes = r.get("notes", "")
            out(
                f"{r['scenario']:34} {r['impl']:14} {r['n']:>4} {r['p50_ms']:>9.3f} "
                f"{r['p95_ms']:>9.3f} {r['bytes']:>10} {r['gzip_bytes']:>9}  {notes}"
            )


def timed_get(client, url: str, repeat: int, budget_s: float = 20.0):
    """(times in ms, last body, last response) of ``repeat`` GETs (a time budget caps it)."""
    times, response = [], None
    deadline = time.perf_counter() + budget_s
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        body = response.content
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code, body[:300])
        if time.perf_counter() > deadline:
            break
    return times, body, response


class Faults:
    """Page faults of this process from its creation (getrusage): major ones read a
    page from disk (an index evicted from the page cache), minor ones map it."""

    def __init__(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.major, self.minor = usage.ru_majflt, usage.ru_minflt

    def report(self, scenario: str, requests: int) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        out(
            f"faults: {scenario}: major {(usage.ru_majflt - self.major) / requests:.1f}"
            f", minor {(usage.ru_minflt - self.minor) / requests:.1f} per request"
        )


def query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def viewport(lon: float, lat: float, zoom: int, width=1280, height=800):
    """A screen-sized bbox around (lon, lat) at ``zoom`` (Web Mercator)."""
    import math

    deg_per_px = 360 / (256 * 2**zoom)
    half_w = width / 2 * deg_per_px
    half_h = height / 2 * deg_per_px * math.cos(math.radians(lat))
    return (
        max(lon - half_w, -180),
        max(lat - half_h, -85),
        min(lon + half_w, 180),
        min(lat + half_h, 85),
    )


def bbox_param(bbox) -> str:
    return ",".join(f"{v:.5f}" for v in bbox)


def windows(last_day: dt.date) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    return {
        "1-month": (last_day - dt.timedelta(days=30), last_day),
        "1-year": (last_day - dt.timedelta(days=365), last_day),
        "10-year": (None, None),
    }


# --- peers ----------------------------------------------------------------------------
TILE_SQL = """
WITH bounds AS (SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS geom)
SELECT ST_AsMVT(mvt, 'events', 4096, 'geom') FROM (
  SELECT e.id, t.slug, e.date_start,
         ST_AsMVTGeom(ST_Transform(p.location, 3857), bounds.geom, 4096, 64, true) AS geom
  FROM events_event e
  JOIN events_place p ON p.id = e.place_id
  JOIN events_eventtype t ON t.id = e.event_type_id
  LEFT JOIN events_eventtype tp ON tp.id = t.parent_id, bounds
  WHERE e.status = 'published'
    AND p.location && ST_Transform(bounds.geom, 4326)
    AND e.date_start <= %(to)s AND COALESCE(e.date_end, e.date_start) >= %(from)s
    AND (%(type)s = '' OR t.slug = %(type)s OR tp.slug = %(type)s)
) AS mvt
"""


def tiles_for(bbox, zoom: int) -> list[tuple[int, int, int]]:
    from maps.clusters.grid import mercator

    (x0, x1), (y1, y0) = mercator(
        np.array([bbox[0], bbox[2]]), np.array([bbox[1], bbox[3]])
    )
    n = 2**zoom
    return [
        (zoom, x, y)
        for x in range(int(x0 * n), int(x1 * n) + 1)
        for y in range(int(y0 * n), int(y1 * n) + 1)
    ]


TILE_SQL_BUDGET_S = 60.0  # per scenario, after at least three views


def run_tile_sql(
    results: Results, scenario, bbox, zoom, date_from, date_to, type_slug, repeat
):
    from django.db import connection

    params = {
        "from": date_from or dt.date(1900, 1, 1),
        "to": date_to or dt.date(2100, 1, 1),
        "type": type_slug or "",
    }
    tile_times, view_times, body = [], [], b""
    deadline = time.perf_counter() + TILE_SQL_BUDGET_S
    with connection.cursor() as cursor:
        for _ in range(repeat):
            if len(view_times) >= 3 and time.perf_counter() > deadline:
                break  # (10M events: seconds per view)
            view = 0.0
            body = b""
            for z, x, y in tiles_for(bbox, zoom):
                t0 = time.perf_counter()
                cursor.execute(TILE_SQL, {**params, "z": z, "x": x, "y": y})
                tile = bytes(cursor.fetchone()[0] or b"")
                elapsed = (time.perf_counter() - t0) * 1000
                tile_times.append(elapsed)
                view += elapsed
                body += tile
            view_times.append(view)
    row = results.add(scenario, "tile-sql", tile_times, body)
    row["notes"] = (
        f"per tile; {len(tiles_for(bbox, zoom))} tiles/view, "
        f"view p50 {percentile(view_times, 50):.1f} ms"
    )


def export_points(index, path: Path) -> None:
    top_of = {t.slug: i for i, t in enumerate(index.types) if t.slug == t.top_slug}
    tops = np.array([top_of.get(t.top_slug, -1) for t in index.types])
    payload = {
        "id": index.ids.tolist(),
        "lon": np.round(index.lon, 6).tolist(),
        "lat": np.round(index.lat, 6).tolist(),
        "start": index.start.tolist(),
        "last": index.last.tolist(),
        "top": tops[index.type_idx].tolist(),
    }
    path.write_text(json.dumps(payload))


def ensure_supercluster() -> None:
    if not (SUPERCLUSTER / "node_modules" / "supercluster").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=SUPERCLUSTER, check=True
        )


def supercluster_get(port: int, **params):
    url = f"http://127.0.0.1:{port}/clusters?{query(**params)}"
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - local
        body = response.read()
        headers = response.headers
    http_ms = (time.perf_counter() - t0) * 1000
    return float(headers["X-Build-Ms"]) + float(headers["X-Query-Ms"]), http_ms, body


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - local
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# --- embed ----------------------------------------------------------------------------
def measure_embed(database_url: str, port: int, repeat: int) -> dict:
    """First paint of /embed/ in headless Chromium against a gunicorn on the bench DB."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "conflictmap.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",  # one worker: its cluster index is built once, by the warm-up below
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/embed/")
        # Warm-up: a deployed server has its cluster index built long before a visitor.
        wait_http(f"http://127.0.0.1:{port}/api/v1/clusters/?zoom=6", 600)
        times, bytes_raw, bytes_gzip, fcp, first_draws = [], 0, 0, [], []
        early, all_gzip, requests_all = [], 0, 0
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 800, "height": 500})
                page = context.new_page()
                bodies: list[tuple[str, bytes]] = []

                def keep(response, bodies=bodies):
                    try:
                        bodies.append((response.url, response.body()))
                    except Exception:  # noqa: BLE001 - redirects and aborted loads
                        bodies.append((response.url, b""))

                page.on("response", keep)
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/embed/")
                page.wait_for_selector("body[data-map-state=ready]", timeout=120_000)
                times.append((time.perf_counter() - t0) * 1000)
                fcp.append(
                    page.evaluate(
                        "performance.getEntriesByName('first-contentful-paint')[0]"
                        "?.startTime ?? -1"
                    )
                )
                # What the page fetched before its first markers were drawn (the
                # embed's budget; maps/load.js sets data-first-draw-ms, then loads the
                # basemap and the histogram), as the browser test measures it.
                first_draw = float(page.get_attribute("body", "data-first-draw-ms"))
                before = page.evaluate(
                    """t => [location.href].concat(performance
                        .getEntriesByType('resource')
                        .filter(e => e.responseEnd <= t).map(e => e.name))""",
                    first_draw,
                )
                # Then the rest (a timeout leaves the "all" totals a lower bound).
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("networkidle", timeout=30_000)
                unused = list(bodies)
                early = []
                for url in before:
                    match = next((b for b in unused if b[0] == url), None)
                    if match is not None:
                        unused.remove(match)
                        early.append(match[1])
                bytes_raw = sum(len(b) for b in early)
                bytes_gzip = sum(len(gzip.compress(b, 6)) for b in early)
                all_gzip = sum(len(gzip.compress(b, 6)) for _, b in bodies)
                requests_all = len(bodies)
                first_draws.append(first_draw)
                context.close()
            browser.close()
        return {
            "times": times,
            "bytes": bytes_raw,
            "gzip": bytes_gzip,
            "fcp_ms": percentile(fcp, 50),
            "first_draw_ms": percentile(first_draws, 50),
            "requests": len(early),
            "requests_all": requests_all,
            "gzip_all": all_gzip,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- the run --------------------------------------------------------------------------
def reusable(events: int, places: int) -> bool:
    """Whether the loaded data has the size asked for (--reuse), once what earlier
    runs' imports left is removed (bench/importvisible.py)."""
    from bench import importvisible
    from events.models import Event
    from places.models import Place

    removed = importvisible.remove_leftovers()
    if any(removed.values()):
        out(f"removed what an earlier run's import left: {removed}")
    return Event.objects.count() == events and (
        not places or Place.objects.count() == places
    )


def run(args) -> dict:  # noqa: C901 - one linear script
    postgis = args.db == "postgis"
    database_url = args.database_url or (PG_URL if postgis else SPATIALITE_URL)
    django_setup(database_url, args.cache_url or shared_cache_url())
    from django.contrib.gis.geos import Polygon
    from django.test import Client

    from bench import writebench
    from events import selectors as event_selectors
    from events.filters import EventFilters
    from maps.selectors import index_build

    info = {"events_requested": args.events, "db": args.db}
    if args.reuse and reusable(args.events, args.places):
        info["load"] = "reused"
    else:
        t0 = time.perf_counter()
        data = generate(args.events, args.places)
        info["generate_s"] = time.perf_counter() - t0
        info["load"] = load(data, postgis=postgis)
        del data
    out(f"data: {info}")
    info["disk"] = disk_used(postgis=postgis)
    if isinstance(info["load"], dict):
        loaded = info["load"]
        out(
            f"load: {loaded['events']} events, {loaded['actor_links']} actor links, "
            f"{loaded['places']} places in {loaded['load_s']:.0f} s "
            f"({loaded['events'] / max(loaded['load_s'], 1e-9):,.0f} events/s, "
            f"{'COPY' if postgis else 'executemany'}; generated in "
            f"{info['generate_s']:.0f} s)"
        )
    tables = {k: v for k, v in info["disk"].items() if isinstance(v, dict)}
    out(
        f"disk: database {info['disk']['database_mb']:,.0f} MB"
        + "".join(
            f"; {name} {v['data_mb']:,.0f} MB + indexes {v['indexes_mb']:,.0f} MB"
            for name, v in tables.items()
        )
    )

    results = Results()
    client = Client()
    repeat = args.repeat
    t0 = time.perf_counter()
    elsewhere = args.events >= args.mapindex_from and os.environ.get("MAP_INDEX_DIR")

    def first_index():
        if elsewhere:  # built by `manage.py mapindex` (as before gunicorn), mapped
            subprocess.run(  # noqa: S603 - fixed argv
                [sys.executable, str(ROOT / "manage.py"), "mapindex"],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return index_build.event_cluster_index()

    index = first_index()
    build_s = time.perf_counter() - t0
    public = index.size
    info.update(
        public_events=public,
        index_build_s=build_s,
        index_mb=index.nbytes / 1e6,
        columns_mb=index.columns.nbytes / 1e6 if index.columns is not None else 0.0,
        rss_after_index_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    info["index_dir_mb"] = (
        dir_mb(os.environ.get("MAP_INDEX_DIR", ""))
        if os.environ.get("MAP_INDEX_DIR")
        else 0.0
    )
    out(
        f"index: {public} public events, built in {build_s:.2f} s"
        f"{' by manage.py mapindex' if elsewhere else ''}; "
        f"{info['index_mb']:.0f} MB grids + {info['columns_mb']:.0f} MB export "
        "columns, "
        f"{info['index_dir_mb']:.0f} MB on disk (the machine's shared copy)"
    )
    last_day = dt.date.fromordinal(int(index.start.max()))  # last day with events
    wins = windows(last_day)
    country = bbox_param(SYRIA)
    counts: dict[str, tuple[int, int | None]] = {}

    def writes_section() -> dict:
        # A fresh base first: the periodic rebuild (MAX_AGE) would otherwise start
        # during the minute of writes.
        from django.conf import settings
        from django.db import connection

        from maps.clusters import state as cluster_state
        from maps.clusters import store

        held = index_build.event_cluster_index()
        if time.monotonic() - held.built_at > 60:  # (10M: a build takes minutes)
            root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
            if root is not None:  # the machine's copy too: built again, now
                shutil.rmtree(root, ignore_errors=True)
            cluster_state.index_reset()
            first_index()
        start, end = wins["1-year"]
        pan = [
            "/api/v1/clusters/?"
            + query(
                zoom=zoom,
                in_bbox=bbox_param(viewport(36.63, 35.93, zoom)),
                date_from=start,
                date_to=end,
            )
            for zoom in range(6, 15)
        ]
        return writebench.measure_writes(
            client,
            database_url,
            url="/api/v1/clusters/?zoom=6",
            urls=["/api/v1/clusters/?" + query(zoom=6, in_bbox=country), *pan],
            port=args.port + 2,
            seconds=args.write_seconds,
            # The second worker answers the control layer too (its memory counts it).
            also=()
            if args.no_control
            else tuple(
                "/api/v1/control/?" + query(date=day.isoformat(), in_bbox=bbox)
                for day in (last_day, last_day - dt.timedelta(days=400))
                for bbox in (country, "36.3,35.6,36.9,36.1")
            ),
        )

    def import_section() -> None:
        """A large import while both processes answer (PostGIS: a second process)."""
        if args.import_rows <= 0 or not postgis:
            return
        from bench import importvisible

        info["import"] = importvisible.measure_import(
            client,
            database_url,
            url="/api/v1/clusters/?zoom=6",
            port=args.port + 3,
            rows=args.import_rows,
        )

    def export_section() -> None:
        from bench import mapexport

        mapexport.export_section(
            results, info, counts, wins, baseline, out=out, Faults=Faults
        )

    if args.only_writes or args.only_import:  # e.g. an older checkout's numbers
        if args.write_seconds > 0 and not args.only_import:
            info["writes"] = writes_section()
        import_section()
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}

    def ours(scenario, repeat=repeat, **params):
        url = "/api/v1/clusters/?" + query(**params)
        client.get(url)  # warm (ETag hashes, type lists)
        times, body, _ = timed_get(client, url, repeat)
        row = results.add(scenario, "conflictmap", times, body)
        row["total"] = json.loads(body)["total"]
        return row

    def baseline(scenario, expected: int, **params):
        if args.only_control:
            return None
        if expected > args.baseline_max:
            results.rows.append(
                {
                    "scenario": scenario,
                    "impl": "drf-gis",
                    "n": 0,
                    "p50_ms": float("nan"),
                    "p95_ms": float("nan"),
                    "bytes": 0,
                    "gzip_bytes": 0,
                    "notes": f"skipped: {expected} features > --baseline-max",
                }
            )
            return None
        url = "/bench/drf/?" + query(**params)
        times, body, _ = timed_get(client, url, max(2, repeat // 10), budget_s=30)
        row = results.add(scenario, "drf-gis", times, body)
        row["total"] = len(json.loads(body)["features"])
        row["features_per_s"] = row["total"] / (row["p50_ms"] / 1000)
        return row

    if args.only_export:
        export_section()
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}

    # Floor: an empty Django response through the same middleware.
    times, body, _ = timed_get(client, "/bench/empty/", repeat)
    results.add("floor (empty response)", "django", times, body)

    # Country view, three windows, type filters.
    for name, (start, end) in wins.items():
        scenario = f"country z6 {name}"
        row = ours(scenario, zoom=6, in_bbox=country, date_from=start, date_to=end)
        base = baseline(
            scenario, row["total"], in_bbox=country, date_from=start, date_to=end
        )
        counts[scenario] = (row["total"], base["total"] if base else None)
    if not args.no_control:
        control_section(client, results, info, last_day, country, repeat)
        start, end = wins["1-year"]
        interleaved(
            client,
            results,
            info,
            "/api/v1/clusters/?"
            + query(zoom=6, in_bbox=country, date_from=start, date_to=end),
            country,
            repeat,
        )
    if args.only_control:
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}
    for slug in ("explosions-remote-violence", "air-drone-strike"):
        start, end = wins["1-year"]
        scenario = f"country z6 1-year type={slug[:12]}"
        row = ours(
            scenario, zoom=6, in_bbox=country, date_from=start, date_to=end, type=slug
        )
        base = baseline(
            scenario,
            row["total"],
            in_bbox=country,
            date_from=start,
            date_to=end,
            type=slug,
        )
        counts[scenario] = (row["total"], base["total"] if base else None)
    scenario = "country z6 1-year undisputed"  # a mask dropping few rows
    start, end = wins["1-year"]
    row = ours(
        scenario,
        zoom=6,
        in_bbox=country,
        date_from=start,
        date_to=end,
        disputed="false",
    )
    counts[scenario] = (  # the DRF list of these ~90k events would cost ~40 s
        row["total"],
        event_selectors.event_list_public(
            filters=EventFilters(
                bbox=Polygon.from_bbox(SYRIA),
                date_from=start,
                date_to=end,
                disputed=False,
            )
        ).count(),
    )
    scenario = "country z6 10-year actor+text"
    row = ours(
        scenario,
        zoom=6,
        in_bbox=country,
        actor="National Front for Liberation",
        q="Aleppo",
    )
    counts[scenario] = (
        row["total"],
        event_selectors.event_list_public(
            filters=EventFilters(actors=["National Front for Liberation"], q="Aleppo")
        ).count(),
    )

    # Pan/zoom path z6 -> z14 into Idlib, one-year window, two views per zoom.
    start, end = wins["1-year"]
    path_times, path_body = [], b""
    for zoom in range(6, 15):
        for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
            bbox = bbox_param(viewport(36.63 + dlon, 35.93, zoom))
            url = "/api/v1/clusters/?" + query(
                zoom=zoom, in_bbox=bbox, date_from=start, date_to=end
            )
            client.get(url)
            times, body, _ = timed_get(client, url, max(5, repeat // 4))
            path_times += times
            path_body = max(path_body, body, key=len)
    results.add("pan/zoom z6->z14 1-year", "conflictmap", path_times, path_body)
    # The same path, every view a new one (moved east by a tenth of a pixel or
    # less): the views above, asked again at one data version, are the index's kept
    # answers; these are parsed and answered each time.
    path_times, path_body, cpu, faults = [], b"", [], Faults()
    for k in range(max(5, repeat // 4)):
        for zoom in range(6, 15):
            for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
                lon = 36.63 + dlon + 1e-4 * (k + 1) * 28.125 / 2 ** (zoom - 6)
                url = "/api/v1/clusters/?" + query(
                    zoom=zoom,
                    in_bbox=bbox_param(viewport(lon, 35.93, zoom)),
                    date_from=start,
                    date_to=end,
                )
                c0 = time.thread_time()
                times, body, _ = timed_get(client, url, 1)
                cpu.append((time.thread_time() - c0) * 1000)
                path_times += times
                path_body = max(path_body, body, key=len)
    results.add("pan/zoom new views", "conflictmap", path_times, path_body)
    results.add("pan/zoom new views (CPU)", "conflictmap", cpu, b"")
    faults.report("pan/zoom new views", len(cpu))

    # ETag revalidation.
    url = "/api/v1/clusters/?" + query(zoom=6, in_bbox=country)
    etag = client.get(url)["ETag"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 304
    results.add("country z6 revalidate (304)", "conflictmap", times, b"")

    # Popup: one event's detail.
    rng = np.random.default_rng(1)
    ids = rng.choice(index.ids, min(repeat, public), replace=False).tolist()
    times, cpu, faults = [], [], Faults()
    for pk in ids:
        t0, c0 = time.perf_counter(), time.thread_time()
        response = client.get(f"/api/v1/events/{pk}/")
        body = response.content
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        assert response.status_code == 200
    results.add("event popup (detail API)", "conflictmap", times, body)
    results.add("event popup (CPU)", "conflictmap", cpu, b"")
    faults.report("event popup", len(cpu))

    # GeoJSON export of a filtered set.
    export_section()

    if args.write_seconds > 0:
        info["writes"] = writes_section()

    # Peer: the tile server's SQL (PostGIS only).
    if postgis and not args.no_tilesql:
        for name, (start, end) in wins.items():
            run_tile_sql(
                results,
                f"country z6 {name}",
                SYRIA,
                6,
                start,
                end,
                "",
                max(3, repeat // 5),
            )
        start, end = wins["1-year"]
        run_tile_sql(
            results,
            "country z6 1-year type=explosions-r",
            SYRIA,
            6,
            start,
            end,
            "explosions-remote-violence",
            max(3, repeat // 5),
        )

    # Peer: supercluster behind node, rebuilt on every filter change.
    node_hwm = None
    if not args.no_supercluster and index.size > args.sc_max:
        out(
            f"supercluster: skipped ({index.size} points > --sc-max {args.sc_max}: "
            "their JSON passes node's string limit)"
        )
    elif not args.no_supercluster:
        ensure_supercluster()
        with tempfile.TemporaryDirectory() as tmp:
            points = Path(tmp) / "points.json"
            export_points(index, points)
            node = subprocess.Popen(  # noqa: S603 - fixed argv
                [
                    "node",
                    "--max-old-space-size=8192",
                    "server.js",
                    str(points),
                    str(args.sc_port),
                ],
                cwd=SUPERCLUSTER,
                stdout=subprocess.DEVNULL,
            )
            try:
                wait_http(f"http://127.0.0.1:{args.sc_port}/clusters?zoom=0", 600)
                tops = {
                    t.slug: i for i, t in enumerate(index.types) if t.slug == t.top_slug
                }
                change, change_http, body = [], [], b""
                combos = [
                    (name, start, end, top)
                    for name, (start, end) in wins.items()
                    for top in (
                        "",
                        str(tops["explosions-remote-violence"]),
                        str(tops["battles"]),
                    )
                ]
                for _name, start, end, top in combos[
                    : max(3, min(len(combos), repeat))
                ]:
                    server_ms, http_ms, body = supercluster_get(
                        args.sc_port,
                        zoom=6,
                        bbox=country,
                        **{
                            "from": start.toordinal() if start else None,
                            "to": end.toordinal() if end else None,
                            "top": top,
                        },
                    )
                    change.append(server_ms)
                    change_http.append(http_ms)
                row = results.add("filter change z6", "supercluster", change, body)
                row["notes"] = (
                    f"rebuild + query; HTTP p50 {percentile(change_http, 50):.1f} ms"
                )
                # Same filter, pan/zoom (index already built).
                start, end = wins["1-year"]
                keep = {"from": start.toordinal(), "to": end.toordinal()}
                supercluster_get(args.sc_port, zoom=6, bbox=country, **keep)
                pan = []
                for zoom in range(6, 15):
                    bbox = bbox_param(viewport(36.63, 35.93, zoom))
                    for _ in range(max(5, repeat // 4)):
                        pan.append(
                            supercluster_get(
                                args.sc_port, zoom=zoom, bbox=bbox, **keep
                            )[0]
                        )
                results.add("pan/zoom z6->z14 1-year", "supercluster", pan, body)
                node_hwm = vm_hwm_kb(node.pid) / 1024
            finally:
                node.terminate()
                node.wait(timeout=30)
        # Ours on filter changes: the same combos, each one new to the server.
        change = []
        slugs = {"": "", **{str(v): k for k, v in tops.items()}}
        for _name, start, end, top in combos[: max(3, min(len(combos), repeat))]:
            url = "/api/v1/clusters/?" + query(
                zoom=6, in_bbox=country, date_from=start, date_to=end, type=slugs[top]
            )
            t0 = time.perf_counter()
            response = client.get(url)
            change.append((time.perf_counter() - t0) * 1000)
        results.add("filter change z6", "conflictmap", change, response.content)

    info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info["node_peak_mb"] = node_hwm

    if not args.no_browser:
        embed = measure_embed(database_url, args.port, max(3, min(repeat, 5)))
        row = results.add(
            "embed first paint (ready)", "conflictmap", embed["times"], b""
        )
        row.update(bytes=embed["bytes"], gzip_bytes=embed["gzip"])
        row["notes"] = (
            f"FCP p50 {embed['fcp_ms']:.0f} ms, first markers drawn at "
            f"{embed['first_draw_ms']:.0f} ms; bytes: {embed['requests']} requests "
            f"before the first markers; all {embed['requests_all']} requests "
            f"{embed['gzip_all']} gzip"
        )
        info["embed"] = {k: v for k, v in embed.items() if k != "times"}

    import_section()  # last: it adds events (the counts above are compared first)
    return {"info": info, "results": results, "counts": counts}


def control_section(client, results, info, last_day, country, repeat) -> None:
    """The control layer: who held each place on the last day and on any day of the
    ten years (a new date per request), country-wide and in the Idlib view."""
    from bench.controlbuild import status
    from control import selectors as control_selectors

    rss = status("VmRSS")
    t0 = time.perf_counter()
    control_index = control_selectors.control_index()
    info["control"] = {
        "places_with_periods": len(control_index.periods),
        "periods": len(control_index.features),
        "build_s": time.perf_counter() - t0,
        "rss_added_mb": status("VmRSS") - rss,
        "rss_peak_mb": status("VmHWM"),
        "columns_mb": control_index.nbytes() / 2**20,
    }
    out(
        f"control: {len(control_index.periods)} places with periods, "
        f"{len(control_index.features)} periods, index built in "
        f"{info['control']['build_s']:.2f} s; RSS +{info['control']['rss_added_mb']:,.0f}"
        f" MB (peak {info['control']['rss_peak_mb']:,.0f} MB), index "
        f"{info['control']['columns_mb']:,.0f} MB"
    )
    rng = np.random.default_rng(SEED)
    days = [
        FIRST_DAY + dt.timedelta(days=int(d)) for d in rng.integers(0, DAYS, repeat)
    ]
    for scenario, bbox in (
        ("control country", country),
        ("control idlib view", "36.3,35.6,36.9,36.1"),
    ):
        url = "/api/v1/control/?" + query(date=last_day.isoformat(), in_bbox=bbox)
        client.get(url)  # warm
        times, body, _ = timed_get(client, url, repeat)
        answer = json.loads(body)
        results.add(
            scenario,
            "conflictmap",
            times,
            body,
            notes=f"{answer['places']} places, {len(answer['features'])} features"
            f"{' (cells)' if answer['aggregated'] else ''}",
        )
        # Any date: each request a date not asked before (no cache can help).
        times, places, features = [], [], []
        for day in days:
            url = "/api/v1/control/?" + query(date=day.isoformat(), in_bbox=bbox)
            t, body, _ = timed_get(client, url, 1)
            times += t
            answer = json.loads(body)
            places.append(answer["places"])
            features.append(len(answer["features"]))
        results.add(
            f"{scenario} any date",
            "conflictmap",
            times,
            body,
            notes=f"median of {len(days)} dates: {int(np.median(places))} places, "
            f"{int(np.median(features))} features",
        )
    from bench import writebench

    info["control_writes"] = writebench.measure_control_writes(client)
    writebench.report_control(info["control_writes"], out)


def interleaved(client, results, info, cluster_url, country, repeat) -> None:
    """Control on a new date and the cluster view, request by request in turn: on a
    shared machine the load moves both alike, so their ratio is the steady figure.
    Each is also timed in CPU seconds of this thread (time.thread_time), which a
    loaded machine's preemption does not inflate."""
    rng = np.random.default_rng(SEED + 1)
    wall = {"control": [], "cluster": []}
    cpu = {"control": [], "cluster": []}
    for offset in rng.integers(0, DAYS, repeat).tolist():
        day = FIRST_DAY + dt.timedelta(days=offset)
        urls = {
            "control": "/api/v1/control/?"
            + query(date=day.isoformat(), in_bbox=country),
            "cluster": cluster_url,
        }
        for name, url in urls.items():
            c0, t0 = time.thread_time(), time.perf_counter()
            response = client.get(url)
            wall[name].append((time.perf_counter() - t0) * 1000)
            cpu[name].append((time.thread_time() - c0) * 1000)
            assert response.status_code == 200, url
    rows = {}
    for name in ("control", "cluster"):
        rows[name] = results.add(
            f"interleaved: {name} (wall)", "conflictmap", wall[name], b""
        )
        rows[name + " cpu"] = results.add(
            f"interleaved: {name} (CPU)", "conflictmap", cpu[name], b""
        )
    info["control_vs_cluster_interleaved"] = {
        "wall": rows["control"]["p50_ms"] / rows["cluster"]["p50_ms"],
        "cpu": rows["control cpu"]["p50_ms"] / rows["cluster cpu"]["p50_ms"],
    }
    out(
        f"interleaved ({repeat} pairs; control on a new date each time, country view): "
        + "; ".join(
            f"{key} p50 {row['p50_ms']:.3f} p95 {row['p95_ms']:.3f} ms"
            for key, row in rows.items()
        )
        + f"; control/cluster p50 wall {info['control_vs_cluster_interleaved']['wall']:.3f}x"
        f", CPU {info['control_vs_cluster_interleaved']['cpu']:.3f}x"
    )


def ratios(results: Results) -> str:
    def ratio(a_scenario, a_impl, b_scenario, b_impl):
        a, b = results.get(a_scenario, a_impl), results.get(b_scenario, b_impl)
        if not a or not b or not b["p50_ms"] or b["p50_ms"] != b["p50_ms"]:
            return "n/a"
        return f"{a['p50_ms'] / b['p50_ms']:.4f}x"

    parts = [
        f"vs tile SQL 1-month {ratio('country z6 1-month', 'conflictmap', 'country z6 1-month', 'tile-sql')}",
        f"1-year {ratio('country z6 1-year', 'conflictmap', 'country z6 1-year', 'tile-sql')}",
        f"10-year {ratio('country z6 10-year', 'conflictmap', 'country z6 10-year', 'tile-sql')}",
        f"vs supercluster on filter change {ratio('filter change z6', 'conflictmap', 'filter change z6', 'supercluster')}",
        f"pan/zoom {ratio('pan/zoom z6->z14 1-year', 'conflictmap', 'pan/zoom z6->z14 1-year', 'supercluster')}",
        f"vs DRF country 1-month {ratio('country z6 1-month', 'conflictmap', 'country z6 1-month', 'drf-gis')}",
        f"vs floor {ratio('country z6 10-year', 'conflictmap', 'floor (empty response)', 'django')}",
        f"pan/zoom vs floor {ratio('pan/zoom z6->z14 1-year', 'conflictmap', 'floor (empty response)', 'django')}",
        f"new views {ratio('pan/zoom new views', 'conflictmap', 'floor (empty response)', 'django')}",
        f"control country vs cluster 1-year {ratio('control country', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"control country any date {ratio('control country any date', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"control idlib any date {ratio('control idlib view any date', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"interleaved wall {ratio('interleaved: control (wall)', 'conflictmap', 'interleaved: cluster (wall)', 'conflictmap')}",
        f"CPU {ratio('interleaved: control (CPU)', 'conflictmap', 'interleaved: cluster (CPU)', 'conflictmap')}",
    ]
    ours, base = (
        results.get("export battles 1-year", "conflictmap"),
        results.get("export battles 1-year", "drf-gis"),
    )
    cold = results.get("export battles 1-year (cold)", "conflictmap")
    if base and "features_per_s" not in base:  # skipped: past --baseline-max
        base = None
    if ours and base:
        parts.append(
            f"export {ours['features_per_s'] / base['features_per_s']:.1f}x DRF features/s"
        )
    if cold and base:
        parts.append(
            f"cold export {cold['features_per_s'] / base['features_per_s']:.1f}x DRF"
        )
    after = results.get("export battles 1-year (after a write)", "conflictmap")
    if after and base:
        parts.append(
            f"export after a write "
            f"{after['features_per_s'] / base['features_per_s']:.1f}x DRF"
        )
    return "RATIOS (p50, ours/peer): " + "; ".join(parts)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--db", choices=["postgis", "spatialite"], default="postgis")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--reuse", action="store_true", help="keep loaded data if same size"
    )
    parser.add_argument("--baseline-max", type=int, default=150_000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-supercluster", action="store_true")
    parser.add_argument("--no-tilesql", action="store_true")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--sc-port", type=int, default=8107)
    parser.add_argument("--json", default="")
    parser.add_argument(
        "--write-seconds",
        type=float,
        default=60,
        help="cluster p99 idle, then during one write per second, this long each "
        "(0: no write scenarios)",
    )
    parser.add_argument("--cache-url", default="")
    parser.add_argument(
        "--mapindex-from",
        type=int,
        default=2_000_000,
        help="from this many events the first index is built by `manage.py "
        "mapindex` in a process of its own (the bench maps it: its heap stays small)",
    )
    parser.add_argument(
        "--sc-max",
        type=int,
        default=3_000_000,
        help="the supercluster peer is skipped past this many public events",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=20_000,
        help="an ACLED import of this many new events while two processes answer "
        "(PostGIS; 0: none); applied as a delta up to DIRTY_MAX_IDS (250,000)",
    )
    parser.add_argument(
        "--places", type=int, default=0, help="places (0: one per 40 events, ≤ 25k)"
    )
    parser.add_argument(
        "--only-control",
        action="store_true",
        help="load, build, the country cluster views and the control layer only",
    )
    parser.add_argument(
        "--no-control",
        action="store_true",
        help="skip the control layer (at 10M events its build peaks at 1.6 GB)",
    )
    parser.add_argument(
        "--only-writes", action="store_true", help="load, build, the write scenarios"
    )
    parser.add_argument(
        "--only-import",
        action="store_true",
        help="load, build, the import scenario (--import-rows) only",
    )
    parser.add_argument(
        "--only-export",
        action="store_true",
        help="load, build, the GeoJSON export scenarios (blob and per Feature)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcome = run(args)
    info, results = outcome["info"], outcome["results"]
    info["machine"] = (
        f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB, "
        f"Python {platform.python_version()}"
    )
    info["run_s"] = time.perf_counter() - started
    info["load_average_1m_5m_15m"] = os.getloadavg()
    out()
    results.table()
    out()
    out(f"counts (ours, baseline): {outcome['counts']}")
    out(
        f"memory: index {info['index_mb']:.0f} MB + export columns "
        f"{info['columns_mb']:.0f} MB, bench process peak RSS "
        f"{info['rss_peak_mb']:.0f} MB, node peak {info['node_peak_mb']} MB"
    )
    if "writes" in info:
        from bench import writebench

        writebench.report(info["writes"], out)
    if "import" in info:
        from bench import importvisible

        importvisible.report(info["import"], out)
    out(
        f"run: {info['run_s']:.0f} s on {info['machine']}; load average "
        f"{', '.join(f'{v:.1f}' for v in info['load_average_1m_5m_15m'])}"
    )
    out(ratios(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"info": info, "rows": results.rows, "counts": outcome["counts"]},
                default=str,
                indent=1,
            )
        )
    return outcome


if __name__ == "__main__":
    main()
