"""Issue 11: the admin paths that leaked through the role model, each replayed as it
was done -- a real POST through the admin by a logged-in user of that role. The Revert
page's: test_role_attacks_revert.py."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from events import services
from events.models import Correction, DuplicateCandidate, Event, EventSource, Source
from events.tests.admin_forms import logged_in, member_of, posted
from events.tests.factories import (
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


# 4. draft titles on the public corrections log --------------------------------------


def merge_as_reviewer(*events: Event):
    return logged_in("Reviewer").post(
        reverse("admin:events_event_changelist"),
        {"action": "merge_into_first", ACTION_CHECKBOX_NAME: [e.pk for e in events]},
    )


def public_log(client) -> str:
    page = client.get(reverse("events:corrections")).content.decode()
    return page + client.get(reverse("events:corrections-feed")).content.decode()


def test_merging_two_unpublished_events_writes_no_public_correction(client):
    keep = EventFactory(status=Event.Status.DRAFT, title="Secret draft title")
    drop = EventFactory(status=Event.Status.IN_REVIEW, title="Secret review title")
    assert merge_as_reviewer(keep, drop).status_code == 302
    drop.refresh_from_db()
    assert drop.status == Event.Status.RETRACTED
    assert Correction.objects.count() == 0
    log = public_log(client)
    assert "Secret draft title" not in log
    assert "Secret review title" not in log


def test_merging_a_published_event_into_a_draft_keeps_the_draft_title_private(client):
    keep = EventFactory(status=Event.Status.DRAFT, title="Secret draft title")
    drop = EventFactory(title="Public duplicate")
    merge_as_reviewer(keep, drop)
    assert Correction.objects.get(event=drop).kind == Correction.Kind.MERGE
    log = public_log(client)
    assert "Public duplicate" in log
    assert "Secret draft title" not in log


def test_merging_into_a_published_event_corrects_it_publicly():
    keep = EventFactory(title="Public event")
    drop = EventFactory(status=Event.Status.DRAFT, title="Secret draft title")
    EventSourceFactory(event=drop, stance=EventSource.Stance.DENIES)
    merge_as_reviewer(keep, drop)
    correction = Correction.objects.get()
    assert correction.event == keep
    assert "Secret draft title" not in correction.note


# 5. editors changed published pages through shared records --------------------------


def test_editor_cannot_rename_a_place_shown_by_a_published_event():
    place = PlaceFactory(name="Khan Shaykhun", name_ar="خان شيخون")
    EventFactory(place=place)
    admin_page = logged_in("Admin").get(change_url(place))
    data = posted(admin_page, name="Renamed", name_ar="مغير")
    response = logged_in("Editor").post(change_url(place), data)
    assert response.status_code == 403
    place.refresh_from_db()
    assert (place.name, place.name_ar) == ("Khan Shaykhun", "خان شيخون")


def test_editor_cannot_clear_the_point_of_a_place_shown_by_a_published_event(client):
    event = EventFactory()
    data = posted(logged_in("Admin").get(change_url(event.place)))
    data.pop("location")
    response = logged_in("Editor").post(change_url(event.place), data)
    assert response.status_code == 403
    event.place.refresh_from_db()
    assert event.place.location is not None
    assert client.get(event.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [("publisher", "Fake News"), ("title", "Invented"), ("url", "https://evil.test")],
)
def test_editor_cannot_change_a_source_cited_by_a_published_event(field, value):
    source = EventSourceFactory().source
    data = posted(logged_in("Admin").get(change_url(source)), **{field: value})
    assert logged_in("Editor").post(change_url(source), data).status_code == 403
    assert getattr(Source.objects.get(pk=source.pk), field) != value


def test_editor_cannot_rename_an_actor_of_a_published_event():
    actor = EventActorFactory().actor
    data = posted(logged_in("Admin").get(change_url(actor)), name="Renamed")
    assert logged_in("Editor").post(change_url(actor), data).status_code == 403
    actor.refresh_from_db()
    assert actor.name != "Renamed"


def test_editor_still_edits_shared_records_no_published_event_shows():
    place = PlaceFactory(name="Unused")
    EventFactory(place=place, status=Event.Status.DRAFT)
    data = posted(logged_in("Admin").get(change_url(place)), name="Renamed")
    assert logged_in("Editor").post(change_url(place), data).status_code == 302
    place.refresh_from_db()
    assert place.name == "Renamed"


def test_reviewer_renames_a_public_place_only_with_a_public_correction(client):
    event = EventFactory()
    place = event.place
    reviewer = logged_in("Reviewer")
    data = posted(reviewer.get(change_url(place)), name="Better spelling")
    refused = reviewer.post(change_url(place), data)
    assert refused.status_code == 200
    assert "correction_note" in refused.context["adminform"].form.errors
    data["correction_note"] = "Spelling of the town fixed."
    assert reviewer.post(change_url(place), data).status_code == 302
    place.refresh_from_db()
    assert place.name == "Better spelling"
    correction = Correction.objects.get(event=event)
    assert "Spelling of the town fixed." in correction.note
    assert "Spelling of the town fixed." in public_log(client)


def test_reviewer_changes_a_public_source_with_a_correction():
    link = EventSourceFactory()
    reviewer = logged_in("Reviewer")
    data = posted(
        reviewer.get(change_url(link.source)),
        url="https://example.org/moved",
        correction_note="The report moved.",
    )
    assert reviewer.post(change_url(link.source), data).status_code == 302
    assert Correction.objects.get(event=link.event).note.endswith("The report moved.")


# 6. viewers ran writing admin actions -----------------------------------------------


def run_action(client, model_admin_url: str, action: str, objs):
    return client.post(
        model_admin_url,
        {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objs]},
    )


def test_viewer_cannot_submit_for_review_or_flag_duplicates():
    draft = EventFactory(status=Event.Status.DRAFT)
    twin = EventFactory(status=Event.Status.DRAFT, place=draft.place)
    client = logged_in("Viewer")
    url = reverse("admin:events_event_changelist")
    run_action(client, url, "submit_for_review", [draft])
    run_action(client, url, "flag_duplicates", [draft, twin])
    draft.refresh_from_db()
    assert draft.status == Event.Status.DRAFT
    assert not DuplicateCandidate.objects.exists()


@pytest.mark.parametrize("role", ["Viewer", "Editor"])
def test_only_reviewers_dismiss_duplicate_candidates(role):
    one = EventFactory(status=Event.Status.DRAFT)
    two = EventFactory(status=Event.Status.DRAFT, place=one.place)
    services.event_flag_duplicates(event=one)
    candidate = DuplicateCandidate.objects.get()
    url = reverse("admin:events_duplicatecandidate_changelist")
    run_action(logged_in(role), url, "dismiss", [candidate])
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.OPEN
    assert two.pk in (candidate.event_id, candidate.other_id)


def test_viewer_cannot_accept_a_geocode_candidate():
    place = PlaceFactory(
        location=None,
        geocode_status=Place.GeocodeStatus.REVIEW,
        geocode_candidates=[{"name": "X", "lat": 35.0, "lon": 36.0, "score": 0.5}],
    )
    url = reverse("admin:places_place_changelist")
    run_action(logged_in("Viewer"), url, "accept_best_candidate", [place])
    place.refresh_from_db()
    assert place.location is None
    assert place.geocode_status == Place.GeocodeStatus.REVIEW


# 10. reviewers bypassed the corrections log -----------------------------------------


def test_reviewer_cannot_set_a_published_event_back_to_draft_in_the_change_form(
    client,
):
    event = EventFactory()
    reviewer = logged_in("Reviewer")
    data = posted(reviewer.get(change_url(event)), status=Event.Status.DRAFT)
    response = reviewer.post(change_url(event), data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert client.get(event.get_absolute_url()).status_code == 200


def test_reviewer_retracting_in_the_change_form_leaves_the_reason_public(client):
    event = EventFactory(title="Withdrawn")
    reviewer = logged_in("Reviewer")
    data = posted(
        reviewer.get(change_url(event)),
        status=Event.Status.RETRACTED,
        correction_note="Footage was from 2014.",
    )
    assert reviewer.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.retraction_reason == "Footage was from 2014."
    assert "Footage was from 2014." in public_log(client)


def test_reviewer_adding_a_denial_inline_to_a_published_event_needs_a_correction():
    link = EventSourceFactory(stance=EventSource.Stance.CLAIMS)
    event, denier = link.event, SourceFactory()
    reviewer = logged_in("Reviewer")
    data = posted(reviewer.get(change_url(event)))
    data.update(
        {
            "event_sources-TOTAL_FORMS": 2,
            "event_sources-1-event": event.pk,
            "event_sources-1-source": denier.pk,
            "event_sources-1-stance": EventSource.Stance.DENIES,
            "event_sources-1-speaker": "Ministry",
        }
    )
    refused = reviewer.post(change_url(event), data)
    assert refused.status_code == 200
    event.refresh_from_db()
    assert (event.disputed, event.event_sources.count()) == (False, 1)
    data["correction_note"] = "The ministry denies the attack."
    assert reviewer.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert event.disputed is True
    assert event.corrections.get().note == "The ministry denies the attack."


def test_editor_still_submits_drafts_and_reviewer_publishes(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    url = reverse("admin:events_event_changelist")
    run_action(logged_in("Editor"), url, "submit_for_review", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.IN_REVIEW
    run_action(logged_in("Reviewer"), url, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    assert draft.updated_by == member_of("Reviewer")


def test_reviewer_renaming_a_retracted_event_corrects_the_public_log(client):
    event = EventFactory(title="Old title")
    services.event_retract(event=event, reason="Duplicate report", user=None)
    reviewer = logged_in("Reviewer")
    data = posted(reviewer.get(change_url(event)), title="Quietly renamed")
    assert reviewer.post(change_url(event), data).status_code == 200  # needs a note
    data["correction_note"] = "Title of the retracted report fixed."
    assert reviewer.post(change_url(event), data).status_code == 302
    assert "Title of the retracted report fixed." in public_log(client)


def test_publish_action_does_not_quietly_bring_back_a_retracted_event(client):
    event = EventFactory()
    services.event_retract(event=event, reason="Fabricated footage", user=None)
    url = reverse("admin:events_event_changelist")
    run_action(logged_in("Reviewer"), url, "publish", [event])
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert client.get(event.get_absolute_url()).status_code == 404
