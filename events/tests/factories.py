"""factory_boy factories shared by the test suite."""

import datetime as dt

import factory

from events.models import Actor, Event, EventActor, EventSource, EventType, Source
from places.tests.factories import PlaceFactory


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.REBEL_GROUP


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    publisher = factory.Sequence(lambda n: f"Publisher {n}")
    title = factory.Sequence(lambda n: f"Report {n}")
    url = "https://example.org/report"


def event_type(slug: str = "armed-clash") -> EventType:
    """An event type from the seeded taxonomy (migration 0002)."""
    return EventType.objects.get(slug=slug)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    event_type = factory.LazyFunction(event_type)
    date_start = dt.date(2019, 7, 15)
    place = factory.SubFactory(PlaceFactory)
    status = Event.Status.PUBLISHED


class EventSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSource

    event = factory.SubFactory(EventFactory)
    source = factory.SubFactory(SourceFactory)
    stance = EventSource.Stance.REPORTS


class EventActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventActor

    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(ActorFactory)
    role = EventActor.Role.INITIATOR


def territory_capture(place, actor, day, **kwargs) -> Event:
    """A published "overtakes territory" event at ``place`` on ``day`` with ``actor`` as
    its initiator: the change of hands the control layer derives its periods from."""
    event = EventFactory(
        place=place,
        event_type=event_type("non-state-actor-overtakes-territory"),
        date_start=day,
        **kwargs,
    )
    EventActorFactory(event=event, actor=actor, role="initiator")
    return event
