"""Place admin: review list, candidates, hand fix -> manual + spelling, actions."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from places import services as place_services
from places.models import Place, PlaceName
from places.tests.factories import GazetteerEntryFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_gazetteer():
    cache.clear()
    GazetteerEntryFactory(
        dataset="geonames", ref="167408", name="Malaḩ", admin1="As-Suwayda",
        alternate_names=["Malah"], lat=32.5068, lon=36.85377,
    )  # fmt: skip
    GazetteerEntryFactory(
        dataset="supplement", ref="sy-tall-malah-hama", name="Tall Malah",
        admin1="Hama", alternate_names=["Malah"], lat=35.3073, lon=36.4831,
    )  # fmt: skip
    yield
    cache.clear()


@pytest.fixture
def review_place():
    place = PlaceFactory(
        name="Malah", admin1="", location=None, geocode_status="pending"
    )
    place_services.place_geocode(place=place)
    place.refresh_from_db()
    return place


def test_changelist_review_filter_lists_doubtful_places(admin_client, review_place):
    PlaceFactory(name="Idlib")  # resolved, confident: not in the review list
    url = reverse("admin:places_place_changelist") + "?review=yes"
    response = admin_client.get(url)
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed == [review_place]
    assert "Tall Malah" in response.content.decode()  # candidates shown


def test_change_form_shows_the_candidate_table(admin_client, review_place):
    url = reverse("admin:places_place_change", args=[review_place.pk])
    response = admin_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<th>governorate</th>" in body
    assert "As-Suwayda" in body


def change_form_data(place, **overrides):
    data = {
        "name": place.name,
        "name_ar": place.name_ar,
        "feature_type": place.feature_type,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "population": "",
        "location": "",
        "precision": place.precision or "",
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_hand_fix_in_admin_marks_manual_and_keeps_the_spelling(
    admin_client, review_place
):
    url = reverse("admin:places_place_change", args=[review_place.pk])
    point = '{"type": "Point", "coordinates": [36.4831, 35.3073]}'
    data = change_form_data(
        review_place,
        name="Tall Malah (Hama)",
        admin1="Hama",
        location=point,
        precision="2",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    review_place.refresh_from_db()
    assert review_place.geocode_status == Place.GeocodeStatus.MANUAL
    assert review_place.provenance == Place.Provenance.MANUAL
    assert review_place.location.coords == pytest.approx((36.4831, 35.3073))
    assert PlaceName.objects.filter(place=review_place, name="Malah").exists()
    # Geocoding again never overwrites the fix.
    place_services.place_geocode(place=review_place, force=True)
    review_place.refresh_from_db()
    assert review_place.location.coords == pytest.approx((36.4831, 35.3073))


def test_geocode_again_action_requeues(admin_client, review_place):
    url = reverse("admin:places_place_changelist")
    data = {"action": "geocode_again", "_selected_action": [review_place.pk]}
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "1 place(s) queued" in response.content.decode()


def test_accept_best_candidate_action(admin_client, review_place):
    url = reverse("admin:places_place_changelist")
    data = {"action": "accept_best_candidate", "_selected_action": [review_place.pk]}
    admin_client.post(url, data, follow=True)
    review_place.refresh_from_db()
    assert review_place.is_manual


def test_review_form_offers_every_candidate_on_the_map_and_uses_the_chosen_one(
    admin_client,
):
    place = Place.objects.create(
        name="Malah",
        country_code="SY",
        geocode_status=Place.GeocodeStatus.REVIEW,
        confidence=0.5,
        geocode_candidates=[
            {
                "name": "Malah",
                "admin1": "Hama",
                "country": "SY",
                "lat": 35.2,
                "lon": 36.7,
                "feature_type": "village",
                "match": "exact",
                "score": 0.9,
            },
            {
                "name": "Malah",
                "admin1": "As-Suwayda",
                "country": "SY",
                "lat": 32.6,
                "lon": 36.8,
                "feature_type": "village",
                "match": "exact",
                "score": 0.9,
            },
        ],
    )
    url = reverse("admin:places_place_change", args=[place.pk])
    page = admin_client.get(url)
    html = page.content.decode()
    assert 'id="geocode-candidates"' in html  # data for the map
    assert "places/admin-map.js" in html
    form = page.context["adminform"].form
    assert [value for value, _ in form.fields["use_candidate"].choices] == [0, 1]
    data = {
        "name": "Malah",
        "name_ar": "",
        "feature_type": "village",
        "country_code": "SY",
        "admin1": "",
        "admin2": "",
        "population": "",
        "location": "",
        "precision": "",
        "use_candidate": "1",
        "names-TOTAL_FORMS": "0",
        "names-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()
    assert place.geocode_status == Place.GeocodeStatus.MANUAL
    assert place.lat == pytest.approx(32.6)
    assert place.lon == pytest.approx(36.8)


def test_the_place_form_edits_its_area_with_the_map_widget(admin_client):
    place = PlaceFactory(name="Humaymat hilltops", admin1="Hama")
    url = reverse("admin:places_place_change", args=[place.pk])
    html = admin_client.get(url).content.decode()
    assert 'id="id_area"' in html
    assert "id_area-map" in html  # the leaflet widget's map for the field
    area = (
        '{"type": "MultiPolygon", "coordinates": [[[[36.6, 35.3], [36.7, 35.3], '
        "[36.7, 35.4], [36.6, 35.4], [36.6, 35.3]]]]}"
    )
    data = change_form_data(
        place, location=place.location.geojson, area=area, precision=""
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()
    assert place.area.geom_type == "MultiPolygon"
    assert place.area.extent == pytest.approx((36.6, 35.3, 36.7, 35.4))
    assert place.location is not None  # the point is kept
