"""Shared Playwright plumbing for the browser tests: Debian's Chromium, kept offline."""

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


@contextlib.contextmanager
def live_page(monkeypatch, *, width: int = 1280, height: int = 860) -> Iterator:
    """A Chromium page against the live server, guarded; yields (page, guard).

    Start it after the database fixtures and leave it before their teardown: while
    Playwright's sync API runs, its asyncio loop makes Django see an async context.
    """
    from playwright.sync_api import sync_playwright

    # The loop is Playwright's, not ours: ORM calls from the test stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The live server's request threads outlive a request while Chromium keeps the
    # socket alive; with persistent connections (CONN_MAX_AGE) they would hold a
    # PostgreSQL session open and the test database could not be dropped.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    guard = Guard()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        guard.watch(context, page)
        try:
            yield page, guard
        finally:
            # ORM calls made by the test while Playwright's loop runs get their own
            # connection (Django keys connections by context there); close it in
            # that same context, or PostgreSQL keeps a session on the test database.
            connections.close_all()
            browser.close()
    join_request_threads()


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
