"""The map asks for its view snapped to the tile grid (static/maps/tiles.js), so that
small pans and nearby readers ask the same URL; its count label counts the view."""

# ruff: noqa: F811  (the page and demo fixtures are shared with test_browser.py)

import datetime as dt
import math
import random
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from bench import panzoombench
from events import dataversion
from events.models import Event, EventType
from maps.clusters.grid import MAX_GRID_ZOOM, cells_per_axis, mercator
from maps.tests.test_browser import demo, page, wait_ready  # noqa: F401 (fixtures)
from places.models import Place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ZOOM = 7
TILE = 256  # px
PAN = 80  # px: Leaflet's keyboard pan (keyboardPanDelta)
MARGIN = 20  # px between a view's edge and the nearest tile edge
INSIDE, OUTSIDE = 450, 30  # > 400 in all: the map shows clusters


def tiles_module(page) -> str:
    """The URL of static/maps/tiles.js, beside the page's entry module."""
    main = page.locator('script[type="module"]').first.get_attribute("src")
    return main.rsplit("/", 1)[0] + "/tiles.js"


def world_px(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    x, y = mercator(np.array([lon]), np.array([lat]))
    return float(x[0]) * TILE * 2**zoom, float(y[0]) * TILE * 2**zoom


def lon_lat(x: float, y: float, zoom: int) -> tuple[float, float]:
    size = TILE * 2**zoom
    lon = x / size * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / size))))
    return lon, lat


def tile_edge(index: int, zoom: int, *, axis: str) -> float:
    """Longitude (axis x) or latitude (axis y) of a tile grid line; the outer rows
    of the grid reach the poles."""
    n = 2**zoom
    if axis == "x":
        return index / n * 360 - 180
    if index in (0, n):
        return 90.0 if index == 0 else -90.0
    return lon_lat(0, index * TILE, zoom)[1]


def snapped(view: list[float], zoom: int) -> list[float]:
    """The tile grid's cover of ``view``, from the cluster grid's projection."""
    n = 2**zoom
    (x_west, x_east), (y_north, y_south) = mercator(
        np.array([view[0], view[2]]), np.array([view[3], view[1]])
    )
    return [
        tile_edge(math.floor(x_west * n), zoom, axis="x"),
        tile_edge(min(n, math.ceil(y_south * n)), zoom, axis="y"),
        tile_edge(min(n, math.ceil(x_east * n)), zoom, axis="x"),
        tile_edge(math.floor(y_north * n), zoom, axis="y"),
    ]


def test_snap_bbox_covers_the_view_on_the_tile_grid(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    rng = random.Random(16)
    cases = []
    for _ in range(60):
        zoom = rng.randint(2, 16)
        lon, lat = rng.uniform(-170, 170), rng.uniform(-70, 70)
        half = 600 * 360 / (TILE * 2**zoom)  # about a screen's width
        view = [lon - half, lat - half / 2, lon + half, lat + half / 2]
        cases.append([[max(-180, view[0]), max(-85, view[1]), min(180, view[2]),
                       min(85, view[3])], zoom])  # fmt: skip
    cases.append([[-200, -89, 200, 89], 2])  # past the world's edges
    boxes = page.evaluate(
        """async ([url, cases]) => {
            const tiles = await import(url);
            return cases.map(([view, zoom]) => tiles.snapBbox(view, zoom));
        }""",
        [tiles_module(page), cases],
    )
    for (view, zoom), box in zip(cases, boxes, strict=True):
        expected = snapped(view, zoom)
        assert box == pytest.approx(expected, abs=1.01e-4), (view, zoom)
        # The bench pans "as the client snaps" with its own copy of the function.
        assert box == pytest.approx(panzoombench.snap_bbox(view, zoom), abs=1.01e-4)
        # Outward: the box holds the view (what it cuts from the world's edge aside).
        assert box[0] <= max(view[0], -180)
        assert box[1] <= max(view[1], -85)
        assert box[2] >= min(view[2], 180)
        assert box[3] >= min(view[3], 85)
        # On the cluster grid's cell lines (64 px cells, grids up to zoom 12), but
        # for the four decimals: no cell is cut in two.
        if zoom <= MAX_GRID_ZOOM:
            x, y = mercator(np.array(box[::2]), np.array(box[1::2]))
            cells = np.concatenate([x, y]) * cells_per_axis(zoom)
            assert np.abs(cells - np.round(cells)).max() < 0.02, (view, zoom, box)
    assert boxes[-1] == [-180, -90, 180, 90]


def test_count_in_view_is_exact_or_a_range_for_clusters_on_the_edge(page, live_server):
    page.goto(live_server.url + "/")
    wait_ready(page)
    view = [36.0, 35.0, 37.0, 36.0]
    inside = {"lon": 36.5, "lat": 35.5, "count": 7, "bbox": [36.2, 35.2, 36.8, 35.8]}
    edge = {"lon": 36.9, "lat": 35.5, "count": 5, "bbox": [36.8, 35.4, 37.2, 35.6]}
    outside = {"lon": 38.0, "lat": 35.5, "count": 9, "bbox": [37.9, 35.4, 38.1, 35.6]}
    points = [[36.1, 35.1], [36.9, 35.9], [37.1, 35.5]]
    found = page.evaluate(
        """async ([url, view, clusters, points]) => {
            const tiles = await import(url);
            const exact = tiles.countInView(view, [clusters[0], clusters[2]], points);
            const range = tiles.countInView(view, clusters, []);
            return [exact.low, exact.high, range.low, range.high,
                    range.clusters.length];
        }""",
        [tiles_module(page), view, [inside, edge, outside], points],
    )
    assert found == [7 + 2, 7 + 2, 7, 7 + 5, 2]


def view_for(map_size: dict) -> dict:
    """A view at ZOOM in the Libyan desert (no demo events) whose edges lie MARGIN px
    or more inside their tiles, with room to pan PAN px east."""
    width, height = map_size["width"], map_size["height"]
    x0, y0 = world_px(24.0, 25.0, ZOOM)

    def fits(start: float, size: float, room: int) -> bool:
        edges = (math.floor(start) % TILE, math.floor(start + size) % TILE)
        return all(MARGIN <= e <= TILE - MARGIN - room for e in edges)

    x = next(x0 + d for d in range(TILE) if fits(x0 + d - width / 2, width, PAN))
    y = next(y0 + d for d in range(TILE) if fits(y0 + d - height / 2, height, 10))
    lon, lat = lon_lat(x, y, ZOOM)
    return {"lon": lon, "lat": lat, "x": x, "y": y, "w": width, "h": height}


@pytest.fixture
def battles(demo) -> EventType:
    return EventType.objects.get(slug="armed-clash")


def place_events(event_type: EventType, spots: list[tuple[float, float, int]]) -> None:
    """``n`` published events at each (x, y, n) world pixel of ZOOM."""
    places = Place.objects.bulk_create(
        Place(
            name=f"Spot {i}",
            location=Point(*lon_lat(x, y, ZOOM), srid=4326),
            precision=1,
            geocode_status=Place.GeocodeStatus.DONE,
        )
        for i, (x, y, _) in enumerate(spots)
    )
    Event.objects.bulk_create(
        Event(
            title=f"Clash {i}",
            event_type=event_type,
            date_start=dt.date(2019, 1, 1) + dt.timedelta(days=i % 200),
            place=place,
            status=Event.Status.PUBLISHED,
        )
        for place, (_, _, n) in zip(places, spots, strict=True)
        for i in range(n)
    )
    dataversion.clusters_invalidate()  # the page built the index before these


def scattered(rng, left: float, right: float, top: float, bottom: float, n: int):
    """Spots of ``n`` events in all, spread over [left, right] x [top, bottom] px."""
    return [
        (rng.uniform(left, right), rng.uniform(top, bottom), n // 10) for _ in range(10)
    ]


def cluster_requests(page) -> list[str]:
    asked: list[str] = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "/api/v1/clusters/" in request.url else None
        ),
    )
    return asked


def map_size(page, url: str) -> dict:
    page.goto(url)
    wait_ready(page)
    return page.locator("#map").bounding_box()


def test_the_label_counts_the_view_and_small_pans_ask_the_same_url(
    battles, page, live_server
):
    # The embed without its timeline: the map keeps one size from its first request.
    embed = live_server.url + "/embed/?timeline=0"
    view = view_for(map_size(page, embed))
    left, top = view["x"] - view["w"] / 2, view["y"] - view["h"] / 2
    right, bottom = left + view["w"], top + view["h"]
    rng = random.Random(7)
    # INSIDE events well inside the view, OUTSIDE 5-15 px east of its east edge: in
    # its tiles (the box the map asks for), not in view.
    place_events(
        battles,
        scattered(rng, left + 100, right - 100, top + 100, bottom - 100, INSIDE)
        + scattered(rng, right + 5, right + 15, top + 100, bottom - 100, OUTSIDE),
    )
    asked = cluster_requests(page)
    page.goto(f"{embed}&at={ZOOM}/{view['lat']:.6f}/{view['lon']:.6f}")
    wait_ready(page)
    assert page.locator("body").get_attribute("data-view-mode") == "clusters"
    assert len(asked) == 1
    query = parse_qs(urlsplit(asked[0]).query)
    box = [float(v) for v in query["in_bbox"][0].split(",")]
    assert box[2] > lon_lat(right + 15, 0, ZOOM)[0]  # the outside events' tile
    body = page.locator("body")
    # The label counts the view, not the box asked for (which holds all 480 events).
    assert body.get_attribute("data-loaded-count") == str(INSIDE + OUTSIDE)
    assert body.get_attribute("data-event-count") == str(INSIDE)
    assert body.get_attribute("data-event-count-max") == str(INSIDE)
    expect(page.locator("#map-status")).to_have_text(f"{INSIDE} events")

    # A pan inside the same tiles: no request, and the label follows the view.
    page.locator("#map").focus()
    page.keyboard.press("ArrowRight")
    expect(body).to_have_attribute("data-event-count", str(INSIDE + OUTSIDE))
    assert body.get_attribute("data-map-state") == "ready"  # no load was scheduled
    expect(page.locator("#map-status")).to_have_text(f"{INSIDE + OUTSIDE} events")
    assert len(asked) == 1

    # A second reader a few pixels away asks the very same URL (a kept answer).
    other = page.context.new_page()
    other_asked = cluster_requests(other)
    lon, lat = lon_lat(view["x"] + 10, view["y"] + 5, ZOOM)
    other.goto(f"{embed}&at={ZOOM}/{lat:.6f}/{lon:.6f}")
    wait_ready(other)
    assert other_asked == asked


@pytest.fixture
def band(battles, page, live_server) -> dict:
    """INSIDE events about the centre of a view at ZOOM, OUTSIDE events in the band the
    embed's timeline covers (below its map's bottom edge, above the edge of the map
    without it); the embed's URL at that view."""
    tall = map_size(page, live_server.url + "/embed/?timeline=0")
    page.goto(live_server.url + "/embed/")
    page.locator("#timeline[data-ready=true]").wait_for()
    short = page.locator("#map").bounding_box()
    assert short["height"] < tall["height"] - 20, "the timeline takes part of the map"
    x, y = world_px(24.0, 25.0, ZOOM)
    left, right = x - short["width"] / 2 + 50, x + short["width"] / 2 - 50
    hidden = (y + short["height"] / 2 + y + tall["height"] / 2) / 2
    rng = random.Random(8)
    place_events(
        battles,
        scattered(rng, left, right, y - 40, y + 40, INSIDE)
        + scattered(rng, left, right, hidden - 3, hidden + 3, OUTSIDE),
    )
    lon, lat = lon_lat(x, y, ZOOM)
    return {"url": f"{live_server.url}/embed/?at={ZOOM}/{lat:.6f}/{lon:.6f}"}


def test_the_map_has_its_final_size_while_the_timeline_loads(band, page):
    """The timeline keeps its place, unseen, until it shows: the map's first request and
    count are of the visible map (once it took its place after the first markers, and
    the map kept counting, and asking for, its first, taller view)."""
    page.goto(band["url"])
    page.locator("#timeline[data-ready=true]").wait_for()
    wait_ready(page)
    assert page.locator("body").get_attribute("data-event-count") == str(INSIDE)


def test_without_a_timeline_the_map_takes_its_place_and_counts_it(band, page):
    """No dates to show: the timeline goes, the map grows and Leaflet knows it."""
    empty = {"bucket": "day", "date_min": None, "date_max": None, "total": 0,
             "buckets": [], "spans": []}  # fmt: skip
    page.route("**/api/v1/histogram/**", lambda route: route.fulfill(json=empty))
    page.goto(band["url"])
    page.wait_for_function("() => document.querySelector('#timeline').hidden")
    wait_ready(page)
    assert page.locator("body").get_attribute("data-event-count") == str(
        INSIDE + OUTSIDE
    )


def control_requests(page) -> list[str]:
    asked: list[str] = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "/api/v1/control/" in request.url else None
        ),
    )
    return asked


def test_the_control_layer_asks_for_the_view_snapped_as_the_clusters_are(
    battles, page, live_server
):
    """Regression: the control layer asked for the view itself (every pan a new URL,
    no kept answer), not the tile grid's cover of it as the cluster requests."""
    embed = live_server.url + "/embed/?timeline=0&control=1"
    view = view_for(map_size(page, embed))
    left, top = view["x"] - view["w"] / 2, view["y"] - view["h"] / 2
    right, bottom = left + view["w"], top + view["h"]
    rng = random.Random(11)  # events in view and just east of it, as above
    place_events(
        battles,
        scattered(rng, left + 100, right - 100, top + 100, bottom - 100, INSIDE)
        + scattered(rng, right + 5, right + 15, top + 100, bottom - 100, OUTSIDE),
    )
    asked, clusters = control_requests(page), cluster_requests(page)
    page.goto(f"{embed}&at={ZOOM}/{view['lat']:.6f}/{view['lon']:.6f}")
    wait_ready(page)
    page.locator('#map[data-control-ready="true"]').wait_for()
    assert len(asked) == 1
    box = [
        float(v) for v in parse_qs(urlsplit(asked[0]).query)["in_bbox"][0].split(",")
    ]
    west, north = lon_lat(left, top, ZOOM)
    east, south = lon_lat(right, bottom, ZOOM)
    assert box == pytest.approx(snapped([west, south, east, north], ZOOM), abs=1e-4)
    assert box == [  # the very box the cluster request asked for
        float(v) for v in parse_qs(urlsplit(clusters[0]).query)["in_bbox"][0].split(",")
    ]

    # A pan inside the same tiles asks nothing (the label shows the pan was seen).
    page.locator("#map").focus()
    page.keyboard.press("ArrowRight")
    body = page.locator("body")
    expect(body).to_have_attribute("data-event-count", str(INSIDE + OUTSIDE))
    assert page.locator("#map").get_attribute("data-control-ready") == "true"
    assert len(asked) == 1

    # A second reader a few pixels away asks the very same URL.
    other = page.context.new_page()
    other_asked = control_requests(other)
    lon, lat = lon_lat(view["x"] + 10, view["y"] + 5, ZOOM)
    other.goto(f"{embed}&at={ZOOM}/{lat:.6f}/{lon:.6f}")
    wait_ready(other)
    other.locator('#map[data-control-ready="true"]').wait_for()
    assert other_asked == asked
