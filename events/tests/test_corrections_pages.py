"""The public corrections log and its Atom feed: public entries only, escaped."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from events import selectors_corrections, views
from events import services as event_services
from events.models import Correction, Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


# --- corrections log -----------------------------------------------------------------


@pytest.fixture
def logged():
    corrected = EventFactory(title="Corrected event")
    event_services.event_correct(event=corrected, note="Date fixed: 27, not 26 April.")
    retracted = EventFactory(title="Retracted event")
    event_services.event_retract(event=retracted, reason="Single unverified source.")
    keep = EventFactory(title="Kept event")
    drop = EventFactory(title="Duplicate event")
    event_services.event_merge(keep=keep, drop=drop)
    draft = EventFactory(title="Draft event", status=Event.Status.DRAFT)
    # Not made by the services (only published events get notes); never shown anyway.
    Correction.objects.create(
        event=draft, kind=Correction.Kind.CORRECTION, note="Draft-only note"
    )
    return {"corrected": corrected, "retracted": retracted, "keep": keep, "drop": drop}


def test_corrections_log_lists_every_kind_newest_first(client, logged):
    response = client.get("/corrections/")
    assert response.status_code == 200
    body = response.content.decode()
    titles = ("Duplicate event", "Retracted event", "Corrected event")
    order = [body.index(f">{title}<") for title in titles]
    assert order == sorted(order)
    assert "Date fixed: 27, not 26 April." in body
    assert "Single unverified source." in body
    assert f"Merged into event #{logged['keep'].pk}" in body


def test_corrections_log_links_public_events_only(client, logged):
    body = client.get("/corrections/").content.decode()
    assert f'href="/events/{logged["corrected"].pk}/"' in body
    assert f'href="/events/{logged["retracted"].pk}/"' not in body
    assert f'href="/events/{logged["drop"].pk}/"' not in body
    assert body.count("no longer has a public page") == 2


def test_corrections_log_never_shows_drafts(client, logged):
    body = client.get("/corrections/").content.decode()
    assert "Draft event" not in body
    assert "Draft-only note" not in body


def test_corrections_log_is_paginated(client, logged, monkeypatch):
    monkeypatch.setattr(views, "CORRECTIONS_PER_PAGE", 2)
    first = client.get("/corrections/").content.decode()
    second = client.get("/corrections/?page=2").content.decode()
    assert "Duplicate event" in first
    assert "Corrected event" not in first
    assert "Corrected event" in second
    assert "Duplicate event" not in second
    assert 'rel="next" href="?page=2"' in first
    assert client.get("/corrections/?page=zzz").status_code == 200  # first page


def test_corrections_log_escapes_notes(client):
    event = EventFactory(title="<b>bold</b>")
    event_services.event_correct(event=event, note="<script>alert(1)</script>")
    body = client.get("/corrections/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_corrections_log_when_empty(client):
    response = client.get("/corrections/")
    assert response.status_code == 200
    assert "No corrections so far." in response.content.decode()


# --- Atom feed -----------------------------------------------------------------------


def _entries(response) -> list:
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_feed_has_an_entry_per_public_correction(client, logged):
    entries = _entries(client.get("/corrections/feed/"))
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles == [
        "Merged into another event: Duplicate event",
        "Retraction: Retracted event",
        "Correction: Corrected event",
    ]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    corrected_link = f"http://testserver/events/{logged['corrected'].pk}/"
    assert links[2] == corrected_link
    assert links[1].startswith("http://testserver/corrections/#correction-")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == 3


def test_feed_summaries_are_escaped_html(client):
    event = EventFactory(title="Plain")
    event_services.event_correct(
        event=event, note="<img src=x onerror=alert(1)>\x0b and a tab\tstays"
    )
    response = client.get("/corrections/feed/")
    assert response.status_code == 200
    (entry,) = _entries(response)
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # Feed readers parse the summary as HTML: it must hold the note as text.
    assert "<img" not in summary.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in summary.text


def test_feed_leaves_drafts_out(client, logged):
    body = client.get("/corrections/feed/").content.decode()
    assert "Draft" not in body


def test_feed_entry_dates_are_the_correction_dates(client, logged):
    """Each entry's dates are its own public correction's creation time, exactly.

    Entries are matched to corrections by the id in their guid, never by position or
    by the newest row of the whole table (a draft's note is not in the feed)."""
    entries = _entries(client.get("/corrections/feed/"))
    public = {
        c.pk: c.created_at for c in selectors_corrections.correction_list_public()
    }
    seen = {}
    for entry in entries:
        pk = int(entry.find(f"{ATOM}id").text.rsplit("#correction-", 1)[1])
        for tag in ("updated", "published"):
            stamp = dt.datetime.fromisoformat(entry.find(f"{ATOM}{tag}").text)
            assert stamp == public[pk], (tag, pk)
        seen[pk] = public[pk]
    assert seen == public  # every public correction, and nothing else
