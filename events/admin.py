"""Curation admin for events, actors, sources, corrections, duplicates and types.

The event admin's form and inlines are admin_event_forms.py; the shared records' admin is
admin_shared.py, Revert admin_history.py.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from leaflet.admin import LeafletGeoAdmin

from events import admin_event_forms, concurrency, roles, services_change
from events import services as event_services
from events.admin_history import GuardedHistoryAdmin
from events.admin_shared import SharedRecordAdmin
from events.models import (
    Actor,
    Correction,
    DuplicateCandidate,
    Event,
    EventType,
    Source,
)
from places import handoff
from places.models import Place


def can_publish(request: HttpRequest) -> bool:
    return roles.is_reviewer(request.user)


@admin.register(Event)
class EventAdmin(concurrency.VersionedAdminMixin, GuardedHistoryAdmin, LeafletGeoAdmin):
    form = admin_event_forms.EventAdminForm
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
    inlines = [
        admin_event_forms.EventActorInline,
        admin_event_forms.EventSourceInline,
        admin_event_forms.EventRelationInline,
    ]
    actions = [
        "publish",
        "submit_for_review",
        "retract",
        "flag_duplicates",
        "merge_into_first",
        "geocode_place_again",
    ]
    list_select_related = ["event_type", "event_type__parent", "place"]
    history_list_display = ["status"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "summary", "event_type", "status", "base_version"]},
        ),
        ("When", {"fields": ["date_start", "date_end", "date_precision"]}),
        ("Where", {"fields": ["place", "area"]}),
        (
            "Toll",
            {
                "fields": [
                    "fatalities_best",
                    "fatalities_low",
                    "fatalities_high",
                    "import_note",  # e.g. UCDP's low > best, kept as published
                ]
            },
        ),
        ("Correction", {"fields": ["correction_note", "retraction_reason"]}),
        (
            "Record",
            {
                "fields": [
                    "disputed",
                    "external_dataset",
                    "external_id",
                    "created_at",
                    "created_by",
                    "updated_at",
                    "updated_by",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        js = ["places/admin-map.js"]  # the offline basemap under the area widget

    def get_readonly_fields(self, request: HttpRequest, obj: Event | None = None):
        fields = ["disputed", "created_at", "updated_at", "created_by", "updated_by"]
        fields += [
            "retraction_reason",
            "external_dataset",
            "external_id",
            "import_note",
        ]
        if not can_publish(request):
            fields.append("status")  # editors move drafts with actions, never publish
        return fields

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Event | None = None):
        allowed = super().has_change_permission(request, obj)
        if obj is not None and obj.status in roles.PUBLIC_STATUSES:
            return allowed and can_publish(request)
        return allowed

    def has_delete_permission(self, request: HttpRequest, obj: Event | None = None):
        """A published or retracted event is retracted, never deleted: deleting would
        take it off the public corrections log without a word."""
        if obj is not None and obj.status in roles.PUBLIC_STATUSES:
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("events.merge_event")

    def save_model(self, request: HttpRequest, obj: Event, form, change: bool) -> None:
        obj._history_user = request.user
        if change:  # checked in the form's clean under the row lock; claimed here
            concurrency.version_claim(obj, expected=form.cleaned_data["base_version"])
        services_change.event_save(
            event=obj,
            note=form.cleaned_data.get("correction_note", ""),
            user=request.user,
        )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        links_shown = form.status_before == Event.Status.PUBLISHED
        if form.content_changed or (
            links_shown and any(f.has_changed() for f in formsets)
        ):
            services_change.event_changed_publicly(
                event=form.instance,
                was=form.status_before,
                note=form.cleaned_data.get("correction_note", ""),
                user=request.user,
            )
        event_services.event_refresh_disputed(event=form.instance)
        flagged = event_services.event_flag_duplicates(event=form.instance)
        if flagged:
            self.message_user(
                request,
                f"{flagged} possible duplicate(s) flagged: see Duplicate candidates.",
                messages.WARNING,
            )

    def _each(self, request: HttpRequest, queryset: QuerySet[Event], action, done: str):
        count = 0
        for event in queryset:
            try:
                action(event=event, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, text, messages.ERROR)
            else:
                count += 1
        self.message_user(request, f"{count} event(s) {done}.", messages.SUCCESS)

    @admin.action(description="Publish selected events", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        self._each(request, queryset, event_services.event_publish, "published")

    @admin.action(
        description="Submit selected events for review", permissions=["change"]
    )
    def submit_for_review(
        self, request: HttpRequest, queryset: QuerySet[Event]
    ) -> None:
        self._each(
            request, queryset, event_services.event_submit_for_review, "sent to review"
        )

    @admin.action(description="Retract selected events…", permissions=["publish"])
    def retract(
        self, request: HttpRequest, queryset: QuerySet[Event]
    ) -> HttpResponse | None:
        form = admin_event_forms.RetractForm(
            request.POST if "reason" in request.POST else None
        )
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda event, user: event_services.event_retract(
                    event=event, reason=reason, user=user
                ),
                "retracted",
            )
            return None
        return TemplateResponse(
            request,
            "admin/events/event/retract.html",
            {
                **self.admin_site.each_context(request),
                "title": "Retract events",
                "events": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(
        description="Look for duplicates of selected events", permissions=["change"]
    )
    def flag_duplicates(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        found = sum(event_services.event_flag_duplicates(event=e) for e in queryset)
        self.message_user(request, f"{found} possible duplicate pair(s) flagged.")

    @admin.action(
        description="Merge selected events into the oldest one", permissions=["merge"]
    )
    def merge_into_first(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        events = list(queryset.order_by("pk"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events.", messages.ERROR)
            return
        keep = events[0]
        try:
            for drop in events[1:]:
                event_services.event_merge(keep=keep, drop=drop, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, text, messages.ERROR)
            return
        self.message_user(
            request, f"{len(events) - 1} event(s) merged into “{keep.title}”."
        )

    @admin.action(
        description="Geocode the selected events' places again", permissions=["change"]
    )
    def geocode_place_again(
        self, request: HttpRequest, queryset: QuerySet[Event]
    ) -> None:
        chosen = Place.objects.filter(events__in=queryset).distinct()
        queued = handoff.place_geocode_queue(places=chosen, force=True)
        self.message_user(request, f"{queued} place(s) queued for geocoding.")


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    list_display = ["event", "other", "score", "reasons", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["event", "other"]
    actions = ["merge", "dismiss"]
    readonly_fields = ["event", "other", "score", "reasons", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("events.merge_event")

    @admin.action(description="Merge: keep the first event", permissions=["merge"])
    def merge(
        self, request: HttpRequest, queryset: QuerySet[DuplicateCandidate]
    ) -> None:
        for candidate in queryset.filter(status=DuplicateCandidate.Status.OPEN):
            try:
                event_services.event_merge(
                    keep=candidate.event, drop=candidate.other, user=request.user
                )
            except (ValidationError, PermissionDenied) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, text, messages.ERROR)
                return
        self.message_user(request, "Merged.")

    @admin.action(description="Not duplicates", permissions=["change"])
    def dismiss(
        self, request: HttpRequest, queryset: QuerySet[DuplicateCandidate]
    ) -> None:
        queryset.update(status=DuplicateCandidate.Status.DISMISSED)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "note", "created_at", "created_by"]
    list_filter = ["kind"]
    readonly_fields = ["event", "kind", "note", "created_at", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # corrections come from the event workflow

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the public log is append-only: a new correction corrects one

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Actor)
class ActorAdmin(concurrency.VersionedAdminMixin, SharedRecordAdmin):
    list_display = ["name", "kind", "parent", "country_code"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "name_ar", "aliases"]
    autocomplete_fields = ["parent"]


@admin.register(Source)
class SourceAdmin(concurrency.VersionedAdminMixin, SharedRecordAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["publisher", "title", "published_at", "language"]
    search_fields = ["publisher", "title", "url"]
    list_filter = ["publisher", "language"]


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "is_acled", "color", "sort_order"]
    list_filter = ["is_acled", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
