"""App configuration for control (who held a place when)."""

from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "control"
    verbose_name = "Territorial control"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_init, post_save

        from control.models import ControlObservation

        for signal in (post_save, post_delete):
            signal.connect(
                _observations_changed,
                sender=ControlObservation,
                dispatch_uid=f"control-{signal is post_save}",
            )
        post_init.connect(
            _observation_loaded, sender=ControlObservation, dispatch_uid="control-init"
        )


def _observation_loaded(sender, instance, **kwargs) -> None:
    """Remember where an observation was, so that moving it re-derives both places."""
    instance._loaded_place_id = instance.__dict__.get("place_id")  # never a query


def _observations_changed(sender, instance, **kwargs) -> None:
    """An observation changes the control layer of its place (and of the place it
    was moved from), never an event's Feature."""
    from events import dataversion

    places = {instance.place_id, getattr(instance, "_loaded_place_id", None)}
    dataversion.clusters_invalidate([], place_ids=[p for p in places if p])
