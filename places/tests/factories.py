"""factory_boy factories for places and gazetteer rows."""

import factory
from django.contrib.gis.geos import Point

from places import gazetteer_bundle
from places.geocoding import index as geoindex
from places.models import GazetteerEntry, Place, PlaceName


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
    # As the bundled rows are: GeoNames rows come from cities500.
    source = factory.LazyAttribute(
        lambda o: gazetteer_bundle.CITIES500_SOURCE if o.dataset == "geonames" else ""
    )


def index_row(ref, name, lat, lon, *, names=(), **fields) -> geoindex.IndexEntry:
    """An in-memory index row for a made-up index: a Syrian village unless ``fields``
    say otherwise (``feature_type``, ``population``, ``admin1``, ``prominent``…)."""
    fields.setdefault("country", "SY")
    fields.setdefault("feature_type", "village")
    return geoindex.IndexEntry(
        ref=ref, name=name, lat=lat, lon=lon, names=tuple(names), **fields
    )


def town_or_village(ref, name, lat, lon, names=(), population=0, **fields):
    """A row that is a prominent city when it has a population, else a village."""
    fields.setdefault("feature_type", "city" if population else "village")
    fields.setdefault("prominent", bool(population))
    return index_row(ref, name, lat, lon, names=names, population=population, **fields)
