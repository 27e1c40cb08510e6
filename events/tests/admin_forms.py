"""Test helpers: log in as a role, and send an admin form back as a browser would."""

import datetime as dt
import json

from django.contrib.auth.models import Group, User
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Model
from django.test import Client

ROLES = ("Viewer", "Editor", "Reviewer", "Admin")


def member_of(role: str) -> User:
    """A staff user in the group ``role`` (made by migration 0007)."""
    user, _ = User.objects.get_or_create(
        username=f"{role.lower()}-user", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(role: str | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(member_of(role))
    return client


def _value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, GEOSGeometry):
        return value.ewkt
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _form_data(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else _value(value)
    return data


def posted(response, **changes) -> dict:
    """The fields of the admin form page ``response`` as a browser POSTs them back
    (inlines unchanged), with ``changes`` applied."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        data[management.add_prefix("TOTAL_FORMS")] = len(formset.initial_forms)
        for form in formset.initial_forms:
            data.update(_form_data(form))
    data.update(changes)
    return data
