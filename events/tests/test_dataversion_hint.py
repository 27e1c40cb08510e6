"""Another process's write is seen at once through the shared cache's hint; the hint
can only trigger a database read, never move the version backwards or skip the TTL."""

import math

import pytest
from django.core.cache import cache

from events import dataversion
from events.models import DataVersion

pytestmark = pytest.mark.django_db


def _as_other_process_writes() -> int:
    """A write committed by another process: a new row and its announcement, but
    nothing remembered in this process."""
    record = DataVersion.objects.create(dirty=[])
    dataversion._announce(record.pk)
    return record.pk


def _seen_just_now() -> int:
    """Read the version, and keep it inside its TTL for the rest of the test: on a
    loaded machine a second can pass between two statements, and a lapsed TTL would
    re-read the database (the conftest resets ``_seen`` after each test)."""
    version = dataversion.clusters_version(fresh=True)
    dataversion._seen["read_at"] = math.inf
    return version


def test_a_write_of_another_process_is_seen_within_the_ttl():
    before = _seen_just_now()
    written = _as_other_process_writes()
    assert written > before
    # Well inside VERSION_TTL: without the hint this process would still say `before`.
    assert dataversion.clusters_version() == written


def test_without_a_hint_the_ttl_still_bounds_the_lag():
    before = _seen_just_now()
    DataVersion.objects.create(dirty=[])  # a write whose announcement was lost
    cache.delete(dataversion.HINT_KEY)
    assert dataversion.clusters_version() == before  # trusted for VERSION_TTL
    dataversion._seen["read_at"] = -math.inf  # the TTL has passed
    assert dataversion.clusters_version() > before


def test_an_older_hint_is_ignored_and_a_hint_beyond_the_database_is_dropped():
    current = _seen_just_now()
    cache.set(dataversion.HINT_KEY, current - 1, timeout=None)
    assert dataversion.clusters_version() == current
    cache.set(dataversion.HINT_KEY, current + 500, timeout=None)  # another database's
    assert dataversion.clusters_version() == current  # read, never taken from the hint
    assert cache.get(dataversion.HINT_KEY) == current  # and reset to the truth


def test_a_broken_cache_is_a_missing_hint(cache_down):
    before = _seen_just_now()
    DataVersion.objects.create(dirty=[])
    assert dataversion.clusters_version() == before  # no error: the TTL holds


def test_a_commit_announces_its_version(django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        dataversion.clusters_invalidate([1])
    newest = DataVersion.objects.order_by("-pk").values_list("pk", flat=True)[0]
    assert cache.get(dataversion.HINT_KEY) == newest
