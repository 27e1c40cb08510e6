"""Curation admin for events, actors, sources and the type taxonomy."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from leaflet.admin import LeafletGeoAdmin

from events.models import (
    Actor,
    Event,
    EventActor,
    EventRelation,
    EventSource,
    EventType,
    Source,
)
from events.services import events as event_services


class EventSourceInline(admin.TabularInline):
    model = EventSource
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "speaker", "quote"]


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


class EventRelationInline(admin.TabularInline):
    model = EventRelation
    fk_name = "from_event"
    extra = 0
    autocomplete_fields = ["to_event"]
    verbose_name = "related event"
    verbose_name_plural = "related events"


@admin.register(Event)
class EventAdmin(LeafletGeoAdmin):
    list_display = [
        "title",
        "event_type",
        "date_start",
        "date_precision",
        "place",
        "status",
        "disputed",
    ]
    list_filter = ["status", "disputed", "event_type__parent", "date_precision"]
    search_fields = ["title", "summary", "place__name", "actors__name"]
    date_hierarchy = "date_start"
    autocomplete_fields = ["place", "event_type"]
    readonly_fields = [
        "disputed",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
    ]
    inlines = [EventActorInline, EventSourceInline, EventRelationInline]
    actions = ["publish", "submit_for_review", "geocode_place_again"]
    list_select_related = ["event_type", "event_type__parent", "place"]
    fieldsets = [
        (None, {"fields": ["title", "summary", "event_type", "status"]}),
        ("When", {"fields": ["date_start", "date_end", "date_precision"]}),
        ("Where", {"fields": ["place", "area"]}),
        ("Toll", {"fields": ["fatalities_best", "fatalities_low", "fatalities_high"]}),
        ("Retraction", {"fields": ["retraction_reason"], "classes": ["collapse"]}),
        (
            "Record",
            {
                "fields": [
                    "disputed",
                    "created_at",
                    "created_by",
                    "updated_at",
                    "updated_by",
                ]
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Event, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        event_services.event_refresh_disputed(event=form.instance)

    def _each(self, request: HttpRequest, queryset: QuerySet[Event], action, done: str):
        count = 0
        for event in queryset:
            try:
                action(event=event, user=request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                count += 1
        self.message_user(request, f"{count} event(s) {done}.", messages.SUCCESS)

    @admin.action(description="Publish selected events")
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._each(request, queryset, event_services.event_publish, "published")

    @admin.action(description="Submit selected events for review")
    def submit_for_review(
        self, request: HttpRequest, queryset: QuerySet[Event]
    ) -> None:
        self._each(
            request, queryset, event_services.event_submit_for_review, "sent to review"
        )

    @admin.action(description="Geocode the selected events' places again")
    def geocode_place_again(
        self, request: HttpRequest, queryset: QuerySet[Event]
    ) -> None:
        from events.services import places  # the geocoding engineer's module

        place_ids = set(queryset.exclude(place=None).values_list("place_id", flat=True))
        queued = places.place_geocode_queue(place_ids=place_ids, force=True)
        self.message_user(request, f"{queued} place(s) queued for geocoding.")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "country_code"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "name_ar", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["publisher", "title", "published_at", "language"]
    search_fields = ["publisher", "title", "url"]
    list_filter = ["publisher", "language"]


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "is_acled", "color", "sort_order"]
    list_filter = ["is_acled", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
