"""places.tasks: which errors are retried, and what happens when retries run out."""

import pytest

from places import geocoding, tasks
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    """Replace geocoding.lookup with a scripted one; returns the list of calls."""
    made = []

    def script(outcome):
        def fake(query, **kwargs):
            made.append(query)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        monkeypatch.setattr(geocoding, "lookup", fake)
        return made

    return script


def pending_place(name="Qwertzabad"):
    return PlaceFactory(name=name, location=None, geocode_status="pending")


def test_task_retry_policy_is_transient_only():
    task = tasks.place_geocode_task
    assert task.autoretry_for == (geocoding.GeocodingUnavailable,)
    assert task.max_retries == 5
    assert task.acks_late is True
    assert task.retry_backoff


@pytest.fixture
def worker_like(monkeypatch):
    """Eager tasks that retry in place, as a worker would (later, with backoff)."""
    monkeypatch.setitem(
        tasks.place_geocode_task.app.conf, "task_eager_propagates", False
    )


def test_unavailable_geocoder_is_retried_then_reported(calls, worker_like):
    made = calls(geocoding.GeocodingUnavailable("connection refused"))
    place = pending_place()
    tasks.place_geocode_task.delay(place.pk)
    place.refresh_from_db()
    assert len(made) == 1 + tasks.place_geocode_task.max_retries
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert "connection refused" in place.geocode_error


def test_unavailable_geocoder_never_raises_into_the_request(calls):
    made = calls(geocoding.GeocodingUnavailable("timed out"))
    place = pending_place()
    result = tasks.place_geocode_task.delay(place.pk)  # eager, propagating
    place.refresh_from_db()
    assert result.successful()
    assert len(made) == 1  # no sleeping retries in a request thread
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert "timed out" in place.geocode_error


def test_permanent_error_is_not_retried(calls):
    made = calls(geocoding.GeocodingError("400 bad query"))
    place = pending_place()
    tasks.place_geocode_task.delay(place.pk)
    place.refresh_from_db()
    assert len(made) == 1
    assert place.geocode_status == Place.GeocodeStatus.FAILED
    assert place.geocode_error == "400 bad query"


def test_recovering_geocoder_succeeds_on_a_retry(monkeypatch, worker_like):
    outcomes = [geocoding.GeocodingUnavailable("503"), None]
    found = geocoding.GeocodeResult(
        lon=36.5, lat=35.3, label="Jibin", source="nominatim"
    )
    outcomes[1] = found

    def flaky(query, **kwargs):
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(geocoding, "lookup", flaky)
    place = pending_place()
    tasks.place_geocode_task.delay(place.pk)
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.provenance == Place.Provenance.ONLINE
    assert place.location.coords == pytest.approx((36.5, 35.3))


def test_deleted_place_is_a_no_op(calls):
    made = calls(None)
    place = pending_place()
    place_id = place.pk
    place.delete()
    tasks.place_geocode_task.delay(place_id)
    assert made == []
