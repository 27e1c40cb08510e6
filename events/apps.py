"""App configuration for events."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _public_data_changed(sender, instance, **kwargs) -> None:
    """Any write that can change what the map shows makes the cluster index stale.

    A cache concern, not a domain rule: it must follow every path that writes these
    rows (services, admin, imports, the demo loader), so it hangs off the models. An
    event or one of its links names that event; a place, actor or type may show in
    any event's Feature."""
    from events.clusters import state as cluster_state

    event_id = instance.pk if sender.__name__ == "Event" else None
    event_id = getattr(instance, "event_id", event_id)
    cluster_state.clusters_invalidate(None if event_id is None else [event_id])


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Conflict events"

    def ready(self) -> None:
        models = ("Event", "Place", "EventActor", "EventSource", "EventType", "Actor")
        for name in models:
            model = self.get_model(name)
            post_save.connect(_public_data_changed, sender=model, dispatch_uid=name)
            post_delete.connect(_public_data_changed, sender=model, dispatch_uid=name)
