"""The demo data: every event of the seed article, placed, dated and sourced."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from events import selectors
from events.models import Actor, Event, EventRelation, Source
from places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """load_demo once for the module (every test here reads it), inside a transaction
    rolled back at the module's end. Each test runs in a savepoint within it
    (pytest-django's ``db``), so what a test changes is gone for the next: as when
    each loaded its own, without 3-7 s of load_demo per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo")
        yield
        transaction.set_rollback(True)


def event(title_part: str) -> Event:
    return Event.objects.get(title__icontains=title_part)


def test_every_seed_event_is_published_and_on_the_map(demo):
    assert Event.objects.count() == 8
    assert selectors.event_list_public().count() == 8


SEED_EVENTS = [
    # (title part, start, end, precision, type slug); published 19 July 2019
    ("Astana", dt.date(2017, 5, 1), None, "month", "agreement"),
    ("offensive", dt.date(2019, 4, 26), None, "day", "offensive-launched"),
    (
        "captures",
        dt.date(2019, 7, 8),
        dt.date(2019, 7, 14),
        "week",
        "non-state-actor-overtakes-territory",
    ),
    (
        "retake",
        dt.date(2019, 7, 15),
        dt.date(2019, 7, 18),
        "week",
        "government-regains-territory",
    ),
    (
        "200 air sorties",
        dt.date(2019, 7, 8),
        dt.date(2019, 7, 18),
        "week",
        "air-drone-strike",
    ),
    (
        "special forces",
        dt.date(2019, 7, 15),
        dt.date(2019, 7, 18),
        "week",
        "change-to-group-activity",
    ),
    (
        "Bombardment",
        dt.date(2019, 4, 26),
        dt.date(2019, 7, 18),
        "day",
        "explosions-remote-violence",
    ),
    ("population", dt.date(2017, 5, 1), dt.date(2019, 7, 18), "month", "displacement"),
]


def test_dates_resolve_against_publication_day(demo):
    """One demo load for all eight events ("last week" is 8-14 July, and so on)."""
    found = {
        part: (e.date_start, e.date_end, e.date_precision, e.event_type.slug)
        for part, *_ in SEED_EVENTS
        for e in [event(part)]
    }
    assert found == {part: tuple(rest) for part, *rest in SEED_EVENTS}


def test_special_forces_claim_and_ministry_denial_are_one_disputed_event(demo):
    claim = event("special forces")
    assert claim.disputed is True
    stances = {(s.source.publisher, s.stance) for s in claim.event_sources.all()}
    assert ("TASS", "denies") in stances
    assert ("Reuters", "claims") in stances
    speakers = set(claim.event_sources.values_list("speaker", flat=True))
    assert "Russian Ministry of Defence" in speakers
    assert any("Naji Mustafa" in s for s in speakers)
    assert any("Jamil al-Saleh" in s for s in speakers)
    assert Event.objects.filter(disputed=True).count() == 1


def test_recapture_reverses_the_capture(demo):
    relation = EventRelation.objects.get(
        from_event=event("retake"), to_event=event("captures")
    )
    assert relation.kind == EventRelation.Kind.REVERSES
    actors = {a.actor.name: a.role for a in event("retake").event_actors.all()}
    assert actors["Russian armed forces"] == "supporting"


def test_places_resolve_offline_to_the_right_coordinates(demo):
    expected = {
        "Idlib": (35.78, 36.68, 3),
        "Northern Hama": (35.35, 36.61, 3),
        "Humaymat hilltops": (35.38, 36.55, 2),
    }
    for name, (lat, lon, precision) in expected.items():
        place = Place.objects.get(name=name)
        assert place.lat == pytest.approx(lat, abs=0.05), name
        assert place.lon == pytest.approx(lon, abs=0.05), name
        assert place.precision == precision
        assert place.name_ar, name  # shown beside the English name


def test_actors_and_sources_of_the_article(demo):
    nlf = Actor.objects.get(name="National Liberation Front")
    assert nlf.parent.name == "Syrian armed opposition"
    assert "NLF" in nlf.aliases
    assert Actor.objects.get(name="Tiger Forces").parent.name == (
        "Syrian government forces"
    )
    assert set(Source.objects.values_list("publisher", flat=True)) == {
        "Seed article",
        "Reuters",
        "TASS",
    }


def test_load_demo_is_idempotent(demo, django_capture_on_commit_callbacks):
    counts = [Event.objects.count(), Place.objects.count(), Actor.objects.count()]
    links = sum(e.event_sources.count() for e in Event.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert [
        Event.objects.count(),
        Place.objects.count(),
        Actor.objects.count(),
    ] == counts
    assert sum(e.event_sources.count() for e in Event.objects.all()) == links


def test_a_retracted_demo_event_stays_retracted(
    demo, django_capture_on_commit_callbacks
):
    found = event("Astana")
    found.status = Event.Status.RETRACTED
    found.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    found.refresh_from_db()
    assert found.status == Event.Status.RETRACTED
