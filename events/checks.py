"""System checks: production refuses a cache that processes cannot share."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends whose data lives in one process (or nowhere): each gunicorn worker and
# each manage.py command would keep its own data version and its own rate counters.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[Error]:
    """events.E001: without DEBUG the default cache must be shared between processes.

    The public data version (events.dataversion) and the API and export rate limits
    live in it: per process, a write in one worker or in manage.py (import, restore)
    stays invisible to the others for minutes, and N workers allow N times the limit."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is private to each "
            "process: web workers would serve stale public data after a write made "
            "elsewhere (another worker, manage.py import_events or restore), and each "
            "worker would count the API and export rate limits on its own.",
            hint="Set CACHE_URL to a cache every process shares, e.g. "
            "CACHE_URL=redis://127.0.0.1:6379/1 (README, 'Running in production').",
            id="events.E001",
        )
    ]
