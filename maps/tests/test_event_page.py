"""The event page: facts, actors, sources, stances and related events; unpublished and
unlocated events 404; hostile strings escaped; its citation and language."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import re

import pytest
from django.contrib.gis.geos import Point

from events.models import Event, EventRelation, EventSource
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from maps.tests.page_fixtures import HOSTILE, UNPUBLISHED, client, map_config  # noqa: F401 (fixtures)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_event_page_shows_facts_actors_sources_and_related(client):
    place = PlaceFactory(
        name="Humaymat hilltops",
        name_ar="تلال الحميميات",
        admin1="Hama",
        location=Point(36.52, 35.40),
    )
    captured = EventFactory(
        title="Opposition captures the Humaymat hilltops", place=place
    )
    event = EventFactory(
        title="Regime retakes the Humaymat hilltops",
        place=place,
        event_type=event_type("government-regains-territory"),
        summary="With Russian ground forces, the opposition says.",
    )
    EventRelation.objects.create(
        from_event=event, to_event=captured, kind=EventRelation.Kind.REVERSES
    )
    EventActorFactory(event=event, actor=ActorFactory(name="Syrian Arab Army"))
    EventSourceFactory(
        event=event,
        source=SourceFactory(
            publisher="Daily Sabah", url="https://www.dailysabah.com/article"
        ),
        stance=EventSource.Stance.REPORTS,
        quote="The hilltops were regained from the opposition forces.",
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Regime retakes the Humaymat hilltops",
        "15 July 2019",
        "Government regains territory",
        "Humaymat hilltops",
        "تلال الحميميات",
        "Syrian Arab Army",
        "Daily Sabah",
        "Reports",
        "The hilltops were regained from the opposition forces.",
        "Opposition captures the Humaymat hilltops",
        "Reverses",
    ]:
        assert text in html, text
    assert (
        '<a href="https://www.dailysabah.com/article" rel="noopener noreferrer"' in html
    )
    assert f'href="{captured.get_absolute_url()}"' in html
    config = map_config(response)
    assert config["mode"] == "detail"
    assert config["point"]["lat"] == pytest.approx(35.40)
    assert config["point"]["lon"] == pytest.approx(36.52)
    assert "application/json+oembed" in html


def test_event_page_lists_who_claims_and_who_denies(client):
    event = EventFactory(disputed=True)
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="Daily Sabah"),
        stance=EventSource.Stance.CLAIMS,
        speaker="Naji Mustafa (NLF)",
    )
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="TASS"),
        stance=EventSource.Stance.DENIES,
        speaker="Russian Defence Ministry",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "badge--disputed" in html
    assert re.search(r"Reported or claimed by:</strong> Naji Mustafa \(NLF\)", html)
    assert re.search(r"Denied by:</strong> Russian Defence Ministry", html)


def test_event_page_links_only_http_sources(client):
    event = EventFactory()
    EventSourceFactory(
        event=event,
        source=SourceFactory(title="Bad link", url="javascript:alert(1)"),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Bad link" in html
    assert "javascript:" not in html


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_event_page_404_for_unpublished_events(client, status):
    event = EventFactory(status=status)
    assert client.get(f"/events/{event.pk}/").status_code == 404


def test_event_page_404_for_unlocated_events(client):
    event = EventFactory(place=PlaceFactory(name="Nowhere yet", location=None))
    assert client.get(f"/events/{event.pk}/").status_code == 404


def test_event_page_hides_unpublished_related_events(client):
    event = EventFactory()
    draft = EventFactory(title="Draft sibling", status=Event.Status.DRAFT)
    EventRelation.objects.create(from_event=event, to_event=draft)
    assert "Draft sibling" not in client.get(event.get_absolute_url()).content.decode()


def test_event_page_escapes_hostile_strings(client):
    event = EventFactory(title=HOSTILE, summary=HOSTILE)
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher=HOSTILE, title=HOSTILE),
        speaker=HOSTILE,
        quote=HOSTILE,
    )
    EventActorFactory(event=event, actor=ActorFactory(name=f"Actor {HOSTILE}"))
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("&lt;script&gt;alert") >= 5


def test_event_page_has_a_citation_with_its_permalink(client, settings):
    settings.SITE_URL = "https://conflictmap.example"
    place = PlaceFactory(name="Kabani", name_ar="كباني", precision=2)
    event = EventFactory(title="Clashes at Kabani", place=place)
    response = client.get(f"/events/{event.pk}/")
    html = response.content.decode()
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html, re.S)
    assert citation
    assert "Clashes at Kabani" in citation.group(1)
    assert f"https://conflictmap.example/events/{event.pk}/" in citation.group(1)
    assert "كباني" in citation.group(1)
    assert map_config(response)["point"]["precision"] == 2


def test_event_page_in_arabic_links_back_in_arabic(client):
    event = EventFactory(title="Clashes")
    html = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert 'href="/ar/"' in html
    assert "استشهد بهذا الحدث" in html  # "Cite this event"
