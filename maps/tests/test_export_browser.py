"""The exported standalone map opened from a file in Chromium, offline."""

import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from events import services as event_services
from events.models import Event, EventSource
from events.tests.factories import (
    EventFactory,
    EventSourceFactory,
    SourceFactory,
    event_type,
)
from maps.tests import browser as browser_tools
from maps.tests.export_pages import BREAKOUT, HOSTILE, IMG, published_event
from places.tests.factories import PlaceFactory


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
