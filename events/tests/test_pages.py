"""Embed builder, corrections log and corrections feed (events/views/pages.py)."""

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from events.models import Correction, Event
from events.services import events as event_services
from events.tests.factories import ActorFactory, EventActorFactory, EventFactory
from events.views import pages

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


class _Audit(HTMLParser):
    """Inline scripts, style attributes and iframes of a page (CSP: none allowed)."""

    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.style_attributes: list[str] = []
        self.iframes: list[dict] = []
        self._script_type = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.style_attributes.append(tag)
        if any(name.startswith("on") for name in attrs):
            self.style_attributes.append(f"{tag} handler")
        if tag == "script":
            self._script_type = None if "src" in attrs else attrs.get("type", "")
        if tag == "iframe":
            self.iframes.append(attrs)

    def handle_data(self, data):
        if self._script_type not in (None, "application/json") and data.strip():
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None


def audit(response) -> _Audit:
    parser = _Audit()
    parser.feed(response.content.decode())
    return parser


def code_of(response) -> str:
    match = re.search(
        r'<textarea id="embed-code"[^>]*>(.*?)</textarea>',
        response.content.decode(),
        re.S,
    )
    assert match, "no embed code on the page"
    return html.unescape(match.group(1))


# --- embed builder -----------------------------------------------------------------


def test_builder_defaults_give_a_fixed_size_iframe_with_the_timeline(client):
    response = client.get("/embed/builder/")
    assert response.status_code == 200
    code = code_of(response)
    assert code == (
        '<iframe src="http://testserver/embed/?timeline=1" width="800" height="600" '
        'title="ConflictMap: conflict events" loading="lazy" '
        'style="border:0;max-width:100%" allowfullscreen></iframe>'
    )
    preview = audit(response).iframes
    assert [frame["src"] for frame in preview] == ["/embed/?timeline=1"]


def test_builder_puts_filters_and_options_in_the_embed_url(client):
    actor = ActorFactory(name="Hay'at Tahrir al-Sham")
    EventActorFactory(actor=actor)
    response = client.get(
        "/embed/builder/",
        {
            "date_from": "2019-04-26",
            "type": ["battles", "explosions-remote-violence"],
            "actor": str(actor.pk),
            "disputed": "true",
            "q": "Kafr Nabudah & co",
            "in_bbox": "35.5,34.5,37.5,36.7",
            "width": "640",
            "height": "480",
            "timeline": "0",
            "lock": "1",
        },
    )
    assert response.status_code == 200
    src = re.search(r'src="([^"]+)"', code_of(response)).group(1)
    url = urlsplit(html.unescape(src))
    assert f"{url.scheme}://{url.netloc}{url.path}" == "http://testserver/embed/"
    assert parse_qs(url.query) == {
        "in_bbox": ["35.5,34.5,37.5,36.7"],
        "date_from": ["2019-04-26"],
        "type": ["battles,explosions-remote-violence"],
        "actor": [str(actor.pk)],
        "disputed": ["true"],
        "q": ["Kafr Nabudah & co"],
        "timeline": ["0"],
        "lock": ["1"],
    }
    assert 'width="640" height="480"' in code_of(response)


def test_builder_preview_loads_the_same_embed(client):
    response = client.get("/embed/builder/", {"disputed": "false", "lock": "1"})
    (frame,) = audit(response).iframes
    assert frame["src"] == "/embed/?disputed=false&timeline=1&lock=1"
    assert frame["width"] == "800"
    embed = client.get(frame["src"])
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed


def test_builder_responsive_code_keeps_the_ratio(client):
    response = client.get(
        "/embed/builder/", {"responsive": "1", "width": "1200", "height": "600"}
    )
    code = code_of(response)
    assert code.startswith(
        '<div style="position:relative;width:100%;aspect-ratio:1200/600">'
    )
    assert "width:100%;height:100%" in code
    assert 'width="' not in code
    (frame,) = audit(response).iframes
    assert "width" not in frame


def test_builder_oembed_url_answers_with_the_iframe(client):
    response = client.get("/embed/builder/", {"disputed": "true", "width": "500"})
    oembed_url = re.search(
        r'id="oembed-url"[^>]*value="([^"]+)"', response.content.decode()
    ).group(1)
    oembed = client.get(html.unescape(oembed_url))
    assert oembed.status_code == 200
    data = oembed.json()
    assert data["type"] == "rich"
    assert data["width"] == 500
    assert "/embed/?disputed=true" in data["html"]


def test_builder_invalid_filters_show_errors_and_no_code(client):
    response = client.get(
        "/embed/builder/", {"date_from": "26/04/2019", "type": "nonsense"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid date." in body
    assert "Unknown event type: nonsense." in body
    assert 'id="embed-code"' not in body
    assert audit(response).iframes == []
    assert 'value="26/04/2019"' in body  # shown back for correction, not lost


@pytest.mark.parametrize("size", ["5", "99999", "abc", "-300"])
def test_builder_refuses_unreasonable_sizes(client, size):
    response = client.get("/embed/builder/", {"width": size})
    assert response.status_code == 400
    assert "<code>width</code>" in response.content.decode()


def test_builder_escapes_hostile_filter_values(client):
    hostile = '"><script>alert(1)</script>'
    response = client.get("/embed/builder/", {"q": hostile})
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert hostile in code_of(response) or "%3Cscript%3E" in code_of(response)


def test_builder_page_keeps_to_the_content_security_policy(client):
    response = client.get("/embed/builder/", {"responsive": "1"})
    body = response.content.decode()
    # The textarea holds the code to copy (escaped text, not markup of this page).
    page = _Audit()
    page.feed(re.sub(r"<textarea.*?</textarea>", "", body, flags=re.S))
    assert page.inline_scripts == []
    assert page.style_attributes == []
    assert '<script src="/static/events/embed-builder.js" defer></script>' in body
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_builder_lists_only_public_actors(client):
    public = ActorFactory(name="Public actor")
    EventActorFactory(actor=public)
    hidden = ActorFactory(name="Draft-only actor")
    EventActorFactory(actor=hidden, event=EventFactory(status=Event.Status.DRAFT))
    body = client.get("/embed/builder/").content.decode()
    assert "Public actor" in body
    assert "Draft-only actor" not in body


def test_site_navigation_links_the_builder_and_corrections(client):
    body = client.get("/embed/builder/").content.decode()
    assert 'href="/embed/builder/"' in body
    assert 'href="/corrections/"' in body


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
    monkeypatch.setattr(pages, "CORRECTIONS_PER_PAGE", 2)
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
    (entry, *_) = _entries(client.get("/corrections/feed/"))
    newest = Correction.objects.order_by("-created_at").first().created_at
    updated = entry.find(f"{ATOM}updated").text
    assert updated.startswith(newest.strftime("%Y-%m-%dT%H:%M:%S"))
