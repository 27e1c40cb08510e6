"""The ingest page's place map: candidates, the gazetteer search, a clicked point, and
what the confirmed draft gets (issue 13, "the editor's side")."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from events.models import Event
from events.tests.factories import EventFactory
from places.geocoding.index import distance_km
from places.models import GazetteerEntry, Place, PlaceName
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

URL = "/admin/events/ingest/"
SEARCH = "/admin/events/ingest/places/"
# "Abedin" is not in the gazetteer; it has loose candidates (Abidin, Abdun, ...).
ARTICLE = (
    "Regime forces shelled the village of Abedin in the southern Idlib countryside "
    "on Thursday, killing two civilians, local activists said."
)
FIELDS = {"published_on": "2019-07-18", "publisher": "P", "title": "T", "url": ""}


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_event"))
    client.force_login(user)
    return client


def _propose(client, text=ARTICLE):
    response = client.post(URL, {**FIELDS, "text": text, "_propose": "1"})
    assert response.status_code == 200
    return response


def _confirm_data(response, **place) -> dict:
    """The confirm POST for the first proposal, with the place fields in ``place``."""
    form = response.context["formset"].forms[0]
    data = {**FIELDS, "text": response.context["form"]["text"].value(), "_confirm": "1"}
    data |= {"events-TOTAL_FORMS": "1", "events-INITIAL_FORMS": "1"}
    for name, value in form.initial.items():
        if value is not None and name != "include":
            data[form.add_prefix(name)] = str(value)
    data[form.add_prefix("include")] = "on"
    data |= {form.add_prefix(name): str(value) for name, value in place.items()}
    return data


def _abedin(response) -> dict:
    names = response.context["place_map"]["names"]
    return next(n for n in names if n["text"] == "Abedin")


def test_unresolved_name_is_listed_with_candidates_and_its_proposal(editor_client):
    response = _propose(editor_client)
    name = _abedin(response)
    assert name["forms"] == [
        {"form": "events-0", "number": 1, "title": name["forms"][0]["title"]}
    ]
    assert name["candidates"], "the gazetteer's loose matches are offered"
    first = name["candidates"][0]
    assert {"ref", "lat", "lon", "admin1", "feature_type"} <= set(first)
    # How far each candidate lies from the article's places (the Idlib countryside).
    near = response.context["place_map"]["near"]
    assert near is not None
    assert first["km"] == round(distance_km(*near, first["lat"], first["lon"]))
    assert f"{first['km']} km from the article" in response.content.decode()
    page = response.content.decode()
    assert 'id="ingest-map-data"' in page
    assert 'id="ingest-map"' in page
    assert "places/admin-map.js" in page  # the offline basemap of the admin's maps
    assert "ingest/ingest.js" in page
    assert "Place it on the map" in page


def test_why_and_how_sure_and_the_speaker_are_shown(editor_client):
    page = _propose(editor_client).content.decode()
    assert "ingest-confidence-" in page
    assert "Why: type rule" in page
    assert '<mark class="ingest-speaker" title="Speaker">local activists</mark>' in page


def test_picking_a_candidate_gives_the_draft_the_gazetteer_point(editor_client):
    response = _propose(editor_client)
    candidate = _abedin(response)["candidates"][0]
    rows = GazetteerEntry.objects.count()
    data = _confirm_data(
        response,
        place_choice="gazetteer",
        place_ref=candidate["ref"],
        place_name="typed over by the page",
        place_admin1="Idlib",
    )
    assert editor_client.post(URL, data).status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    place = event.place
    assert (place.name, place.admin1) == (candidate["name"], candidate["admin1"])
    assert place.location.y == pytest.approx(candidate["lat"], abs=1e-6)
    assert place.location.x == pytest.approx(candidate["lon"], abs=1e-6)
    assert place.provenance == Place.Provenance.MANUAL
    assert place.gazetteer_id == candidate["ref"]
    assert "chosen by ed" in place.geocode_label
    # The article's spelling resolves to it next time; no gazetteer row is added.
    assert PlaceName.objects.filter(place=place, name="Abedin").exists()
    assert GazetteerEntry.objects.count() == rows


def test_a_clicked_point_becomes_a_hand_fixed_place_with_its_precision(editor_client):
    response = _propose(editor_client)
    rows = GazetteerEntry.objects.count()
    data = _confirm_data(
        response,
        place_choice="point",
        place_lat="35.61234",
        place_lon="36.70321",
        place_precision="1",
        place_name="Abedin",
        place_admin1="Idlib",
    )
    assert editor_client.post(URL, data).status_code == 302
    place = Event.objects.get().place
    assert (place.name, place.admin1) == ("Abedin", "Idlib")
    assert (place.location.y, place.location.x) == (35.61234, 36.70321)
    assert place.precision == 1
    assert place.provenance == Place.Provenance.MANUAL
    assert place.geocode_status == Place.GeocodeStatus.MANUAL
    assert "point chosen on the map by ed" in place.geocode_label
    assert GazetteerEntry.objects.count() == rows


def test_confirming_a_chosen_place_twice_is_idempotent(editor_client):
    response = _propose(editor_client)
    for choice in (
        {"place_choice": "point", "place_lat": "35.6", "place_lon": "36.7"},
        {"place_choice": "gazetteer", "place_ref": _abedin(response)["candidates"][0]["ref"]},
    ):  # fmt: skip
        data = _confirm_data(response, place_name="Abedin", **choice)
        assert editor_client.post(URL, data).status_code == 302
        events, places = Event.objects.count(), Place.objects.count()
        again = editor_client.post(URL, data)
        assert again.status_code == 302
        assert (Event.objects.count(), Place.objects.count()) == (events, places)
        said = [str(m) for m in get_messages(again.wsgi_request)][-1]
        assert said.startswith("Created 0 draft event(s)")


def test_a_point_near_an_existing_place_of_that_name_reuses_it(editor_client):
    existing = PlaceFactory(name="Abedin", admin1="Idlib")
    existing.location.y, existing.location.x = 35.6, 36.7
    existing.save()
    response = _propose(editor_client)
    data = _confirm_data(
        response,
        place_choice="point",
        place_lat="35.61",
        place_lon="36.71",
        place_name="Abedin",
        place_admin1="Idlib",
    )
    assert editor_client.post(URL, data).status_code == 302
    assert Event.objects.get().place == existing
    existing.refresh_from_db()
    assert (existing.location.y, existing.location.x) == (35.6, 36.7)  # not moved


def test_a_point_far_from_an_existing_place_of_that_name_saves_nothing(editor_client):
    existing = PlaceFactory(name="Abedin", admin1="Idlib")
    before = (existing.location.y, existing.location.x)
    response = _propose(editor_client)
    data = _confirm_data(
        response,
        place_choice="point",
        place_lat=str(before[0] + 1),
        place_lon=str(before[1]),
        place_name="Abedin",
        place_admin1="Idlib",
    )
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert "exists already" in response.content.decode()
    assert not Event.objects.exists()
    existing.refresh_from_db()
    assert (existing.location.y, existing.location.x) == before


def test_a_chosen_place_never_reuses_a_published_event(editor_client):
    response = _propose(editor_client)
    data = _confirm_data(
        response, place_choice="point", place_lat="35.6", place_lon="36.7"
    )
    assert editor_client.post(URL, data).status_code == 302
    first = Event.objects.get()
    published = EventFactory(
        title=first.title, date_start=first.date_start, place=first.place
    )
    first.delete()
    assert editor_client.post(URL, data).status_code == 302
    published.refresh_from_db()
    assert published.status == Event.Status.PUBLISHED
    assert not published.event_sources.exists()
    assert Event.objects.exclude(pk=published.pk).get().status == Event.Status.DRAFT


@pytest.mark.parametrize(
    ("place", "said"),
    [
        ({"place_choice": "point", "place_lat": ""}, "Click the point again"),
        ({"place_choice": "point", "place_lat": "91", "place_lon": "36"}, "less than"),
        ({"place_choice": "point", "place_lat": "35.6", "place_lon": "36.7",
          "place_name": ""}, "Name the point"),
        ({"place_choice": "gazetteer", "place_ref": ""}, "Pick the place again"),
        ({"place_choice": "gazetteer", "place_ref": "geonames:<b>no</b>"},
         "The gazetteer has no entry “geonames:&lt;b&gt;no&lt;/b&gt;”"),
        ({"place_choice": "bogus"}, "Select a valid choice"),
        ({"place_choice": "point", "place_lat": "35.6", "place_lon": "36.7",
          "place_precision": "7"}, "Select a valid choice"),
    ],
)  # fmt: skip
def test_a_bad_place_choice_saves_nothing_and_says_why(editor_client, place, said):
    response = _propose(editor_client)
    data = _confirm_data(response, **{"place_name": "Abedin", **place})
    response = editor_client.post(URL, data)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not Event.objects.exists()
    assert not Place.objects.filter(name="Abedin").exists()


def test_hostile_names_are_escaped_on_the_page_and_in_its_data(editor_client):
    hostile = (
        "<script>alert('x')</script>Regime forces shelled the village of Abedin "
        "on Thursday, activists said."
    )
    response = _propose(editor_client, text=hostile)
    page = response.content.decode()
    assert "<script>alert" not in page
    # A name that breaks out of an attribute, sent back as the point's name.
    name = "\"><img src=x onerror=alert(1)> Abedin' onmouseover='alert(2)"
    data = _confirm_data(
        response,
        place_choice="point",
        place_lat="35.6",
        place_lon="36.7",
        place_name=name,
        place_precision="9",  # invalid: the page comes back with the name in it
    )
    page = editor_client.post(URL, data).content.decode()
    assert "<img src=x" not in page
    assert "' onmouseover='" not in page
    assert "&quot;&gt;&lt;img src=x" in page
    data["events-0-place_precision"] = "2"
    assert editor_client.post(URL, data).status_code == 302
    assert Event.objects.get().place.name == name  # stored as text, shown escaped


def test_map_data_is_json_escaped(editor_client):
    response = _propose(editor_client)
    page = response.content.decode()
    start = page.index('id="ingest-map-data"')
    blob = page[page.index(">", start) + 1 : page.index("</script>", start)]
    data = json.loads(blob)
    assert data["names"][0]["text"] == "Abedin"
    assert data["near"] is None or len(data["near"]) == 2


def test_search_finds_spelling_variants_and_name_prefixes(editor_client):
    variants = editor_client.get(SEARCH, {"q": "Kafr Nabouda"}).json()["results"]
    assert variants[0]["name"] == "Kafr Nabudah"
    prefixed = editor_client.get(SEARCH, {"q": "Kafr Nab", "near": "35.4,36.5"})
    names = [r["name"] for r in prefixed.json()["results"]]
    assert "Kafr Nabudah" in names
    assert all(r["lat"] is not None for r in prefixed.json()["results"])


def test_search_of_hostile_text_answers_json_only(editor_client):
    response = editor_client.get(SEARCH, {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"results": []}


@pytest.mark.parametrize(
    "query",
    [{"q": "x" * 101}, {"q": "Ariha\x00"}, {"q": "Ariha", "near": "north"},
     {"q": "Ariha", "near": "95,36"}],
)  # fmt: skip
def test_search_refuses_bad_input_clearly(editor_client, query):
    response = editor_client.get(SEARCH, query)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_search_is_for_writers_only(client, django_user_model):
    viewer = django_user_model.objects.create_user("v", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    assert client.get(SEARCH, {"q": "Ariha"}).status_code == 403
    assert client.post(SEARCH, {"q": "Ariha"}).status_code == 403


def test_a_viewer_cannot_confirm_a_chosen_place(
    client, editor_client, django_user_model
):
    data = _confirm_data(
        _propose(editor_client),
        place_choice="point",
        place_lat="35.6",
        place_lon="36.7",
        place_name="Abedin",
    )
    viewer = django_user_model.objects.create_user("v", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    assert client.post(URL, data).status_code == 403
    assert not Event.objects.exists()
    assert not Place.objects.filter(name="Abedin").exists()


def test_a_point_places_an_existing_place_that_had_none(editor_client):
    existing = PlaceFactory(
        name="Abedin",
        admin1="Idlib",
        location=None,
        geocode_status=Place.GeocodeStatus.FAILED,
    )
    data = _confirm_data(
        _propose(editor_client),
        place_choice="point",
        place_lat="35.6",
        place_lon="36.7",
        place_precision="2",
        place_name="Abedin",
        place_admin1="Idlib",
    )
    assert editor_client.post(URL, data).status_code == 302
    assert Event.objects.get().place == existing
    existing.refresh_from_db()
    assert (existing.location.y, existing.location.x, existing.precision) == (
        35.6,
        36.7,
        2,
    )
    assert existing.geocode_status == Place.GeocodeStatus.MANUAL
