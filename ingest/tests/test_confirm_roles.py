"""ingest.confirm never writes to a published event (issue 11, item 2), as a service."""

import datetime as dt

import pytest

from events.models import Event, EventSource
from events.tests.admin_forms import member_of
from events.tests.factories import EventFactory
from ingest import confirm

pytestmark = pytest.mark.django_db


def test_confirm_never_reuses_a_public_event():
    published = EventFactory(title="Shelling of X")
    draft = confirm.EventDraft(
        key="a",
        title="Shelling of X",
        event_type=published.event_type,
        date_start=published.date_start,
        place=confirm.PlaceChoice(place_id=published.place_id),
        statements=((EventSource.Stance.DENIES, "Ministry", "Never happened."),),
    )
    result = confirm.article_events_confirm(
        drafts=[draft],
        publisher="Agency",
        title="Article",
        published_at=dt.datetime(2019, 7, 16, tzinfo=dt.UTC),
        user=member_of("Editor"),
    )
    assert result.existing == []
    assert result.created[0].status == Event.Status.DRAFT
    assert not published.event_sources.exists()
