"""Event curation admin: pages render, actions call services, framing refused."""

import pytest
from django.urls import reverse

from events.models import Event, EventSource
from events.tests.factories import EventFactory, EventSourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "app_model",
    [
        "events_event",
        "events_actor",
        "events_source",
        "events_eventtype",
        "places_place",
    ],
)
def test_changelists_render(admin_client, app_model):
    EventFactory()
    response = admin_client.get(reverse(f"admin:{app_model}_changelist"))
    assert response.status_code == 200


def test_event_change_form_renders_with_inlines(admin_client):
    event = EventFactory()
    EventSourceFactory(event=event)
    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert b"event_sources-TOTAL_FORMS" in response.content


def test_admin_refuses_framing(admin_client):
    response = admin_client.get(reverse("admin:events_event_changelist"))
    assert response["X-Frame-Options"] == "DENY"


def test_admin_needs_login(client):
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302


def test_publish_action_publishes_placed_drafts_and_reports_the_rest(admin_client):
    placed = EventFactory(status=Event.Status.DRAFT)
    unplaced = EventFactory(status=Event.Status.DRAFT, place=None)
    response = admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [placed.pk, unplaced.pk]},
        follow=True,
    )
    placed.refresh_from_db()
    unplaced.refresh_from_db()
    assert placed.status == Event.Status.PUBLISHED
    assert unplaced.status == Event.Status.DRAFT
    assert "has no place" in response.content.decode()


def test_saving_sources_in_the_admin_derives_disputed(admin_client, admin_user):
    event = EventFactory()
    claim = EventSourceFactory(event=event, stance=EventSource.Stance.CLAIMS)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title": event.title,
            "event_type": event.event_type_id,
            "status": event.status,
            "date_start": "2019-07-15",
            "date_precision": "day",
            "place": event.place_id,
            "base_version": event.version,
            "event_actors-TOTAL_FORMS": 0,
            "event_actors-INITIAL_FORMS": 0,
            "event_sources-TOTAL_FORMS": 2,
            "event_sources-INITIAL_FORMS": 1,
            "event_sources-0-id": claim.pk,
            "event_sources-0-event": event.pk,
            "event_sources-0-source": claim.source_id,
            "event_sources-0-stance": "claims",
            "event_sources-1-event": event.pk,
            "event_sources-1-source": claim.source_id,
            "event_sources-1-stance": "denies",
            "event_sources-1-speaker": "Ministry",
            "relations_out-TOTAL_FORMS": 0,
            "relations_out-INITIAL_FORMS": 0,
            "correction_note": "The ministry denies it.",
        }
    )
    data.pop("area", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert event.disputed is True
    assert event.updated_by == admin_user
    assert event.corrections.get().note == "The ministry denies it."
