"""Where an import's time goes: wall-clock timers around the writer's steps.

``bench/importbench.py --profile`` installs these before a phase and prints the split
after it. Timers are cumulative and nested (a link insert is also in "links", which is
also in "batches"); a step re-entered while already timed counts once.
"""

import functools
import sys
import time
from collections import defaultdict

TOTALS: dict[str, float] = defaultdict(float)
_ACTIVE: set[str] = set()


def _timed(label, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        name = label(*args, **kwargs) if callable(label) else label
        if name in _ACTIVE:
            return function(*args, **kwargs)
        _ACTIVE.add(name)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TOTALS[name] += time.perf_counter() - started
            _ACTIVE.discard(name)

    return wrapper


def install() -> None:
    from django.db import connection

    from interchange import bulkinsert, writer

    steps = {
        "write_batch": "batches",
        "_existing": "batches: existing-event lookups",
        "_load_places": "batches: place lookups",
        "_load_actors": "batches: actors",
        "_load_sources": "batches: source lookups",
        "_links": "batches: links",
    }
    for attribute, label in steps.items():
        setattr(writer.Writer, attribute,
                _timed(label, getattr(writer.Writer, attribute)))  # fmt: skip
    bulkinsert.insert = _timed(
        lambda model, rows, **_: f"insert {model.__name__}", bulkinsert.insert
    )
    for attribute in ("_allocate", "_insert_with_history"):
        if hasattr(bulkinsert, attribute):
            setattr(bulkinsert, attribute,
                    _timed(f"bulkinsert.{attribute}", getattr(bulkinsert, attribute)))  # fmt: skip
    # PostgreSQL: the writing thread's time, and how much of it the main thread
    # waited for (the rest ran while the next batch was prepared).
    bulkinsert._run = _timed("writing thread: inserts", bulkinsert._run)
    bulkinsert.Later.settle = _timed(
        "main thread: waiting for the writing thread", bulkinsert.Later.settle
    )
    connection.ensure_connection()
    connection.commit = _timed("commit", connection.commit)


def report(seconds: float) -> None:
    out = sys.stdout
    out.write(f"  profile ({seconds:.1f} s in all):\n")
    for name, spent in sorted(TOTALS.items(), key=lambda item: -item[1]):
        out.write(f"    {name:<36} {spent:7.1f} s\n")
    TOTALS.clear()
