"""Test helpers for large writes: an import as the importer makes it, and the map's
total at the country view."""

import datetime as dt

from django.contrib.gis.geos import Point
from django.db import transaction

from events import dataversion
from events import services as event_services
from events.filters import EventFilters
from events.models import Event
from events.tests.commits import commit_hooks
from events.tests.factories import event_type
from maps.selectors import cluster_answers
from places.tests.factories import PlaceFactory


def total() -> int:
    return cluster_answers.event_clusters(filters=EventFilters(), zoom=6)["total"]


def import_events(n: int, *, retract: Event | None = None) -> list[int]:
    """One transaction writing ``n`` new published events (as the importer does:
    bulk rows, their ids recorded at once), retracting ``retract`` in it too."""
    place = PlaceFactory(name="Kafr Nabl", location=Point(36.56, 35.61))
    kind = event_type()
    with transaction.atomic():
        created = Event.objects.bulk_create(
            Event(
                title=f"Imported {i}",
                event_type=kind,
                date_start=dt.date(2020, 1, 1) + dt.timedelta(days=i % 700),
                place=place,
                status=Event.Status.PUBLISHED,
            )
            for i in range(n)
        )
        ids = [event.pk for event in created]
        dataversion.clusters_invalidate(ids, place_ids=[place.pk])
        if retract is not None:
            event_services.event_retract(event=retract, reason="Not confirmed.")
    commit_hooks()
    return ids
