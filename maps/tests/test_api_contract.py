"""The API against its OpenAPI schema (schemathesis), rate limits and security headers."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conflictmap.wsgi import application
from events.models import Event
from events.tests.factories import EventFactory, EventSourceFactory


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose handler
    closes the test's own (in-transaction) connection; Django's test Client guards
    against that the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_test_connection")
def test_api_conforms_to_its_schema_and_never_fails(monkeypatch):
    """No 5xx, documented status codes and response shapes, for generated requests."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    published = EventFactory(title="<img src=x onerror=alert(1)>")
    EventSourceFactory(event=published)
    EventFactory(status=Event.Status.DRAFT)
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/events/", "/api/v1/events/{id}/"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=50,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Schema-valid filters can still be refused: type slugs and actors are
            # checked against the database and date_from must not follow date_to.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()


@pytest.mark.django_db
def test_schema_is_served_as_openapi_3():
    response = Client().get("/api/v1/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.django_db
def test_public_api_is_rate_limited(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    cache.clear()
    client = Client()
    codes = [client.get("/api/v1/events/").status_code for _ in range(4)]
    cache.clear()
    assert codes == [200, 200, 200, 429]


@pytest.mark.django_db
def test_public_responses_carry_a_content_security_policy():
    response = Client().get("/api/v1/events/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
