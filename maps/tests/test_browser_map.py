"""Timeline playback, clusters, keyboard list, Arabic and mobile layouts, embed options."""

# ruff: noqa: F811  (the page and demo fixtures are shared with test_browser.py)

import datetime as dt
import gzip
import json
import random
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from events import selectors
from events.filters import EventFilters
from events.models import Event, EventType
from maps.clusters import state as cluster_state
from maps.tests.test_browser import (  # noqa: F401 (fixtures)
    demo,
    page,
    public_count,
    screenshot,
    wait_ready,
)
from places.models import Place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
FIRST_PAINT_BUDGET = 80 * 1024  # bytes, gzip


def marker_ids(page) -> set[str]:
    return set(
        page.locator("path.cm-marker").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('data-event-id'))"
        )
    )


def window_of(page) -> tuple[str, str]:
    raw = page.locator("#timeline").get_attribute("data-window") or "/"
    start, end = raw.split("/")
    return start, end


def test_playback_moves_the_window_and_changes_the_markers(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    page.locator("#timeline[data-ready=true]").wait_for()
    everything = marker_ids(page)
    events = list(selectors.event_list_public())
    assert len(everything) == len(events)
    approximate = {e.place_id for e in events if (e.place.precision or 1) > 1}
    assert approximate, "the demo has approximately placed events"
    assert page.locator("path.cm-halo").count() == len(approximate)
    assert page.locator(".timeline__bar").count() > 0
    assert page.locator(".timeline__span").count() > 0  # approximate dates as spans
    screenshot(page, "timeline-all.png")

    page.locator("#timeline-speed").select_option("4")
    page.locator("#timeline-play").click()
    assert page.locator("#timeline-play").get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "() => (document.querySelector('#timeline').dataset.window || '') !== ''"
    )
    first_start, _ = window_of(page)
    page.wait_for_function(
        "start => document.querySelector('#timeline').dataset.window.split('/')[0] > start",
        arg=first_start,
        timeout=10000,
    )
    page.locator("#timeline-play").click()  # pause
    assert page.locator("#timeline-play").get_attribute("aria-pressed") == "false"
    wait_ready(page)
    page.wait_for_timeout(400)  # a pending debounced request, if any, lands
    wait_ready(page)
    start, end = window_of(page)
    assert start > first_start
    query = parse_qs(urlsplit(page.url).query)
    assert (query["date_from"], query["date_to"]) == ([start], [end])
    shown = marker_ids(page)
    assert len(shown) == public_count(date_from=start, date_to=end)
    assert shown != everything
    screenshot(page, "timeline-playing.png")

    # The window is a keyboard slider too: End moves it to the latest events.
    page.locator("#timeline-body").focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "end => document.querySelector('#timeline').dataset.window.split('/')[1] > end",
        arg=end,
    )
    wait_ready(page)
    page.wait_for_timeout(400)
    wait_ready(page)
    start, end = window_of(page)
    latest = marker_ids(page)
    assert len(latest) == public_count(date_from=start, date_to=end)
    assert latest != shown
    assert page.locator("#filter-date-from").input_value() == start


def test_list_is_keyboard_operable_with_focus_in_and_out_of_popups(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    buttons = page.locator("#event-list .event-list__button")
    assert buttons.count() == selectors.event_list_public().count()
    buttons.first.focus()
    page.keyboard.press("ArrowDown")
    second = buttons.nth(1)
    assert second.evaluate("node => node === document.activeElement")
    event_id = second.evaluate("node => node.closest('li').dataset.eventId")
    page.keyboard.press("Enter")
    popup = page.locator(f'.leaflet-popup .cm-popup[data-event-id="{event_id}"]')
    popup.wait_for()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.leaflet-popup')"
    )
    popup.locator(".sources").wait_for()
    assert page.evaluate(
        "() => document.activeElement.classList.contains('cm-popup__link')"
    )
    screenshot(page, "list-keyboard-popup.png")
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    focused = page.evaluate(
        "() => document.activeElement.closest('li') && document.activeElement.closest('li').dataset.eventId"
    )
    assert focused == event_id
    count = page.locator("#event-count")
    assert count.get_attribute("aria-live") == "polite"


def test_arabic_layout_is_right_to_left(page, live_server):
    page.goto(live_server.url + "/ar/?type=battles")
    wait_ready(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    sidebar = page.locator("#sidebar").bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert sidebar["x"] > map_box["x"]  # the sidebar is on the right
    # The timeline keeps its place hidden until its module is ready (then shown).
    page.locator("#timeline[data-ready=true]").wait_for()
    assert page.locator("#timeline-play").inner_text() == "تشغيل"
    assert "معارك" in page.locator("#legend").inner_text()
    assert page.locator("path.cm-marker").count() == public_count(type="battles")
    # The language switcher keeps the filters: English, same view.
    english = page.locator('.language-switcher a[hreflang="en"]').get_attribute("href")
    assert urlsplit(english).path == "/"
    assert parse_qs(urlsplit(english).query)["type"] == ["battles"]
    page.locator("path.cm-marker").first.click()
    page.locator(".leaflet-popup .sources").wait_for()
    popup = page.locator(".leaflet-popup .cm-popup")
    assert popup.get_attribute("dir") == "rtl"
    assert "المصادر" in popup.inner_text()
    screenshot(page, "map-arabic.png")


def test_mobile_layout(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    wait_ready(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    map_box = page.locator("#map").bounding_box()
    assert map_box["width"] <= 390
    assert map_box["height"] > 250
    # The timeline shows once its histogram has loaded, after the first markers.
    expect(page.locator("#timeline[data-ready=true]")).to_be_visible()
    assert page.locator("path.cm-marker").count() == public_count()
    screenshot(page, "map-mobile.png")


def test_embed_options_lock_and_no_timeline(page, live_server):
    page.goto(live_server.url + "/embed/?lock=1&timeline=0&type=battles")
    wait_ready(page)
    assert page.locator("#timeline").count() == 0
    assert page.locator(".leaflet-control-zoom").count() == 0
    assert page.locator("#map.is-locked").count() == 1
    assert page.locator("path.cm-marker").count() == public_count(type="battles")
    before = page.evaluate(
        "() => document.querySelector('#map').getBoundingClientRect()"
    )
    center = (before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    url_before = page.url
    page.mouse.move(*center)
    page.mouse.down()
    page.mouse.move(center[0] + 150, center[1] + 80, steps=5)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.url == url_before  # a locked view does not move
    screenshot(page, "embed-locked.png")


def test_embed_with_timeline_and_first_paint_budget(page, live_server):
    page.goto(live_server.url + "/embed/")
    wait_ready(page)
    page.locator("#timeline[data-ready=true]").wait_for()
    first_draw = float(page.locator("body").get_attribute("data-first-draw-ms"))
    urls = page.evaluate(
        """t => [location.href].concat(performance.getEntriesByType('resource')
            .filter(e => e.responseEnd <= t).map(e => e.name))""",
        first_draw,
    )
    sizes = {}
    for url in urls:
        with urlopen(url) as response:  # the live server on 127.0.0.1
            sizes[url] = len(gzip.compress(response.read()))
    total = sum(sizes.values())
    # The basemap (countries, and Syria's governorates: 5.6 KB of an 80 KB budget
    # that they once took past it at 10M events, issue 16) loads after the markers.
    assert not any("countries" in url for url in sizes), "basemap after first draw"
    assert not any("governorates" in url for url in sizes), "outlines after first draw"
    page.wait_for_function(
        "performance.getEntriesByType('resource')"
        ".some(e => e.name.includes('syria-governorates'))"
    )
    assert total <= FIRST_PAINT_BUDGET, sizes
    screenshot(page, "embed-timeline.png")


def spread_battles(count: int, seed: int) -> None:
    """`count` published armed clashes at 60 villages spread over Syria."""
    rng = random.Random(seed)
    battles = EventType.objects.get(slug="armed-clash")
    places = Place.objects.bulk_create(
        Place(
            name=f"Village {i}",
            admin1="Idlib",
            location=Point(rng.uniform(35.8, 41.5), rng.uniform(32.5, 37.0), srid=4326),
            precision=1,
            geocode_status=Place.GeocodeStatus.DONE,
        )
        for i in range(60)
    )
    Event.objects.bulk_create(
        Event(
            title=f"Clash {i}",
            event_type=battles,
            date_start=dt.date(2019, 1, 1) + dt.timedelta(days=i % 200),
            place=places[i % len(places)],
            status=Event.Status.PUBLISHED,
        )
        for i in range(count)
    )


@pytest.fixture
def many_events(demo) -> int:
    """500 more published events spread over Syria: more than the map draws one by one."""
    spread_battles(500, seed=7)
    cluster_state.index_reset()
    return selectors.event_list_public().count()


def test_low_zoom_shows_clusters_and_zooming_in_shows_events(
    many_events, page, live_server
):
    page.goto(live_server.url + "/?at=6/35.0/38.5")
    wait_ready(page)
    assert page.locator("body").get_attribute("data-view-mode") == "clusters"
    counts = page.locator(".cm-cluster").evaluate_all(
        "nodes => nodes.map(n => Number(n.dataset.count))"
    )
    assert counts
    shown = sum(counts) + page.locator("path.cm-marker").count()
    assert shown == int(page.locator("body").get_attribute("data-event-count"))
    assert page.locator(".event-list__button--cluster").count() == len(counts)
    screenshot(page, "map-clusters.png")
    page.locator(".event-list__button--cluster").first.click()
    page.wait_for_function(
        "() => document.body.dataset.viewMode === 'events'"
        " && document.body.dataset.mapState === 'ready'",
        timeout=15000,
    )
    assert page.locator("path.cm-marker").count() > 0
    assert "at=" in page.url


def test_download_links_follow_the_filters_and_the_area_in_view(page, live_server):
    page.goto(f"{live_server.url}/?type=battles")
    wait_ready(page)
    link = page.locator("a[data-export-base]").first
    href = link.get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path == "/export/events.geojson"
    assert query["type"] == ["battles"]
    min_lon, min_lat, max_lon, max_lat = map(float, query["in_bbox"][0].split(","))
    assert min_lon < 36.5 < max_lon
    assert min_lat < 35.4 < max_lat
    page.locator("details.downloads summary").click()
    with page.expect_download() as download:
        link.click()
    body = json.loads(download.value.path().read_text(encoding="utf-8"))
    exported = {feature["properties"]["title"] for feature in body["features"]}
    battles = selectors.event_list_public(filters=EventFilters(types=["battles"]))
    assert exported == set(battles.values_list("title", flat=True))
    assert exported  # the demo has battles in view
