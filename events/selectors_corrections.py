"""Read queries behind the public corrections log and its Atom feed."""

from django.db.models import Exists, OuterRef, QuerySet

from events.models import Correction, Event

# Correction rows are only made for published events (correct, retract, merge); the
# status filter keeps that promise even if a row were attached to a draft by hand.
LOGGED_STATUSES = (Event.Status.PUBLISHED, Event.Status.RETRACTED)


def correction_list_public() -> QuerySet[Correction]:
    """Corrections, retractions and merges of published or retracted events, newest
    first; ``event_is_public`` is True when the event still has a public page."""
    public = Event.objects.published().filter(
        pk=OuterRef("event_id"), place__location__isnull=False
    )
    return (
        Correction.objects.filter(event__status__in=LOGGED_STATUSES)
        .select_related("event")
        .annotate(event_is_public=Exists(public))
        .order_by("-created_at", "-pk")
    )
