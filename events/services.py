"""Write operations on events: create, attach sources and actors, workflow."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.gis.measure import D
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from events import concurrency, disputes, roles
from events.models import (
    Actor,
    Correction,
    DuplicateCandidate,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
    Source,
)
from places.models import Place


@transaction.atomic
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
    disputed = disputes.stances_disputed(stances)
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
    user: AbstractBaseUser | None = None,
) -> EventSource:
    """Link a source with its stance; idempotent on (event, source, stance, speaker).
    A published or retracted event is a reviewer's (who then files a correction)."""
    roles.require_event_writable(user, event.status)
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
    *,
    event: Event,
    actor: Actor,
    role: str = EventActor.Role.INITIATOR,
    user: AbstractBaseUser | None = None,
) -> EventActor:
    roles.require_event_writable(user, event.status)
    link, _ = EventActor.objects.get_or_create(event=event, actor=actor, role=role)
    return link


def event_relate(
    *,
    from_event: Event,
    to_event: Event,
    kind: str = EventRelation.Kind.FOLLOWS,
    user: AbstractBaseUser | None = None,
) -> EventRelation:
    roles.require_event_writable(user, from_event.status)
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


@transaction.atomic
def _transition(
    event: Event, status: str, user: AbstractBaseUser | None, **fields: str
) -> Event:
    """Raises concurrency.StaleEdit when ``event`` was changed since it was read."""
    if status == event.status:
        return event
    if status not in TRANSITIONS[event.status]:
        raise ValidationError(
            f"An event cannot go from {event.get_status_display()} to "
            f"{Event.Status(status).label}."
        )
    concurrency.version_claim(event)
    event.status = status
    event.updated_by = user
    for name, value in fields.items():
        setattr(event, name, value)
    event.save(update_fields=["status", "updated_by", "updated_at", "version", *fields])
    return event


def _require_publisher(user: AbstractBaseUser | None) -> None:
    """``user`` None is the system itself (demo loader, imports run by an operator)."""
    roles.require_reviewer(user, "publish, retract or correct events")


def event_submit_for_review(
    *, event: Event, user: AbstractBaseUser | None = None
) -> Event:
    roles.require_event_writable(user, event.status)
    return _transition(event, Event.Status.IN_REVIEW, user)


@transaction.atomic
def event_publish(
    *, event: Event, user: AbstractBaseUser | None = None, note: str = ""
) -> Event:
    """Publish; an event must be placed to be published (the map cannot show it
    otherwise). Publishing a retracted event again needs a public ``note``: its
    retraction is on the corrections log, and so is why it came back."""
    _require_publisher(user)
    if event.place_id is None:
        raise ValidationError(f"“{event.title}” has no place and cannot be published.")
    republished = event.status == Event.Status.RETRACTED
    if republished and not note.strip():
        raise ValidationError(
            f"“{event.title}” was retracted: publish it again from its page, with a "
            "public correction note."
        )
    _transition(event, Event.Status.PUBLISHED, user, retraction_reason="")
    if republished:
        event_correct(event=event, note=note, user=user)
    return event


@transaction.atomic
def event_retract(
    *, event: Event, reason: str, user: AbstractBaseUser | None = None
) -> Event:
    """Withdraw a published event; the reason goes to the public corrections log."""
    _require_publisher(user)
    if not reason.strip():
        raise ValidationError("A retraction needs a public reason.")
    _transition(event, Event.Status.RETRACTED, user, retraction_reason=reason.strip())
    Correction.objects.create(
        event=event,
        kind=Correction.Kind.RETRACTION,
        note=reason.strip(),
        created_by=user,
    )
    return event


def event_correct(
    *, event: Event, note: str, user: AbstractBaseUser | None = None
) -> Correction:
    """Record a public correction note for a change to a published event."""
    _require_publisher(user)
    if not note.strip():
        raise ValidationError("A change to a published event needs a correction note.")
    return Correction.objects.create(
        event=event, kind=Correction.Kind.CORRECTION, note=note.strip(), created_by=user
    )


# Duplicate detection: same top-level type, close in time and space, shared sources.
DUPLICATE_MAX_DAYS = 3
DUPLICATE_MAX_KM = 10
DUPLICATE_THRESHOLD = 0.6


def _days_apart(a: Event, b: Event) -> int:
    if a.date_start <= b.date_last and b.date_start <= a.date_last:
        return 0  # the date ranges overlap
    return min(
        abs((a.date_start - b.date_last).days), abs((b.date_start - a.date_last).days)
    )


def event_duplicate_candidates(*, event: Event) -> list[tuple[Event, float, list[str]]]:
    """Other non-retracted events that may report the same happening, best first."""
    if event.place_id is None:
        return []
    top = event.event_type.parent_id or event.event_type_id
    window = dt.timedelta(days=DUPLICATE_MAX_DAYS)
    nearby = (
        Event.objects.exclude(pk=event.pk)
        .exclude(status=Event.Status.RETRACTED)
        .filter(Q(event_type_id=top) | Q(event_type__parent_id=top))
        .filter(date_start__lte=event.date_last + window)
        .filter(
            Q(date_end__gte=event.date_start - window)
            | Q(date_end__isnull=True, date_start__gte=event.date_start - window)
        )
        .select_related("place")
    )
    location = event.place.location
    if location is not None:
        nearby = nearby.filter(
            Q(place=event.place_id)
            | Q(place__location__distance_lte=(location, D(km=DUPLICATE_MAX_KM)))
        )
    else:
        nearby = nearby.filter(place=event.place_id)
    own_sources = set(event.event_sources.values_list("source_id", flat=True))
    found = []
    for other in nearby:
        days = _days_apart(event, other)
        shared = own_sources & set(
            other.event_sources.values_list("source_id", flat=True)
        )
        reasons = [
            f"{days} day(s) apart",
            "same place"
            if other.place_id == event.place_id
            else f"within {DUPLICATE_MAX_KM} km",
        ]
        score = 0.4 * (1 - days / (DUPLICATE_MAX_DAYS + 1)) + 0.4
        if shared:
            reasons.append(f"{len(shared)} shared source(s)")
            score += 0.2
        if score >= DUPLICATE_THRESHOLD:
            found.append((other, round(score, 2), reasons))
    return sorted(found, key=lambda item: -item[1])


def event_flag_duplicates(*, event: Event) -> int:
    """Store open duplicate candidates for ``event``; idempotent. Returns how many."""
    count = 0
    for other, score, reasons in event_duplicate_candidates(event=event):
        first, second = sorted([event, other], key=lambda e: e.pk)
        DuplicateCandidate.objects.update_or_create(
            event=first, other=second, defaults={"score": score, "reasons": reasons}
        )
        count += 1
    return count


MERGE_NOTE_PRIVATE_KEEP = "Merged into another record that is not public yet."
MERGE_NOTE_KEEP = (
    "Merged with a duplicate report: its sources, actors and relations were added."
)


@transaction.atomic
def event_merge(
    *, keep: Event, drop: Event, user: AbstractBaseUser | None = None
) -> Event:
    """Fold ``drop`` into ``keep``: every source, actor and relation moves; ``drop`` is
    retracted and keeps its history.

    The corrections log only ever names what was public: a ``drop`` that was never
    published leaves no entry; a published ``drop`` merged into a draft gets a note
    that does not name the draft; a published ``keep`` that gains links gets a
    correction of its own (the public page changed)."""
    if user is not None and not user.has_perm("events.merge_event"):
        raise PermissionDenied("Only reviewers may merge events.")
    if keep.pk == drop.pk:
        raise ValidationError("An event cannot be merged into itself.")
    links_before = _link_count(keep)
    for link in drop.event_sources.all():
        event_source_add(
            event=keep,
            source=link.source,
            stance=link.stance,
            speaker=link.speaker,
            quote=link.quote,
            user=user,
        )
    for link in drop.event_actors.all():
        event_actor_add(event=keep, actor=link.actor, role=link.role, user=user)
    for relation in drop.relations_out.exclude(to_event=keep):
        event_relate(
            from_event=keep, to_event=relation.to_event, kind=relation.kind, user=user
        )
    for relation in drop.relations_in.exclude(from_event=keep):
        event_relate(from_event=relation.from_event, to_event=keep, kind=relation.kind)
    keep_public = keep.status == Event.Status.PUBLISHED
    if keep_public:
        note = f"Merged into event #{keep.pk} “{keep.title}”."
    else:
        note = MERGE_NOTE_PRIVATE_KEEP
    drop_was_public = drop.status in roles.PUBLIC_STATUSES
    concurrency.version_claim(drop)
    drop.status = Event.Status.RETRACTED
    drop.retraction_reason = note
    drop.updated_by = user
    drop.save(
        update_fields=[
            "status", "retraction_reason", "updated_by", "updated_at", "version"
        ]
    )  # fmt: skip
    if drop_was_public:
        Correction.objects.create(
            event=drop, kind=Correction.Kind.MERGE, note=note, created_by=user
        )
    if keep_public and _link_count(keep) != links_before:
        Correction.objects.create(
            event=keep,
            kind=Correction.Kind.CORRECTION,
            note=MERGE_NOTE_KEEP,
            created_by=user,
        )
    first, second = sorted([keep, drop], key=lambda e: e.pk)
    DuplicateCandidate.objects.filter(event=first, other=second).update(
        status=DuplicateCandidate.Status.MERGED
    )
    return keep


def _link_count(event: Event) -> tuple[int, int, int, int]:
    return (
        event.event_sources.count(),
        event.event_actors.count(),
        event.relations_out.count(),
        event.relations_in.count(),
    )
