"""Event services: disputed derivation, workflow transitions, validation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import Event, EventSource
from events.tests.factories import EventFactory, SourceFactory, event_type
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_claim_and_denial_make_an_event_disputed():
    event = EventFactory()
    services.event_source_add(
        event=event, source=SourceFactory(), stance=EventSource.Stance.CLAIMS
    )
    assert event.disputed is False
    services.event_source_add(
        event=event, source=SourceFactory(), stance=EventSource.Stance.DENIES
    )
    event.refresh_from_db()
    assert event.disputed is True


def test_reports_alone_are_not_a_dispute():
    event = EventFactory()
    for _ in range(2):
        services.event_source_add(event=event, source=SourceFactory())
    event.refresh_from_db()
    assert event.disputed is False


def test_removing_the_denial_clears_disputed():
    event = EventFactory()
    services.event_source_add(event=event, source=SourceFactory(), stance="claims")
    denial = services.event_source_add(
        event=event, source=SourceFactory(), stance="denies"
    )
    denial.delete()
    services.event_refresh_disputed(event=event)
    event.refresh_from_db()
    assert event.disputed is False


def test_event_source_add_is_idempotent():
    event, source = EventFactory(), SourceFactory()
    first = services.event_source_add(event=event, source=source, quote="a")
    again = services.event_source_add(event=event, source=source, quote="a")
    assert first.pk == again.pk
    assert event.event_sources.count() == 1


def test_event_create_validates_dates():
    with pytest.raises(ValidationError) as error:
        services.event_create(
            title="Backwards",
            event_type=event_type(),
            date_start=dt.date(2019, 7, 19),
            date_end=dt.date(2019, 7, 1),
        )
    assert "event_date_end_after_start" in str(error.value)
    assert not Event.objects.filter(title="Backwards").exists()


def test_event_create_rejects_overlong_title():
    with pytest.raises(ValidationError):
        services.event_create(
            title="x" * 301, event_type=event_type(), date_start=dt.date(2019, 7, 1)
        )


def test_draft_goes_through_review_to_published():
    event = EventFactory(status=Event.Status.DRAFT)
    services.event_submit_for_review(event=event)
    services.event_publish(event=event)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_event_without_place_cannot_be_published():
    event = EventFactory(status=Event.Status.DRAFT, place=None)
    with pytest.raises(ValidationError, match="no place"):
        services.event_publish(event=event)


def test_retraction_needs_a_reason_and_keeps_it():
    event = EventFactory()
    with pytest.raises(ValidationError, match="reason"):
        services.event_retract(event=event, reason="  ")
    services.event_retract(event=event, reason="Duplicate of another report")
    event.refresh_from_db()
    assert event.status == Event.Status.RETRACTED
    assert event.retraction_reason == "Duplicate of another report"


def test_draft_cannot_be_retracted():
    event = EventFactory(status=Event.Status.DRAFT)
    with pytest.raises(ValidationError, match="cannot go from Draft"):
        services.event_retract(event=event, reason="why")


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        (dt.date(2019, 4, 26), None, "day", "26 April 2019"),
        (dt.date(2017, 5, 1), None, "month", "May 2017"),
        (
            dt.date(2019, 7, 8),
            dt.date(2019, 7, 14),
            "week",
            "8 July 2019 – 14 July 2019",
        ),
        (dt.date(2019, 7, 8), None, "week", "week of 8 July 2019"),
        (dt.date(2017, 5, 1), dt.date(2019, 7, 18), "month", "May 2017 – July 2019"),
        (dt.date(2019, 1, 1), None, "year", "2019"),
    ],
)
def test_date_label_says_no_more_than_the_precision(start, end, precision, label):
    event = EventFactory(
        date_start=start, date_end=end, date_precision=precision, place=PlaceFactory()
    )
    assert event.date_label == label
