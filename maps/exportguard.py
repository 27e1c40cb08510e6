"""Anonymous downloads stay cheap for everyone else: their own rate limit, a bound on
how many render at once, and identical exports served from the shared cache.

At 100k events one map.html took 6-7 s of a worker; four anonymous clients well
under the API's limit kept both workers busy and an unrelated API request waited 25 s
(issue 11). Rendering is now rare (cached per filters and data version) and bounded."""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.throttling import AnonRateThrottle

from events import dataversion

SLOTS_KEY = "maps:export:rendering"
SLOTS_TTL = 120  # seconds: a crashed worker's slot frees itself
RETRY_AFTER_BUSY = 5  # seconds a client is asked to wait when every slot is taken

_process_slots: threading.BoundedSemaphore | None = None
_process_slots_size = 0
_process_lock = threading.Lock()


class ExportRateThrottle(AnonRateThrottle):
    """Per client address, in the shared cache, apart from the API's bucket."""

    scope = "export"

    def get_rate(self) -> str | None:
        return settings.EXPORT_RATE_LIMIT or None


class ExportBusy(Exception):
    """Every export slot (in this process or across the site) is rendering."""


def _semaphore() -> threading.BoundedSemaphore:
    global _process_slots, _process_slots_size
    size = max(1, settings.EXPORT_MAX_CONCURRENT)
    with _process_lock:
        if _process_slots is None or _process_slots_size != size:
            _process_slots, _process_slots_size = threading.BoundedSemaphore(size), size
        return _process_slots


@contextlib.contextmanager
def export_slot() -> Iterator[None]:
    """Hold one rendering slot: at most EXPORT_MAX_CONCURRENT per process (threads)
    and EXPORT_MAX_CONCURRENT_SITE across processes (shared cache). Never waits:
    raises ExportBusy at once, so that a worker is not tied up queueing."""
    semaphore = _semaphore()
    if not semaphore.acquire(blocking=False):
        raise ExportBusy
    counted = False
    try:
        cache.add(SLOTS_KEY, 0, SLOTS_TTL)
        try:
            taken = cache.incr(SLOTS_KEY)
            counted = True
        except ValueError:  # expired between add and incr: start again
            cache.set(SLOTS_KEY, 1, SLOTS_TTL)
            taken, counted = 1, True
        if taken > settings.EXPORT_MAX_CONCURRENT_SITE:
            raise ExportBusy
        yield
    finally:
        if counted:
            with contextlib.suppress(ValueError):  # expired meanwhile
                cache.decr(SLOTS_KEY)
        semaphore.release()


@dataclass(frozen=True)
class Export:
    body: bytes
    count: int
    truncated: bool


def _key(kind: str, query: dict[str, str], version: int) -> str:
    parts = [kind, translation.get_language() or "", str(settings.EXPORT_MAX_EVENTS)]
    parts += [f"{name}={query[name]}" for name in sorted(query)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"maps:export:{version}:{digest}"


def export_cached(
    kind: str, query: dict[str, str], render: Callable[[], Export]
) -> Export:
    """``render()``'s result for these normalised filters at the current data
    version, from the shared cache when another request already rendered it.

    The version is read before rendering, so an export read during a write is stored
    under the old version and never served after it. Raises ExportBusy."""
    version = dataversion.clusters_version()
    key = _key(kind, query, version)
    hit = cache.get(key)
    if isinstance(hit, Export):
        return hit
    with export_slot():
        result = render()
    if len(result.body) <= settings.EXPORT_CACHE_MAX_BYTES:
        cache.set(key, result, settings.EXPORT_CACHE_SECONDS)
    return result
