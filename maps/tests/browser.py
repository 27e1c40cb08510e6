"""Shared Playwright plumbing for the browser tests: Debian's Chromium, kept offline."""

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, connections

CHROMIUM = "/usr/bin/chromium"  # Debian's; never a downloaded browser
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
OUTPUT = Path(settings.BASE_DIR) / "test-output"


def launch(playwright):
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Guard:
    """Aborts and records requests leaving this machine; records dialogs and errors."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []  # console errors (CSP violations too), page errors

    def route(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and (
            parts.hostname not in LOCAL_HOSTS
        ):
            self.blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def watch(self, context, page) -> None:
        context.route("**/*", self.route)
        page.on("dialog", self.dialog)
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def join_request_threads() -> None:
    """Wait for the live server's request threads (they close their connections)."""
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name or thread.name == "cluster-index":
            thread.join(timeout=10)


class SharedBrowser:
    """One Playwright driver and Chromium for the tests of a module; each test gets a
    new context (its own cookies, storage and HTTP cache, as a fresh browser has).

    Starting the driver and Chromium took 2-3 s per test. Between tests Playwright's
    asyncio loop is hidden (``asyncio._set_running_loop(None)``), so the database
    fixtures' set-up and teardown see a plain thread, as they did when each test
    started and stopped its own Playwright; ``live_page`` shows it again while a
    test drives the page (Playwright's sync API runs in it)."""

    def __init__(self, playwright) -> None:
        self.browser = launch(playwright)
        self.loop = asyncio.get_running_loop()

    @contextlib.contextmanager
    def loop_shown(self) -> Iterator[None]:
        asyncio._set_running_loop(self.loop)
        try:
            yield
        finally:
            asyncio._set_running_loop(None)


@contextlib.contextmanager
def shared_browser() -> Iterator[SharedBrowser]:
    """A SharedBrowser (for a module-scoped fixture); stops it at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        shared = SharedBrowser(playwright)
        asyncio._set_running_loop(None)  # until a test opens a page
        try:
            yield shared
        finally:
            asyncio._set_running_loop(shared.loop)
            shared.browser.close()


@contextlib.contextmanager
def live_page(
    monkeypatch,
    *,
    width: int = 1280,
    height: int = 860,
    shared: SharedBrowser | None = None,
) -> Iterator:
    """A Chromium page against the live server, guarded; yields (page, guard).
    With ``shared``, a new context of that browser; else a Chromium of its own.

    Start it after the database fixtures and leave it before their teardown: while
    Playwright's sync API runs, its asyncio loop makes Django see an async context.
    """
    # The loop is Playwright's, not ours: ORM calls from the test stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The live server's request threads outlive a request while Chromium keeps the
    # socket alive; with persistent connections (CONN_MAX_AGE) they would hold a
    # PostgreSQL session open and the test database could not be dropped.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    guard = Guard()
    with contextlib.ExitStack() as stack:
        if shared is None:
            browser = launch(stack.enter_context(own_playwright()))
            stack.callback(browser.close)
        else:
            stack.enter_context(shared.loop_shown())
            browser = shared.browser
        context = browser.new_context(viewport={"width": width, "height": height})
        stack.callback(context.close)
        # ORM calls made by the test while Playwright's loop runs get their own
        # connection (Django keys connections by context there); close it in that
        # same context (before the loop is hidden or stopped), or PostgreSQL keeps
        # a session on the test database.
        stack.callback(connections.close_all)
        page = context.new_page()
        guard.watch(context, page)
        yield page, guard
    join_request_threads()


def own_playwright():
    from playwright.sync_api import sync_playwright

    return sync_playwright()


@contextlib.contextmanager
def signed_in_page(monkeypatch, live_server_url: str, client) -> Iterator:
    """live_page with the session of a logged-in test ``client``; yields (page, guard)."""
    with live_page(monkeypatch) as (page, guard):
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server_url,
                }
            ]
        )
        yield page, guard


def screenshot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / name))


def open_popup(page, event):
    """Click the event's marker; its popup (found by its title) once its sources
    have been fetched. Every browser test opens popups through this one."""
    from playwright.sync_api import expect

    # An open popup closed first, and gone: a click on a marker under its fading
    # box (or under the map as it pans back) opened nothing in a loaded CI run.
    # A close click can land while the popup still pans or fades in and be lost (a
    # loaded CI run: the popup stayed for 5 s), so it is tried again, then Escape.
    open_now = page.locator(".leaflet-popup")
    for attempt in range(3):
        if not open_now.count():
            break
        if attempt < 2:
            page.locator(".leaflet-popup-close-button").first.click(force=True)
        else:
            page.locator("#map").focus()
            page.keyboard.press("Escape")
        try:
            expect(open_now).to_have_count(0, timeout=5_000)
        except AssertionError:
            continue
    expect(open_now).to_have_count(0)
    page.locator(f'path.cm-marker[data-event-id="{event.pk}"]').click()
    # The previous popup fades out for a moment: pick this event's popup.
    title = page.locator(".cm-popup__title").filter(has_text=event.title)
    popup = page.locator(".leaflet-popup-content .cm-popup").filter(has=title)
    expect(popup).to_have_count(1)
    popup.locator(".sources").wait_for()
    return popup
