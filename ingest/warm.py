"""The reader warmed before its first article: what a new process builds on first use.

A new web or worker process pays ~8 s of CPU at its first proposal (bench/README.md,
"The reader's cold start"): the gazetteer index (places.gazetteer, read from its file
when one is right: places.gazetteer_shared), the exact keys of each configured
country's rows, the names of places abroad, the actors' patterns, dateparser's
language data. reader_warm() builds them all by reading a short sample article, and
writes the index again with its tables, so the next process reads them too. The
`warm_reader` command runs it (a deployment, before the web starts); with
settings.INGEST_WARM_ON_START a web worker (gunicorn.conf.py) and each Celery worker
process run it in a background thread at start.
"""

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Syria's names, a neighbour's, a capital abroad, actors, a weekday and a stance: every
# table the reader builds on first use is built by reading it.
SAMPLE = (
    "BEIRUT (Reuters) - Syrian government warplanes struck the town of Maarat al-Numan "
    "in Idlib province on Monday, killing four civilians, the Syrian Observatory for "
    "Human Rights said. Turkish forces shelled Tal Rifaat north of Aleppo, and rebels "
    "said they had repelled an attack near Kafr Nabl. Russia's defence ministry in "
    "Moscow denied that its aircraft took part. In Iraq, a car bomb exploded in Mosul."
)

_done = threading.Event()
_lock = threading.Lock()


def reader_warm() -> dict[str, float]:
    """Build what the reader builds on first use; CPU seconds of each step. Reads the
    database, writes nothing there (a gazetteer index file at most); idempotent."""
    from ingest import propose
    from ingest.where import abroadnames, indexkeys
    from places import gazetteer, gazetteer_shared

    with _lock:
        steps: dict[str, float] = {}
        started = time.process_time()
        index = gazetteer.gazetteer_index()
        steps["gazetteer index"] = time.process_time() - started
        started = time.process_time()
        for country in settings.GAZETTEER_COUNTRIES:
            if country != "*":
                indexkeys._index_keys(index, country.upper())
        steps["name tables"] = time.process_time() - started
        started = time.process_time()
        home = next((c for c in settings.GAZETTEER_COUNTRIES if c != "*"), "SY")
        abroadnames._abroad_names(home.upper())
        abroadnames._abroad_names("")  # a dateline's city
        steps["places abroad"] = time.process_time() - started
        started = time.process_time()
        propose.article_propose(
            text_raw=SAMPLE, published_at=dt.datetime(2020, 1, 6, 12, tzinfo=dt.UTC)
        )
        steps["sample article"] = time.process_time() - started
        started = time.process_time()
        gazetteer_shared.index_save_tables(index)
        steps["index file"] = time.process_time() - started
        _done.set()
        return steps


def reader_warm_in_background() -> threading.Thread | None:
    """reader_warm() in a daemon thread, once per process, when
    settings.INGEST_WARM_ON_START; None otherwise. Errors are logged, never raised."""
    if not getattr(settings, "INGEST_WARM_ON_START", False) or _done.is_set():
        return None
    thread = threading.Thread(target=_warm_logged, name="reader-warm", daemon=True)
    thread.start()
    return thread


def _warm_logged() -> None:
    try:
        steps = reader_warm()
        logger.info("reader warmed: %s", {k: round(v, 2) for k, v in steps.items()})
    except Exception:
        logger.exception("reader warm-up failed; the first article builds instead")
    finally:
        connections.close_all()  # this thread's own connections


def on_worker_process_init(**kwargs) -> None:
    """celery's worker_process_init: each prefork child warms itself."""
    reader_warm_in_background()


def on_worker_ready(sender=None, **kwargs) -> None:
    """celery's worker_ready: a solo or threads pool warms the worker itself (a
    prefork pool's children warm on worker_process_init)."""
    pool = getattr(sender, "pool", None)
    if "prefork" not in type(pool).__module__:
        reader_warm_in_background()
