"""bench/mapbench.py's end of run: a base build still running for the run's index
directory is stopped with it.

Found at 10M events: after the import scenario, a thread had started
``manage.py mapindex --publish``; the bench exited and removed its index
directory, and the builder went on for minutes (10 GB resident, a core), into the
next run."""

import os
import subprocess
import sys

from bench import mapbench_env

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)", "mapindex"]


def _builder(index_dir) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed argv
        SLEEPER, env={**os.environ, "MAP_INDEX_DIR": str(index_dir)}
    )


def test_the_runs_builder_is_stopped_and_its_directory_removed(tmp_path):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    builder, other = _builder(ours), _builder(theirs)
    try:
        assert mapbench_env.builders(str(ours)) == [builder.pid]

        mapbench_env.remove_index_dir(str(ours))

        assert builder.wait(timeout=30) != 0
        assert not ours.exists()
        assert other.poll() is None  # another run's builder is left alone
        assert theirs.exists()
    finally:
        for process in (builder, other):
            process.kill()
            process.wait()
