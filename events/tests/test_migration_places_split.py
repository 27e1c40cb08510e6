"""A database made before the places app existed migrates forward with every row kept.

Rows are written through the historical models of events 0007 (the last schema with
Place in the events app), then the migrations run forward to today's schema."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import Point
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Event
from places.models import GazetteerEntry, Place, PlaceName

# Migrating back to before the split unapplies places' later AddFields, which Django's
# SpatiaLite backend cannot do on a table with a geometry column (its DROP COLUMN quotes
# the name twice); on SpatiaLite the forward migration of a real database is checked
# by hand (see the README), here on PostGIS.
pytestmark = [
    pytest.mark.postgis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
BEFORE_SPLIT = [("events", "0007_roles"), ("places", None)]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def _latest(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return executor.loader.graph.leaf_nodes()


def test_places_events_and_roles_survive_the_move_to_the_places_app():
    latest = _latest(MigrationExecutor(connection))
    old = _migrate(BEFORE_SPLIT).loader.project_state(BEFORE_SPLIT[:1]).apps
    OldPlace = old.get_model("events", "Place")
    place = OldPlace.objects.create(
        name="Kafr Nabudah",
        name_ar="كفر نبودة",
        admin1="Hama",
        location=Point(36.4186, 35.4119, srid=4326),
        precision=1,
        geocode_status="manual",
        provenance="manual",
    )
    old.get_model("events", "PlaceName").objects.create(
        place=place, name="Kfar Nbouda", language="en"
    )
    old.get_model("events", "GazetteerEntry").objects.create(
        dataset="supplement",
        ref="kafr-nabudah",
        name="Kafr Nabudah",
        country_code="SY",
        lat=35.4119,
        lon=36.4186,
    )
    event_type = old.get_model("events", "EventType").objects.get(slug="armed-clash")
    event = old.get_model("events", "Event").objects.create(
        title="Clashes in Kafr Nabudah",
        event_type=event_type,
        date_start="2019-05-26",
        place=place,
        status="published",
    )
    old_type = ContentType.objects.get(app_label="events", model="place")

    _migrate(latest)

    moved = Place.objects.get(pk=place.pk)
    assert moved.name_ar == "كفر نبودة"
    assert moved.location.coords == pytest.approx((36.4186, 35.4119))
    assert [n.name for n in moved.names.all()] == ["Kfar Nbouda"]
    assert GazetteerEntry.objects.filter(ref="kafr-nabudah").exists()
    assert Event.objects.get(pk=event.pk).place == moved
    # The same content type row, now under places: permissions and roles follow it.
    new_type = ContentType.objects.get_for_model(Place)
    assert new_type.pk == old_type.pk
    assert not ContentType.objects.filter(app_label="events", model="place").exists()
    editor = Group.objects.get(name="Editor")
    assert editor.permissions.filter(
        content_type=new_type, codename="change_place"
    ).exists()
    assert ContentType.objects.get_for_model(PlaceName).app_label == "places"
