"""The role model holds in the services themselves, whatever interface calls them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services, services_change
from events.models import Correction, Event
from events.tests.admin_forms import member_of
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)
from places import handoff
from places import services as place_services
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Event.Status.PUBLISHED, Event.Status.RETRACTED])
def test_editor_cannot_link_anything_to_a_public_event(status):
    event, editor = EventFactory(status=status), member_of("Editor")
    with pytest.raises(PermissionDenied, match="Only reviewers"):
        services.event_source_add(
            event=event, source=SourceFactory(), stance="denies", user=editor
        )
    with pytest.raises(PermissionDenied):
        services.event_actor_add(event=event, actor=ActorFactory(), user=editor)
    with pytest.raises(PermissionDenied):
        services.event_relate(from_event=event, to_event=EventFactory(), user=editor)
    assert not event.event_sources.exists()


def test_viewer_cannot_write_even_a_draft():
    draft = EventFactory(status=Event.Status.DRAFT)
    with pytest.raises(PermissionDenied, match="read-only"):
        services.event_submit_for_review(event=draft, user=member_of("Viewer"))
    with pytest.raises(PermissionDenied):
        services.event_source_add(
            event=draft, source=SourceFactory(), user=member_of("Viewer")
        )


def test_event_save_refuses_an_editor_on_a_published_event():
    event = EventFactory()
    event.title = "Changed by an editor"
    with pytest.raises(PermissionDenied):
        services_change.event_save(event=event, user=member_of("Editor"))
    assert Event.objects.get(pk=event.pk).title != "Changed by an editor"


def test_event_save_refuses_published_back_to_draft_even_for_a_reviewer():
    event = EventFactory()
    event.status = Event.Status.DRAFT
    with pytest.raises(ValidationError, match="retract it"):
        services_change.event_save(event=event, note="Oops", user=member_of("Reviewer"))


def test_event_save_retraction_and_republication_are_on_the_log():
    reviewer = member_of("Reviewer")
    event = EventFactory()
    event.status = Event.Status.RETRACTED
    with pytest.raises(ValidationError, match="public reason"):
        services_change.event_save(event=event, user=reviewer)
    services_change.event_save(event=event, note="Wrong date.", user=reviewer)
    event.status = Event.Status.PUBLISHED
    services_change.event_save(event=event, note="Date confirmed.", user=reviewer)
    assert list(event.corrections.order_by("pk").values_list("kind", "note")) == [
        (Correction.Kind.RETRACTION, "Wrong date."),
        (Correction.Kind.CORRECTION, "Date confirmed."),
    ]


def test_editor_cannot_create_a_published_event():
    event = EventFactory.build(status=Event.Status.PUBLISHED, place=PlaceFactory())
    with pytest.raises(PermissionDenied):
        services_change.event_save(event=event, user=member_of("Editor"))


@pytest.mark.parametrize(
    "record",
    [
        lambda: EventActorFactory().actor,
        lambda: EventSourceFactory().source,
    ],
)
def test_shared_records_of_published_events_are_a_reviewers(record):
    shared = record()
    shared.title = shared.name = "Changed"
    with pytest.raises(PermissionDenied, match="1 published event"):
        services_change.shared_record_save(
            record=shared, note="x", user=member_of("Editor")
        )
    with pytest.raises(ValidationError):
        services_change.shared_record_save(record=shared, user=member_of("Reviewer"))
    services_change.shared_record_save(
        record=shared, note="Renamed.", user=member_of("Reviewer")
    )
    assert Correction.objects.get().note.endswith("Renamed.")


def test_place_update_of_a_public_place_needs_a_reviewer_and_a_note():
    event = EventFactory()
    place = event.place
    place.location = None
    with pytest.raises(PermissionDenied):
        place_services.place_update(place=place, note="x", user=member_of("Editor"))
    with pytest.raises(ValidationError):
        place_services.place_update(place=place, user=member_of("Reviewer"))
    place.refresh_from_db()
    assert place.location is not None
    place.name = "Corrected"
    place_services.place_update(
        place=place, note="Spelling.", renamed=True, user=member_of("Reviewer")
    )
    assert event.corrections.get().note == "Place “Corrected (Idlib)”: Spelling."


def test_geocoder_never_moves_a_place_a_published_event_shows():
    public = EventFactory().place
    private = PlaceFactory(geocode_status=Place.GeocodeStatus.REVIEW)
    assert handoff.place_geocode_queue(places=[public, private]) == 1


def test_accepting_a_candidate_for_a_public_place_is_a_reviewers():
    place = EventFactory().place
    place.geocode_candidates = [{"name": "X", "lat": 35.0, "lon": 36.0}]
    with pytest.raises(PermissionDenied):
        place_services.place_accept_candidate(place=place, user=member_of("Editor"))


def test_merge_of_unpublished_events_leaves_no_public_trace():
    keep = EventFactory(status=Event.Status.DRAFT, title="Private A")
    drop = EventFactory(status=Event.Status.IN_REVIEW, title="Private B")
    services.event_merge(keep=keep, drop=drop, user=member_of("Reviewer"))
    assert not Correction.objects.exists()
