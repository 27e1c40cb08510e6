"""A worker of the shared control index tests (test_store.py): maps the machine's
current control index from a root and prints what it answers (no Django, no
database: only the mapped file).

    python -m control.tests.storeproc ROOT [crash]

``crash`` publishes the mapped index again and is killed (SIGKILL) halfway through
writing its file, as a builder that dies would."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
from pathlib import Path

from control import store

DAYS = [dt.date(2019, 1, 1) + dt.timedelta(days=d) for d in range(0, 400, 23)]
VIEWS = [None, (36.0, 35.0, 36.5, 35.5), (36.5, 35.5, 37.5, 36.5)]


def answers(index) -> list[str]:
    """Each day and view's Features, then its cells, as text (the bytes compared)."""
    found = []
    for day in DAYS:
        for view in VIEWS:
            positions = index.in_force(day, view)
            found.append(b"[" + b",".join(index.encoded(positions)) + b"]")
            found.append(b"[" + b",".join(index.cells(positions, day, view)) + b"]")
    return [answer.decode() for answer in found]


def main(root: Path, *, crash: bool = False) -> None:
    index = store.current(root)
    if crash:
        write = store.write_version

        def dying_write(directory: Path, index) -> None:
            write(directory, index)
            with open(directory / "index.bin", "r+b") as file:
                file.truncate(file.seek(0, os.SEEK_END) // 2)  # halfway through
            os.kill(os.getpid(), signal.SIGKILL)

        store.write_version = dying_write
        store.publish(root, index)
    found = {
        "pid": os.getpid(),
        "store_name": index.store_name,
        "version": index.version,
        "stats": store.stats,
        "writeable": bool(index.rows.keys.flags.writeable),
        "answers": answers(index),
    }
    sys.stdout.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), crash="crash" in sys.argv[2:])
