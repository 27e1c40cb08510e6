"""places.services: create, geocode, review and hand fixes, on the real DB."""

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache

from places import geocoding, handoff
from places import services as place_services
from places.models import Place, PlaceName
from places.tests.factories import GazetteerEntryFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_gazetteer():
    """A few real rows (GeoNames ids, supplement refs) instead of the whole file."""
    cache.clear()
    GazetteerEntryFactory(
        dataset="geonames", ref="170017", name="Ḩamāh", admin1="Hama",
        alternate_names=["Hama", "Hamah", "حماة"], lat=35.13179, lon=36.75783,
        population=460602,
    )  # fmt: skip
    GazetteerEntryFactory(
        dataset="geonames", ref="167408", name="Malaḩ", admin1="As-Suwayda",
        alternate_names=["Malah", "Mallah"], lat=32.5068, lon=36.85377,
        feature_type="village",
    )  # fmt: skip
    GazetteerEntryFactory(
        dataset="supplement", ref="sy-tall-malah-hama", name="Tall Malah",
        admin1="Hama", alternate_names=["Malah", "Tal Malah"], lat=35.3073,
        lon=36.4831, feature_type="hill", precision=2,
    )  # fmt: skip
    yield
    cache.clear()


def create(name, **kwargs):
    return place_services.place_create(name=name, **kwargs)


def test_place_create_geocodes_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        place = create("Hama")
    assert len(callbacks) >= 1
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.location.coords == pytest.approx((36.75783, 35.13179))  # lon, lat
    assert place.provenance == Place.Provenance.GAZETTEER
    assert place.gazetteer_id == "geonames:170017"


def test_place_create_does_not_geocode_before_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        place = create("Hama")
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.PENDING


def test_place_get_or_create_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = place_services.place_get_or_create(name="Hama", admin1="Hama")
        second = place_services.place_get_or_create(name="Hama", admin1="Hama")
    assert first.pk == second.pk
    assert Place.objects.filter(name="Hama").count() == 1


def test_place_create_rejects_a_blank_name():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create("  ")


def test_unknown_place_fails_with_the_error_recorded():
    place = PlaceFactory(name="Xyzzyville", location=None, geocode_status="pending")
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert "no match" in place.geocode_error
    assert place in place_services.place_review_queryset()


def test_ambiguous_place_goes_to_review_without_a_point():
    place = PlaceFactory(
        name="Malah", admin1="", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.REVIEW
    assert place.location is None  # a doubtful point is never published
    assert {c["admin1"] for c in place.geocode_candidates} == {"Hama", "As-Suwayda"}
    assert place in place_services.place_review_queryset()


def test_admin_hint_resolves_the_ambiguity():
    place = PlaceFactory(
        name="Malah", admin1="Hama", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.location.y == pytest.approx(35.3073)
    assert place.precision == 2


def test_place_geocode_is_idempotent(django_assert_num_queries):
    place = PlaceFactory(
        name="Hama", admin1="Hama", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    with django_assert_num_queries(0):
        place_services.place_geocode(place=place)  # done already: nothing to do


def test_manual_fix_is_never_overwritten_even_when_forced():
    place = PlaceFactory(
        name="Hama", admin1="Hama", location=None, geocode_status="pending"
    )
    place_services.place_fix_manual(place=place, lat=35.2, lon=36.7)
    place_services.place_geocode(place=place, force=True)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.MANUAL
    assert place.provenance == Place.Provenance.MANUAL
    assert place.location.coords == pytest.approx((36.7, 35.2))


def test_geocode_does_not_clobber_a_concurrent_manual_fix(monkeypatch):
    place = PlaceFactory(
        name="Hama", admin1="Hama", location=None, geocode_status="pending"
    )
    real_lookup = geocoding.lookup

    def lookup_while_curator_fixes(*args, **kwargs):
        Place.objects.filter(pk=place.pk).update(
            provenance="manual", geocode_status="manual", location=Point(1, 2)
        )
        return real_lookup(*args, **kwargs)

    monkeypatch.setattr(geocoding, "lookup", lookup_while_curator_fixes)
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    assert place.location.coords == (1, 2)


def test_review_round_trip_fix_becomes_a_spelling_that_resolves_next_time():
    unknown = PlaceFactory(name="Hmeimat hill", admin1="Hama", location=None,
                           geocode_status="pending")  # fmt: skip
    place_services.place_geocode(place=unknown)
    unknown.refresh_from_db()
    assert unknown.geocode_status == Place.GeocodeStatus.FAILED
    # A curator renames it and puts the point by hand (what the admin does).
    unknown.name = "Tell Hamamiyat"
    place_services.place_fix_manual(place=unknown, lat=35.382, lon=36.545, precision=2,
                            spellings=["Hmeimat hill"])  # fmt: skip
    assert PlaceName.objects.filter(place=unknown, name="Hmeimat hill").exists()
    # The same spelling, reported elsewhere, now resolves to the fixed point.
    again = PlaceFactory(name="Hmeimat hill", admin1="", location=None,
                         geocode_status="pending")  # fmt: skip
    place_services.place_geocode(place=again)
    again.refresh_from_db()
    assert again.geocode_status == Place.GeocodeStatus.DONE
    assert again.location.coords == pytest.approx((36.545, 35.382))
    assert again.gazetteer_id == f"place:{unknown.pk}"


def test_accept_candidate_marks_the_place_manual():
    place = PlaceFactory(
        name="Malah", admin1="", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    place_services.place_accept_candidate(place=place, index=0)
    place.refresh_from_db()
    assert place.is_manual
    assert place.geocode_status == Place.GeocodeStatus.MANUAL
    assert place not in place_services.place_review_queryset()


def test_accept_candidate_without_candidates_is_a_clear_error():
    place = PlaceFactory(name="Nowhere", geocode_candidates=[])
    with pytest.raises(ValueError, match="no candidate"):
        place_services.place_accept_candidate(place=place)


def test_give_up_records_the_unreachable_geocoder():
    place = PlaceFactory(name="Qwertzabad", location=None, geocode_status="pending")
    place_services.place_geocode_give_up(place_id=place.pk, error="connection refused")
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert "connection refused" in place.geocode_error
    assert place in place_services.place_review_queryset()


def test_permanent_geocoder_error_is_recorded_not_raised(monkeypatch):
    def rejecting(*args, **kwargs):
        raise geocoding.GeocodingError("400 bad query")

    monkeypatch.setattr(geocoding, "lookup", rejecting)
    place = PlaceFactory(
        name="Hama", admin1="Hama", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert place.geocode_error == "400 bad query"


def test_geocode_queue_skips_manual_places(django_capture_on_commit_callbacks):
    manual = PlaceFactory(name="A", provenance="manual", geocode_status="manual")
    other = PlaceFactory(name="Hama", admin1="", location=None, geocode_status="failed")
    with django_capture_on_commit_callbacks(execute=True):
        count = handoff.place_geocode_queue(places=[manual, other])
    other.refresh_from_db()
    assert count == 1
    assert other.geocode_status == Place.GeocodeStatus.DONE
