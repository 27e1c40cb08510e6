"""The public map page: shell, legend and config, filters kept, 400 on bad filters,
no inline script, no framing, hostile strings escaped."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from events.models import EventType
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
)
from maps.tests.page_fixtures import HOSTILE, client, map_config  # noqa: F401 (fixtures)
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_map_page_renders_shell_legend_and_config(client):
    EventFactory(title="Offensive on Idlib launched")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="map"' in html
    assert "Explosions/Remote violence" in html  # legend from the taxonomy
    config = map_config(response)
    assert config["mode"] == "map"
    assert config["embed"] is False
    assert config["apiUrl"] == "/api/v1/events/"
    assert config["detailApiUrl"] == "/api/v1/events/{id}/"
    assert config["basemap"]["countries"].endswith("basemap/countries.geojson")
    assert {t["slug"] for t in config["legend"]} >= {"battles", "protests"}
    assert config["leaflet"]["center"] == [35.3, 38.5]


def test_map_page_refuses_framing(client):
    assert client.get("/").headers["X-Frame-Options"] == "DENY"


def test_map_page_has_no_inline_script(client):
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [body for attrs, body in scripts if "src=" not in attrs and body.strip()]
    assert all(
        'type="application/json"' in attrs for attrs, body in scripts if body.strip()
    )
    assert len(inline) >= 1  # the json_script config itself, which is data


def test_map_page_has_oembed_discovery_link(client):
    html = client.get("/", {"type": "battles"}).content.decode()
    found = re.search(
        r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html
    )
    assert found
    href = found.group(1).replace("&amp;", "&")
    params = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path == "/oembed"
    assert params["format"] == ["json"]
    assert params["url"] == ["http://testserver/?type=battles"]


def test_map_page_keeps_filters_in_config_and_form(client):
    actor = ActorFactory(name="National Liberation Front")
    EventActorFactory(actor=actor)
    response = client.get(
        "/",
        {
            "date_from": "2019-04-26",
            "type": "battles,air-drone-strike",
            "actor": str(actor.pk),
        },
    )
    assert response.status_code == 200
    assert map_config(response)["filters"] == {
        "date_from": "2019-04-26",
        "type": "battles,air-drone-strike",
        "actor": str(actor.pk),
    }
    html = response.content.decode()
    assert 'name="date_from" value="2019-04-26"' in html
    assert re.search(r'value="battles" checked', html)
    assert re.search(r'value="air-drone-strike" checked', html)
    assert re.search(rf'<option value="{actor.pk}" selected>', html)


def test_map_page_joins_repeated_list_params_from_a_plain_form(client):
    response = client.get("/?type=battles&type=protests")
    assert response.status_code == 200
    assert map_config(response)["filters"]["type"] == "battles,protests"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=19-07-2019", "date_from"),
        ("type=no-such-type", "type"),
        ("disputed=perhaps", "disputed"),
        ("in_bbox=1,2,3", "in_bbox"),
        ("date_from=2019-07-20&date_to=2019-07-01", "date_to"),
    ],
)
def test_map_page_explains_invalid_filters_with_400(client, query, field):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters are invalid" in html
    assert f"<code>{field}</code>" in html
    config = map_config(response)
    assert field in config["errors"]
    # The bad value is kept for correction, not silently dropped.
    assert config["filters"][query.split("=")[0]] == query.split("=")[1].split("&")[0]


def test_map_page_escapes_hostile_strings(client):
    place = PlaceFactory(name=f"Place {HOSTILE}")
    EventFactory(title=HOSTILE, place=place)
    EventActorFactory(actor=ActorFactory(name=f"Actor {HOSTILE}"))
    response = client.get("/", {"q": HOSTILE})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert" in html  # actor option and search box, escaped
    assert map_config(response)["filters"]["q"] == HOSTILE


def test_legend_colours_are_checked_before_use_in_markup(client):
    # Seven characters: fits EventType.color (varchar(7)) on PostgreSQL too.
    EventType.objects.filter(slug="protests").update(color='"><b x=')
    response = client.get("/")
    assert '"><b x=' not in response.content.decode()
    legend = {t["slug"]: t for t in map_config(response)["legend"]}
    assert legend["protests"]["color"] == "#555555"
    assert legend["battles"]["color"] == "#d62728"


def test_map_config_carries_tile_settings(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    config = map_config(client.get("/"))
    assert config["tiles"] == {
        "url": "https://tiles.example.org/{z}/{x}/{y}.png",
        "attribution": "© Example",
    }
    assert config["leaflet"]["layers"] == []  # maps/basemap.js adds the tile layer


def test_map_page_shows_the_place_filter_by_name(client):
    place = PlaceFactory(name="Kafr Nabudah", name_ar="كفر نبودة")
    EventFactory(place=place)
    response = client.get(f"/?place={place.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Place: Kafr Nabudah · كفر نبودة" in html
    assert map_config(response)["filters"]["place"] == str(place.pk)


def test_public_pages_have_a_skip_link(client):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#event-list-heading"' in html
    assert 'id="event-list-heading" tabindex="-1"' in html
