"""The map, popups, URL filters and a cross-origin embed in Debian's Chromium."""

import base64
import contextlib
import copy
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from events import selectors
from events.models import EventSource
from maps.forms import EventFilterForm
from maps.tests.browser import live_page, open_popup, screenshot

pytestmark = [
    pytest.mark.browser,
    # The live server thread needs committed data; serialized_rollback restores the
    # seeded event types that the flush after each transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PNG = base64.b64decode(  # 1×1 pixel: a stand-in map tile
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def demo(transactional_db) -> None:
    call_command("load_demo", verbosity=0)
    assert selectors.event_list_public().exists(), "load_demo made no located events"


@pytest.fixture
def page(demo, live_server, monkeypatch, chromium) -> Iterator:
    """A Chromium page whose requests may not leave this machine (a new context of
    the module's Chromium)."""
    with live_page(monkeypatch, shared=chromium) as (page, guard):
        page.guard = guard
        yield page
    assert guard.blocked == [], "requests left 127.0.0.1"
    assert guard.errors == [], (
        "console errors (CSP violations, failed loads, JS errors)"
    )


def wait_ready(target) -> None:
    target.locator("body[data-map-state=ready]").wait_for(timeout=15000)


def public_count(**query: str) -> int:
    form = EventFilterForm(query)
    assert form.is_valid(), form.errors
    return selectors.event_list_public(filters=form.to_filters()).count()


def names(links, *, denies: bool) -> set[str]:
    return {
        link.speaker or link.source.publisher
        for link in links
        if (link.stance == EventSource.Stance.DENIES) == denies
    }


def test_map_markers_and_popups_show_sources_and_disputes(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    events = list(selectors.event_list_public())
    assert page.locator("path.cm-marker").count() == len(events)
    disputed = [event for event in events if event.disputed]
    assert disputed, "the demo has a disputed event"
    assert page.locator("path.cm-marker--disputed").count() == len(disputed)
    assert page.locator("#event-list li[data-event-id]").count() == len(events)
    assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()

    # An ordinary event: every source with its stance and publisher.
    plain = next(e for e in events if not e.disputed and e.event_sources.exists())
    popup = open_popup(page, plain)
    shown = popup.locator(".sources .source")
    links = list(selectors.event_get_public(plain.pk).event_sources.all())
    assert shown.count() == len(links)
    for index, link in enumerate(links):
        item = shown.nth(index)
        assert item.locator(".stance").inner_text().lower() == link.stance
        assert item.locator(".source__publisher").inner_text() == link.source.publisher
    for anchor in popup.locator(".sources a").all():
        assert anchor.get_attribute("href").startswith(("http://", "https://"))
        assert anchor.get_attribute("rel") == "noopener noreferrer"
    screenshot(page, "map-popup.png")

    # A disputed event: who reports or claims it, and who denies it.
    event = disputed[0]
    links = list(selectors.event_get_public(event.pk).event_sources.all())
    claimed, denied = names(links, denies=False), names(links, denies=True)
    assert claimed
    assert denied
    popup = open_popup(page, event)
    assert popup.locator(".badge--disputed").inner_text() == "Disputed"
    claims = popup.locator(".cm-popup__claims").inner_text()
    denials = popup.locator(".cm-popup__denials").inner_text()
    assert all(name in claims for name in claimed)
    assert all(name in denials for name in denied)
    assert not any(name in claims for name in denied - claimed)
    stances = [s.lower() for s in popup.locator(".sources .stance").all_inner_texts()]
    assert stances == [link.stance for link in links]
    screenshot(page, "map-disputed.png")


def test_filters_round_trip_through_the_url(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    total = page.locator("path.cm-marker").count()

    page.locator('#legend input[value="battles"]').check()
    page.wait_for_url("**/?type=battles*")
    wait_ready(page)
    battles = public_count(type="battles")
    assert 0 < battles < total
    assert page.locator("path.cm-marker").count() == battles

    page.locator("#filter-date-from").fill("2019-07-10")
    page.locator("#filter-date-from").dispatch_event("change")
    page.wait_for_url("**date_from=2019-07-10**")
    wait_ready(page)
    expected = public_count(type="battles", date_from="2019-07-10")
    assert page.locator("path.cm-marker").count() == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query.pop("at")  # the map view (zoom/lat/lon) is kept too
    assert query == {"type": ["battles"], "date_from": ["2019-07-10"]}

    page.goto(page.url)  # a shared link restores the same view
    wait_ready(page)
    assert page.locator('#legend input[value="battles"]').is_checked()
    assert page.locator("#filter-date-from").input_value() == "2019-07-10"
    assert page.locator("path.cm-marker").count() == expected
    assert "type=battles" in page.locator("#embed-snippet").input_value()

    page.locator("#filters-reset").click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/(\?at=[^&]+)?$"))
    wait_ready(page)
    assert page.locator("path.cm-marker").count() == total

    # A bad value in a shared link is explained, not a crash or a silent reset.
    response = page.goto(live_server.url + "/?date_from=yesterday")
    assert response.status == 400
    page.guard.errors.clear()  # Chromium logs the 400 document itself as an error
    assert "Some filters are invalid" in page.locator(".alert--error").inner_text()
    page.locator("body[data-map-state=error]").wait_for()
    assert "date_from" in page.locator("#map-status").inner_text()
    assert page.locator("#filter-date-from").input_value() == ""  # not a date
    assert page.locator("path.cm-marker").count() == 0


@contextlib.contextmanager
def local_http_server(body: bytes, content_type: str) -> Iterator[tuple[str, list]]:
    """Serve ``body`` for every GET on 127.0.0.1 (own port); yield origin and paths."""
    paths: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=functools.partial(server.serve_forever, 0.1))
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", paths
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture
def other_origin(live_server) -> Iterator[str]:
    """A page on another origin (own port) that frames the embed, like a blog would."""
    html = (
        "<!doctype html><title>A newsroom blog</title><h1>Our story</h1>"
        f'<iframe src="{live_server.url}/embed/?type=battles" width="700" height="480"'
        ' title="ConflictMap"></iframe>'
    ).encode()
    with local_http_server(html, "text/html; charset=utf-8") as (origin, _):
        yield origin + "/"


def test_embed_loads_inside_a_page_of_another_origin(page, live_server, other_origin):
    assert urlsplit(other_origin).netloc != urlsplit(live_server.url).netloc
    page.goto(other_origin)
    frame = page.frame_locator("iframe")
    wait_ready(frame)
    assert frame.locator("path.cm-marker").count() == public_count(type="battles")
    link = frame.locator("a.embed-layout__link")
    assert link.inner_text().startswith("View on ConflictMap")
    assert link.get_attribute("href") == "/?type=battles"
    assert frame.locator(".embed-legend").count() == 1
    assert frame.locator(".site-header").count() == 0
    assert "Natural Earth" in frame.locator(".leaflet-control-attribution").inner_text()
    screenshot(page, "embed-other-origin.png")


@pytest.fixture
def tile_server() -> Iterator[tuple[str, list]]:
    """A local tile server (a 1×1 PNG for every tile); outlives the page fixture."""
    with local_http_server(PNG, "image/png") as server:
        yield server


def test_configured_tile_server_replaces_the_offline_countries(
    tile_server, page, live_server, settings
):
    origin, paths = tile_server
    settings.MAP_TILE_URL = origin + "/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Tiles: local test server"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"] = [*policy["DIRECTIVES"]["img-src"], origin]
    settings.CONTENT_SECURITY_POLICY = policy
    page.goto(live_server.url + "/")
    wait_ready(page)
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    assert paths
    assert all(re.fullmatch(r"/\d+/\d+/\d+\.png", path) for path in paths)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Tiles: local test server" in attribution
    assert "Natural Earth" not in attribution
    assert (
        page.locator("path.cm-marker").count() == selectors.event_list_public().count()
    )
