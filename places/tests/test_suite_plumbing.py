"""The test-suite plumbing of the root conftest.py that makes CI cheaper without
dropping a test: the gazetteer index built once per distinct set of rows, the
choice of the tests the PostGIS run repeats (--db-only), and transactional tests
that leave the database as the next one (in any order, on any xdist worker) expects."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from places.geocoding.index import GazetteerIndex, IndexEntry

ROWS = [
    IndexEntry(ref="t:1", name="Kafr Nabudah", lat=35.43, lon=36.49, country="SY"),
    IndexEntry(ref="t:2", name="Khan Shaykhun", lat=35.44, lon=36.65, country="SY"),
]


def root_conftest():
    return sys.modules["conftest"]  # the root conftest.py (rootdir, no package)


def test_an_index_of_equal_rows_shares_the_built_tables():
    first = GazetteerIndex(ROWS, version="one")
    second = GazetteerIndex(iter(list(ROWS)), version="two")
    assert second is not first
    assert (first.version, second.version) == ("one", "two")
    assert second._keys is first._keys  # built once
    assert [c.entry.ref for c in second.candidates("Kafr Nabuda")] == [
        c.entry.ref for c in first.candidates("Kafr Nabuda")
    ]


def test_an_index_of_other_rows_is_built_anew():
    first = GazetteerIndex(ROWS, version="one")
    more = [
        *ROWS,
        IndexEntry(ref="t:3", name="Hbeit", lat=35.4, lon=36.5, country="SY"),
    ]
    other = GazetteerIndex(more, version="two")
    renamed = [ROWS[0], IndexEntry(**{**vars_of(ROWS[1]), "name": "Khan Sheikhoun"})]
    third = GazetteerIndex(renamed, version="three")
    assert other._keys is not first._keys
    assert third._keys is not first._keys
    assert [c.entry.ref for c in other.candidates("Hbeit")] == ["t:3"]
    assert not first.candidates("Hbeit")


def vars_of(entry: IndexEntry) -> dict:
    return {name: getattr(entry, name) for name in IndexEntry.__dataclass_fields__}


def test_a_test_without_the_database_is_not_repeated_on_postgis(request):
    assert not root_conftest().uses_database(request.node)


@pytest.mark.django_db
def test_the_django_db_marker_is_a_database_test(request):
    assert root_conftest().uses_database(request.node)


def test_a_database_fixture_is_a_database_test(request, admin_client):
    assert root_conftest().uses_database(request.node)


def test_the_live_server_is_a_database_test(request, live_server):
    assert root_conftest().uses_database(request.node)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_serialized_rollback_test_finds_the_migrated_rows():
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    assert ContentType.objects.filter(app_label="places", model="place").exists()
    assert Group.objects.exists()  # a data migration's rows: events 0007's roles


def test_a_transactional_test_gets_serialized_rollback(request, live_server):
    marker = request.node.get_closest_marker("django_db")
    assert marker is not None
    assert marker.kwargs["serialized_rollback"] is True


REPO = Path(__file__).resolve().parents[2]
HERE = "places/tests/test_suite_plumbing.py"


def test_a_serialized_rollback_test_after_a_live_server_test_sets_up():
    """The failure as found under xdist, in one process: a live_server test without
    serialized_rollback, then a serialized_rollback test. Its set-up reloaded the
    content types over those post_migrate had re-created under new ids: UNIQUE
    constraint failed (16 errors in `make test JOBS=2`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.pop("DATABASE_URL", None)  # its own in-memory SpatiaLite database
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "-p",
            "no:xdist",
            f"{HERE}::test_a_transactional_test_gets_serialized_rollback",
            f"{HERE}::test_a_serialized_rollback_test_finds_the_migrated_rows",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert "2 passed" in run.stdout
