"""One cluster index per machine (maps.clusters.store): built once, mapped by every
process, switched atomically, never half-written; real processes, real files."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db import connection

from events.filters import EventFilters
from events.tests.factories import EventFactory
from maps.clusters import state as cluster_state
from maps.clusters import store
from maps.selectors import cluster_answers, geojson_export, index_build
from maps.tests import storeproc
from places.tests.factories import PlaceFactory

ROOT = Path(__file__).resolve().parents[2]


def start(root: Path, log: Path, version: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "maps.tests.storeproc", str(root), str(log)]
        + [str(version), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return json.loads(out)


def run(root: Path, log: Path, version: int) -> dict:
    return finish(start(root, log, version))


def builds(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def expected(version: int) -> list:
    """The answers of an index built in this process from the same rows."""
    return storeproc.answers(storeproc.build_index(version))


def test_two_processes_started_together_build_the_index_once(tmp_path):
    root, log = tmp_path / "index", tmp_path / "builds.log"
    first, second = start(root, log, 1), start(root, log, 1)
    results = [finish(first), finish(second)]
    assert len(builds(log)) == 1  # the other waited for it, then mapped it
    assert sorted(r["stats"]["builds"] for r in results) == [0, 1]
    assert results[0]["store_name"] == results[1]["store_name"] is not None
    assert results[0]["answers"] == results[1]["answers"] == expected(1)
    assert not results[0]["writeable"]  # read-only views of the file


def test_a_later_process_maps_the_index_instead_of_building_it(tmp_path):
    root, log = tmp_path / "index", tmp_path / "builds.log"
    built = run(root, log, 1)
    mapped = run(root, log, 1)
    assert builds(log) == [f"build {built['pid']} v1"]
    assert mapped["stats"] == {"builds": 0, "maps": 1, "builds_elsewhere": 0}
    assert mapped["store_name"] == built["store_name"]
    assert mapped["answers"] == expected(1)


def test_a_reader_keeps_its_version_while_newer_ones_replace_it(tmp_path):
    """The reader maps v1; other processes publish v2 and v3 (v1's files are
    removed from the directory): the reader answers from v1 as before, and the next
    look at the directory finds v3, whole."""
    root, log = tmp_path / "index", tmp_path / "builds.log"
    store.forget()
    old = store.obtain(
        root,
        storeproc.build_index,
        1,
        held=None,
        usable=lambda found: found.counter == 1,
        max_age=300,
    )
    before = storeproc.answers(old)
    assert before == expected(1)
    run(root, log, 2)
    run(root, log, 3)
    assert not (root / old.store_name).exists()  # pruned while mapped here
    assert storeproc.answers(old) == before
    new = store.current(root)
    assert new.counter == 3
    assert new.store_name == os.readlink(root / store.CURRENT)
    assert storeproc.answers(new) == expected(3)
    store.forget()


def test_a_builder_killed_midway_leaves_the_published_version_in_use(tmp_path):
    root, log = tmp_path / "index", tmp_path / "builds.log"
    published = run(root, log, 1)["store_name"]
    dying = start(root, log, 2, "crash")
    dying.communicate(timeout=120)
    assert dying.returncode == -9  # SIGKILL halfway through writing the file
    left = [p.name for p in root.iterdir() if p.name.startswith("tmp-")]
    assert left  # its half-written version, under a name nothing reads
    assert os.readlink(root / store.CURRENT) == published
    assert run(root, log, 1)["store_name"] == published  # mapped, whole
    assert len(builds(log)) == 2  # the first build and the one that died
    rebuilt = run(root, log, 2)  # the lock died with the builder
    assert rebuilt["stats"]["builds"] == 1
    assert rebuilt["answers"] == expected(2)
    assert not [p for p in root.iterdir() if p.name.startswith("tmp-")]


@pytest.mark.django_db
def test_a_second_worker_maps_the_app_index_with_its_export_columns(monkeypatch):
    """Through the app: a fresh process (nothing of its own) maps the index the
    first built, and its clusters and export are the same bytes."""
    for i in range(3):
        EventFactory(
            place=PlaceFactory(name=f"Saraqib {i}", location=Point(36.8 + i, 35.8)),
            title=f"Report {i}",
        )
    built = []
    real = index_build._build
    monkeypatch.setattr(
        index_build, "_build", lambda version: built.append(version) or real(version)
    )
    clusters = cluster_answers.event_clusters_bytes(filters=EventFilters(), zoom=12)
    export = geojson_export.event_geojson_bytes(EventFilters())
    first = index_build.event_cluster_index()
    assert len(built) == 1
    assert first.store_name
    cluster_state.index_reset()  # a new worker: no index, no mapping of its own
    assert cluster_answers.event_clusters_bytes(filters=EventFilters(), zoom=12) == (
        clusters
    )
    assert geojson_export.event_geojson_bytes(EventFilters()) == export
    again = index_build.event_cluster_index()
    assert len(built) == 1  # mapped, not built
    assert again is not first
    assert again.store_name == first.store_name
    assert again.build_s == first.build_s  # its refresh period (state.max_age)
    assert b"Report 2" in export


@pytest.mark.django_db
def test_mapindex_command_publishes_the_index_the_workers_then_map(settings):
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    out = StringIO()
    call_command("mapindex", stdout=out)
    root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
    name = os.readlink(root / store.CURRENT)
    assert "1 public events at data version" in out.getvalue()
    assert name in out.getvalue()
    cluster_state.index_reset()  # the first worker
    assert index_build.event_cluster_index().store_name == name


def test_a_large_base_is_built_by_another_process_and_mapped_here(tmp_path):
    """Past ``elsewhere_from`` events the build runs in a process of its own (its
    memory goes back to the system when it ends); this one maps what it published."""
    root, log = tmp_path / "index", tmp_path / "builds.log"
    run(root, log, 1)
    store.forget()
    before = dict(store.stats)

    def elsewhere() -> str:
        done = start(root, log, 2, "publish")
        out, err = done.communicate(timeout=120)
        assert done.returncode == 0, err
        return out.split()[-1]

    index = store.obtain(
        root,
        storeproc.build_index,  # not called here
        2,
        held=None,
        usable=lambda found: found.counter == 2,
        max_age=300,
        elsewhere=elsewhere,
        elsewhere_from=1000,
    )
    assert store.stats["builds"] == before["builds"]
    assert store.stats["builds_elsewhere"] == before["builds_elsewhere"] + 1
    assert index.store_name == os.readlink(root / store.CURRENT)
    assert storeproc.answers(index) == expected(2)
    assert len(builds(log)) == 2
    store.forget()


def test_a_build_elsewhere_that_publishes_nothing_is_built_here(tmp_path):
    """The other process failed or published elsewhere (another database in its
    environment): this one builds and publishes the base itself."""
    root, log = tmp_path / "index", tmp_path / "builds.log"
    published = run(root, log, 1)["store_name"]
    store.forget()
    before = dict(store.stats)
    index = store.obtain(
        root,
        storeproc.build_index,
        2,
        held=None,
        usable=lambda found: found.counter == 2,
        max_age=300,
        elsewhere=lambda: "v2-never-written",
        elsewhere_from=1000,
    )
    assert store.stats["builds"] == before["builds"] + 1
    assert store.stats["builds_elsewhere"] == before["builds_elsewhere"]
    assert index.store_name == os.readlink(root / store.CURRENT) != published
    assert storeproc.answers(index) == expected(2)
    store.forget()


@pytest.mark.django_db
def test_mapindex_publish_builds_whatever_is_current(settings):
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    call_command("mapindex")
    root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
    first = os.readlink(root / store.CURRENT)
    out = StringIO()
    call_command("mapindex", "--publish", stdout=out)
    assert out.getvalue().split() == [os.readlink(root / store.CURRENT)]
    assert out.getvalue().strip() != first


@pytest.mark.django_db
def test_an_unusable_index_directory_leaves_each_process_its_own_index(
    settings, tmp_path
):
    """MAP_INDEX_DIR on a file (or a read-only or full disk): the map still answers,
    from an index this process built for itself."""
    EventFactory(place=PlaceFactory(name="Saraqib", location=Point(36.8, 35.86)))
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MAP_INDEX_DIR = str(blocker)
    answer = cluster_answers.event_clusters(filters=EventFilters(), zoom=5)
    assert answer["total"] == 1
    assert getattr(index_build.event_cluster_index(), "store_name", None) is None


def test_a_version_that_cannot_be_written_is_served_from_memory(tmp_path, monkeypatch):
    root = tmp_path / "index"

    def full_disk(directory, index):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_version", full_disk)
    store.forget()
    index = store.obtain(
        root,
        storeproc.build_index,
        1,
        held=None,
        usable=lambda found: found.counter == 1,
        max_age=300,
    )
    assert storeproc.answers(index) == expected(1)
    assert not hasattr(index, "store_name")
    assert [p.name for p in root.iterdir()] == [store.LOCK]  # no tmp- left, no current
