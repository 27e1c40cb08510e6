"""Standalone map export: offline HTML, escaping, visibility, filters, CLI, browser."""

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils.html import escape

from events import services as event_services
from events.models import Event, EventSource
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from maps import services as export_services
from maps.management.commands import export_map
from maps.standalone import drawing, map_page, offline_assets
from maps.tests import browser as browser_tools
from places.tests.factories import PlaceFactory

IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(1)</script>"
TEMPLATE = "`${alert(1)}` \\u0041 \u2028"
HOSTILE = f"{IMG} {BREAKOUT} {TEMPLATE}"
FETCHING = {
    "script": {"src"},
    "link": {"href"},
    "img": {"src", "srcset"},
    "iframe": {"src"},
    "embed": {"src"},
    "object": {"data"},
    "source": {"src", "srcset"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "image": {"href", "xlink:href"},
    "use": {"href", "xlink:href"},
    "input": {"src"},
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)", re.IGNORECASE)


class Page(HTMLParser):
    """What a browser would fetch on open, plus the page's text and scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.css: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._stack: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name, value in attrs:
            if value and name in FETCHING.get(tag, ()):
                self.fetched.append(value)
            if value and name == "style":
                self.css.append(value)
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        current = self._stack[-1] if self._stack else ""
        if current == "style":
            self.css.append(data)
        elif current == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)

    def css_urls(self) -> list[str]:
        return [
            u for css in self.css for u in CSS_URL.findall(css) + IMPORT.findall(css)
        ]


def network_urls(html: str) -> list[str]:
    page = Page(html)
    urls = page.fetched + page.css_urls()
    return [u for u in urls if not u.strip().lower().startswith(("data:", "#"))]


def popups(html: str) -> list[dict]:
    """The event data handed to the page's popup builder, decoded as the browser would."""
    found = re.findall(r"\n\s*conflictmapEvents = (\[.*\]);\n", html)
    assert len(found) <= 1
    return json.loads(found[0]) if found else []


def feature(pk=1, *, title="Clash", lon=36.5, lat=35.4, **props) -> dict:
    properties = {
        "title": title,
        "date_start": "2019-07-15",
        "date_label": "15 July 2019",
        "type": {
            "slug": "armed-clash",
            "name": "Armed clash",
            "color": "#d62728",
            "parent_slug": "battles",
            "parent_name": "Battles",
        },
        "disputed": False,
        "place": {"name": "Kabani", "name_ar": "كباني", "precision": 1},
        "actors": [
            {"id": 1, "name": "NLF", "role": "initiator", "role_label": "Initiator"}
        ],
        "fatalities_best": None,
        "url": f"/events/{pk}/",
        "sources": [
            {
                "publisher": "Daily Sabah",
                "title": "Russia deploying special forces",
                "url": "https://www.dailysabah.com/example",
                "published_at": "2019-07-19T00:07:00Z",
                "stance": "claims",
                "stance_label": "Claims",
                "speaker": "Naji Mustafa",
                "quote": "These special Russian forces are now present",
            }
        ],
    }
    properties.update(props)
    return {
        "type": "Feature",
        "id": pk,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


# -- render_event_map: pure -----------------------------------------------------------


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


# -- the service and the command ------------------------------------------------------


def published_event(title: str, **kwargs) -> Event:
    return EventFactory(title=title, status=Event.Status.PUBLISHED, **kwargs)


def titles(path: Path) -> set[str]:
    return {popup["title"] for popup in popups(path.read_text(encoding="utf-8"))}


@pytest.mark.django_db
def test_command_writes_an_offline_file(tmp_path):
    published_event("Kabani clash")
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    html = out.read_text(encoding="utf-8")
    assert titles(out) == {"Kabani clash"}
    assert network_urls(html) == []
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.IN_REVIEW, Event.Status.RETRACTED]
)
def test_command_exports_only_published_events(tmp_path, status):
    published_event("Public one")
    EventFactory(title="Hidden one", status=status)
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    assert titles(out) == {"Public one"}
    assert "Hidden one" not in out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_command_skips_events_without_a_location(tmp_path):
    published_event("Placed")
    published_event("Unplaced", place=PlaceFactory(name="Nowhere", location=None))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    assert titles(out) == {"Placed"}


@pytest.mark.django_db
def test_command_popups_carry_sources_and_actors(tmp_path):
    event = published_event("Humaymat recaptured")
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="Daily Sabah", url="https://example.org/a"),
        stance=EventSource.Stance.CLAIMS,
        speaker="NLF spokesman",
    )
    EventSourceFactory(
        event=event,
        source=SourceFactory(publisher="TASS"),
        stance=EventSource.Stance.DENIES,
    )
    event_services.event_refresh_disputed(event=event)
    EventActorFactory(event=event, actor=ActorFactory(name="Russian armed forces"))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), stdout=io.StringIO())
    (popup,) = popups(out.read_text(encoding="utf-8"))
    assert popup["disputed"] is True
    assert [(s["publisher"], s["stance_label"]) for s in popup["sources"]] == [
        ("Daily Sabah", "Claims"),
        ("TASS", "Denies"),
    ]
    assert popup["sources"][0]["speaker"] == "NLF spokesman"
    assert popup["actors"][0]["name"] == "Russian armed forces"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "battles"], {"Clash"}),
        (["--type", "air-drone-strike"], {"Strike"}),
        (["--date-from", "2019-07-10"], {"Strike"}),
        (["--date-to", "2019-07-10"], {"Clash"}),
        (["--in-bbox", "36.0,35.0,36.55,35.5"], {"Clash"}),
        (["--actor", "Tiger Forces"], {"Strike"}),
        (["--disputed", "true"], {"Clash"}),
        (["--disputed", "false"], {"Strike"}),
    ],
)
def test_command_filters_like_the_api(tmp_path, args, expected):
    clash = published_event(
        "Clash",
        date_start=dt.date(2019, 7, 1),
        place=PlaceFactory(name="Kabani", location=Point(36.5, 35.4)),
    )
    EventSourceFactory(event=clash, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=clash, stance=EventSource.Stance.DENIES)
    event_services.event_refresh_disputed(event=clash)
    strike = published_event(
        "Strike",
        event_type=event_type("air-drone-strike"),
        date_start=dt.date(2019, 7, 18),
        place=PlaceFactory(name="Kafr Nabudah", location=Point(36.6, 35.6)),
    )
    EventActorFactory(event=strike, actor=ActorFactory(name="Tiger Forces"))
    out = tmp_path / "map.html"
    call_command("export_map", "--out", str(out), *args, stdout=io.StringIO())
    assert titles(out) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--in-bbox", "36,35"], "--in-bbox: Expected in_bbox=min_lon,min_lat"),
        (["--date-from", "19/07/2019"], "--date-from: Enter a valid date"),
        (["--type", "no-such-type"], "--type: Unknown event type: no-such-type"),
        (["--disputed", "maybe"], "--disputed: Expected disputed=true"),
        (
            ["--date-from", "2019-07-20", "--date-to", "2019-07-01"],
            "--date-to: date_to must not be before date_from",
        ),
    ],
)
def test_command_rejects_bad_filters_and_writes_nothing(tmp_path, args, message):
    published_event("Clash")
    out = tmp_path / "map.html"
    with pytest.raises(CommandError, match="Invalid filters") as raised:
        call_command("export_map", "--out", str(out), *args)
    assert message in str(raised.value)
    assert raised.value.returncode != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_command_line_exits_non_zero_with_a_message(tmp_path, capsys, monkeypatch):
    # run_from_argv closes connections when done; keep the test transaction's.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    out = tmp_path / "map.html"
    argv = ["manage.py", "export_map", "--out", str(out), "--in-bbox", "a,b,c,d"]
    with pytest.raises(SystemExit) as exited:
        export_map.Command().run_from_argv(argv)
    assert exited.value.code == 1
    assert "--in-bbox: Expected in_bbox=" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.django_db
def test_command_refuses_a_missing_folder(tmp_path):
    out = tmp_path / "missing" / "map.html"
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_map", "--out", str(out))
    assert not out.parent.exists()


@pytest.mark.django_db
def test_failed_export_keeps_the_previous_file(tmp_path, monkeypatch):
    published_event("Clash")
    out = tmp_path / "map.html"
    out.write_text("previous export", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_services.os, "replace", explode)
    with pytest.raises(RuntimeError):
        export_services.map_export_create(out_path=out)
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.django_db
def test_export_without_out_path_goes_to_default_storage(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    published_event("Clash")
    result = export_services.map_export_create()
    saved = Path(result.path)
    assert saved.parent == tmp_path / "exports"
    assert saved.name.startswith("conflictmap-")
    assert titles(saved) == {"Clash"}


@pytest.mark.django_db
def test_export_is_capped_and_says_so(tmp_path):
    for day in (1, 2, 3):
        published_event(f"Day {day}", date_start=dt.date(2019, 7, day))
    out = tmp_path / "map.html"
    err = io.StringIO()
    call_command(
        "export_map",
        "--out",
        str(out),
        "--limit",
        "2",
        stdout=io.StringIO(),
        stderr=err,
    )
    assert titles(out) == {"Day 3", "Day 2"}  # newest first
    assert "More events match" in err.getvalue()
    assert "newest 2 shown" in out.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_events(django_assert_max_num_queries):
    for n in range(12):
        event = published_event(f"Event {n}")
        EventSourceFactory(event=event)
        EventActorFactory(event=event)
    with django_assert_max_num_queries(6):
        result = export_services.map_export_render()
    assert result.count == 12


# -- the browser: opened from disk, nothing leaves file:// ----------------------------


@pytest.mark.browser
@pytest.mark.django_db
def test_exported_file_renders_offline_in_chromium(tmp_path, settings):
    from playwright.sync_api import sync_playwright

    settings.SITE_URL = "https://conflictmap.example"
    hostile = published_event(
        HOSTILE, place=PlaceFactory(name="Kabani", location=Point(36.45, 35.75))
    )
    EventSourceFactory(
        event=hostile,
        source=SourceFactory(
            publisher=HOSTILE, url="https://example.org/report?a=1&b=2"
        ),
        stance=EventSource.Stance.CLAIMS,
        quote=BREAKOUT,
    )
    disputed = published_event(
        "Humaymat hilltops regained",
        place=PlaceFactory(name="Humaymat", location=Point(36.66, 35.48)),
    )
    EventSourceFactory(event=disputed, stance=EventSource.Stance.CLAIMS)
    EventSourceFactory(event=disputed, stance=EventSource.Stance.DENIES)
    event_services.event_refresh_disputed(event=disputed)
    published_event(
        "Air strikes on Kafr Nabudah",
        event_type=event_type("air-drone-strike"),
        place=PlaceFactory(name="Kafr Nabudah", location=Point(36.51, 35.44)),
    )
    # Same place and day as the hostile event, created last: drawn on top of it.
    published_event("Kabani shelled", place=hostile.place)
    EventFactory(title="Draft", status=Event.Status.DRAFT)
    out = tmp_path / "export.html"
    call_command(
        "export_map",
        "--out",
        str(out),
        "--title",
        "Idlib, July 2019",
        stdout=io.StringIO(),
    )

    requests, dialogs, errors = [], [], []
    with sync_playwright() as playwright:
        browser = browser_tools.launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 750})
            page.on("request", lambda request: requests.append(request.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(out.as_uri())
            page.wait_for_selector("path.cm-event")
            assert page.locator("path.cm-event").count() == 4
            assert page.locator("path.cm-disputed").count() == 1
            page.locator("path.cm-event").last.click()  # "Kabani shelled", on top
            page.locator(".leaflet-popup-content").wait_for()
            headings = page.locator(".leaflet-popup-content h3").all_inner_texts()
            assert headings[0] == "Kabani shelled"
            assert "Also at this place (1)" in page.locator(".cm-also").inner_text()
            assert IMG in headings[1]  # the hostile title, shown as text,
            assert BREAKOUT in headings[1]
            assert page.locator("img").count() == 0  # not parsed as markup
            source = page.locator(".leaflet-popup-content li a")
            assert source.get_attribute("href") == "https://example.org/report?a=1&b=2"
            assert source.get_attribute("rel") == "noopener noreferrer"
            assert IMG in source.inner_text()
            assert BREAKOUT in page.locator(".leaflet-popup-content q").inner_text()
            permalinks = page.get_by_role("link", name="Open on ConflictMap")
            assert permalinks.nth(1).get_attribute("href") == (
                f"https://conflictmap.example/events/{hostile.pk}/"
            )
            page.wait_for_timeout(300)
            shot = browser_tools.OUTPUT / "export.png"
            shot.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(shot))
        finally:
            browser.close()
    assert requests  # the page itself, at least
    assert [url for url in requests if not url.startswith("file://")] == []
    assert dialogs == []
    assert errors == []
