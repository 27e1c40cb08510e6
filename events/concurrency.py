"""Optimistic concurrency for curated records: a save based on a stale read is refused.

Each curated row carries a ``version`` that every save through the services and the
admin advances by a conditional UPDATE. Two editors who opened the same version
cannot both save: the second is told, and nothing is merged or undone silently
(issue 12: a reviewer's stale form once republished a retracted event)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F


class StaleEdit(ValidationError):
    """The row changed since it was read; the caller must reload and redo its change."""


def stale_message(obj: models.Model, current: int | None) -> str:
    name = obj._meta.verbose_name
    if current is None:
        return f"This {name} no longer exists."
    return (
        f"This {name} was changed by someone else after you opened it (now version "
        f"{current}). Your changes were not saved: reload the page and make them again."
    )


def version_current(obj: models.Model, *, lock: bool = False) -> int | None:
    """The row's version in the database (None: deleted); ``lock`` holds the row until
    the transaction ends (PostgreSQL; SQLite serialises writers anyway)."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def version_claim(obj: models.Model, *, expected: int | None = None) -> None:
    """Advance the row's version iff it still is ``expected`` (default: the version
    ``obj`` was read with); ``obj.version`` becomes the new one, so a following
    ``save()`` writes it. Raises StaleEdit otherwise. Call inside the transaction
    that saves ``obj``."""
    expected = obj.version if expected is None else expected
    claimed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected)
        .update(version=F("version") + 1)
    )
    if not claimed:
        raise StaleEdit(stale_message(obj, version_current(obj)), code="stale")
    obj.version = expected + 1


class VersionedModelForm(forms.ModelForm):
    """An admin form that carries the version it was opened at (a hidden field) and
    refuses a save once the row has moved on, with a form error. The row stays
    locked from this check to the save (the admin's change view is one transaction)."""

    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            current = version_current(self.instance, lock=True)
            if cleaned.get("base_version") != current:
                raise forms.ValidationError(
                    stale_message(self.instance, current), code="stale"
                )
        return cleaned


class VersionedAdminMixin:
    """ModelAdmin mixin for a VersionedModelForm: the save advances the version."""

    def save_model(self, request, obj, form, change: bool) -> None:
        if change:  # checked in the form's clean, under the row lock; claimed here
            version_claim(obj, expected=form.cleaned_data["base_version"])
        super().save_model(request, obj, form, change)
