"""factory_boy factories shared by the test suite."""

import datetime as dt

import factory
from django.contrib.gis.geos import Point

from events.models import (
    Actor,
    Event,
    EventActor,
    EventSource,
    EventType,
    GazetteerEntry,
    Place,
    PlaceName,
    Source,
)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("name", "country_code", "admin1")

    name = factory.Sequence(lambda n: f"Place {n}")
    country_code = "SY"
    admin1 = "Idlib"
    feature_type = Place.FeatureType.CITY
    location = factory.LazyFunction(lambda: Point(36.6339, 35.9306, srid=4326))
    precision = 1
    confidence = 1.0
    geocode_status = Place.GeocodeStatus.DONE
    provenance = Place.Provenance.GAZETTEER


class PlaceNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceName

    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class GazetteerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GazetteerEntry

    dataset = GazetteerEntry.Dataset.SUPPLEMENT
    ref = factory.Sequence(lambda n: f"test-{n}")
    name = factory.Sequence(lambda n: f"Gazetteer place {n}")
    country_code = "SY"
    lat = 35.9306
    lon = 36.6339


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
