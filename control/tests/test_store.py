"""One control index per machine (control.store): the first worker builds it into a
file, the others map it; a write shows in every worker's next answer (applied per
place over the mapped columns: control.layered); the answers are those of a build
of each process's own, byte for byte; a half-written version is never mapped."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from control import live, store
from control import selectors as control_selectors
from control.layered import Layered
from control.tests import storeproc
from control.tests.test_live import _snapshot, _world, _write
from events import dataversion, shared_index
from events.tests.commits import commit_hooks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]
ROOT = Path(__file__).resolve().parents[2]


def _root(settings) -> Path:
    return shared_index.root_for(
        settings.MAP_INDEX_DIR, connection.settings_dict, store.KIND
    )


def _process(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "control.tests.storeproc", str(root), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _new_worker() -> None:
    """This process as a worker just started: no index of its own, the machine's
    file still there."""
    live.index_reset(machine=False)


def test_a_second_worker_maps_the_index_the_first_built(settings):
    _world(random.Random(3))
    commit_hooks()
    first = control_selectors.control_index()
    assert first.store_name  # published, and served from the file
    full, builds, maps = live.stats["full"], store.stats["builds"], store.stats["maps"]
    _new_worker()
    second = control_selectors.control_index()
    assert second is not first
    assert second.store_name == first.store_name
    assert (live.stats["full"], store.stats["builds"]) == (full, builds)  # no build
    assert store.stats["maps"] == maps + 1
    assert not second.rows.keys.flags.writeable  # read-only views of the file
    assert storeproc.answers(second) == storeproc.answers(first)


def test_the_mapped_index_answers_as_a_build_of_the_process_own(settings):
    _world(random.Random(17))
    commit_hooks()
    shared = settings.MAP_INDEX_DIR
    settings.MAP_INDEX_DIR = ""  # one index per process, as before
    own = control_selectors.control_index()
    assert not own.store_name
    expected = (storeproc.answers(own), _snapshot(own))
    live.index_reset()
    settings.MAP_INDEX_DIR = shared
    control_selectors.control_index()  # built and published
    _new_worker()
    mapped = control_selectors.control_index()
    assert mapped.store_name
    assert (storeproc.answers(mapped), _snapshot(mapped)) == expected


def test_a_write_shows_in_the_next_answer_of_every_worker(settings):
    """Two workers (this process's state, swapped) on one mapped build: after each
    write both answer as a whole build at the new version, without one."""
    rng = random.Random(5)
    actors, places, events = _world(rng)
    commit_hooks()
    control_selectors.control_index()
    workers = [dict(live._state)]
    _new_worker()
    base = control_selectors.control_index()
    workers.append(dict(live._state))
    full = live.stats["full"]
    for _step in range(8):
        _write(rng, actors, places, events)
        commit_hooks()
        version = dataversion.clusters_version(fresh=True)
        whole = control_selectors._build(version)
        for worker in workers:
            live._state.clear()
            live._state.update(worker)
            index = control_selectors.control_index()
            worker.update(live._state)
            assert index.version == version
            assert storeproc.answers(index) == storeproc.answers(whole)
            assert _snapshot(index) == _snapshot(whole)
            if isinstance(index, Layered):
                assert index.base.store_name == base.store_name  # still mapped
        assert live.stats["full"] == full  # applied per place, on every worker


def test_another_process_answers_from_the_file_byte_for_byte(settings):
    _world(random.Random(11))
    commit_hooks()
    index = control_selectors.control_index()
    done = _process(_root(settings))
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["store_name"] == index.store_name
    assert found["stats"]["builds"] == 0
    assert not found["writeable"]
    own = control_selectors._build(index.version)
    assert found["answers"] == storeproc.answers(own) == storeproc.answers(index)
    assert any('"state"' in answer for answer in found["answers"])  # not all empty


def test_a_builder_killed_midway_leaves_the_published_version_in_use(settings):
    _world(random.Random(23))
    commit_hooks()
    index = control_selectors.control_index()
    root, name = _root(settings), index.store_name
    dying = _process(root, "crash")
    assert dying.returncode == -9  # SIGKILL halfway through writing the file
    assert [p.name for p in root.iterdir() if p.name.startswith("tmp-")]
    assert os.readlink(root / shared_index.CURRENT) == name
    mapped = _process(root)  # a worker started now: the whole version, not the torn
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["store_name"] == name
    assert json.loads(mapped.stdout)["answers"] == storeproc.answers(index)
    rebuilt = store.obtain(  # the next builder clears what the dead one left
        root,
        control_selectors._build,
        index.version,
        held=index,
        usable=lambda found: True,
        max_age=300,
    )
    assert rebuilt.store_name != name
    assert not [p for p in root.iterdir() if p.name.startswith("tmp-")]
    assert storeproc.answers(rebuilt) == storeproc.answers(index)


def test_an_unusable_index_directory_leaves_the_process_its_own_index(
    settings, tmp_path
):
    _world(random.Random(3))
    commit_hooks()
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MAP_INDEX_DIR = str(blocker)
    index = control_selectors.control_index()
    assert not index.store_name
    assert storeproc.answers(index) == storeproc.answers(
        control_selectors._build(index.version)
    )


def test_mapindex_makes_the_control_index_current_for_the_workers(settings):
    from io import StringIO

    from django.core.management import call_command

    _world(random.Random(3))
    commit_hooks()
    out = StringIO()
    call_command("mapindex", stdout=out)
    name = os.readlink(_root(settings) / shared_index.CURRENT)
    assert "places with periods at data version" in out.getvalue()
    assert name in out.getvalue()
    _new_worker()
    builds = store.stats["builds"]
    assert control_selectors.control_index().store_name == name  # mapped
    assert store.stats["builds"] == builds
    out = StringIO()
    call_command("mapindex", "--publish-control", stdout=out)
    assert out.getvalue().split() == [os.readlink(_root(settings) / "current")]
    assert out.getvalue().strip() != name
