"""oEmbed: rich iframe JSON for map, embed and event URLs; 404, 400 and 501 where due;
site URL, escaping, options and language kept."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from events.tests.factories import (
    EventFactory,
)
from maps.tests.page_fixtures import HOSTILE, UNPUBLISHED, client, iframe_src, oembed  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_oembed_for_the_map_answers_rich_iframe_json(client):
    response = oembed(client, "http://testserver/?type=battles&date_from=2019-04-26")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert body["version"] == "1.0"
    assert body["type"] == "rich"
    assert body["provider_name"] == "ConflictMap"
    assert body["provider_url"] == "http://testserver/"
    assert body["title"]
    assert (body["width"], body["height"]) == (800, 600)
    src = iframe_src(body["html"])
    assert src.startswith("http://testserver/embed/?")
    assert parse_qs(urlsplit(src).query) == {
        "type": ["battles"],
        "date_from": ["2019-04-26"],
    }
    assert 'width="800" height="600"' in body["html"]


def test_oembed_accepts_embed_urls_and_respects_max_size(client):
    url = "http://testserver/embed/?disputed=true&focus=7"
    body = oembed(client, url, maxwidth="480", maxheight="2000").json()
    assert (body["width"], body["height"]) == (480, 600)
    src = iframe_src(body["html"])
    assert parse_qs(urlsplit(src).query) == {"disputed": ["true"], "focus": ["7"]}


def test_oembed_for_an_event_page_focuses_the_event(client):
    event = EventFactory(title="Humaymat hilltops retaken")
    body = oembed(client, f"http://testserver{event.get_absolute_url()}").json()
    assert body["title"].startswith("\u2068Humaymat hilltops retaken\u2069")
    src = iframe_src(body["html"])
    assert parse_qs(urlsplit(src).query) == {"focus": [str(event.pk)]}


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_oembed_404_for_unpublished_event_pages(client, status):
    event = EventFactory(status=status)
    response = oembed(client, f"http://testserver/events/{event.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/",
        "https://evil.example/embed/",
        "javascript:alert(1)",
        "ftp://testserver/",
        "http://testserver/admin/",
        "http://testserver/api/v1/events/",
        "http://testserver/no/such/page",
        "/embed/",
    ],
)
def test_oembed_404_for_urls_that_are_not_our_maps(client, url):
    response = oembed(client, url)
    assert response.status_code == 404
    assert "error" in response.json()


def test_oembed_501_for_xml(client):
    response = oembed(client, "http://testserver/", format="xml")
    assert response.status_code == 501


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"url": "http://testserver/", "maxwidth": "wide"},
        {"url": "http://testserver/", "maxheight": "-5"},
        {"url": "http://testserver/?date_from=nope"},
    ],
)
def test_oembed_400_for_bad_parameters(client, params):
    response = client.get("/oembed", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_oembed_uses_site_url_for_absolute_links(client, settings):
    settings.SITE_URL = "https://conflictmap.example.org"
    body = oembed(client, "https://conflictmap.example.org/?type=protests").json()
    assert body["provider_url"] == "https://conflictmap.example.org/"
    assert iframe_src(body["html"]) == (
        "https://conflictmap.example.org/embed/?type=protests"
    )


def test_oembed_escapes_titles_in_html(client):
    event = EventFactory(title=HOSTILE)
    body = oembed(client, f"http://testserver/events/{event.pk}/").json()
    assert "<script>" not in body["html"]
    assert "&lt;script&gt;" in body["html"]


def test_discovery_link_round_trips_awkward_filter_values(client):
    html = client.get("/", {"q": "Tell Hamamiyat & Kabani"}).content.decode()
    href = re.search(r'type="application/json\+oembed" href="([^"]+)"', html).group(1)
    page_url = parse_qs(urlsplit(href.replace("&amp;", "&")).query)["url"][0]
    assert parse_qs(urlsplit(page_url).query) == {"q": ["Tell Hamamiyat & Kabani"]}


def test_oembed_keeps_embed_options_and_language(client):
    url = "http://testserver/ar/embed/?type=battles&timeline=0&lock=1"
    response = oembed(client, url)
    assert response.status_code == 200
    src = iframe_src(response.json()["html"])
    assert urlsplit(src).path == "/ar/embed/"
    assert parse_qs(urlsplit(src).query) == {
        "type": ["battles"],
        "timeline": ["0"],
        "lock": ["1"],
    }
