"""Saving changes to existing records through the role model (events/roles.py).

Admin forms, the history "Revert" form and the inlines all save through here, so a
change to what the public sees of a published event -- the event itself, its links,
or a shared place, actor or source it shows -- needs a reviewer and leaves a public
correction, whatever page it came from.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from events import roles, services
from events.models import Actor, Correction, Event, Source
from places.models import Place

NOTE_NEEDED = "Say what changed in the correction note: this is already public."


def event_change_check(
    *, before: str | None, after: str, note: str, user: AbstractBaseUser | None
) -> None:
    """May ``user`` move an event from status ``before`` (None: a new event) to
    ``after``? Raises PermissionDenied or ValidationError with the reason."""
    if before is None:
        if after not in (Event.Status.DRAFT, Event.Status.IN_REVIEW):
            roles.require_reviewer(user, "create published or retracted events")
        return
    roles.require_event_writable(user, before)
    if after == before:
        return
    if after not in services.TRANSITIONS[before]:
        raise ValidationError(
            f"An event cannot go from {Event.Status(before).label} to "
            f"{Event.Status(after).label}: retract it with a public reason instead."
        )
    if after in roles.PUBLIC_STATUSES:
        roles.require_reviewer(user, "publish or retract events")
    retraction_involved = Event.Status.RETRACTED in (before, after)
    if retraction_involved and not note.strip():
        raise ValidationError(
            "Give the public reason in the correction note (shown in the "
            "corrections log)."
        )


@transaction.atomic
def event_save(
    *, event: Event, note: str = "", user: AbstractBaseUser | None = None
) -> Event:
    """Save ``event`` as a form changed it; a status change follows the workflow.

    A retraction records ``note`` as its public reason; publishing again a retracted
    event records ``note`` as a correction. Corrections for a change of content are
    filed by ``event_changed_publicly`` once the links are saved too."""
    before = (
        Event.objects.filter(pk=event.pk).values_list("status", flat=True).first()
        if event.pk
        else None
    )
    event_change_check(before=before, after=event.status, note=note, user=user)
    if event.status == Event.Status.PUBLISHED and event.place_id is None:
        raise ValidationError(f"“{event.title}” has no place and cannot be published.")
    if before is None:
        event.created_by = user
    event.updated_by = user
    if event.status == Event.Status.RETRACTED and before == Event.Status.PUBLISHED:
        event.retraction_reason = note.strip()
    elif event.status == Event.Status.PUBLISHED:
        event.retraction_reason = ""
    event.full_clean()
    event.save()
    if before is not None and before != event.status:
        if event.status == Event.Status.RETRACTED:
            Correction.objects.create(
                event=event,
                kind=Correction.Kind.RETRACTION,
                note=note.strip(),
                created_by=user,
            )
        elif before == Event.Status.RETRACTED:
            services.event_correct(event=event, note=note, user=user)
    return event


def event_changed_publicly(
    *, event: Event, was: str | None, note: str, user: AbstractBaseUser | None
) -> Correction | None:
    """A published event (or a retracted one, whose title the corrections log shows)
    changed and kept its status: file the public correction."""
    if was in roles.PUBLIC_STATUSES and event.status == was:
        return services.event_correct(event=event, note=note, user=user)
    return None


def published_events_showing(record: Actor | Source | Place) -> list[Event]:
    """The published events whose public page shows this shared record."""
    published = Event.objects.filter(status=Event.Status.PUBLISHED)
    if isinstance(record, Actor):
        published = published.filter(event_actors__actor=record)
    elif isinstance(record, Source):
        published = published.filter(event_sources__source=record)
    else:
        published = published.filter(place=record)
    return list(published.distinct().order_by("pk"))


def shared_record_check(
    *, record: Actor | Source | Place, note: str, user: AbstractBaseUser | None
) -> list[Event]:
    """May ``user`` change ``record``? Returns the published events showing it."""
    if record.pk is None:
        return []
    shown = published_events_showing(record)
    label = f"{record._meta.verbose_name} “{record}”"
    roles.require_shared_record_writable(user, len(shown), label)
    if shown and not note.strip():
        raise ValidationError(NOTE_NEEDED)
    return shown


@transaction.atomic
def shared_record_save(
    *, record: Actor | Source, note: str = "", user: AbstractBaseUser | None = None
) -> Actor | Source:
    """Save an actor or source; if published events show it, a reviewer must say what
    changed, and each of those events gets that public correction."""
    stored = type(record).objects.filter(pk=record.pk).first() if record.pk else None
    shown = shared_record_check(record=stored or record, note=note, user=user)
    record.full_clean()
    record.save()
    shared_record_corrected(record=record, events=shown, note=note, user=user)
    return record


def shared_record_corrected(
    *,
    record: Actor | Source | Place,
    events: list[Event],
    note: str,
    user: AbstractBaseUser | None,
) -> None:
    label = f"{record._meta.verbose_name.capitalize()} “{record}”"
    for event in events:
        services.event_correct(event=event, note=f"{label}: {note.strip()}", user=user)


def on_place_public_uses(sender: type[Place], *, place: Place, **kwargs) -> int:
    """places.signals.place_public_uses: the published events showing ``place``."""
    return len(published_events_showing(place))


def on_place_changing(
    sender: type[Place],
    *,
    place: Place,
    note: str,
    user: AbstractBaseUser | None,
    check_only: bool = False,
    **kwargs,
) -> None:
    """places.signals.place_changing: the role model for places, with corrections
    (``check_only``: refuse or allow, write nothing)."""
    shown = shared_record_check(record=place, note=note, user=user)
    if check_only:
        return
    shared_record_corrected(record=place, events=shown, note=note, user=user)
