"""Take the README screenshots (docs/screenshot*.png) of a running ConflictMap.

Usage: .venv/bin/python scripts/screenshot.py [--url http://127.0.0.1:8000/]
       [--out docs/screenshot.png] [--open-disputed] [--all]

--all also writes docs/screenshot-arabic.png (/ar/), docs/screenshot-mobile.png
(390x844) and docs/screenshot-embed.png (/embed/ with the timeline).

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
    parser.add_argument(
        "--all", action="store_true", help="Arabic, mobile and embed shots too"
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
        shots = [(args.url, args.out, (1400, 860), args.open_disputed)]
        if args.all:
            base = args.url.rstrip("/")
            stem, folder = args.out.stem, args.out.parent
            shots += [
                (f"{base}/ar/", folder / f"{stem}-arabic.png", (1400, 860), True),
                (f"{base}/", folder / f"{stem}-mobile.png", (390, 844), False),
                (f"{base}/embed/", folder / f"{stem}-embed.png", (800, 600), False),
            ]
        for url, out, (width, height), open_disputed in shots:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", guard)
            page.goto(url)
            page.locator("body[data-map-state=ready]").wait_for(timeout=20000)
            if open_disputed:
                page.locator("path.cm-marker--disputed").first.click()
                page.locator(".leaflet-popup-content .sources").wait_for()
            page.wait_for_timeout(800)  # popup fade-in, panning, basemap
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            page.close()
            print(f"wrote {out}")  # noqa: T201
        browser.close()
    if blocked:
        print("blocked non-local requests:", *blocked, sep="\n  ")  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
