"""Settings come from the environment with safe defaults (conflictmap/settings.py)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from conflictmap.cache import ResilientRedisCache

REPO = Path(__file__).resolve().parents[2]


def load_settings(
    tmp_path: Path, env: dict[str, str], expr: str
) -> subprocess.CompletedProcess:
    """Import a copy of the settings in a clean process and print ``expr`` as JSON.

    The copy lives outside the repository so a developer's ``.env`` (which the settings
    read when present) cannot leak into the result.
    """
    shutil.copytree(REPO / "conflictmap", tmp_path / "conflictmap", dirs_exist_ok=True)
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "conflictmap.settings",
        **env,
    }
    code = (
        "import json; from django.conf import settings; "
        "from conflictmap.celery import app; "
        f"print(json.dumps({expr}, default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def load_values(tmp_path: Path, env: dict[str, str], expr: str):
    result = load_settings(tmp_path, env, expr)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_defaults_to_false(tmp_path):
    debug = load_values(tmp_path, {"DJANGO_SECRET_KEY": "x" * 50}, "settings.DEBUG")
    assert debug is False


def test_debug_can_be_enabled(tmp_path):
    debug = load_values(tmp_path, {"DJANGO_DEBUG": "1"}, "settings.DEBUG")
    assert debug is True


def test_secret_key_required_without_debug(tmp_path):
    result = load_settings(tmp_path, {}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_secret_key_read_from_environment(tmp_path):
    key = load_values(
        tmp_path, {"DJANGO_SECRET_KEY": "s3cret" * 10}, "settings.SECRET_KEY"
    )
    assert key == "s3cret" * 10


def test_frames_are_denied_by_default():
    assert settings.X_FRAME_OPTIONS == "DENY"


@pytest.mark.django_db
def test_pages_send_x_frame_options_deny(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


def test_celery_runs_eagerly_without_broker(tmp_path):
    eager = load_values(
        tmp_path,
        {"DJANGO_DEBUG": "1"},
        "[settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager]",
    )
    assert eager == [True, True]


def test_celery_uses_the_broker_when_redis_is_configured(tmp_path):
    values = load_values(
        tmp_path,
        {"DJANGO_DEBUG": "1", "CELERY_BROKER_URL": "redis://127.0.0.1:6390/0"},
        "[settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager, "
        "app.conf.broker_url]",
    )
    assert values == [False, False, "redis://127.0.0.1:6390/0"]


def test_a_redis_cache_degrades_and_times_out_quickly(tmp_path):
    """Issue 12: a Redis outage took the API down and a frozen Redis held requests."""
    cache = load_values(
        tmp_path,
        {"DJANGO_DEBUG": "1", "CACHE_URL": "redis://127.0.0.1:6390/1"},
        "settings.CACHES['default']",
    )
    assert cache["BACKEND"] == "conflictmap.cache.ResilientRedisCache"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


def test_the_redis_cache_keeps_one_client_per_server():
    """Issue 16: Django's cache built a redis.Redis for every call (redis-py 8 fills
    ~170 response callbacks each time), a third of a cache read's CPU."""
    cache = ResilientRedisCache("redis://127.0.0.1:6390/1", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client  # one server, one pool
    assert client.connection_pool is cache._cache._pools[0]


def test_failures_settings_visibility_timeout_and_health_checks(tmp_path):
    values = load_values(
        tmp_path,
        {"DJANGO_DEBUG": "1", "CELERY_BROKER_URL": "redis://127.0.0.1:6390/0"},
        "[app.conf.broker_transport_options['visibility_timeout'], "
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "sorted(app.conf.beat_schedule)]",
    )
    assert values == [300, True, ["geocode-sweep"]]


def test_database_defaults_to_spatialite_file(tmp_path):
    db = load_values(tmp_path, {"DJANGO_DEBUG": "1"}, "settings.DATABASES['default']")
    assert db["ENGINE"] == "django.contrib.gis.db.backends.spatialite"
    assert db["NAME"] == str(tmp_path / "db.sqlite3")


def test_postgis_database_url_selects_postgis_engine(tmp_path):
    db = load_values(
        tmp_path,
        {
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": "postgis://carto:pw@db.internal:5433/conflictmap",
        },
        "settings.DATABASES['default']",
    )
    assert db["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("conflictmap", "carto", "pw")
    assert (db["HOST"], int(db["PORT"])) == ("db.internal", 5433)
    # Server-side prepared statements stay off (DESIGN.md: generic-plan slowdown).
    assert db["OPTIONS"]["prepare_threshold"] is None


def env_vars_read_by_settings() -> set[str]:
    source = (REPO / "conflictmap" / "settings.py").read_text()
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", source))


def test_env_example_lists_every_variable_settings_read():
    example = (REPO / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert len(env_vars_read_by_settings()) > 10  # the pattern still finds them
    assert env_vars_read_by_settings() - listed == set()


def test_env_example_values_load(tmp_path):
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    values = load_values(
        tmp_path,
        {},
        "[settings.DEBUG, settings.ALLOWED_HOSTS, settings.CELERY_TASK_ALWAYS_EAGER, "
        "settings.DATABASES['default']['ENGINE'], settings.GAZETTEER_COUNTRIES]",
    )
    assert values[:3] == [True, ["127.0.0.1", "localhost"], True]
    assert values[3].endswith("spatialite")
    assert "SY" in values[4]
