"""An import's stages side by side: the next batch read ahead in a thread (ahead), and
fewer garbage collections while large imports run (few_collections)."""

import contextlib
import gc
import queue
import threading
from collections.abc import Iterator

_DONE = object()


def ahead(items: Iterator, depth: int = 2) -> Iterator:
    """``items``, produced in a thread up to ``depth`` ahead of the consumer.

    The import's Python work (reading, hashing, parsing) then runs while the database
    writes the previous batch (psycopg releases the GIL while it waits): two cores
    instead of taking turns. The producer must not use the database connection (it
    belongs to the consumer's thread and transaction). Its exception is raised here;
    a consumer that stops early stops the producer."""
    found: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        found.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            found.put((_DONE, None))
        except BaseException as error:  # noqa: BLE001 - handed to the consumer
            found.put((_DONE, error))

    thread = threading.Thread(target=produce, name="import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item, error = found.get()
            if item is _DONE:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting to put
            with contextlib.suppress(queue.Empty):
                found.get(timeout=0.1)
        thread.join()


# Python's cycle collector during an import: young objects collected every GC_YOUNG
# allocations instead of 700. With the default, its full collections rescanned the
# growing heap (the place cache, the id hashes) 35 times in a 100k-row import: 5.6 of
# its 12 CPU-s in the Python process. Rows make few reference cycles (memory is the
# same either way); the collector still runs, only less often.
GC_YOUNG = 50_000


_COLLECTOR = {"imports": 0, "thresholds": gc.get_threshold()}


_COLLECTOR_LOCK = threading.Lock()


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Collect cycles less often while importing: the objects alive before the
    import are frozen (never rescanned) and young collections are rarer. Imports in
    several threads at once: the first sets this up, the last puts it back.

    Frozen as they are, with no full collection first: one holds the GIL and so
    stops every thread of the process for as long as it scans the whole heap (the
    map bench imports in the process that also answers requests: 420 ms at 1M
    events, every thread stopped; bench/README.md "The second process during an
    import"). Garbage alive at the start waits for a collection after the import."""
    with _COLLECTOR_LOCK:
        if _COLLECTOR["imports"] == 0:
            _COLLECTOR["thresholds"] = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(GC_YOUNG, 50, 50)
        _COLLECTOR["imports"] += 1
    try:
        yield
    finally:
        with _COLLECTOR_LOCK:
            _COLLECTOR["imports"] -= 1
            if _COLLECTOR["imports"] == 0:
                gc.set_threshold(*_COLLECTOR["thresholds"])
                gc.unfreeze()
