"""What bench/mapbench.py times: requests and their percentiles, viewports and windows,
the tile-SQL and supercluster peers, and the embed in a browser."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import os
import resource
import subprocess
import time
import urllib.request
from pathlib import Path

import numpy as np

from bench import mapbench_env

SUPERCLUSTER = mapbench_env.ROOT / "bench" / "supercluster"


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


class Results:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self, scenario: str, impl: str, times_ms: list[float], body: bytes, **extra
    ):
        row = {
            "scenario": scenario,
            "impl": impl,
            "n": len(times_ms),
            "p50_ms": percentile(times_ms, 50),
            "p95_ms": percentile(times_ms, 95),
            "bytes": len(body),
            "gzip_bytes": len(gzip.compress(body, 6)) if body else 0,
            **extra,
        }
        self.rows.append(row)
        # Printed as measured too: a run stopped before its table keeps its lines
        # (run 7 at 10M was stopped while its writes rebuilt the base).
        mapbench_env.out(
            f"measured: {scenario} ({impl}): p50 {row['p50_ms']:.3f} ms, p95 "
            f"{row['p95_ms']:.3f} ms, n {row['n']}, {row['bytes']} bytes"
        )
        return row

    def get(self, scenario: str, impl: str) -> dict | None:
        return next(
            (r for r in self.rows if r["scenario"] == scenario and r["impl"] == impl),
            None,
        )

    def table(self) -> None:
        mapbench_env.out(
            f"{'scenario':34} {'impl':14} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} "
            f"{'bytes':>10} {'gzip':>9}  notes"
        )
        for r in self.rows:
            notes = r.get("notes", "")
            mapbench_env.out(
                f"{r['scenario']:34} {r['impl']:14} {r['n']:>4} {r['p50_ms']:>9.3f} "
                f"{r['p95_ms']:>9.3f} {r['bytes']:>10} {r['gzip_bytes']:>9}  {notes}"
            )


def timed_get(client, url: str, repeat: int, budget_s: float = 20.0):
    """(times in ms, last body, last response) of ``repeat`` GETs (a time budget caps it)."""
    times, response = [], None
    deadline = time.perf_counter() + budget_s
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        body = response.content
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code, body[:300])
        if time.perf_counter() > deadline:
            break
    return times, body, response


class Faults:
    """Page faults of this process from its creation (getrusage): major ones read a
    page from disk (an index evicted from the page cache), minor ones map it."""

    def __init__(self) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.major, self.minor = usage.ru_majflt, usage.ru_minflt

    def report(self, scenario: str, requests: int) -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        mapbench_env.out(
            f"faults: {scenario}: major {(usage.ru_majflt - self.major) / requests:.1f}"
            f", minor {(usage.ru_minflt - self.minor) / requests:.1f} per request"
        )


def query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def viewport(lon: float, lat: float, zoom: int, width=1280, height=800):
    """A screen-sized bbox around (lon, lat) at ``zoom`` (Web Mercator)."""
    import math

    deg_per_px = 360 / (256 * 2**zoom)
    half_w = width / 2 * deg_per_px
    half_h = height / 2 * deg_per_px * math.cos(math.radians(lat))
    return (
        max(lon - half_w, -180),
        max(lat - half_h, -85),
        min(lon + half_w, 180),
        min(lat + half_h, 85),
    )


def bbox_param(bbox) -> str:
    return ",".join(f"{v:.5f}" for v in bbox)


def windows(last_day: dt.date) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    return {
        "1-month": (last_day - dt.timedelta(days=30), last_day),
        "1-year": (last_day - dt.timedelta(days=365), last_day),
        "10-year": (None, None),
    }


# --- peers ----------------------------------------------------------------------------
TILE_SQL = """
WITH bounds AS (SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS geom)
SELECT ST_AsMVT(mvt, 'events', 4096, 'geom') FROM (
  SELECT e.id, t.slug, e.date_start,
         ST_AsMVTGeom(ST_Transform(p.location, 3857), bounds.geom, 4096, 64, true) AS geom
  FROM events_event e
  JOIN events_place p ON p.id = e.place_id
  JOIN events_eventtype t ON t.id = e.event_type_id
  LEFT JOIN events_eventtype tp ON tp.id = t.parent_id, bounds
  WHERE e.status = 'published'
    AND p.location && ST_Transform(bounds.geom, 4326)
    AND e.date_start <= %(to)s AND COALESCE(e.date_end, e.date_start) >= %(from)s
    AND (%(type)s = '' OR t.slug = %(type)s OR tp.slug = %(type)s)
) AS mvt
"""


def tiles_for(bbox, zoom: int) -> list[tuple[int, int, int]]:
    from maps.clusters.grid import mercator

    (x0, x1), (y1, y0) = mercator(
        np.array([bbox[0], bbox[2]]), np.array([bbox[1], bbox[3]])
    )
    n = 2**zoom
    return [
        (zoom, x, y)
        for x in range(int(x0 * n), int(x1 * n) + 1)
        for y in range(int(y0 * n), int(y1 * n) + 1)
    ]


TILE_SQL_BUDGET_S = 60.0  # per scenario, after at least three views


def run_tile_sql(
    results: Results, scenario, bbox, zoom, date_from, date_to, type_slug, repeat
):
    from django.db import connection

    params = {
        "from": date_from or dt.date(1900, 1, 1),
        "to": date_to or dt.date(2100, 1, 1),
        "type": type_slug or "",
    }
    tile_times, view_times, body = [], [], b""
    deadline = time.perf_counter() + TILE_SQL_BUDGET_S
    with connection.cursor() as cursor:
        for _ in range(repeat):
            if len(view_times) >= 3 and time.perf_counter() > deadline:
                break  # (10M events: seconds per view)
            view = 0.0
            body = b""
            for z, x, y in tiles_for(bbox, zoom):
                t0 = time.perf_counter()
                cursor.execute(TILE_SQL, {**params, "z": z, "x": x, "y": y})
                tile = bytes(cursor.fetchone()[0] or b"")
                elapsed = (time.perf_counter() - t0) * 1000
                tile_times.append(elapsed)
                view += elapsed
                body += tile
            view_times.append(view)
    row = results.add(scenario, "tile-sql", tile_times, body)
    row["notes"] = (
        f"per tile; {len(tiles_for(bbox, zoom))} tiles/view, "
        f"view p50 {percentile(view_times, 50):.1f} ms"
    )


def export_points(index, path: Path) -> None:
    top_of = {t.slug: i for i, t in enumerate(index.types) if t.slug == t.top_slug}
    tops = np.array([top_of.get(t.top_slug, -1) for t in index.types])
    payload = {
        "id": index.ids.tolist(),
        "lon": np.round(index.lon, 6).tolist(),
        "lat": np.round(index.lat, 6).tolist(),
        "start": index.start.tolist(),
        "last": index.last.tolist(),
        "top": tops[index.type_idx].tolist(),
    }
    path.write_text(json.dumps(payload))


def ensure_supercluster() -> None:
    if not (SUPERCLUSTER / "node_modules" / "supercluster").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=SUPERCLUSTER, check=True
        )


def supercluster_get(port: int, **params):
    url = f"http://127.0.0.1:{port}/clusters?{query(**params)}"
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - local
        body = response.read()
        headers = response.headers
    http_ms = (time.perf_counter() - t0) * 1000
    return float(headers["X-Build-Ms"]) + float(headers["X-Query-Ms"]), http_ms, body


# --- embed ----------------------------------------------------------------------------
def measure_embed(database_url: str, port: int, repeat: int) -> dict:
    """First paint of /embed/ in headless Chromium against a gunicorn on the bench DB."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(mapbench_env.ROOT / ".venv" / "bin" / "gunicorn"),
            "conflictmap.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",  # one worker: its cluster index is built once, by the warm-up below
            "--log-level",
            "warning",
        ],
        cwd=mapbench_env.ROOT,
        env=env,
    )
    try:
        mapbench_env.wait_http(f"http://127.0.0.1:{port}/embed/")
        # Warm-up: a deployed server has its cluster index built long before a visitor.
        mapbench_env.wait_http(f"http://127.0.0.1:{port}/api/v1/clusters/?zoom=6", 600)
        times, bytes_raw, bytes_gzip, fcp, first_draws = [], 0, 0, [], []
        early, all_gzip, requests_all = [], 0, 0
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 800, "height": 500})
                page = context.new_page()
                bodies: list[tuple[str, bytes]] = []

                def keep(response, bodies=bodies):
                    try:
                        bodies.append((response.url, response.body()))
                    except Exception:  # noqa: BLE001 - redirects and aborted loads
                        bodies.append((response.url, b""))

                page.on("response", keep)
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/embed/")
                page.wait_for_selector("body[data-map-state=ready]", timeout=120_000)
                times.append((time.perf_counter() - t0) * 1000)
                fcp.append(
                    page.evaluate(
                        "performance.getEntriesByName('first-contentful-paint')[0]"
                        "?.startTime ?? -1"
                    )
                )
                # What the page fetched before its first markers were drawn (the
                # embed's budget; maps/load.js sets data-first-draw-ms, then loads the
                # basemap and the histogram), as the browser test measures it.
                first_draw = float(page.get_attribute("body", "data-first-draw-ms"))
                before = page.evaluate(
                    """t => [location.href].concat(performance
                        .getEntriesByType('resource')
                        .filter(e => e.responseEnd <= t).map(e => e.name))""",
                    first_draw,
                )
                # Then the rest (a timeout leaves the "all" totals a lower bound).
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("networkidle", timeout=30_000)
                unused = list(bodies)
                early = []
                for url in before:
                    match = next((b for b in unused if b[0] == url), None)
                    if match is not None:
                        unused.remove(match)
                        early.append(match[1])
                bytes_raw = sum(len(b) for b in early)
                bytes_gzip = sum(len(gzip.compress(b, 6)) for b in early)
                all_gzip = sum(len(gzip.compress(b, 6)) for _, b in bodies)
                requests_all = len(bodies)
                first_draws.append(first_draw)
                context.close()
            browser.close()
        return {
            "times": times,
            "bytes": bytes_raw,
            "gzip": bytes_gzip,
            "fcp_ms": percentile(fcp, 50),
            "first_draw_ms": percentile(first_draws, 50),
            "requests": len(early),
            "requests_all": requests_all,
            "gzip_all": all_gzip,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
