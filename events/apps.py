"""App configuration for events."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _public_data_changed(sender, instance, **kwargs) -> None:
    """Any write that can change what the map shows makes the cluster index stale.

    A cache concern, not a domain rule: it must follow every path that writes these
    rows (services, admin, imports, the demo loader), so it hangs off the models. An
    event or one of its links names that event; a place, actor or type may show in
    any event's Feature."""
    from events import dataversion

    event_id = instance.pk if sender.__name__ == "Event" else None
    event_id = getattr(instance, "event_id", event_id)
    if sender.__name__ == "Place":  # its events' Features, its own control periods
        # A new place has no event yet (an import's, a geocoded one's); a saved one
        # names its events, so that the map applies the change instead of a whole
        # rebuild. A deleted one: its events' place was cleared in bulk (any).
        events = None
        if "created" in kwargs:  # post_save
            events = [] if kwargs["created"] else _events_at([instance.pk])
        dataversion.clusters_invalidate(events, place_ids=[instance.pk])
        return
    if sender.__name__ == "Actor" and kwargs.get("created"):
        # No event names it yet: no place's control changes (its links will say).
        dataversion.clusters_invalidate(None, place_ids=())
        return
    dataversion.clusters_invalidate(
        None if event_id is None else [event_id],
        place_ids=() if event_id is not None else None,
    )


def _events_at(place_ids: list[int]) -> list[int] | None:
    """The ids of the events at these places (any status: the map reads their
    public rows again); None past DIRTY_MAX_IDS (then any event)."""
    from events import dataversion
    from events.models import Event

    found = list(
        Event.objects.filter(place_id__in=place_ids)
        .order_by()
        .values_list("pk", flat=True)[: dataversion.DIRTY_MAX_IDS + 1]
    )
    return None if len(found) > dataversion.DIRTY_MAX_IDS else found


def _places_changed(sender, place_ids=None, **kwargs) -> None:
    """A bulk update of places (geocoding) moves the points of their events; of
    any event when the sender does not say which places."""
    from events import dataversion

    if place_ids is None:
        dataversion.clusters_invalidate(None, place_ids=None)
        return
    place_ids = sorted(place_ids)
    dataversion.clusters_invalidate(_events_at(place_ids), place_ids=place_ids)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Conflict events"

    def ready(self) -> None:
        from events import checks  # noqa: F401 - registers the system checks
        from places import signals as place_signals
        from places.models import Place

        models = ("Event", "EventActor", "EventSource", "EventType", "Actor")
        for model in [Place] + [self.get_model(name) for name in models]:
            name = model.__name__
            post_save.connect(_public_data_changed, sender=model, dispatch_uid=name)
            post_delete.connect(_public_data_changed, sender=model, dispatch_uid=name)
        place_signals.place_changed_in_bulk.connect(
            _places_changed, dispatch_uid="place_changed_in_bulk"
        )
        # The role model reaches places (which cannot import events) through these.
        from events import services_change

        place_signals.place_public_uses.connect(
            services_change.on_place_public_uses, dispatch_uid="place_public_uses"
        )
        place_signals.place_changing.connect(
            services_change.on_place_changing, dispatch_uid="place_changing"
        )
