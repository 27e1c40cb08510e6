"""The hand-off of places to the geocode task: sent once the transaction commits,
never lost when the broker is down (the periodic sweep sends them again)."""

import datetime as dt
import functools
import logging
from collections.abc import Iterable

import redis.exceptions
from celery import current_app
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import KombuError

from places import changeguard
from places.models import Place

logger = logging.getLogger(__name__)

GEOCODE_TASK = "places.tasks.place_geocode_task"


def _geocode_task():
    """The geocode task, looked up by name in Celery's registry: places.tasks calls
    these services, so importing it here would close an import circle."""
    return current_app.tasks[GEOCODE_TASK]


# What a send raises when the broker is down, refuses or times out.
BROKER_ERRORS = (KombuError, redis.exceptions.RedisError, OSError)
SWEEP_MAX_DELAY = dt.timedelta(hours=6)


def _hand_off(place_id: int, force: bool = False) -> bool:
    """Send the geocode task now; False (logged) when the broker refuses it.

    Never raises a broker error: the place is committed already, and a request that
    answered 500 after its commit would be retried and duplicate its work. The place
    is left with no request time, so the next place_geocode_sweep sends it at once.
    """
    try:
        _geocode_task().apply_async((place_id, force))
    except BROKER_ERRORS as error:
        logger.warning(
            "geocoding of place %s not queued (broker unavailable: %s); "
            "the periodic sweep will queue it",
            place_id,
            error,
        )
        try:
            Place.objects.filter(pk=place_id).update(geocode_requested_at=None)
        except DatabaseError:  # still pending: the sweep retries it after its delay
            logger.warning("place %s: hand-off failure not recorded", place_id)
        return False
    return True


def _enqueue(place_id: int, force: bool = False) -> None:
    """Hand the place to the geocoder once the current transaction commits."""
    transaction.on_commit(functools.partial(_hand_off, place_id, force))


def place_geocode_queue(*, places: Iterable[Place], force: bool = True) -> int:
    """Queue geocoding for ``places`` (admin "geocode again"); returns how many.

    Manual fixes and places that published events show are skipped: the geocoder
    never moves a point the public sees (a reviewer moves it by hand, with a note)."""
    count = 0
    for place in places:
        if place.is_manual or changeguard.place_public_uses(place=place):
            continue
        _enqueue(place.pk, force)
        count += 1
    return count


def _sweep_delay(attempts: int) -> dt.timedelta:
    base = dt.timedelta(seconds=settings.GEOCODE_SWEEP_AFTER)
    return min(base * 2 ** min(attempts, 16), SWEEP_MAX_DELAY)


def place_geocode_sweep(*, limit: int = 500) -> int:
    """Queue again the pending places whose geocoding was never handed off (broker
    down at commit) or is overdue; returns how many were queued. Idempotent.

    A place waits GEOCODE_SWEEP_AFTER seconds after a request, doubling with each
    attempt (at most SWEEP_MAX_DELAY). Each place is claimed by a conditional UPDATE,
    so concurrent sweeps never queue it twice."""
    now = timezone.now()
    pending = Place.objects.filter(geocode_status=Place.GeocodeStatus.PENDING)
    due = pending.filter(
        Q(geocode_requested_at__isnull=True)
        | Q(geocode_requested_at__lte=now - _sweep_delay(0))
    ).order_by(F("geocode_requested_at").asc(nulls_first=True), "pk")
    queued = 0
    for pk, requested_at, attempts in due.values_list(
        "pk", "geocode_requested_at", "geocode_attempts"
    )[:limit]:
        if requested_at is not None and requested_at > now - _sweep_delay(attempts):
            continue  # backing off
        claimed = pending.filter(
            pk=pk, geocode_requested_at=requested_at, geocode_attempts=attempts
        ).update(geocode_requested_at=now, geocode_attempts=attempts + 1)
        if claimed and _hand_off(pk):
            queued += 1
    if queued:
        logger.info("geocode sweep: %d pending place(s) queued again", queued)
    return queued
