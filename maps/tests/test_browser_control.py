"""The control layer in a real browser: the seed's Humaymat hilltops (point and
outline) change colour as the timeline's date moves, and a place's popup shows its control history."""

# ruff: noqa: F811  (the page and demo fixtures are shared with test_browser.py)
import re

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from playwright.sync_api import expect

from events.models import Event
from maps.tests.test_browser import (  # noqa: F401 (fixtures)
    demo,
    page,
    screenshot,
    wait_ready,
)
from places.models import Place

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _control_at(page, live_server, day: str, path: str = "/"):
    page.goto(f"{live_server.url}{path}?control=1&date_to={day}")
    wait_ready(page)
    page.locator(
        f'#map[data-control-ready="true"][data-control-date="{day}"]'
    ).wait_for()


def _hilltops(page):
    place = Place.objects.get(name="Humaymat hilltops")
    return page.locator(f'path.cm-control[data-place-id="{place.pk}"]')


def _outline(page):
    place = Place.objects.get(name="Humaymat hilltops")
    return page.locator(f'path.cm-control-area[data-place-id="{place.pk}"]')


def _give_the_hilltops_an_area() -> None:
    """An outline around the seed's point (the seed has none): ±0.02° square."""
    place = Place.objects.get(name="Humaymat hilltops")
    lon, lat = place.location.x, place.location.y
    ring = [(lon - 0.02, lat - 0.02), (lon + 0.02, lat - 0.02),
            (lon + 0.02, lat + 0.02), (lon - 0.02, lat + 0.02),
            (lon - 0.02, lat - 0.02)]  # fmt: skip
    place.area = MultiPolygon(Polygon(ring), srid=4326)
    place.save()  # commits: the data version moves, the layer rebuilds


def test_seed_hilltops_change_hands_on_the_timeline(page, live_server, client):
    _give_the_hilltops_an_area()
    api = "/api/v1/control/?date=%s"
    opposition = client.get(api % "2019-07-10").json()["features"][0]["properties"]
    regime = client.get(api % "2019-07-25").json()["features"][0]["properties"]
    assert opposition["color"] != regime["color"]

    _control_at(page, live_server, "2019-07-01")  # before the capture: not drawn
    expect(_hilltops(page)).to_have_count(0)
    expect(_outline(page)).to_have_count(0)

    _control_at(page, live_server, "2019-07-10")  # between capture and recapture
    expect(_hilltops(page)).to_have_attribute("fill", opposition["color"])
    # The area's outline takes the controller's colour too.
    expect(_outline(page)).to_have_attribute("stroke", opposition["color"])
    expect(_hilltops(page)).to_have_class(
        re.compile(r"cm-control--uncertain")
    )  # week precision: the capture's date window
    legend = page.locator(".control-legend")
    expect(legend).to_contain_text("Control on 2019-07-10")
    screenshot(page, "control-2019-07-10.png")

    _control_at(page, live_server, "2019-07-25")  # after the recapture
    expect(_hilltops(page)).to_have_attribute("fill", regime["color"])
    expect(_outline(page)).to_have_attribute("stroke", regime["color"])
    screenshot(page, "control-2019-07-25.png")


def test_popup_shows_the_control_history_with_sources(page, live_server):
    _control_at(page, live_server, "2019-07-25")
    _hilltops(page).click()
    popup = page.locator(".leaflet-popup .cm-control-popup")
    expect(popup).to_contain_text("Held by Syrian government forces")
    popup.locator(".cm-control-popup__history").click()
    periods = popup.locator(".cm-control-history__period")
    expect(periods).to_have_count(2)
    capture = Event.objects.get(title="Opposition captures the Humaymat hilltops")
    expect(periods.first.locator(".cm-control-history__event")).to_have_text(
        capture.title
    )
    expect(periods.nth(1).locator(".source__publisher")).to_have_count(2)


def test_the_toggle_turns_the_layer_on_and_keeps_it_in_the_address(page, live_server):
    page.goto(f"{live_server.url}/?date_to=2019-07-25")
    wait_ready(page)
    expect(page.locator("path.cm-control")).to_have_count(0)
    page.locator("#control-toggle").check()
    page.locator('#map[data-control-ready="true"]').wait_for()
    expect(_hilltops(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"control=1"))
    # The standalone map download takes the layer too; the data downloads do not.
    standalone = page.locator("a[data-export-control]")
    expect(standalone).to_have_attribute("href", re.compile(r"control=1"))
    geojson = page.locator('a[data-export-base="/export/events.geojson"]')
    expect(geojson).not_to_have_attribute("href", re.compile(r"control=1"))


def test_embed_with_control_draws_the_layer(page, live_server):
    _control_at(page, live_server, "2019-07-25", path="/embed/")
    expect(_hilltops(page)).to_have_count(1)


def test_a_view_with_too_many_places_shows_cells_that_zoom_in(
    page, live_server, settings
):
    settings.CONTROL_MAX_PLACES = 0  # the seed's one place is already too many
    _control_at(page, live_server, "2019-07-25")
    page.locator('#map[data-control-aggregated="true"]').wait_for()
    cell = page.locator("path.cm-control-cell")
    expect(cell).to_have_count(1)
    expect(cell).to_have_attribute("data-count", "1")
    expect(_hilltops(page)).to_have_count(0)  # cells, not places
    zoom = page.evaluate("() => window.location.href")
    cell.click()
    expect(page).not_to_have_url(zoom)  # the map moved in to the cell
