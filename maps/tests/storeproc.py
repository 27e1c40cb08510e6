"""A process of the shared-index tests (test_store.py): obtains the base index of a
synthetic data set from a store root and prints what it answers (no Django).

    python -m maps.tests.storeproc ROOT LOG VERSION [crash|publish]

Each build appends a line to LOG; ``crash`` kills the process (SIGKILL) halfway
through writing the index file, as a builder that dies would; ``publish`` builds and
publishes without the lock (the caller holds it) and prints the version's name, as
``manage.py mapindex --publish`` does for a web worker."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import numpy as np

from maps.clusters import store
from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import Query, Rows, TypeInfo

TYPES = [
    TypeInfo(pk=1, slug="battles", color="#c00", top_slug="battles"),
    TypeInfo(pk=2, slug="armed-clash", color="#a00", top_slug="battles"),
    TypeInfo(pk=3, slug="protests", color="#00c", top_slug="protests"),
]
QUERIES = [
    Query(zoom=0),
    Query(zoom=6, bbox=(35.5, 32.0, 42.0, 37.5)),
    Query(zoom=9, bbox=(36.0, 35.0, 37.5, 36.5), types=("battles",)),
]


def rows(version: int, n: int = 3000) -> Rows:
    """The synthetic public events at ``version`` (each version differs)."""
    rng = np.random.default_rng(version)
    start = rng.integers(734000, 739000, n).astype(np.int32)
    return Rows(
        ids=rng.permutation(n * 2)[:n].astype(np.int64) + 1,
        lon=rng.uniform(35.5, 42.0, n),
        lat=rng.uniform(32.0, 37.5, n),
        start=start,
        last=start + rng.integers(0, 30, n).astype(np.int32),
        type_idx=rng.integers(0, len(TYPES), n),
        disputed=rng.random(n) < 0.1,
    )


def build_index(version: int) -> ClusterIndex:
    return ClusterIndex(rows(version), TYPES, version, time.monotonic())


def answers(index: ClusterIndex) -> list:
    """What the index answers to QUERIES, as JSON values."""
    found = []
    for query in QUERIES:
        answer = index.query(query)
        found.append(
            {
                "total": int(answer["total"]),
                "count": answer["count"].tolist(),
                "lon": np.round(answer["lon"], 9).tolist(),
                "events": index.ids[answer["events"]].tolist(),
            }
        )
    return found


def main(
    root: str, log: str, version: int, *, crash: bool = False, publish: bool = False
) -> None:
    def build(v: int) -> ClusterIndex:
        with open(log, "a") as file:
            file.write(f"build {os.getpid()} v{v}\n")
        return build_index(v)

    if publish:
        sys.stdout.write(store.publish(Path(root), build(version)) + "\n")
        return
    if crash:
        write = store.write_version

        def dying_write(directory: Path, index: ClusterIndex) -> None:
            write(directory, index)
            with open(directory / "index.bin", "r+b") as file:
                file.truncate(file.seek(0, os.SEEK_END) // 2)  # halfway through
            os.kill(os.getpid(), signal.SIGKILL)

        store.write_version = dying_write
    index = store.obtain(
        Path(root),
        build,
        version,
        held=None,
        usable=lambda found: found.counter == version,
        max_age=300,
    )
    found = {
        "pid": os.getpid(),
        "store_name": getattr(index, "store_name", None),
        "stats": store.stats,
        "writeable": bool(index.lon.flags.writeable),
        "answers": answers(index),
    }
    sys.stdout.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]),
        crash="crash" in sys.argv[4:],
        publish="publish" in sys.argv[4:],
    )
