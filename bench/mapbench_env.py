"""The environment of bench/mapbench.py: Django set up on the bench database, the shared
cache, the index builders, readings of disk and memory, the HTTP servers' readiness."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PG_URL = "postgis://cmbench:cmbench@127.0.0.1:5432/conflictmap_bench"


SPATIALITE_URL = "spatialite:////tmp/conflictmap_bench.sqlite3"


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
