"""The gazetteer index's table fingerprint: one query, the three aggregates' values."""

import pytest
from django.db.models import Count, Max

from places import gazetteer, gazetteer_fingerprint
from places.models import GazetteerEntry, Place, PlaceName
from places.tests.factories import (
    GazetteerEntryFactory,
    PlaceFactory,
    PlaceNameFactory,
)

pytestmark = pytest.mark.django_db


def _three_aggregates() -> str:
    """What _current_version() read before, with three queries."""
    manual = Place.Provenance.MANUAL
    rows = GazetteerEntry.objects.aggregate(n=Count("pk"), last=Max("pk"))
    names = PlaceName.objects.filter(place__provenance=manual)
    named = names.aggregate(n=Count("pk"), last=Max("pk"))
    places = Place.objects.filter(provenance=manual).aggregate(
        n=Count("pk"), last=Max("pk")
    )
    return f"{rows}:{named}:{places}"


def test_the_fingerprint_is_the_three_aggregates_read_in_one_query(
    django_assert_num_queries,
):
    assert gazetteer_fingerprint.fingerprint() == _three_aggregates()  # empty: None
    GazetteerEntryFactory()
    fixed = PlaceFactory(name="Fixed", provenance=Place.Provenance.MANUAL)
    PlaceNameFactory(place=fixed, name="Fixed too")
    PlaceNameFactory(place=PlaceFactory(name="Found"), name="Not counted")
    with django_assert_num_queries(1):
        found = gazetteer_fingerprint.fingerprint()
    assert found == _three_aggregates()
    assert "{'n': 1, 'last': " in found


def test_a_hand_fixed_name_changes_the_index_version(django_assert_num_queries):
    fixed = PlaceFactory(name="Fixed", provenance=Place.Provenance.MANUAL)
    with django_assert_num_queries(1):  # the shared key from the cache, one query
        before = gazetteer._current_version()
    PlaceNameFactory(place=fixed, name="Fixed again")
    assert gazetteer._current_version() != before
