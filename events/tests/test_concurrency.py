"""Optimistic concurrency: a save based on a stale read is refused, never merged, and
a status change is never undone (issue 12, reproduction 4)."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from events import services
from events.concurrency import StaleEdit
from events.models import Correction, Event
from events.tests.factories import ActorFactory, EventFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.faults]
INLINES = ("event_actors", "event_sources", "relations_out")


def session(username: str, role: str = "Reviewer") -> Client:
    """A browser of its own: a logged-in admin session."""
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def open_form(client: Client, event: Event) -> dict:
    """GET the change form; the POST data it would send unchanged (inlines left as
    they are)."""
    response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert b'name="base_version"' in response.content  # the hidden field is rendered
    form = response.context["adminform"].form
    data = {
        name: form[name].value()
        for name in form.fields
        if name != "area" and form[name].value() is not None
    }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data


def save_form(client: Client, event: Event, data: dict):
    return client.post(reverse("admin:events_event_change", args=[event.pk]), data)


def retract_action(client: Client, event: Event, reason: str):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": "retract", "_selected_action": [event.pk], "reason": reason},
    )


def test_a_stale_admin_form_cannot_undo_a_retraction():
    """Reviewer A opens a published event, B retracts it, A saves: refused."""
    event = EventFactory(title="Shelling of Saraqib")
    a, b = session("reviewer-a"), session("reviewer-b")
    form_a = open_form(a, event)

    assert retract_action(b, event, "Misattributed video").status_code == 302
    form_a |= {"title": "Shelling of Saraqib (edited)", "correction_note": "Typo."}
    refused = save_form(a, event, form_a)

    assert refused.status_code == 200
    assert "changed by someone else after you opened it" in refused.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.title == "Shelling of Saraqib"
    assert list(Correction.objects.filter(event=event).values_list("kind", flat=True))
    assert not Correction.objects.filter(event=event, kind="correction").exists()
    assert b"Shelling of Saraqib" not in Client().get("/api/v1/events/").content


def test_the_second_of_two_admin_forms_opened_together_is_refused():
    event = EventFactory(title="Original", status=Event.Status.DRAFT)
    a, b = session("reviewer-a"), session("reviewer-b")
    form_a, form_b = open_form(a, event), open_form(b, event)

    assert save_form(a, event, form_a | {"title": "Title by A"}).status_code == 302
    refused = save_form(b, event, form_b | {"status": "published"})

    assert refused.status_code == 200
    assert "Your changes were not saved" in refused.content.decode()
    event.refresh_from_db()
    assert (event.title, event.status) == ("Title by A", Event.Status.DRAFT)
    reloaded = open_form(b, event)  # B reloads: now B's save goes through
    assert save_form(b, event, reloaded | {"status": "published"}).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.status) == ("Title by A", Event.Status.PUBLISHED)


def test_a_stale_form_cannot_undo_a_submit_for_review():
    """The service writes one field (status) and still lost it to a full-form save."""
    event = EventFactory(title="Original", status=Event.Status.DRAFT)
    a = session("reviewer-a")
    form_a = open_form(a, event)

    services.event_submit_for_review(event=Event.objects.get(pk=event.pk))
    refused = save_form(a, event, form_a | {"title": "Edited"})

    assert refused.status_code == 200
    event.refresh_from_db()
    assert (event.title, event.status) == ("Original", Event.Status.IN_REVIEW)


def test_services_refuse_a_stale_instance():
    event = EventFactory(status=Event.Status.PUBLISHED)
    stale = Event.objects.get(pk=event.pk)
    services.event_retract(event=event, reason="Duplicate.")

    with pytest.raises(StaleEdit, match="changed by someone else"):
        services.event_retract(event=stale, reason="Another reason.")
    with pytest.raises(StaleEdit):
        services.event_merge(keep=EventFactory(), drop=stale)
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.retraction_reason == "Duplicate."
    assert event.version == 1


def test_every_service_status_change_advances_the_version():
    event = EventFactory(status=Event.Status.DRAFT)
    services.event_submit_for_review(event=event)
    services.event_publish(event=event)
    services.event_retract(event=event, reason="Wrong date.")
    event.refresh_from_db()
    assert event.version == 3


@pytest.mark.parametrize(
    ("factory", "admin_name", "field", "value"),
    [
        (ActorFactory, "events_actor", "name", "Renamed actor"),
        (SourceFactory, "events_source", "title", "Renamed source"),
    ],
)
def test_actor_and_source_admin_refuse_the_second_of_two_forms(
    factory, admin_name, field, value
):
    record = factory()
    a, b = session("reviewer-a", "Admin"), session("reviewer-b", "Admin")
    url = reverse(f"admin:{admin_name}_change", args=[record.pk])
    forms = []
    for client in (a, b):
        form = client.get(url).context["adminform"].form
        assert "base_version" in form.fields
        forms.append(
            {n: form[n].value() for n in form.fields if form[n].value() is not None}
        )

    assert a.post(url, forms[0] | {field: value}).status_code == 302
    refused = b.post(url, forms[1] | {field: "Overwritten by B"})

    assert refused.status_code == 200
    assert "changed by someone else" in refused.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == value
    assert record.version == 1
