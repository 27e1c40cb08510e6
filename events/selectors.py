"""Read queries behind pages, API, embeds and exports; the public visibility chokepoint."""

from django.db.models import Prefetch, Q, QuerySet

from events.filters import EventFilters
from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
)


def _apply_filters(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.bbox is not None:
        events = events.filter(place__location__contained=filters.bbox)
    if filters.date_from:
        # An event overlaps the window when it ends on or after date_from.
        events = events.filter(
            Q(date_end__gte=filters.date_from)
            | Q(date_end__isnull=True, date_start__gte=filters.date_from)
        )
    if filters.date_to:
        events = events.filter(date_start__lte=filters.date_to)
    if filters.types:
        events = events.filter(
            Q(event_type__slug__in=filters.types)
            | Q(event_type__parent__slug__in=filters.types)
        )
    if filters.actors:
        ids = [int(a) for a in filters.actors if a.isdigit()]
        names = [a for a in filters.actors if not a.isdigit()]
        chosen = Actor.objects.filter(Q(pk__in=ids) | Q(name__in=names))
        # A coalition stands for its member factions too.
        matching = Actor.objects.filter(Q(pk__in=chosen) | Q(parent__in=chosen))
        events = events.filter(
            pk__in=EventActor.objects.filter(actor__in=matching).values("event_id")
        )
    if filters.disputed is not None:
        events = events.filter(disputed=filters.disputed)
    if filters.q:
        events = events.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(place__name__icontains=filters.q)
        )
    return events


def event_list_public(*, filters: EventFilters | None = None) -> QuerySet[Event]:
    """Events the public may see: published and placed on the map, newest first."""
    events = Event.objects.published().filter(place__location__isnull=False)
    if filters is not None:
        events = _apply_filters(events, filters)
    events = events.select_related("place", "event_type", "event_type__parent")
    events = events.prefetch_related(
        Prefetch(
            "event_actors",
            queryset=EventActor.objects.select_related("actor").order_by("pk"),
        )
    )
    return events.order_by("-date_start", "pk")


def event_list_public_with_sources(
    *, filters: EventFilters | None = None
) -> QuerySet[Event]:
    """event_list_public with each event's sources (stance order) loaded: exports."""
    return event_list_public(filters=filters).prefetch_related(
        Prefetch(
            "event_sources",
            queryset=EventSource.objects.select_related("source").order_by("pk"),
        )
    )


def event_get_public(pk: int) -> Event:
    """One public event with sources and public related events; DoesNotExist otherwise."""
    published = Event.objects.published()
    return (
        event_list_public_with_sources()
        .prefetch_related(
            Prefetch(
                "relations_out",
                queryset=EventRelation.objects.filter(to_event__in=published)
                .select_related("to_event")
                .order_by("to_event__date_start"),
            ),
            Prefetch(
                "relations_in",
                queryset=EventRelation.objects.filter(from_event__in=published)
                .select_related("from_event")
                .order_by("from_event__date_start"),
            ),
        )
        .get(pk=pk)
    )


def event_related_public(event: Event) -> list[dict]:
    """Published events linked to ``event`` in either direction (needs event_get_public)."""
    related = [
        {"event": rel.to_event, "kind": rel.kind, "kind_label": rel.get_kind_display()}
        for rel in event.relations_out.all()
    ]
    related += [
        {
            "event": rel.from_event,
            "kind": rel.kind,
            "kind_label": f"{rel.get_kind_display()} (inverse)",
        }
        for rel in event.relations_in.all()
    ]
    return related


def event_type_slugs() -> set[str]:
    return set(EventType.objects.values_list("slug", flat=True))


def event_types_for_legend() -> list[dict]:
    """Top-level types with their sub-types, in taxonomy order."""
    types = list(EventType.objects.order_by("sort_order", "name"))
    tops = {
        t.pk: {"slug": t.slug, "name": t.name, "color": t.color, "children": []}
        for t in types
        if t.parent_id is None
    }
    for t in types:
        if t.parent_id in tops:
            tops[t.parent_id]["children"].append(
                {"slug": t.slug, "name": t.name, "color": t.color}
            )
    return list(tops.values())


def actor_list_public() -> QuerySet[Actor]:
    """Actors that take part in at least one published event."""
    return (
        Actor.objects.filter(event_roles__event__status=Event.Status.PUBLISHED)
        .distinct()
        .order_by("name")
    )
