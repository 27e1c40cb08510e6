"""django-simple-history's "Revert" page, held to the change form's rules.

simple-history checks the permission on the *historical* object (an old draft of a
now published event passes an Editor's check) and, with only view permission, saves
what is POSTed. Here the page is read-only for anyone who may not change the *current*
object, and a revert is a change of the current object through the ModelAdmin's own
form, save_model and save_related (the workflow, the services, the correction)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    def _current(self, request: HttpRequest, obj: models.Model | None):
        """The object as stored now (``obj`` may be a historical instance)."""
        if obj is None or obj.pk is None:
            return obj
        return self.get_queryset(request).filter(pk=obj.pk).first()

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        current = self._current(request, obj)
        if current is None or not self.has_change_permission(request, current):
            return True
        return super().revert_disabled(request, current)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ) -> HttpResponse:
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if not self.has_view_or_change_permission(request, current):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, current):
                raise PermissionDenied
            return self._revert(request, current)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _revert(self, request: HttpRequest, current: models.Model) -> HttpResponse:
        form_class = self.get_form(request, current, change=True)
        data = request.POST.copy()
        if "base_version" in form_class.base_fields:
            # A revert is a change made now, on the record as it is now: the old
            # version's number on the page is not a stale edit (events.concurrency).
            data["base_version"] = str(current.version)
        form = form_class(data, request.FILES, instance=current)
        if not form.is_valid():
            errors = "; ".join(
                f"{name}: {' '.join(text)}" if name != "__all__" else " ".join(text)
                for name, text in form.errors.items()
            )
            self.message_user(request, f"Not reverted: {errors}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        try:
            with transaction.atomic():
                saved = self.save_form(request, form, change=True)
                self.save_model(request, saved, form, change=True)
                self.save_related(request, form, formsets=[], change=True)
                self.log_change(
                    request, saved, self.construct_change_message(request, form, [])
                )
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"Not reverted: {text}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        return self.response_change(request, saved)
