"""Take the README screenshot (docs/screenshot.png) of a running ConflictMap.

Usage: .venv/bin/python scripts/screenshot.py [--url http://127.0.0.1:8000/]
       [--out docs/screenshot.png] [--open-disputed]

Start the server with the demo data first (`make run`). Uses Debian's Chromium;
requests that would leave the machine are aborted and reported.
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument(
        "--open-disputed",
        action="store_true",
        help="open the first disputed event's popup before the shot",
    )
    args = parser.parse_args()
    local = urlsplit(args.url).hostname
    blocked: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname not in {local, None}:
            blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route("**/*", guard)
        page.goto(args.url)
        page.locator("body[data-map-state=ready]").wait_for(timeout=20000)
        if args.open_disputed:
            page.locator("path.cm-marker--disputed").first.click()
            page.locator(".leaflet-popup-content .sources").wait_for()
        page.wait_for_timeout(600)  # let the popup's fade-in and panning finish
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")  # noqa: T201
    if blocked:
        print("blocked non-local requests:", *blocked, sep="\n  ")  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
