"""Standalone map rendering (maps.standalone): offline (Leaflet and basemap inlined,
nothing fetched), one marker per event, popups, legend, hostile strings inert."""

import json
import re

import pytest
from django.utils.html import escape

from maps.standalone import drawing, map_page, offline_assets
from maps.tests.export_pages import HOSTILE, IMG, Page, feature, network_urls, popups


def test_render_fetches_nothing_from_the_network():
    html = map_page.render_event_map([feature(1), feature(2, lon=36.6)], title="Map")
    assert network_urls(html) == []
    assert "L.tileLayer" not in html
    assert "{z}" not in html  # no tile URL template


def test_render_inlines_leaflet_instead_of_linking_a_cdn():
    page = Page(map_page.render_event_map([feature()], title="Map"))
    scripts = "".join(page.scripts)
    assert "L.circleMarker" in scripts
    assert 'version="1.9' in scripts  # Leaflet itself, inlined
    assert not [tag for tag, attrs in page.tags if tag == "link"]
    assert not [attrs for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    assert "sourceMappingURL" not in scripts


def test_render_draws_one_circle_marker_per_event_with_type_colour():
    features = [feature(1), feature(2, lon=36.7), feature(3, lon=36.8)]
    html = map_page.render_event_map(features, title="Map")
    assert html.count("L.circleMarker(") == 3
    assert html.count('"fillColor": "#d62728"') == 3
    assert [p["id"] for p in popups(html)] == [1, 2, 3]


def test_render_links_events_at_the_same_place():
    html = map_page.render_event_map(
        [feature(1), feature(2, lon=36.9), feature(3)], title="Map"
    )
    binds = re.findall(r"conflictmapBind\(\s*\w+, (\d+), (\[[^\]]*\]),\s*(\d+)", html)
    assert [(int(i), json.loads(o), int(n)) for i, o, n in binds] == [
        (0, [2], 1),
        (1, [], 0),
        (2, [0], 1),
    ]


def test_render_puts_lat_before_lon_for_leaflet():
    html = map_page.render_event_map([feature(lon=36.5089, lat=35.4386)], title="Map")
    assert re.search(r"L\.circleMarker\(\s*\[35\.4386, 36\.5089\]", html)


def test_render_styles_disputed_events_apart():
    html = map_page.render_event_map(
        [feature(1), feature(2, disputed=True)], title="Map"
    )
    markers = re.findall(r"L\.circleMarker\(\s*\[[^\]]*\],\s*(\{.*\})", html)
    options = [json.loads(m) for m in markers]
    assert options[0]["dashArray"] is None
    assert options[1]["dashArray"]
    assert "cm-disputed" in options[1]["className"]
    assert "Disputed (sources disagree)" in "".join(Page(html).text)


def test_render_legend_lists_top_level_types_present():
    strike = {
        "slug": "air-drone-strike",
        "name": "Air/drone strike",
        "color": "#ff7f0e",
        "parent_slug": "explosions-remote-violence",
        "parent_name": "Explosions/Remote violence",
    }
    html = map_page.render_event_map([feature(1), feature(2, type=strike)], title="Map")
    text = "".join(Page(html).text)
    assert "Battles" in text
    assert "Explosions/Remote violence" in text
    assert "Protests" not in text


def test_render_popup_data_carries_sources_with_stance_and_link():
    (popup,) = popups(map_page.render_event_map([feature()], title="Map"))
    assert popup["title"] == "Clash"
    assert popup["date"] == "15 July 2019"
    assert popup["type"] == "Battles / Armed clash"
    assert popup["place"] == "Kabani"
    assert popup["actors"] == [{"name": "NLF", "role": "Initiator"}]
    (source,) = popup["sources"]
    assert source["stance_label"] == "Claims"
    assert source["url"] == "https://www.dailysabah.com/example"
    assert source["published_at"] == "2019-07-19"


def test_render_drops_non_http_source_links():
    bad = [
        {"publisher": "A", "url": "javascript:alert(1)"},
        {"publisher": "B", "url": "data:text/html,<script>alert(1)</script>"},
        {"publisher": "C", "url": "/relative"},
    ]
    (popup,) = popups(map_page.render_event_map([feature(sources=bad)], title="Map"))
    assert [s["url"] for s in popup["sources"]] == ["", "", ""]
    assert "javascript:" not in map_page.render_event_map(
        [feature(sources=bad)], title="Map"
    )


def test_render_keeps_hostile_strings_inert():
    hostile = feature(
        title=HOSTILE,
        place={"name": HOSTILE, "name_ar": HOSTILE},
        actors=[{"id": 1, "name": HOSTILE, "role_label": HOSTILE}],
        summary=HOSTILE,
        sources=[
            {
                "publisher": HOSTILE,
                "title": HOSTILE,
                "url": "https://example.org/?q=</script>",
                "stance_label": HOSTILE,
                "speaker": HOSTILE,
                "quote": HOSTILE,
            }
        ],
    )
    hostile["properties"]["type"]["name"] = HOSTILE
    hostile["properties"]["type"]["parent_name"] = HOSTILE
    html = map_page.render_event_map([hostile], title=HOSTILE)
    assert IMG not in html
    assert "alert(1)</script>" not in html
    # Every <script> the parser sees is one we wrote: no early close, no new script.
    assert html.lower().count("<script") == html.lower().count("</script>")
    page = Page(html)
    assert len(page.scripts) == html.lower().count("<script")
    assert not [tag for tag, _ in page.tags if tag == "img"]
    # The strings still arrive intact, as text.
    (popup,) = popups(html)
    assert popup["title"] == HOSTILE
    assert popup["sources"][0]["quote"] == HOSTILE
    assert f"<title>{escape(HOSTILE)}</title>" in html
    assert HOSTILE in "".join(page.text)  # the heading and legend, decoded


def test_render_rejects_bad_colours_in_markup():
    bad_type = {"name": "X", "color": "red;}</style><script>alert(1)</script>"}
    html = map_page.render_event_map([feature(type=bad_type)], title="Map")
    assert "alert(1)" not in html
    assert f"background:{drawing.DEFAULT_COLOR}" in html


def test_render_with_no_events_says_so():
    html = map_page.render_event_map([], title="Empty")
    assert "No events match" in "".join(Page(html).text)
    assert "L.circleMarker(" not in html
    assert network_urls(html) == []


def test_render_inlines_the_offline_basemap():
    html = map_page.render_event_map([feature()], title="Map")
    assert "L.geoJSON(" in html
    assert "Natural Earth" in html
    assert '"Syria"' in html or "Aleppo" in html


def test_assert_offline_catches_a_cdn_link():
    page = '<html><head><script src="https://cdn.example/x.js"></script></head></html>'
    with pytest.raises(offline_assets.OfflineAssetError):
        offline_assets.assert_offline(page)
    with pytest.raises(offline_assets.OfflineAssetError):
        offline_assets.assert_offline(
            "<style>a{background:url(http://x/y.png)}</style>"
        )
