"""Roles, corrections, duplicates and merges: curation that loses nothing."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from events import services
from events.models import Correction, DuplicateCandidate, Event, EventSource
from events.tests.factories import (
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def member_of(role: str) -> User:
    user = User.objects.create_user(
        f"{role.lower()}-user", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_four_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Viewer",
        "Editor",
        "Reviewer",
        "Admin",
    }


def test_editor_cannot_publish_through_the_service():
    event = EventFactory(status=Event.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.event_publish(event=event, user=member_of("Editor"))
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_reviewer_publishes_and_retracts_with_a_public_note():
    reviewer = member_of("Reviewer")
    event = EventFactory(status=Event.Status.IN_REVIEW)
    services.event_publish(event=event, user=reviewer)
    services.event_retract(event=event, reason="Misattributed video", user=reviewer)
    correction = Correction.objects.get(event=event)
    assert correction.kind == Correction.Kind.RETRACTION
    assert correction.note == "Misattributed video"
    assert correction.created_by == reviewer


def test_editor_sees_no_publish_action_and_cannot_open_published_events():
    client = logged_in(member_of("Editor"))
    published = EventFactory()
    changelist = client.get(reverse("admin:events_event_changelist"))
    actions = [c[0] for c in changelist.context["action_form"].fields["action"].choices]
    assert "publish" not in actions
    assert "submit_for_review" in actions
    change = client.get(reverse("admin:events_event_change", args=[published.pk]))
    assert b'name="title"' not in change.content  # view-only page


def test_viewer_cannot_change_anything():
    client = logged_in(member_of("Viewer"))
    draft = EventFactory(status=Event.Status.DRAFT)
    response = client.post(
        reverse("admin:events_event_change", args=[draft.pk]), {"title": "x"}
    )
    assert response.status_code == 403


def test_editor_status_field_is_read_only():
    client = logged_in(member_of("Editor"))
    draft = EventFactory(status=Event.Status.DRAFT)
    response = client.get(reverse("admin:events_event_change", args=[draft.pk]))
    assert b'name="status"' not in response.content


def test_retract_action_asks_for_a_reason_then_retracts(client):
    client = logged_in(member_of("Reviewer"))
    event = EventFactory()
    url = reverse("admin:events_event_changelist")
    ask = client.post(url, {"action": "retract", "_selected_action": [event.pk]})
    assert b"corrections log" in ask.content
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    client.post(
        url,
        {"action": "retract", "_selected_action": [event.pk], "reason": "Duplicate"},
    )
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.retraction_reason == "Duplicate"


def test_every_change_is_kept_in_history_with_who():
    reviewer = member_of("Reviewer")
    event = EventFactory(status=Event.Status.DRAFT)
    services.event_publish(event=event, user=reviewer)
    latest = event.history.first()
    assert latest.status == Event.Status.PUBLISHED
    assert event.history.count() == 2


def test_close_events_of_the_same_type_are_flagged_as_duplicates():
    source = SourceFactory()
    first = EventFactory(
        event_type=event_type("air-drone-strike"),
        place=PlaceFactory(name="Kafr Nabudah", location=Point(36.5089, 35.4386)),
    )
    second = EventFactory(
        event_type=event_type("shelling-artillery-missile-attack"),
        date_start=first.date_start + dt.timedelta(days=1),
        place=PlaceFactory(name="Near Kafr Nabudah", location=Point(36.52, 35.44)),
    )
    EventSourceFactory(event=first, source=source)
    EventSourceFactory(event=second, source=source)
    EventFactory(  # far away: not a candidate
        event_type=event_type("air-drone-strike"),
        place=PlaceFactory(name="Damascus", location=Point(36.29, 33.51)),
    )
    EventFactory(event_type=event_type("agreement"), place=first.place)  # other type
    assert services.event_flag_duplicates(event=second) == 1
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.event, candidate.other) == (first, second)
    assert "1 shared source(s)" in candidate.reasons
    assert services.event_flag_duplicates(event=second) == 1  # idempotent
    assert DuplicateCandidate.objects.count() == 1


def test_merge_keeps_all_sources_actors_and_history():
    keep, drop = EventFactory(title="Keep"), EventFactory(title="Drop")
    EventSourceFactory(event=keep, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=drop, stance=EventSource.Stance.DENIES, speaker="Ministry")
    EventActorFactory(event=drop)
    services.event_merge(keep=keep, drop=drop, user=member_of("Reviewer"))
    keep.refresh_from_db()
    drop.refresh_from_db()
    assert keep.event_sources.count() == 2
    assert keep.event_actors.count() == 1
    assert keep.disputed is True
    assert drop.status == Event.Status.RETRACTED
    assert drop.history.count() >= 2
    assert Correction.objects.get(event=drop).kind == Correction.Kind.MERGE


def test_editor_cannot_merge():
    with pytest.raises(PermissionDenied):
        services.event_merge(
            keep=EventFactory(), drop=EventFactory(), user=member_of("Editor")
        )


def test_changing_a_published_event_needs_a_correction_note():
    client = logged_in(member_of("Reviewer"))
    event = EventFactory(title="Original")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = {
        "title": "Corrected title",
        "event_type": event.event_type_id,
        "status": "published",
        "date_start": "2019-07-15",
        "date_precision": "day",
        "place": event.place_id,
        "base_version": event.version,
        **{
            f"{p}-TOTAL_FORMS": 0
            for p in ("event_actors", "event_sources", "relations_out")
        },
        **{
            f"{p}-INITIAL_FORMS": 0
            for p in ("event_actors", "event_sources", "relations_out")
        },
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Say what changed" in refused.content.decode()
    client.post(url, {**data, "correction_note": "Title named the wrong town."})
    event.refresh_from_db()
    assert event.title == "Corrected title"
    assert Correction.objects.get(event=event).note == "Title named the wrong town."
