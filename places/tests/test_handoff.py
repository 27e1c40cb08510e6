"""The durable geocoding hand-off: a place committed while the broker or the cache is
down is never lost (issue 12, reproduction 1)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from places import handoff
from places import services as place_services
from places.models import Place
from places.tests.factories import GazetteerEntryFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def idlib_gazetteer():
    GazetteerEntryFactory(
        dataset="geonames", ref="169389", name="Idlib", admin1="Idlib",
        alternate_names=["Idleb"], lat=35.93062, lon=36.63393, population=128840,
    )  # fmt: skip


def test_place_created_with_the_broker_down_is_committed_and_swept_later(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place = place_services.place_create(name="Idlib")  # no ConnectionError

    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.PENDING
    assert place.geocode_requested_at is None  # never handed off: the sweep's first
    broker_down.conf.task_always_eager = True  # the broker is back (eager: in-process)

    assert handoff.place_geocode_sweep() == 1
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.location is not None
    assert handoff.place_geocode_sweep() == 0  # idempotent


def test_admin_add_place_with_the_broker_down_answers_and_keeps_the_place(
    admin_client, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:places_place_add"),
            {"name": "Idlib", "country_code": "SY", "feature_type": "city",
             "geocode_candidates": "[]", "names-TOTAL_FORMS": "0",
             "names-INITIAL_FORMS": "0"},
        )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    place = Place.objects.get(name="Idlib")
    assert place.geocode_status == Place.GeocodeStatus.PENDING
    assert place.geocode_requested_at is None


def test_a_cache_outage_at_commit_does_not_skip_the_geocode_hand_off(
    cache_down, django_capture_on_commit_callbacks
):
    """The data-version bump runs first after the commit; it must not raise."""
    with django_capture_on_commit_callbacks(execute=True):
        place = place_services.place_create(name="Idlib")
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE


def test_sweep_backs_off_a_place_already_queued():
    now = timezone.now()
    fresh = PlaceFactory(
        name="Idlib", location=None, geocode_status="pending",
        geocode_requested_at=now - dt.timedelta(minutes=1),
    )  # fmt: skip
    overdue = PlaceFactory(
        name="Idleb", location=None, geocode_status="pending",
        geocode_requested_at=now - dt.timedelta(hours=1),
    )  # fmt: skip
    retried = PlaceFactory(  # third attempt: waits 4 x 15 min
        name="Adlib", location=None, geocode_status="pending", geocode_attempts=2,
        geocode_requested_at=now - dt.timedelta(minutes=50),
    )  # fmt: skip

    assert handoff.place_geocode_sweep() == 1

    for place in (fresh, overdue, retried):
        place.refresh_from_db()
    assert overdue.geocode_status == Place.GeocodeStatus.DONE
    assert overdue.geocode_attempts == 1
    assert fresh.geocode_status == retried.geocode_status == "pending"
    assert retried.geocode_attempts == 2


def test_geocode_command_sweeps(capsys):
    place = PlaceFactory(name="Idlib", location=None, geocode_status="pending")
    call_command("geocode", "--sweep")
    assert "1 pending place(s) queued" in capsys.readouterr().out
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE
