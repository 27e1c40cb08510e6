"""App configuration for control (who held a place when)."""

from django.apps import AppConfig


class ControlConfig(AppConfig):
    name = "control"
    verbose_name = "Territorial control"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from control.models import ControlObservation

        for signal in (post_save, post_delete):
            signal.connect(
                _observations_changed,
                sender=ControlObservation,
                dispatch_uid=f"control-{signal is post_save}",
            )


def _observations_changed(sender, instance, **kwargs) -> None:
    """An observation changes the control layer, never an event's Feature."""
    from events import dataversion

    dataversion.clusters_invalidate([])
