"""Admin for the shared records published events show: actors and sources."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from events import concurrency, roles, services_change
from events.admin_history import GuardedHistoryAdmin


class SharedRecordForm(concurrency.VersionedModelForm):
    """Actors and sources show on published events: a change needs a public note."""

    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when published events show this record: the note goes to "
        "each of their corrections.",
    )
    current_user = None  # set by SharedRecordAdmin.get_form

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk and set(self.changed_data) - {"correction_note"}:
            try:
                services_change.shared_record_check(
                    record=self.instance,
                    note=cleaned.get("correction_note", ""),
                    user=self.current_user,
                )
            except ValidationError as error:
                self.add_error("correction_note", error)
            except PermissionDenied as error:
                self.add_error(None, str(error))
        return cleaned


class SharedRecordAdmin(GuardedHistoryAdmin):
    """Editors change actors and sources no published event shows; reviewers change
    the others, with a public correction (events/roles.py)."""

    form = SharedRecordForm

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and not roles.is_reviewer(request.user):
            return not services_change.published_events_showing(obj)
        return allowed

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        obj._history_user = request.user
        note = form.cleaned_data.get("correction_note", "")
        if change and not (set(form.changed_data) - {"correction_note"}):
            return
        services_change.shared_record_save(record=obj, note=note, user=request.user)
