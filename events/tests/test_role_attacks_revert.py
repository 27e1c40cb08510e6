"""Issue 11: the admin's Revert (history) page as it leaked through the role model,
each attack replayed as it was done -- a real POST by a logged-in user of that role.
The other admin paths: test_role_attacks.py."""

import pytest
from django.urls import reverse

from events import services
from events.models import Event
from events.tests.admin_forms import logged_in, posted
from events.tests.factories import (
    ActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def revert_url(obj, record) -> str:
    meta = obj._meta
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def published_with_a_draft_past() -> tuple[Event, object]:
    """A published event whose first version was a draft titled "Draft title"."""
    event = EventFactory(status=Event.Status.DRAFT, title="Draft title")
    event.title = "Public title"
    event.save()
    services.event_publish(event=event, user=None)
    return event, event.history.earliest("history_id")


def old_version_form(obj, record) -> dict:
    """The old version's fields, as the revert page shows them to an Admin."""
    page = logged_in("Admin").get(revert_url(obj, record))
    assert page.status_code == 200
    return posted(page)


# 1. simple-history's revert form wrote for read-only roles ---------------------------


@pytest.mark.parametrize("role", ["Viewer", "Editor"])
def test_revert_post_cannot_unpublish_an_event(role):
    event, draft_version = published_with_a_draft_past()
    data = old_version_form(event, draft_version)
    assert data["status"] == Event.Status.DRAFT
    response = logged_in(role).post(revert_url(event, draft_version), data)
    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.status, event.title) == (Event.Status.PUBLISHED, "Public title")
    assert event.updated_by is None


@pytest.mark.parametrize("role", ["Viewer", "Editor"])
def test_revert_post_cannot_republish_a_retracted_event(role):
    event, _ = published_with_a_draft_past()
    published_version = event.history.latest("history_id")
    services.event_retract(event=event, reason="Fabricated", user=None)
    data = old_version_form(event, published_version)
    data["title"] = "Republished with a new title"
    response = logged_in(role).post(revert_url(event, published_version), data)
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.title == "Public title"


def test_viewer_revert_cannot_change_a_source_url_shown_on_a_public_page():
    source = SourceFactory(url="https://example.org/real")
    EventSourceFactory(source=source)  # a published event cites it
    record = source.history.earliest("history_id")
    data = old_version_form(source, record)
    data["url"] = "https://phishing.example/login"
    response = logged_in("Viewer").post(revert_url(source, record), data)
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.url == "https://example.org/real"


def test_viewer_revert_cannot_rename_an_actor():
    actor = ActorFactory(name="Real name")
    record = actor.history.earliest("history_id")
    data = old_version_form(actor, record)
    data["name"] = "Renamed by a viewer"
    response = logged_in("Viewer").post(revert_url(actor, record), data)
    assert response.status_code == 403
    actor.refresh_from_db()
    assert actor.name == "Real name"


def test_viewer_sees_history_read_only():
    event, draft_version = published_with_a_draft_past()
    client = logged_in("Viewer")
    assert (
        client.get(reverse("admin:events_event_history", args=[event.pk])).status_code
        == 200
    )
    page = client.get(revert_url(event, draft_version))
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    assert b'value="Revert"' not in page.content


def test_editor_sees_no_revert_button_on_an_old_draft_of_a_published_event():
    event, draft_version = published_with_a_draft_past()
    page = logged_in("Editor").get(revert_url(event, draft_version))
    assert page.context["revert_disabled"] is True


def test_reviewer_revert_follows_the_workflow_and_leaves_a_correction():
    event, draft_version = published_with_a_draft_past()
    client = logged_in("Reviewer")
    back_to_draft = client.post(
        revert_url(event, draft_version), old_version_form(event, draft_version)
    )
    assert back_to_draft.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED  # refused: retract instead
    assert event.corrections.count() == 0
    data = old_version_form(event, draft_version)
    data.update(status=Event.Status.PUBLISHED, correction_note="Earlier title.")
    client.post(revert_url(event, draft_version), data)
    event.refresh_from_db()
    assert (event.status, event.title) == (Event.Status.PUBLISHED, "Draft title")
    assert event.corrections.get().note == "Earlier title."
