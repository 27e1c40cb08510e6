"""The embed page: framable and cacheable, no session, CSRF or admin; its options
(timeline, lock, focus) and its link back to the full map."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from events.tests.factories import (
    EventFactory,
)
from maps.tests.page_fixtures import client, map_config, oembed  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_embed_may_be_framed_and_is_cacheable(client):
    response = client.get("/embed/", {"type": "battles"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control


def test_embed_has_no_session_csrf_or_admin(client):
    response = client.get("/embed/")
    html = response.content.decode()
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "csrfmiddlewaretoken" not in html
    assert "/admin/" not in html
    assert 'class="site-header"' not in html


def test_embed_links_back_to_the_full_map_with_the_same_filters(client):
    response = client.get("/embed/", {"type": "battles", "date_from": "2019-07-01"})
    html = response.content.decode()
    found = re.search(r'<a class="embed-layout__link" href="([^"]+)"', html)
    assert found
    href = found.group(1).replace("&amp;", "&")
    assert "View on ConflictMap" in html
    assert urlsplit(href).path == "/"
    assert parse_qs(urlsplit(href).query) == {
        "type": ["battles"],
        "date_from": ["2019-07-01"],
    }
    config = map_config(response)
    assert config["embed"] is True
    assert config["basemap"]["attribution"].startswith("Basemap: Natural Earth")


def test_embed_explains_invalid_filters_with_400(client):
    response = client.get("/embed/", {"date_to": "yesterday"})
    assert response.status_code == 400
    assert "Some filters are invalid" in response.content.decode()
    assert "X-Frame-Options" not in response.headers


def test_embed_focus_option_reaches_the_map_config(client):
    event = EventFactory()
    assert map_config(client.get("/embed/", {"focus": event.pk}))["focus"] == event.pk
    for junk in ["x", "²", "9" * 5000, "-1"]:
        assert map_config(client.get("/embed/", {"focus": junk}))["focus"] is None


def test_other_pages_refuse_framing(client):
    event = EventFactory()
    assert client.get(event.get_absolute_url()).headers["X-Frame-Options"] == "DENY"
    response = oembed(client, "http://testserver/")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_embed_options_timeline_and_lock(client):
    html = client.get("/embed/").content.decode()
    assert 'id="timeline"' in html
    assert map_config(client.get("/embed/"))["options"] == {
        "timeline": True,
        "lock": False,
        "control": False,
    }
    response = client.get("/embed/?timeline=0&lock=1&type=battles")
    assert 'id="timeline"' not in response.content.decode()
    assert "page--locked" in response.content.decode()
    assert map_config(response)["options"] == {
        "timeline": False,
        "lock": True,
        "control": False,
    }
    assert map_config(client.get("/embed/?control=1"))["options"]["control"] is True


def test_embed_link_back_keeps_filters_and_view_but_not_options(client):
    html = client.get("/embed/?type=battles&at=9/35.5/36.6&lock=1").content.decode()
    found = re.search(r'class="embed-layout__link" href="([^"]+)"', html)
    assert found
    query = parse_qs(urlsplit(found.group(1).replace("&amp;", "&")).query)
    assert query == {"type": ["battles"], "at": ["9/35.5/36.6"]}
