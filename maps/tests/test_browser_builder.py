"""The embed builder's preview in Debian's Chromium: it reloads once per pause in
typing and always ends on the form as it is (static/maps/embed-builder.js).

The page's timers run on Playwright's clock, so the pause is stepped, not waited."""

# ruff: noqa: F811  (the page and demo fixtures are shared with test_browser.py)

import datetime as dt

import pytest

from maps.tests.test_browser import demo, page  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PAUSE_MS = 400  # embed-builder.js PREVIEW_DELAY


def open_builder(page, live_server) -> str:
    """The builder, its timers stopped: an installed clock still runs with real time
    (a busy machine let the pause end between two clicks) until it is paused."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    page.clock.install(time=start)
    page.goto(f"{live_server.url}/embed/builder/")
    page.clock.pause_at(start + dt.timedelta(days=1))
    return page.locator("#builder-preview").get_attribute("src")


def test_preview_reloads_after_the_pause_with_the_last_form(page, live_server):
    first = open_builder(page, live_server)
    page.check("#builder-lock")
    page.select_option("#builder-timeline", "0")
    preview = page.locator("#builder-preview")
    assert preview.get_attribute("src") == first  # still typing: no reload yet
    page.clock.run_for(PAUSE_MS + 50)
    src = preview.get_attribute("src")
    assert "lock=1" in src
    assert "timeline=0" in src
    assert src.split("?")[1] == page.locator("#embed-url").input_value().split("?")[1]


def test_changing_back_within_the_pause_keeps_the_preview(page, live_server):
    first = open_builder(page, live_server)
    page.check("#builder-lock")
    # Back to what the preview shows, before the pause ends.
    page.uncheck("#builder-lock")
    page.clock.run_for(PAUSE_MS * 3)
    # The reload planned for the checked box is dropped, not run late.
    assert page.locator("#builder-preview").get_attribute("src") == first
    assert "lock=1" not in page.locator("#embed-code").input_value()
