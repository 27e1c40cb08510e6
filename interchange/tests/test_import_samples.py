"""Imports of the ACLED, UCDP and GeoJSON samples: dataset coordinates, precisions,
stances, geocoding queued only when needed, existing actors and places reused, re-imports."""

import pytest

from events import dataversion
from events.models import Actor, Event
from events.tests.factories import (
    ActorFactory,
)
from interchange.tests.samples import _acled_csv, _counts, _import
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_acled_sample_imports_with_dataset_coordinates():
    report = _import("acled", status="published")
    assert (report.rows, report.created) == (3, 3)
    event = Event.objects.get(external_dataset="acled", external_id="SYR101")
    assert event.status == Event.Status.PUBLISHED
    assert event.event_type.slug == "government-regains-territory"
    assert event.fatalities_best == 12
    assert "قوات الحكومة" in event.summary
    place = event.place
    assert (place.name, place.country_code, place.admin1) == (
        "Kafr Nabudah",
        "SY",
        "Hama",
    )
    assert place.location.coords == pytest.approx((36.5422, 35.4567))  # lon, lat
    assert place.provenance == Place.Provenance.IMPORT
    assert place.geocode_status == Place.GeocodeStatus.DONE
    assert place.precision == 1
    roles = {(link.actor.name, link.role) for link in event.event_actors.all()}
    assert roles == {
        ("Military Forces of Syria (2000-)", "initiator"),
        ("Wagner Group", "supporting"),
        ("National Liberation Front", "target"),
        ("Jaysh al-Izza", "target"),
    }
    assert (
        Actor.objects.get(name="Military Forces of Syria (2000-)").kind
        == "state_forces"
    )
    publishers = set(event.sources.values_list("publisher", flat=True))
    assert publishers == {"SANA", "Syrian Observatory for Human Rights"}


def test_acled_precisions_victims_agreements_and_countries():
    _import("acled")
    strike = Event.objects.get(external_id="SYR102")
    assert strike.date_precision == "week"  # time_precision 2; '15 July 2019' parsed
    assert strike.date_start.isoformat() == "2019-07-15"
    assert strike.place.precision == 2
    victim = strike.event_actors.get(actor__name="Civilians (Syria)")
    assert victim.role == "victim"
    assert victim.actor.kind == "civilians"
    agreement = Event.objects.get(external_id="SYR103")
    assert agreement.date_precision == "month"
    assert agreement.place.country_code == "TR"  # iso 792
    assert set(agreement.event_actors.values_list("role", flat=True)) == {"party"}


def test_ucdp_sample_imports():
    _import("ucdp")
    clash = Event.objects.get(external_dataset="ucdp", external_id="300101")
    assert clash.event_type.slug == "armed-clash"
    assert (clash.fatalities_best, clash.fatalities_low, clash.fatalities_high) == (
        14,
        12,
        20,
    )
    assert clash.place.admin1 == "Hama"  # 'Hama governorate'
    assert clash.place.country_code == "SY"  # Gleditsch-Ward 652
    sources = {(s.publisher, s.title) for s in clash.sources.all()}
    assert ("Reuters", "Syrian army advances") in sources
    one_sided = Event.objects.get(external_id="300102")
    assert one_sided.event_type.slug == "attack"
    assert (one_sided.date_start.isoformat(), one_sided.date_end.isoformat()) == (
        "2019-07-18",
        "2019-07-21",
    )  # date_prec 2: a span of days
    assert one_sided.event_actors.get(actor__name="Civilians").role == "victim"


def test_geojson_sample_imports_sources_with_stances():
    _import("geojson")
    event = Event.objects.get(external_dataset="geojson", external_id="demo-7")
    assert event.title == "Syrian army recaptures Kafr Nabudah"
    assert event.place.name_ar == "كفرنبودة"
    stances = set(event.event_sources.values_list("stance", flat=True))
    assert stances == {"claims", "denies"}
    assert event.disputed is True
    assert Actor.objects.get(name="National Liberation Front").kind == "rebel_coalition"


def test_rows_without_coordinates_are_queued_for_geocoding(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        _import("geojson")
    place = Event.objects.get(external_id="8").place
    assert place.location is None
    assert place.provenance != Place.Provenance.IMPORT
    assert len(callbacks) >= 1  # place_geocode_task, on commit


def test_rows_with_coordinates_never_queue_geocoding(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        _import("acled")
    # The only hook is the map index's staleness bump: no geocoding task is queued.
    assert [c for c in callbacks if not isinstance(c, dataversion._Bump)] == []


def test_existing_actor_is_matched_by_alias():
    army = ActorFactory(
        name="Syrian Arab Army",
        kind=Actor.Kind.STATE_FORCES,
        aliases=["Military Forces of Syria (2000-)"],
    )
    _import("acled")
    event = Event.objects.get(external_id="SYR101")
    assert event.event_actors.filter(actor=army, role="initiator").exists()
    assert not Actor.objects.filter(name="Military Forces of Syria (2000-)").exists()


def test_existing_place_keeps_its_point_and_the_event_keeps_the_datasets():
    place = PlaceFactory(name="Kafr Nabudah", country_code="SY", admin1="Hama")
    before = place.location.coords
    _import("acled")
    place.refresh_from_db()
    assert place.location.coords == before
    event_place = Event.objects.get(external_id="SYR101").place
    assert event_place != place  # its point is elsewhere: a place of the same name
    assert event_place.location.coords == pytest.approx((36.5422, 35.4567))


def test_existing_place_at_the_same_point_and_precision_is_reused():
    from django.contrib.gis.geos import Point

    place = PlaceFactory(
        name="Kafr Nabudah", country_code="SY", admin1="Hama", precision=1,
        location=Point(36.5450, 35.4570, srid=4326),  # 250 m away
    )  # fmt: skip
    _import("acled")
    assert Event.objects.get(external_id="SYR101").place == place


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson"])
def test_reimport_creates_nothing_new(fmt):
    first = _import(fmt)
    before = _counts()
    second = _import(fmt)
    assert _counts() == before
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.rows)


def test_reimport_updates_changed_fields_and_keeps_status_and_title(tmp_path):
    _import("acled", _acled_csv(tmp_path, [{"fatalities": "2"}]), status="published")
    event = Event.objects.get(external_id="SYR900")
    event.title = "Clashes at Kabani (curated)"
    event.save()
    report = _import("acled", _acled_csv(tmp_path, [{"fatalities": "5"}]))
    assert (report.created, report.updated) == (0, 1)
    event.refresh_from_db()
    assert event.fatalities_best == 5
    assert event.status == Event.Status.PUBLISHED  # --status applies to new events
    assert event.title == "Clashes at Kabani (curated)"  # ACLED has no title column


def test_acled_publisher_does_not_duplicate_a_richer_citation():
    _import("geojson")  # SANA cited with a title and a stance
    event = Event.objects.get(external_id="demo-7")
    event.external_dataset, event.external_id = "acled", "SYR101"
    event.save()
    _import("acled")  # SYR101 cites 'SANA' as a bare publisher
    assert event.event_sources.filter(source__publisher="SANA").count() == 1
