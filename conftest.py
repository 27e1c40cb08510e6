"""Shared pytest fixtures and the skip rules for the postgis and integration markers."""

import pytest


def database_is_postgis() -> bool:
    """True when the default database runs on PostGIS (DATABASE_URL=postgis://…)."""
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("postgis")


def broker_is_redis() -> bool:
    """True when a real Redis broker is configured (CELERY_BROKER_URL=redis://…)."""
    from django.conf import settings

    return settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://"))


# Fixtures through which a test reaches the database (pytest-django's, and those that
# request them: admin_client, live_server... have one of these in their closure).
DB_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that use the database (the django_db marker or a "
        "database fixture); scripts/test-postgis.sh: the others already ran in "
        "`make test` and do not depend on the database engine",
    )


def uses_database(item: pytest.Item) -> bool:
    """True when pytest-django lets the test reach the database. The others are
    refused any query ("Database access not allowed"), so their outcome does not
    depend on DATABASE_URL; those that start processes give them a SpatiaLite file
    or a clean environment of their own (bench smoke, load, store, settings)."""
    if item.get_closest_marker("django_db"):
        return True
    return not DB_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def transactional_without_restore(item: pytest.Item) -> bool:
    """True for a transaction=True test (or one using transactional_db/live_server)
    that does not ask for serialized_rollback."""
    from pytest_django.fixtures import validate_django_db

    fixtures = getattr(item, "fixturenames", ())
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    restores = "django_db_serialized_rollback" in fixtures
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences, _dbs, serialized, _apps = validate_django_db(
            marker
        )
        transactional = transactional or transaction or reset_sequences
        restores = restores or serialized
    return transactional and not restores


def restore_serialized_data(item: pytest.Item) -> None:
    """Give a transactional test serialized_rollback=True (its other django_db
    arguments kept).

    Without it, the flush after the test runs post_migrate, which re-creates the
    content types and permissions under new ids and not the data migrations' rows
    (event types, groups). The next serialized_rollback test then reloads the
    serialized rows over those: "UNIQUE constraint failed: django_content_type"
    at its set-up, and every later one in the same process fails the same way
    (which tests came after such a test depended on the random order and, with
    xdist, on the worker). With serialized_rollback the flush skips post_migrate
    and the next test finds the database as migrations left it."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, databases, _serialized, available_apps = (
        validate_django_db(marker) if marker else (True, False, None, False, None)
    )
    kwargs = {
        "transaction": True,
        "reset_sequences": reset_sequences,
        "serialized_rollback": True,
    }
    if databases is not None:
        kwargs["databases"] = databases
    if available_apps is not None:
        kwargs["available_apps"] = available_apps
    item.add_marker(pytest.mark.django_db(**kwargs), append=False)  # the closest


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    for item in items:
        if transactional_without_restore(item):
            restore_serialized_data(item)
    if not config.getoption("--db-only"):
        return
    keep, dropped = [], []
    for item in items:
        (keep if uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.hookimpl(tryfirst=True)  # before any fixture (database, worker) is set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgis") and not database_is_postgis():
        pytest.skip("needs PostGIS: set DATABASE_URL=postgis://… (see .ci/run)")
    if item.get_closest_marker("integration") and not broker_is_redis():
        pytest.skip(
            "needs a Redis broker: set CELERY_BROKER_URL=redis://… (see .ci/run)"
        )


@pytest.fixture
def api_client():
    """DRF test client (JSON by default)."""
    from rest_framework.test import APIClient

    return APIClient()


GAZETTEER_VERSION = "tests"
GAZETTEER_BUILDS_KEPT = 3


@pytest.fixture(autouse=True, scope="session")
def _gazetteer_builds_shared():
    """An index built from rows identical to a recent build shares its tables.

    Every load_demo (demo, control, browser tests) invalidates the gazetteer index and
    the next lookup rebuilds it from the same ~17,000 rows: 1-2 s each, dozens of times
    per run. The index is a pure function of its rows (its tables are not written after
    the build; lookups only read them), so a new GazetteerIndex of equal rows gets
    the tables of the last one instead of recomputing them; a new version, and a new
    object, as before. Rows that differ in anything (a name, a reference, the order)
    build a new index."""
    from collections import OrderedDict

    from places.geocoding.index import GazetteerIndex

    build = GazetteerIndex.__init__
    built: OrderedDict[tuple, GazetteerIndex] = OrderedDict()

    def shared(index: GazetteerIndex, entries, *, version: str = "") -> None:
        entries = tuple(entries)
        same = built.get(entries)
        if same is None:
            build(index, entries, version=version)
            built[entries] = index
            while len(built) > GAZETTEER_BUILDS_KEPT:
                built.popitem(last=False)
            return
        built.move_to_end(entries)
        vars(index).update(vars(same))
        index.version = version
        index._subdistricts = None  # a lazy table: each index fills its own

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(GazetteerIndex, "__init__", shared)
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Passwords that tests set are hashed with MD5 (Django's advice for tests): the
    default PBKDF2 costs 0.25 s of CPU per hash and per password login. What is
    tested (who may log in, with which password) does not depend on the hasher."""
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


@pytest.fixture(scope="session")
def migrated_spatialite(tmp_path_factory):
    """copy(path): puts at ``path`` a SpatiaLite file as `manage.py migrate` leaves
    it, migrated once per process. For tests that run manage.py or gunicorn on a
    database of their own (load tests, an import seen by gunicorn's workers): each
    ran migrate itself, ~7 s of CPU."""
    import os
    import shutil
    import subprocess
    import sys

    from django.conf import settings

    template = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"spatialite:///{template}",
        "DJANGO_SECRET_KEY": "migrate-only",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": "memory://",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=settings.BASE_DIR, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip

    def copy(path):
        shutil.copyfile(template, path)
        return path

    return copy


@pytest.fixture(autouse=True)
def _fresh_cluster_index(settings, tmp_path):
    """Each test starts without the process's cluster index and Feature cache, and
    with an empty directory for the machine's shared index.

    In production every write commits and bumps the index version; a test's writes
    never commit (the test transaction rolls back), so the index is reset instead."""
    from django.core.cache import cache

    from maps.clusters import state as cluster_state
    from places import gazetteer

    settings.MAP_INDEX_DIR = str(tmp_path / "mapindex")
    cluster_state.index_reset()
    cache.clear()  # nor the export cache and rate counters, keyed by that version
    # The gazetteer index (1-2 s to build) is kept from test to test under one shared
    # version; its fingerprint of the tables still catches rows a test added. A test
    # that invalidated it (or swapped the cache) leaves it to be rebuilt.
    cache.set(gazetteer.VERSION_KEY, GAZETTEER_VERSION, None)
    yield
    cluster_state.index_reset()
    if cache.get(gazetteer.VERSION_KEY) != GAZETTEER_VERSION:
        gazetteer._index_cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /ar/… activates Arabic
    in the thread, and a test that reverses a URL before its first request would
    otherwise get /ar/ links whenever it ran after one (order-dependent)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def closed_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_down(monkeypatch):
    """Celery sends to a real Redis URL where nothing listens: every send fails as
    it does while the production broker is down."""
    from conflictmap.celery import app

    url = f"redis://127.0.0.1:{closed_port()}/0"
    # Celery reads CELERY_BROKER_URL from the environment before its own settings.
    monkeypatch.setenv("CELERY_BROKER_URL", url)

    def forget_connections() -> None:  # the pools were built for the other URL
        app._pool = None
        app.amqp._producer_pool = None

    keys = ("task_always_eager", "broker_url", "broker_connection_timeout")
    saved = {k: app.conf[k] for k in keys}
    forget_connections()
    app.conf.update(
        task_always_eager=False,
        broker_url=url,
        broker_connection_timeout=0.5,
    )
    yield app
    forget_connections()
    app.conf.update(saved)


@pytest.fixture
def cache_down(settings) -> dict:
    """The default cache is a Redis where nothing listens (a cache outage)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "conflictmap.cache.ResilientRedisCache",  # as settings make it
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    return settings.CACHES  # the settings fixture restores them (setting_changed)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request) -> None:
    """One test database per xdist worker, without renaming SQLite's in-memory one.

    pytest-django appends ``_gw0`` to the database name; SQLite's test database is
    in memory (one per process already) and the suffixed file name cannot be opened.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")
