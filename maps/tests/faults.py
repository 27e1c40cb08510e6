"""Real processes for the fault-injection and load suites (maps/tests/test_faults_*.py,
test_load*.py): a private redis-server, gunicorn, `manage.py` in a subprocess, cutting
PostgreSQL's sessions, and where measurements go. Fixtures: maps/tests/conftest.py."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

from events.tests.commits import commit_hooks  # noqa: F401  (the fault tests import it from here)

REPO = Path(__file__).resolve().parents[2]
logger = logging.getLogger(__name__)
PUBLIC_URLS = [
    "/api/v1/clusters/?zoom=5",
    "/api/v1/events/",
    "/embed/",
    "/export/events.geojson",
]


def measured(name: str, value: float, text: str) -> None:
    """Keep a measurement: the log, and $FAULTS_REPORT (a text file)."""
    logger.warning("measured: %s", text)
    if report := os.environ.get("FAULTS_REPORT"):
        with open(report, "a", encoding="utf-8") as out:
            out.write(f"{name} = {value}: {text}\n")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A private redis-server: as scripts/services.sh runs it (append-only file) or
    as a throw-away cache."""

    def __init__(self, directory: Path, *, persistent: bool = True) -> None:
        self.port, self.directory, self.persistent = free_port(), directory, persistent
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


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> None:
    """`manage.py <args>` in a subprocess with ``env`` (its own database)."""
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=env, check=True, capture_output=True, timeout=timeout,
    )  # fmt: skip


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def worker_env_for(broker_url: str, **extra: str) -> dict[str, str]:
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


def blocked_worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


class Gunicorn:
    """gunicorn with two workers and persistent connections on the test database."""

    def __init__(self, env: dict[str, str], *extra: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "conflictmap.wsgi",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--log-level", "warning", *extra],
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

    def wait_ready(self, path: str = "/api/v1/clusters/?zoom=5") -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.get(path)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        error = self.stop()[-2000:]
        raise RuntimeError(f"gunicorn did not answer {path}: {error}")

    def stop(self) -> str:
        self.process.terminate()
        try:
            _out, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        return err


def cut_database(name: str, *, allow: bool) -> None:
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
