"""Read queries behind pages, API, embeds and exports; the public visibility chokepoint."""

import datetime as dt

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet

from events import dataversion
from events.filters import EventFilters, parse_id
from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
)
from places.models import Place, PlaceName


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
        ids = [parse_id(a) for a in filters.actors if parse_id(a) is not None]
        names = [a for a in filters.actors if parse_id(a) is None]
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
    if filters.place:
        events = events.filter(place__in=_places_named(filters.place))
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
    # The status is tested on the joined row: an `__in` subquery of every published
    # event made SQLite build that set for each popup (~40 ms per direction at 100k).
    published = Event.Status.PUBLISHED
    return (
        event_list_public_with_sources()
        .prefetch_related(
            Prefetch(
                "relations_out",
                queryset=EventRelation.objects.filter(to_event__status=published)
                .select_related("to_event")
                .order_by("to_event__date_start"),
            ),
            Prefetch(
                "relations_in",
                queryset=EventRelation.objects.filter(from_event__status=published)
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


def event_type_slugs() -> frozenset[str]:
    """Every type slug; kept until the data version changes (asked on every filter)."""
    return dataversion.versioned(
        "type_slugs",
        lambda: frozenset(EventType.objects.values_list("slug", flat=True)),
    )


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


# --- map front end: place filter, place search, timeline histogram ---------------
PLACE_SEARCH_LIMIT = 10
HISTOGRAM_SPAN_LIMIT = 300
HISTOGRAM_BUCKETS = ("day", "week", "month", "year")


def _places_named(value: str) -> QuerySet[Place]:
    """Places by id, or by exact name (English, Arabic or an alternate name)."""
    value = value.strip()
    if (place_id := parse_id(value)) is not None:
        return Place.objects.filter(pk=place_id)
    return Place.objects.filter(
        Q(name__iexact=value)
        | Q(name_ar=value)
        | Q(pk__in=PlaceName.objects.filter(name__iexact=value).values("place_id"))
    )


def place_search_public(q: str, *, limit: int = PLACE_SEARCH_LIMIT) -> list[dict]:
    """Located places with published events whose name (any language) contains ``q``."""
    q = q.strip()
    if not q:
        return []
    places = (
        Place.objects.filter(
            location__isnull=False,
            events__status=Event.Status.PUBLISHED,
        )
        .filter(
            Q(name__icontains=q)
            | Q(name_ar__icontains=q)
            | Q(pk__in=PlaceName.objects.filter(name__icontains=q).values("place_id"))
        )
        .annotate(event_count=Count("events", distinct=True))
        .order_by("-event_count", "name")[:limit]
    )
    return [
        {
            "id": place.pk,
            "name": place.name,
            "name_ar": place.name_ar,
            "admin1": place.admin1,
            "feature_type": place.feature_type,
            "precision": place.precision,
            "lon": place.lon,
            "lat": place.lat,
            "event_count": place.event_count,
        }
        for place in places
    ]


def _bucket_for(first: dt.date, last: dt.date) -> str:
    days = (last - first).days
    if days <= 120:
        return "day"
    if days <= 3 * 366:
        return "week"
    if days <= 40 * 366:
        return "month"
    return "year"


def _days_after(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days``, clamped to the calendar's ends (dates near 9999-12-31 or
    0001-01-01 are valid in the database and must not overflow a public answer)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return _days_after(day, -day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "year":
        return day.replace(month=1, day=1)
    return day


def precision_end(start: dt.date, precision: str) -> dt.date:
    """Last day an undated-end event may fall on, given its date precision."""
    if precision == Event.DatePrecision.WEEK:
        return _days_after(start, 6)
    if precision == Event.DatePrecision.MONTH:
        if start.month == 12:
            return start.replace(day=31)
        return start.replace(month=start.month + 1, day=1) - dt.timedelta(days=1)
    if precision == Event.DatePrecision.YEAR:
        return start.replace(month=12, day=31)
    return start


def event_histogram_public(
    *, filters: EventFilters | None = None, bucket: str = "auto"
) -> dict:
    """Public event counts per day/week/month/year (by start date) for the timeline.

    ``spans`` lists events whose date is a range or imprecise (at most
    HISTOGRAM_SPAN_LIMIT, newest first), so the timeline can draw them as spans.
    """
    events = event_list_public(filters=filters).prefetch_related(None).order_by()
    extent = events.aggregate(
        first=Min("date_start"), last_start=Max("date_start"), last_end=Max("date_end")
    )
    first = extent["first"]
    if first is None:
        return {
            "bucket": "day" if bucket == "auto" else bucket,
            "date_min": None,
            "date_max": None,
            "total": 0,
            "buckets": [],
            "spans": [],
            "spans_truncated": False,
        }
    last = max(d for d in (extent["last_start"], extent["last_end"]) if d)
    if bucket == "auto":
        bucket = _bucket_for(first, last)
    is_approximate = ~Q(date_precision=Event.DatePrecision.DAY) | (
        Q(date_end__isnull=False) & ~Q(date_end=F("date_start"))
    )
    rows = events.values_list("date_start").annotate(
        n=Count("pk"), approx=Count("pk", filter=is_approximate)
    )
    counts: dict[dt.date, list[int]] = {}
    for day, n, approx in rows:
        slot = counts.setdefault(_bucket_start(day, bucket), [0, 0])
        slot[0] += n
        slot[1] += approx
    spans_qs = events.filter(is_approximate).order_by("-date_start", "pk")
    span_rows = list(
        spans_qs.values_list("pk", "title", "date_start", "date_end", "date_precision")[
            : HISTOGRAM_SPAN_LIMIT + 1
        ]
    )
    spans = [
        {
            "id": pk,
            "title": title,
            "start": start.isoformat(),
            "end": (end or precision_end(start, precision)).isoformat(),
            "precision": precision,
        }
        for pk, title, start, end, precision in span_rows[:HISTOGRAM_SPAN_LIMIT]
    ]
    return {
        "bucket": bucket,
        "date_min": first.isoformat(),
        "date_max": last.isoformat(),
        "total": sum(slot[0] for slot in counts.values()),
        "buckets": [
            {"start": day.isoformat(), "count": n, "approximate": approx}
            for day, (n, approx) in sorted(counts.items())
        ],
        "spans": spans,
        "spans_truncated": len(span_rows) > HISTOGRAM_SPAN_LIMIT,
    }


def event_type_names_ar() -> dict[str, str]:
    """Arabic names of event types by slug (only those that have one)."""
    return dict(
        EventType.objects.exclude(name_ar="").values_list("slug", "name_ar").order_by()
    )


def place_label(value: str) -> str:
    """Display name of a place filter value (id or name): "name · Arabic name".

    Only places of published, located events are named; others echo the raw value.
    """
    public = event_list_public().order_by().values("place_id")
    places = _places_named(value).filter(location__isnull=False, pk__in=public)
    place = places.first() if value else None
    if place is None:
        return value
    return f"{place.name} · {place.name_ar}" if place.name_ar else place.name
