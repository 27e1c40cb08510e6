"""The event admin's forms and inlines: a change to a published event, or to its links,
goes through the role model and needs a correction note."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet

from events import concurrency, roles, services_change
from events.models import Event, EventActor, EventRelation, EventSource


class PublicEventLinksFormSet(BaseInlineFormSet):
    """A changed link (source, stance, actor, relation) of a published event changes
    its public page: the event form's correction note must say so."""

    def clean(self) -> None:
        super().clean()
        event = self.instance
        if not (event.pk and self.has_changed()):
            return
        stored = Event.objects.filter(pk=event.pk).values_list("status", flat=True)
        if (
            stored.first() == Event.Status.PUBLISHED
            and not self.data.get("correction_note", "").strip()
        ):
            raise ValidationError(services_change.NOTE_NEEDED)


class EventSourceInline(admin.TabularInline):
    formset = PublicEventLinksFormSet
    model = EventSource
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "stance", "speaker", "quote"]


class EventActorInline(admin.TabularInline):
    formset = PublicEventLinksFormSet
    model = EventActor
    extra = 1
    autocomplete_fields = ["actor"]


class EventRelationInline(admin.TabularInline):
    formset = PublicEventLinksFormSet
    model = EventRelation
    fk_name = "from_event"
    extra = 0
    autocomplete_fields = ["to_event"]
    verbose_name = "related event"
    verbose_name_plural = "related events"


class EventAdminForm(concurrency.VersionedModelForm):
    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when changing a published event: shown in the public "
        "corrections log.",
    )

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin fieldsets choose the fields

    current_user = None  # set by EventAdmin.get_form: the role model needs the user

    def clean(self) -> dict:
        cleaned = super().clean()
        # clean() runs before the form writes to the instance: this is the stored status
        self.status_before = self.instance.status if self.instance.pk else None
        after = cleaned.get("status", self.status_before or Event.Status.DRAFT)
        note = cleaned.get("correction_note", "")
        try:
            services_change.event_change_check(
                before=self.status_before,
                after=after,
                note=note,
                user=self.current_user,
            )
        except ValidationError as error:
            field = "status" if "status" in self.fields else None
            self.add_error(field, error)
        except PermissionDenied as error:
            self.add_error(None, str(error))
        if (
            self.status_before in roles.PUBLIC_STATUSES
            and self.content_changed
            and not note.strip()
        ):
            self.add_error(
                "correction_note", "Say what changed: this event is already public."
            )
        return cleaned

    @property
    def content_changed(self) -> bool:
        return bool(set(self.changed_data) - {"correction_note"})


class RetractForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Public: shown in the corrections log.",
    )
