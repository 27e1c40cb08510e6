"""Control on a date and a place's control history, over HTTP, from the demo data
and from events and observations made here; drafts never show."""

import datetime as dt

import pytest
from django.core.management import call_command

from control import services
from control.models import ControlObservation
from events import dataversion
from events.models import Event, EventSource
from events.tests.factories import (
    ActorFactory,
    EventSourceFactory,
    SourceFactory,
    territory_capture,
)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # geocoding runs on commit
        call_command("load_demo", verbosity=0)


def control(client, day, **params):
    response = client.get("/api/v1/control/", {"date": day, **params})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return {
        f["properties"]["place"]: f["properties"] for f in response.json()["features"]
    }


def test_seed_humaymat_is_unknown_before_opposition_between_and_regime_after(
    client, demo
):
    assert "Humaymat hilltops" not in control(client, "2019-07-01")
    between = control(client, "2019-07-10")["Humaymat hilltops"]
    after = control(client, "2019-07-25")["Humaymat hilltops"]
    assert between["state"] == "held"
    assert between["actors"][0]["name"] == "Syrian armed opposition"
    assert after["actors"][0]["name"] == "Syrian government forces"
    assert between["color"] != after["color"]
    capture = Event.objects.get(title="Opposition captures the Humaymat hilltops")
    recapture = Event.objects.get(title__startswith="Regime and Russian forces retake")
    assert between["event_ids"] == [capture.pk]
    assert after["event_ids"] == [recapture.pk]
    # Week precision: the change's window is shown, not a false exact day.
    assert between["uncertain_until"] == "2019-07-14"
    assert after["uncertain_until"] == "2019-07-18"


def test_place_history_lists_every_period_with_its_sources(client, demo):
    place_id = control(client, "2019-07-25")["Humaymat hilltops"]["place_id"]
    history = client.get(f"/api/v1/places/{place_id}/control/").json()
    first, second = history["periods"]
    assert (first["since"], first["until"]) == ("2019-07-08", "2019-07-14")
    assert second["until"] is None
    (capture,) = first["justified_by"]
    assert capture["kind"] == "event"
    assert capture["url"].startswith("/events/")
    publishers = {s["publisher"] for s in second["justified_by"][0]["sources"]}
    assert len(publishers) == 2  # the article and Reuters


def test_drafts_and_retracted_events_never_make_control(client):
    place, actor = PlaceFactory(name="Kafr Nabudah"), ActorFactory()
    territory_capture(place, actor, dt.date(2019, 5, 8), status=Event.Status.DRAFT)
    territory_capture(place, actor, dt.date(2019, 5, 9), status=Event.Status.RETRACTED)
    assert control(client, "2019-06-01") == {}


def test_a_denied_capture_shows_as_disputed(client):
    place, actor = PlaceFactory(name="Kafr Nabudah"), ActorFactory()
    event = territory_capture(place, actor, dt.date(2019, 5, 8))
    EventSourceFactory(event=event, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=event, stance=EventSource.Stance.DENIES)
    event.refresh_from_db()
    Event.objects.filter(pk=event.pk).update(disputed=True)
    assert control(client, "2019-05-10")["Kafr Nabudah"]["disputed"] is True


def test_a_coalition_colours_its_factions(client):
    coalition = ActorFactory(name="National Liberation Front")
    faction = ActorFactory(name="Faylaq al-Sham", parent=coalition)
    territory_capture(PlaceFactory(name="Kabani"), faction, dt.date(2019, 5, 8))
    props = control(client, "2019-05-10")["Kabani"]
    assert props["coalition"]["name"] == "National Liberation Front"
    assert props["actors"][0]["name"] == "Faylaq al-Sham"


def test_observations_show_once_published_and_contest_a_same_day_event(client):
    place = PlaceFactory(name="Kabani")
    rebels, regime = ActorFactory(name="Rebels"), ActorFactory(name="Regime")
    territory_capture(place, rebels, dt.date(2019, 5, 8))
    observation = services.observation_create(
        place=place,
        observed_on=dt.date(2019, 5, 8),
        controller=regime,
        source=SourceFactory(publisher="Local monitor"),
        quote="Kabani remains in regime hands.",
    )
    assert control(client, "2019-05-09")["Kabani"]["state"] == "held"
    services.observation_publish(observation=observation)
    # A test's writes never commit, so the data version does not move: forget the
    # memo by hand (test_a_new_publication_shows_at_once commits for real).
    dataversion.memos_reset()
    assert control(client, "2019-05-09")["Kabani"]["state"] == "contested"
    history = client.get(f"/api/v1/places/{place.pk}/control/").json()
    kinds = [j["kind"] for j in history["periods"][0]["justified_by"]]
    assert kinds == ["event", "observation"]
    assert history["periods"][0]["justified_by"][1]["sources"][0]["quote"] == (
        "Kabani remains in regime hands."
    )


def test_bbox_keeps_only_places_inside(client):
    actor = ActorFactory()
    territory_capture(PlaceFactory(name="Inside"), actor, dt.date(2019, 5, 8))
    from django.contrib.gis.geos import Point

    far = PlaceFactory(name="Far", location=Point(10.0, 10.0, srid=4326))
    territory_capture(far, actor, dt.date(2019, 5, 8))
    inside = control(client, "2019-05-09", in_bbox="35,34,38,37")
    assert set(inside) == {"Inside"}


@pytest.mark.parametrize(
    "params", [{"date": "2019-13-01"}, {"in_bbox": "1,2,3"}, {"in_bbox": "nan,1,2,3"}]
)
def test_bad_parameters_answer_400(client, params):
    assert client.get("/api/v1/control/", params).status_code == 400


def test_history_of_an_unknown_or_unlocated_place_is_404(client):
    unlocated = PlaceFactory(name="Nowhere", location=None)
    assert client.get(f"/api/v1/places/{unlocated.pk}/control/").status_code == 404
    assert client.get("/api/v1/places/999999/control/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_publication_shows_at_once(client):
    """Real commits: the write's on-commit version bump makes the layer rebuild."""
    place, actor = PlaceFactory(name="Kabani"), ActorFactory()
    assert control(client, "2019-05-09") == {}
    territory_capture(place, actor, dt.date(2019, 5, 8))
    assert "Kabani" in control(client, "2019-05-09")


def test_editors_cannot_publish_observations(django_user_model):
    from django.contrib.auth.models import Group
    from django.core.exceptions import PermissionDenied

    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    observation = services.observation_create(
        place=PlaceFactory(), observed_on=dt.date(2019, 5, 8), controller=ActorFactory()
    )
    with pytest.raises(PermissionDenied):
        services.observation_publish(observation=observation, user=editor)
    assert observation.status == ControlObservation.Status.DRAFT


def test_event_page_shows_who_held_its_place_with_the_events(client, demo):
    capture = Event.objects.get(title="Opposition captures the Humaymat hilltops")
    body = client.get(capture.get_absolute_url()).content.decode()
    assert "Who held <bdi>Humaymat hilltops</bdi>" in body
    assert body.count('class="cm-control-history__period"') == 2
    assert f'href="{capture.get_absolute_url()}"' in body


SQUARE = (
    (36.60, 35.30),
    (36.70, 35.30),
    (36.70, 35.40),
    (36.60, 35.40),
    (36.60, 35.30),
)


def test_a_place_with_an_area_carries_its_outline_and_keeps_its_point(client):
    from django.contrib.gis.geos import MultiPolygon, Point, Polygon

    actor = ActorFactory()
    hills = PlaceFactory(
        name="Hilltops",
        location=Point(36.65, 35.35, srid=4326),
        area=MultiPolygon(Polygon(SQUARE), srid=4326),
    )
    territory_capture(hills, actor, dt.date(2019, 5, 8))
    territory_capture(PlaceFactory(name="Village"), actor, dt.date(2019, 5, 8))
    response = client.get("/api/v1/control/", {"date": "2019-05-09"})
    features = {f["properties"]["place"]: f for f in response.json()["features"]}
    outline = features["Hilltops"]["properties"]["area"]
    assert outline["type"] == "MultiPolygon"
    assert outline["coordinates"][0][0][0] == [36.6, 35.3]  # GeoJSON: lon, lat
    assert len(outline["coordinates"][0][0]) == 5
    # The Feature's geometry stays the point (clients drawing points keep working).
    assert features["Hilltops"]["geometry"] == {
        "type": "Point",
        "coordinates": [36.65, 35.35],
    }
    assert features["Village"]["properties"]["area"] is None


def test_bbox_that_holds_only_part_of_an_area_still_shows_the_place(client):
    from django.contrib.gis.geos import MultiPolygon, Point, Polygon

    hills = PlaceFactory(
        name="Hilltops",
        location=Point(36.65, 35.35, srid=4326),
        area=MultiPolygon(Polygon(SQUARE), srid=4326),
    )
    territory_capture(hills, ActorFactory(), dt.date(2019, 5, 8))
    # The view holds the area's eastern edge, not the point.
    shown = control(client, "2019-05-09", in_bbox="36.68,35.0,37.5,36.0")
    assert set(shown) == {"Hilltops"}
    assert control(client, "2019-05-09", in_bbox="36.8,35.0,37.5,36.0") == {}


def test_a_detailed_outline_is_simplified(client):
    import math

    from django.contrib.gis.geos import MultiPolygon, Point, Polygon

    ring = [
        (36.65 + 0.05 * math.cos(a / 2000 * 2 * math.pi),
         35.35 + 0.05 * math.sin(a / 2000 * 2 * math.pi))
        for a in range(2000)
    ]  # fmt: skip
    ring.append(ring[0])
    town = PlaceFactory(
        name="Town",
        location=Point(36.65, 35.35, srid=4326),
        area=MultiPolygon(Polygon(ring), srid=4326),
    )
    territory_capture(town, ActorFactory(), dt.date(2019, 5, 8))
    outline = control(client, "2019-05-09")["Town"]["area"]
    assert 4 < len(outline["coordinates"][0][0]) < 2001


def test_a_view_with_more_places_than_the_limit_is_summarised_per_cell(
    client, settings
):
    from django.contrib.gis.geos import Point

    settings.CONTROL_MAX_PLACES = 3
    rebels, regime = ActorFactory(name="Rebels"), ActorFactory(name="Regime")
    day = dt.date(2019, 5, 8)
    for i in range(3):  # three rebel villages in one cell, two regime ones
        place = PlaceFactory(location=Point(36.60 + i * 0.01, 35.30, srid=4326))
        territory_capture(place, rebels, day)
    for i in range(2):
        place = PlaceFactory(location=Point(36.65 + i * 0.01, 35.31, srid=4326))
        territory_capture(place, regime, day)
    far = PlaceFactory(location=Point(70.0, 35.3, srid=4326))  # another cell
    Event.objects.filter(pk=territory_capture(far, rebels, day).pk).update(
        disputed=True
    )
    body = client.get("/api/v1/control/", {"date": "2019-05-09"}).json()
    assert body["aggregated"] is True
    assert body["places"] == 6
    cells = sorted(
        (f["properties"]["coalition"]["name"], f["properties"]["count"],
         f["properties"]["disputed"])
        for f in body["features"]
    )  # fmt: skip
    assert cells == [("Rebels", 1, 1), ("Rebels", 3, 0), ("Regime", 2, 0)]
    assert all(f["properties"]["cluster"] for f in body["features"])
    west, south, east, north = body["features"][0]["properties"]["bounds"]
    assert west < east
    assert south < north
    # Zoomed in to fewer places than the limit: the places themselves.
    near = client.get(
        "/api/v1/control/", {"date": "2019-05-09", "in_bbox": "36.55,35.25,36.62,35.35"}
    ).json()
    assert near["aggregated"] is False
    assert len(near["features"]) == 2
    assert "cluster" not in near["features"][0]["properties"]


def test_cells_stay_put_when_the_view_pans():
    from control.index import cell_size

    assert cell_size((35.0, 32.0, 43.0, 37.0)) == cell_size((35.5, 32.2, 43.5, 37.2))
    assert cell_size((36.0, 35.0, 36.5, 35.3)) < cell_size((35.0, 32.0, 43.0, 37.0))
