"""The embed builder page: filters and options to iframe code, escaping, CSP."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from events.models import Event
from events.tests.factories import ActorFactory, EventActorFactory, EventFactory

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
    assert '<script src="/static/maps/embed-builder.js" defer></script>' in body
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
