"""Curation of control observations: editors draft them, reviewers publish them."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from control import services
from control.models import ControlObservation


@admin.register(ControlObservation)
class ControlObservationAdmin(SimpleHistoryAdmin):
    list_display = (
        "place",
        "state",
        "controller",
        "observed_on",
        "precision",
        "status",
    )
    list_filter = ("status", "state", "precision")
    search_fields = ("place__name", "place__name_ar", "controller__name", "note")
    raw_id_fields = ("place", "controller", "source")
    readonly_fields = ("status", "created_at", "updated_at", "created_by")
    actions = ["publish", "withdraw"]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def _public_and_not_reviewer(self, request: HttpRequest, obj) -> bool:
        """What the public sees changes only through a reviewer."""
        published = (
            obj is not None and obj.status == ControlObservation.Status.PUBLISHED
        )
        return published and not self.has_publish_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if self._public_and_not_reviewer(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if self._public_and_not_reviewer(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish on the control layer", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        try:
            for observation in queryset:
                services.observation_publish(observation=observation, user=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"{queryset.count()} published.", messages.SUCCESS)

    @admin.action(
        description="Withdraw from the control layer", permissions=["publish"]
    )
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> None:
        try:
            for observation in queryset:
                services.observation_withdraw(
                    observation=observation, user=request.user
                )
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"{queryset.count()} withdrawn.", messages.SUCCESS)
