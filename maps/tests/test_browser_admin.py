"""The place review form in Chromium: candidates drawn on the map, a click picks one."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from maps.tests.browser import screenshot, signed_in_page
from places.models import Place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def page(live_server, monkeypatch) -> Iterator:
    curator = User.objects.create_superuser("curator", password="pw-for-tests-only")
    client = Client()
    client.force_login(curator)  # axes wants a request for a password login
    with signed_in_page(monkeypatch, live_server.url, client) as (page, guard):
        yield page
    assert guard.blocked == []
    assert guard.errors == []


def test_clicking_a_candidate_on_the_map_selects_it(page, live_server):
    place = Place.objects.create(
        name="Malah",
        country_code="SY",
        geocode_status=Place.GeocodeStatus.REVIEW,
        confidence=0.5,
        geocode_candidates=[
            {"name": "Malah", "admin1": "Hama", "lat": 35.2, "lon": 36.7},
            {"name": "Malah", "admin1": "As-Suwayda", "lat": 32.6, "lon": 36.8},
        ],
    )
    page.goto(f"{live_server.url}/admin/events/place/{place.pk}/change/")
    markers = page.locator("path.leaflet-interactive")
    markers.first.wait_for()
    assert markers.count() == 2
    # The offline basemap is drawn under the widget (no tile server here).
    page.wait_for_function(
        "document.querySelectorAll('path:not(.leaflet-interactive)').length > 10"
    )
    markers.nth(1).click(force=True)
    assert page.locator('input[name="use_candidate"][value="1"]').is_checked()
    screenshot(page, "admin-review-candidates.png")
