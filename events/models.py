"""Events, their types, actors and sources: data, constraints and indexes. Date labels
are events.datelabels, the QuerySet events.querysets, disputes events.disputes."""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from events import datelabels, querysets


class EventType(models.Model):
    """Two-level taxonomy: ACLED's event types, their sub-types, and our additions."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    name_ar = models.CharField(max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_acled = models.BooleanField(
        default=True,
        help_text="Part of ACLED's codebook (False: a ConflictMap addition).",
    )
    color = models.CharField(max_length=7, default="#555555")
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    @property
    def top(self) -> "EventType":
        return self.parent if self.parent_id else self


class Actor(models.Model):
    class Kind(models.TextChoices):
        STATE_FORCES = "state_forces", "State forces"
        FOREIGN_FORCES = "foreign_forces", "Foreign forces"
        REBEL_COALITION = "rebel_coalition", "Rebel coalition"
        REBEL_GROUP = "rebel_group", "Rebel group"
        MILITIA = "militia", "Militia"
        IDENTITY_MILITIA = "identity_militia", "Identity militia"
        RIOTERS = "rioters", "Rioters"
        PROTESTERS = "protesters", "Protesters"
        STATE = "state", "State / government"
        CIVILIANS = "civilians", "Civilians"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    name_ar = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    aliases = models.JSONField(default=list, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="Coalition or command this actor belongs to.",
    )
    country_code = models.CharField(max_length=2, blank=True)
    description = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)  # concurrency
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


SOURCE_EXISTS = "A source with this publisher, title and published date already exists."


class Source(models.Model):
    publisher = models.CharField(max_length=200)
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, default="en")
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)  # concurrency
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "publisher"]
        # A source is one publisher's headline on one date: a recurring headline
        # (a weekly "#BurkinaFaso" post) cited on two dates is two sources. Undated
        # sources are unique on publisher + title alone (NULLs are distinct in a
        # unique index on both PostgreSQL and SQLite, hence the second constraint).
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "title", "published_at"],
                name="source_unique_publisher_title_date",
                violation_error_message=SOURCE_EXISTS,
            ),
            models.UniqueConstraint(
                fields=["publisher", "title"],
                condition=models.Q(published_at__isnull=True),
                name="source_unique_publisher_title_undated",
                violation_error_message=SOURCE_EXISTS,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.title else self.publisher


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    event_type = models.ForeignKey(
        EventType, on_delete=models.PROTECT, related_name="events"
    )
    date_start = models.DateField()
    date_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    area = models.GeometryField(
        srid=4326, null=True, blank=True, help_text="Own geometry: zone or front line."
    )
    fatalities_best = models.PositiveIntegerField(null=True, blank=True)
    fatalities_low = models.PositiveIntegerField(null=True, blank=True)
    fatalities_high = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    retraction_reason = models.TextField(blank=True)
    external_dataset = models.CharField(
        max_length=16,
        blank=True,
        help_text="Dataset an imported event came from (acled, ucdp, geojson).",
    )
    external_id = models.CharField(
        max_length=64, blank=True, help_text="The event's id in that dataset."
    )
    import_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="A problem in the imported data, kept as published "
        "(UCDP low > best or high < best).",
    )
    # "<version>:<hash of the dataset row>" as last imported (interchange.stream): a
    # re-import skips a row whose hash and version (no edit since) are the same.
    import_hash = models.CharField(max_length=40, blank=True, editable=False)
    disputed = models.BooleanField(
        default=False,
        editable=False,
        help_text="Derived: some source claims or reports it and another denies it.",
    )
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events")
    sources = models.ManyToManyField(
        Source, through="EventSource", related_name="events"
    )
    related = models.ManyToManyField(
        "self", through="EventRelation", symmetrical=False, related_name="+", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic concurrency (events.concurrency): advanced by every save through the
    # services and the admin; a save based on an older version is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = querysets.EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date_start", "pk"]
        permissions = [
            ("publish_event", "Can publish, retract and correct published events"),
            ("merge_event", "Can merge duplicate events"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__isnull=True)
                | Q(date_end__gte=models.F("date_start")),
                name="event_date_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["external_dataset", "external_id"],
                condition=~Q(external_id=""),
                name="event_unique_external_id",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "date_start"]),
            models.Index(fields=["date_start"]),
            # SpatiaLite does not use the partial unique index above for a plain
            # lookup by (dataset, id): the import's batch lookup needs this one.
            models.Index(
                fields=["external_dataset", "external_id"], name="event_external_id"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def date_last(self):
        return self.date_end or self.date_start

    @property
    def date_label(self) -> str:
        """Human date that says no more than the precision allows."""
        return datelabels.date_range_label(
            self.date_start, self.date_end, self.date_precision
        )


class EventActor(models.Model):
    class Role(models.TextChoices):
        INITIATOR = "initiator", "Initiator"
        SUPPORTING = "supporting", "Supporting"
        TARGET = "target", "Target / opponent"
        VICTIM = "victim", "Victims"
        PARTY = "party", "Party (agreement)"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="event_actors"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="event_roles"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.INITIATOR)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="eventactor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class EventSource(models.Model):
    class Stance(models.TextChoices):
        REPORTS = "reports", "Reports"
        CLAIMS = "claims", "Claims"
        CONFIRMS = "confirms", "Confirms"
        DENIES = "denies", "Denies"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="event_sources"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="event_links"
    )
    stance = models.CharField(
        max_length=10, choices=Stance.choices, default=Stance.REPORTS
    )
    speaker = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who the source attributes the statement to.",
    )
    quote = models.TextField("quoted passage", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "stance", "speaker"],
                name="eventsource_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.stance}"


class EventRelation(models.Model):
    class Kind(models.TextChoices):
        REVERSES = "reverses", "Reverses (e.g. a recapture)"
        FOLLOWS = "follows", "Follows from"
        PART_OF = "part_of", "Part of"
        CONTEXT = "context", "Context"

    from_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="relations_out"
    )
    to_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="relations_in"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FOLLOWS)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_event", "to_event"], name="relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_event=models.F("to_event")), name="relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_event} {self.kind} {self.to_event}"


class Correction(models.Model):
    """A public note on a published event: a correction or the reason for a retraction."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        RETRACTION = "retraction", "Retraction"
        MERGE = "merge", "Merged into another event"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.event}"


class DuplicateCandidate(models.Model):
    """Two events that may report the same happening, flagged for an editor."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Not a duplicate"
        MERGED = "merged", "Merged"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["event", "other"], name="duplicate_unique"),
            models.CheckConstraint(
                condition=Q(event__lt=models.F("other")), name="duplicate_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} ~ {self.other} ({self.score:.2f})"


class DataVersion(models.Model):
    """One row per committed write that can change the public data (events.dataversion).

    The highest id is the public data version: a database sequence, so it survives a
    cache restart and never hands out a number twice; ``dirty`` lists the event ids
    the write touched (null: any event); ``scope`` what the control layer derives
    again: {"events": the events named, "places": the places whose own data (a
    place's row, a control observation) it touched}, each null for any (an actor or
    type change); null (versions before it was kept): anything."""

    id = models.BigAutoField(primary_key=True)
    dirty = models.JSONField(null=True)
    scope = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"data version {self.pk}"
