"""Write operations on events: create, attach sources and actors, workflow."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
    Place,
    Source,
)

ASSERTING = {
    EventSource.Stance.REPORTS,
    EventSource.Stance.CLAIMS,
    EventSource.Stance.CONFIRMS,
}


def event_create(
    *,
    title: str,
    event_type: EventType,
    date_start: dt.date,
    date_end: dt.date | None = None,
    date_precision: str = Event.DatePrecision.DAY,
    place: Place | None = None,
    summary: str = "",
    fatalities_best: int | None = None,
    status: str = Event.Status.DRAFT,
    user: AbstractBaseUser | None = None,
) -> Event:
    event = Event(
        title=title,
        summary=summary,
        event_type=event_type,
        date_start=date_start,
        date_end=date_end,
        date_precision=date_precision,
        place=place,
        fatalities_best=fatalities_best,
        status=status,
        created_by=user,
        updated_by=user,
    )
    event.full_clean()
    event.save()
    return event


def event_refresh_disputed(*, event: Event) -> Event:
    """Derive ``disputed``: some source asserts the event and another denies it."""
    stances = set(event.event_sources.values_list("stance", flat=True))
    disputed = EventSource.Stance.DENIES in stances and bool(stances & ASSERTING)
    if disputed != event.disputed:
        event.disputed = disputed
        event.save(update_fields=["disputed"])
    return event


@transaction.atomic
def event_source_add(
    *,
    event: Event,
    source: Source,
    stance: str = EventSource.Stance.REPORTS,
    speaker: str = "",
    quote: str = "",
) -> EventSource:
    """Link a source with its stance; idempotent on (event, source, stance, speaker)."""
    link, _ = EventSource.objects.get_or_create(
        event=event,
        source=source,
        stance=stance,
        speaker=speaker,
        defaults={"quote": quote},
    )
    if quote and link.quote != quote:
        link.quote = quote
        link.save(update_fields=["quote"])
    event_refresh_disputed(event=event)
    return link


def event_actor_add(
    *, event: Event, actor: Actor, role: str = EventActor.Role.INITIATOR
) -> EventActor:
    link, _ = EventActor.objects.get_or_create(event=event, actor=actor, role=role)
    return link


def event_relate(
    *, from_event: Event, to_event: Event, kind: str = EventRelation.Kind.FOLLOWS
) -> EventRelation:
    relation, _ = EventRelation.objects.update_or_create(
        from_event=from_event, to_event=to_event, defaults={"kind": kind}
    )
    return relation


# Workflow: which status may follow which.
TRANSITIONS = {
    Event.Status.DRAFT: {Event.Status.IN_REVIEW, Event.Status.PUBLISHED},
    Event.Status.IN_REVIEW: {Event.Status.DRAFT, Event.Status.PUBLISHED},
    Event.Status.PUBLISHED: {Event.Status.RETRACTED},
    Event.Status.RETRACTED: {Event.Status.PUBLISHED},
}


def _transition(
    event: Event, status: str, user: AbstractBaseUser | None, **fields: str
) -> Event:
    if status == event.status:
        return event
    if status not in TRANSITIONS[event.status]:
        raise ValidationError(
            f"An event cannot go from {event.get_status_display()} to "
            f"{Event.Status(status).label}."
        )
    event.status = status
    event.updated_by = user
    for name, value in fields.items():
        setattr(event, name, value)
    event.save(update_fields=["status", "updated_by", "updated_at", *fields])
    return event


def event_submit_for_review(
    *, event: Event, user: AbstractBaseUser | None = None
) -> Event:
    return _transition(event, Event.Status.IN_REVIEW, user)


def event_publish(*, event: Event, user: AbstractBaseUser | None = None) -> Event:
    """Publish; an event must be placed to be published (the map cannot show it otherwise)."""
    if event.place_id is None:
        raise ValidationError(f"“{event.title}” has no place and cannot be published.")
    return _transition(event, Event.Status.PUBLISHED, user, retraction_reason="")


def event_retract(
    *, event: Event, reason: str, user: AbstractBaseUser | None = None
) -> Event:
    if not reason.strip():
        raise ValidationError("A retraction needs a public reason.")
    return _transition(event, Event.Status.RETRACTED, user, retraction_reason=reason)
