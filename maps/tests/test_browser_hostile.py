"""Hostile curated strings in Debian's Chromium: shown as text, never run, never links.

Map popup, embed, event page, corrections log, embed builder and the exported
standalone map (opened from file://). Screenshots go to test-output/hostile-*.png.
"""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.gis.geos import Point

from events import services as event_services
from events.models import EventSource
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)
from maps.tests.browser import OUTPUT, live_page, open_popup
from places.tests.factories import PlaceFactory

pytestmark = [
    pytest.mark.browser,
    # The live server thread needs committed data; serialized_rollback restores the
    # seeded event types that the flush after each transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
IMG = "<img src=x onerror=window.__pwned=1>"
BREAKOUT = '"><script>window.__pwned=1</script>'
CLOSE = "</script>"
TEMPLATE = "{{7*7}} ${7*7}"
RTL = "\u202eevil\u202c \u2067isolate\u2069"
JS_URL = "javascript:window.__pwned=1"
TITLE = f"{IMG} {BREAKOUT} {TEMPLATE} {RTL}"
LONG = "L" * 10_000  # a 10k-character text (titles stop at 300: CharField)
QUOTE = f"{CLOSE}<svg onload=window.__pwned=1> {RTL} {LONG}"


@pytest.fixture
def hostile(transactional_db) -> dict:
    place = PlaceFactory(
        name=f"{BREAKOUT} Kabani", name_ar=RTL, location=Point(36.45, 35.75, srid=4326)
    )
    event = EventFactory(
        title=TITLE,
        summary=f"{CLOSE} {TEMPLATE} {LONG}",
        date_start=dt.date(2019, 7, 15),
        place=place,
    )
    long_title = EventFactory(
        title=("W" * 299) + "<",
        date_start=dt.date(2019, 7, 14),
        place=PlaceFactory(name="Long", location=Point(36.6, 35.5, srid=4326)),
    )
    EventActorFactory(event=event, actor=ActorFactory(name=IMG))
    source = SourceFactory(publisher=f"{CLOSE}{IMG}", title=TEMPLATE, url=JS_URL)
    EventSourceFactory(
        event=event,
        source=source,
        stance=EventSource.Stance.CLAIMS,
        speaker=BREAKOUT,
        quote=QUOTE,
    )
    event_services.event_correct(event=event, note=f"{IMG}\n{BREAKOUT} {TEMPLATE}")
    retracted = EventFactory(title=f"{CLOSE}{IMG} retracted", place=place)
    event_services.event_retract(event=retracted, reason=f"{BREAKOUT} {RTL}")
    return {"event": event, "long": long_title, "retracted": retracted}


@pytest.fixture
def page(hostile, live_server, monkeypatch, chromium) -> Iterator:
    with live_page(monkeypatch, height=900, shared=chromium) as (page, guard):
        page.watch = guard
        yield page
    assert guard.blocked == [], "requests left 127.0.0.1"
    assert guard.dialogs == [], "a dialog fired"
    assert guard.errors == [], "JavaScript or console errors"


def shot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"hostile-{name}.png"))


def assert_inert(target) -> None:
    """Nothing ran, nothing was parsed as markup, no javascript: link exists."""
    assert target.evaluate("() => typeof window.__pwned") == "undefined"
    # Markup parsed from curated text (Leaflet's bindTooltip/bindPopup with a string
    # set innerHTML); the CSP stops the handler, but the element must not exist.
    assert target.locator("img[src='x']").count() == 0, "curated text parsed as HTML"
    assert target.locator("svg[onload]").count() == 0
    assert target.locator("[onerror]").count() == 0
    assert target.locator("a[href^='javascript:' i]").count() == 0


def wait_ready(target) -> None:
    target.locator("body[data-map-state=ready]").wait_for(timeout=15000)


def test_map_popup_shows_hostile_strings_as_text(page, live_server, hostile):
    event = hostile["event"]
    page.goto(f"{live_server.url}/?date_from=2019-07-15&date_to=2019-07-15")
    wait_ready(page)
    popup = open_popup(page, event)
    assert popup.locator(".cm-popup__title").text_content().strip() == TITLE
    text = popup.text_content()
    assert IMG in text  # the actor, literally
    assert CLOSE in text
    assert TEMPLATE in text
    assert "49" not in popup.locator(".cm-popup__title").text_content()
    assert popup.locator("a[href^='javascript:' i]").count() == 0
    shot(page, "map-popup")
    assert_inert(page)
    assert page.watch.errors == []


def test_embed_shows_hostile_strings_as_text(page, live_server, hostile):
    event = hostile["event"]
    page.goto(f"{live_server.url}/embed/?focus={event.pk}&timeline=0&lock=1")
    wait_ready(page)
    popup = open_popup(page, event)
    assert TITLE in popup.text_content()
    shot(page, "embed")
    assert_inert(page)
    assert page.watch.errors == []


def test_event_page_shows_hostile_strings_as_text(page, live_server, hostile):
    event = hostile["event"]
    page.goto(f"{live_server.url}/events/{event.pk}/")
    assert page.locator("h1").first.text_content().strip() == TITLE
    assert page.title().startswith(TITLE.split(" ")[0])  # the <title> is text too
    body = page.locator("body").text_content()
    assert LONG in body  # 10k characters, whole
    assert QUOTE in page.locator("blockquote").first.text_content()
    source = page.locator(".source__title").first
    assert source.text_content().strip() == TEMPLATE
    assert source.locator("a").count() == 0  # a javascript: URL is no link
    assert JS_URL not in page.content().split("<body", 1)[1].split("map-config")[0]
    assert_inert(page)
    assert page.watch.errors == []
    shot(page, "event-page")
    page.goto(f"{live_server.url}/events/{hostile['long'].pk}/")
    assert page.locator("h1").first.text_content().strip() == hostile["long"].title
    shot(page, "event-page-long-title")


def test_corrections_page_shows_hostile_strings_as_text(page, live_server, hostile):
    page.goto(f"{live_server.url}/corrections/")
    items = page.locator(".correction")
    assert items.count() == 2
    retraction, correction = items.nth(0), items.nth(1)
    assert retraction.locator(".correction__title").text_content() == (
        hostile["retracted"].title
    )
    assert retraction.locator(".correction__title a").count() == 0
    assert f"{BREAKOUT} {RTL}" in retraction.locator(".correction__note").text_content()
    assert correction.locator(".correction__title a").text_content() == TITLE
    assert IMG in correction.locator(".correction__note").text_content()
    assert_inert(page)
    assert page.watch.errors == []
    shot(page, "corrections")


PREVIEW_IN_STEP = """() => {
  const src = document.getElementById('builder-preview').getAttribute('src') || '';
  const url = document.getElementById('embed-url').value;
  return src.split('?')[1] === url.split('?')[1];
}"""


def test_embed_builder_code_matches_the_server_and_stays_inert(
    page, live_server, hostile
):
    page.goto(f"{live_server.url}/embed/builder/")
    page.fill("#builder-q", BREAKOUT + " " + TEMPLATE)
    page.check("#builder-lock")
    page.select_option("#builder-timeline", "0")
    page.fill("#builder-width", "640")
    from_js = page.locator("#embed-code").input_value()
    assert "lock=1" in from_js
    assert 'width="640"' in from_js
    assert "<script>" not in from_js  # the filter is URL-encoded in the code
    oembed_js = page.locator("#oembed-url").input_value()
    preview = page.locator("#builder-preview")
    # The preview reloads after a pause in typing: wait for the one of the final form
    # (same query as the embed URL), not for an earlier one that also has lock=1.
    page.wait_for_function(PREVIEW_IN_STEP)
    preview_js = preview.get_attribute("src")
    # The script keeps the page URL in step with the form: reloading asks the server.
    page.reload()
    assert page.locator("#builder-q").input_value() == BREAKOUT + " " + TEMPLATE
    assert page.locator("#embed-code").input_value() == from_js
    assert page.locator("#oembed-url").input_value() == oembed_js
    assert preview.get_attribute("src") == preview_js
    page.check("#builder-responsive")
    responsive_js = page.locator("#embed-code").input_value()
    assert "aspect-ratio:640/600" in responsive_js
    page.reload()
    assert page.locator("#embed-code").input_value() == responsive_js
    frame = page.frame_locator("#builder-preview")
    frame.locator("body[data-map-state]").wait_for(timeout=15000)
    assert_inert(page)
    assert page.watch.errors == []
    shot(page, "embed-builder")


def test_exported_map_file_shows_hostile_strings_as_text(
    page, live_server, hostile, tmp_path
):
    response = page.request.get(f"{live_server.url}/export/map.html")
    assert response.ok
    assert response.headers["content-disposition"].startswith("attachment;")
    out = tmp_path / "map.html"
    out.write_bytes(response.body())
    page.goto(out.as_uri())
    page.wait_for_selector("path.cm-event")
    assert page.locator("path.cm-event").count() == 2  # the retracted one is left out
    for index in range(2):
        page.locator("path.cm-event").nth(index).click()
        page.locator(".leaflet-popup-content h3").first.wait_for()
        headings = page.locator(".leaflet-popup-content h3").all_text_contents()
        if TITLE in headings:
            break
    assert TITLE in headings
    assert_inert(page)
    shot(page, "export-file")


ISOLATION_GAPS = """(selector) => {
  // Text nodes holding U+202E that no <bdi> or dir attribute (below <html>) isolates.
  const gaps = [];
  let checked = 0;
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.data.includes("\\u202e")) continue;
      checked += 1;
      if (!node.parentElement.closest("bdi, [dir]:not(html)")) {
        gaps.push(node.data.slice(0, 60));
      }
    }
  }
  return {checked, gaps};
}"""


def assert_isolated(target, selector: str) -> None:
    found = target.evaluate(ISOLATION_GAPS, selector)
    assert found["checked"] > 0, f"no U+202E under {selector}"
    assert found["gaps"] == [], f"bidi text not isolated under {selector}"


def test_titles_with_bidi_controls_are_isolated(page, live_server, hostile):
    """A U+202E in a title must not reverse the text around it (issue 11): every
    title sits in a <bdi> or an element with dir, on every surface."""
    event = hostile["event"]
    page.goto(f"{live_server.url}/?date_from=2019-07-15&date_to=2019-07-15")
    wait_ready(page)
    page.locator(".event-list__title").first.wait_for(timeout=10000)
    assert_isolated(page, ".event-list")
    open_popup(page, event)
    assert_isolated(page, ".leaflet-popup-content")
    page.goto(f"{live_server.url}/events/{event.pk}/")
    assert_isolated(page, ".event__title, .citation, .sources")
    page.goto(f"{live_server.url}/corrections/")
    assert_isolated(page, ".correction__title, .correction__note")
    assert page.watch.errors == []
