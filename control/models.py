"""A curator's observation of who held a place on a date, per a source."""

from django.conf import settings
from django.contrib.gis.db import models
from simple_history.models import HistoricalRecords


class ControlObservation(models.Model):
    """ "Held by X as of date, per source": control that no territory event covers.

    Shown on the public map only once published; a territory-change event on the
    same place and day outranks nothing: both justify the period, and a
    disagreement makes it contested."""

    class State(models.TextChoices):
        HELD = "held", "Held by the controller"
        CONTESTED = "contested", "Contested (fighting, no clear holder)"
        UNKNOWN = "unknown", "Unknown"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="control_observations"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.HELD)
    controller = models.ForeignKey(
        "events.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_observations",
        help_text="Who held it (required when the state is 'held').",
    )
    observed_on = models.DateField(
        help_text="From this date on (until the next change)."
    )
    precision = models.CharField(
        max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    source = models.ForeignKey(
        "events.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_observations",
    )
    quote = models.TextField(blank=True, help_text="The passage that says so.")
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "observed_on", "pk"]
        permissions = [
            ("publish_controlobservation", "Can publish and withdraw observations")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="held") | models.Q(controller__isnull=False),
                name="control_held_has_controller",
            )
        ]
        indexes = [models.Index(fields=["status", "observed_on"])]

    def __str__(self) -> str:
        who = self.controller.name if self.controller_id else self.get_state_display()
        return f"{self.place}: {who} as of {self.observed_on}"
