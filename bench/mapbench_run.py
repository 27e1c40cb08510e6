"""One run of bench/mapbench.py: load (or reuse) the events, serve them, time every
scenario against the peers."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

from bench import (
    mapbench_control,
    mapbench_data,
    mapbench_env,
    mapbench_measure,
    mapbench_peers,
    mapbench_sections,
)


def run(args) -> dict:  # noqa: C901 - one linear script
    postgis = args.db == "postgis"
    database_url = args.database_url or (
        mapbench_env.PG_URL if postgis else mapbench_env.SPATIALITE_URL
    )
    mapbench_env.django_setup(
        database_url, args.cache_url or mapbench_env.shared_cache_url()
    )
    from django.contrib.gis.geos import Polygon
    from django.test import Client

    from events import selectors as event_selectors
    from events.filters import EventFilters
    from maps.selectors import index_build

    info = mapbench_sections.load_section(args, postgis=postgis)

    results = mapbench_measure.Results()
    client = Client()
    repeat = args.repeat
    t0 = time.perf_counter()
    elsewhere = args.events >= args.mapindex_from and os.environ.get("MAP_INDEX_DIR")

    def first_index():
        if elsewhere:  # built by `manage.py mapindex` (as before gunicorn), mapped
            subprocess.run(  # noqa: S603 - fixed argv
                [sys.executable, str(mapbench_env.ROOT / "manage.py"), "mapindex"],
                cwd=mapbench_env.ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return index_build.event_cluster_index()

    index = first_index()
    build_s = time.perf_counter() - t0
    public = index.size
    info.update(
        public_events=public,
        index_build_s=build_s,
        index_mb=index.nbytes / 1e6,
        columns_mb=index.columns.nbytes / 1e6 if index.columns is not None else 0.0,
        rss_after_index_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    info["index_dir_mb"] = (
        mapbench_env.dir_mb(os.environ.get("MAP_INDEX_DIR", ""))
        if os.environ.get("MAP_INDEX_DIR")
        else 0.0
    )
    mapbench_env.out(
        f"index: {public} public events, built in {build_s:.2f} s"
        f"{' by manage.py mapindex' if elsewhere else ''}; "
        f"{info['index_mb']:.0f} MB grids + {info['columns_mb']:.0f} MB export "
        "columns, "
        f"{info['index_dir_mb']:.0f} MB on disk (the machine's shared copy)"
    )
    last_day = dt.date.fromordinal(int(index.start.max()))  # last day with events
    wins = mapbench_measure.windows(last_day)
    country = mapbench_measure.bbox_param(mapbench_data.SYRIA)
    counts: dict[str, tuple[int, int | None]] = {}

    def writes_section() -> dict:
        return mapbench_sections.writes_section(
            client,
            database_url,
            args,
            wins=wins,
            country=country,
            last_day=last_day,
            first_index=first_index,
        )

    def import_section() -> None:
        """A large import while both processes answer (PostGIS: a second process)."""
        if args.import_rows <= 0 or not postgis:
            return
        from bench import importvisible

        info["import"] = importvisible.measure_import(
            client,
            database_url,
            url="/api/v1/clusters/?zoom=6",
            port=args.port + 3,
            rows=args.import_rows,
        )

    def export_section() -> None:
        from bench import mapexport

        mapexport.export_section(
            results,
            info,
            counts,
            wins,
            baseline,
            out=mapbench_env.out,
            Faults=mapbench_measure.Faults,
        )

    if args.only_writes or args.only_import:  # e.g. an older checkout's numbers
        if args.write_seconds > 0 and not args.only_import:
            info["writes"] = writes_section()
        import_section()
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}

    def ours(scenario, repeat=repeat, **params):
        url = "/api/v1/clusters/?" + mapbench_measure.query(**params)
        client.get(url)  # warm (ETag hashes, type lists)
        times, body, _ = mapbench_measure.timed_get(client, url, repeat)
        row = results.add(scenario, "conflictmap", times, body)
        row["total"] = json.loads(body)["total"]
        return row

    def baseline(scenario, expected: int, **params):
        if args.only_control:
            return None
        if expected > args.baseline_max:
            results.rows.append(
                {
                    "scenario": scenario,
                    "impl": "drf-gis",
                    "n": 0,
                    "p50_ms": float("nan"),
                    "p95_ms": float("nan"),
                    "bytes": 0,
                    "gzip_bytes": 0,
                    "notes": f"skipped: {expected} features > --baseline-max",
                }
            )
            return None
        url = "/bench/drf/?" + mapbench_measure.query(**params)
        times, body, _ = mapbench_measure.timed_get(
            client, url, max(2, repeat // 10), budget_s=30
        )
        row = results.add(scenario, "drf-gis", times, body)
        row["total"] = len(json.loads(body)["features"])
        row["features_per_s"] = row["total"] / (row["p50_ms"] / 1000)
        return row

    if args.only_export:
        export_section()
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}

    # Floor: an empty Django response through the same middleware.
    times, body, _ = mapbench_measure.timed_get(client, "/bench/empty/", repeat)
    results.add("floor (empty response)", "django", times, body)

    # Country view, three windows, type filters.
    for name, (start, end) in wins.items():
        scenario = f"country z6 {name}"
        row = ours(scenario, zoom=6, in_bbox=country, date_from=start, date_to=end)
        base = baseline(
            scenario, row["total"], in_bbox=country, date_from=start, date_to=end
        )
        counts[scenario] = (row["total"], base["total"] if base else None)
    if not args.no_control:
        mapbench_control.control_section(
            client, results, info, last_day, country, repeat
        )
        start, end = wins["1-year"]
        mapbench_control.interleaved(
            client,
            results,
            info,
            "/api/v1/clusters/?"
            + mapbench_measure.query(
                zoom=6, in_bbox=country, date_from=start, date_to=end
            ),
            country,
            repeat,
        )
    if args.only_control:
        info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        info["node_peak_mb"] = None
        return {"info": info, "results": results, "counts": counts}
    for slug in ("explosions-remote-violence", "air-drone-strike"):
        start, end = wins["1-year"]
        scenario = f"country z6 1-year type={slug[:12]}"
        row = ours(
            scenario, zoom=6, in_bbox=country, date_from=start, date_to=end, type=slug
        )
        base = baseline(
            scenario,
            row["total"],
            in_bbox=country,
            date_from=start,
            date_to=end,
            type=slug,
        )
        counts[scenario] = (row["total"], base["total"] if base else None)
    scenario = "country z6 1-year undisputed"  # a mask dropping few rows
    start, end = wins["1-year"]
    row = ours(
        scenario,
        zoom=6,
        in_bbox=country,
        date_from=start,
        date_to=end,
        disputed="false",
    )
    counts[scenario] = (  # the DRF list of these ~90k events would cost ~40 s
        row["total"],
        event_selectors.event_list_public(
            filters=EventFilters(
                bbox=Polygon.from_bbox(mapbench_data.SYRIA),
                date_from=start,
                date_to=end,
                disputed=False,
            )
        ).count(),
    )
    scenario = "country z6 10-year actor+text"
    row = ours(
        scenario,
        zoom=6,
        in_bbox=country,
        actor="National Front for Liberation",
        q="Aleppo",
    )
    counts[scenario] = (
        row["total"],
        event_selectors.event_list_public(
            filters=EventFilters(actors=["National Front for Liberation"], q="Aleppo")
        ).count(),
    )

    # Pan/zoom path z6 -> z14 into Idlib, one-year window, two views per zoom.
    start, end = wins["1-year"]
    path_times, path_body = [], b""
    for zoom in range(6, 15):
        for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
            bbox = mapbench_measure.bbox_param(
                mapbench_measure.viewport(36.63 + dlon, 35.93, zoom)
            )
            url = "/api/v1/clusters/?" + mapbench_measure.query(
                zoom=zoom, in_bbox=bbox, date_from=start, date_to=end
            )
            client.get(url)
            times, body, _ = mapbench_measure.timed_get(
                client, url, max(5, repeat // 4)
            )
            path_times += times
            path_body = max(path_body, body, key=len)
    results.add("pan/zoom z6->z14 1-year", "conflictmap", path_times, path_body)
    # The same path, every view a new one (moved east by a tenth of a pixel or
    # less): the views above, asked again at one data version, are the index's kept
    # answers; these are parsed and answered each time.
    path_times, path_body, cpu, faults = [], b"", [], mapbench_measure.Faults()
    for k in range(max(5, repeat // 4)):
        for zoom in range(6, 15):
            for dlon in (0.0, 0.3 / 2 ** (zoom - 6)):
                lon = 36.63 + dlon + 1e-4 * (k + 1) * 28.125 / 2 ** (zoom - 6)
                url = "/api/v1/clusters/?" + mapbench_measure.query(
                    zoom=zoom,
                    in_bbox=mapbench_measure.bbox_param(
                        mapbench_measure.viewport(lon, 35.93, zoom)
                    ),
                    date_from=start,
                    date_to=end,
                )
                c0 = time.thread_time()
                times, body, _ = mapbench_measure.timed_get(client, url, 1)
                cpu.append((time.thread_time() - c0) * 1000)
                path_times += times
                path_body = max(path_body, body, key=len)
    results.add("pan/zoom new views", "conflictmap", path_times, path_body)
    results.add("pan/zoom new views (CPU)", "conflictmap", cpu, b"")
    faults.report("pan/zoom new views", len(cpu))

    # ETag revalidation.
    url = "/api/v1/clusters/?" + mapbench_measure.query(zoom=6, in_bbox=country)
    etag = client.get(url)["ETag"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 304
    results.add("country z6 revalidate (304)", "conflictmap", times, b"")

    # Popup: one event's detail.
    rng = np.random.default_rng(1)
    ids = rng.choice(index.ids, min(repeat, public), replace=False).tolist()
    times, cpu, faults = [], [], mapbench_measure.Faults()
    for pk in ids:
        t0, c0 = time.perf_counter(), time.thread_time()
        response = client.get(f"/api/v1/events/{pk}/")
        body = response.content
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        assert response.status_code == 200
    results.add("event popup (detail API)", "conflictmap", times, body)
    results.add("event popup (CPU)", "conflictmap", cpu, b"")
    faults.report("event popup", len(cpu))

    # GeoJSON export of a filtered set.
    export_section()

    if args.write_seconds > 0:
        info["writes"] = writes_section()

    # Peer: the tile server's SQL (PostGIS only).
    if postgis and not args.no_tilesql:
        mapbench_peers.tile_sql_section(results, wins, repeat)

    # Peer: supercluster behind node, rebuilt on every filter change.
    node_hwm = mapbench_peers.supercluster_section(
        args, index, wins, country, client, results, repeat
    )

    info["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info["node_peak_mb"] = node_hwm

    if not args.no_browser:
        embed = mapbench_measure.measure_embed(
            database_url, args.port, max(3, min(repeat, 5))
        )
        row = results.add(
            "embed first paint (ready)", "conflictmap", embed["times"], b""
        )
        row.update(bytes=embed["bytes"], gzip_bytes=embed["gzip"])
        row["notes"] = (
            f"FCP p50 {embed['fcp_ms']:.0f} ms, first markers drawn at "
            f"{embed['first_draw_ms']:.0f} ms; bytes: {embed['requests']} requests "
            f"before the first markers; all {embed['requests_all']} requests "
            f"{embed['gzip_all']} gzip"
        )
        info["embed"] = {k: v for k, v in embed.items() if k != "times"}

    import_section()  # last: it adds events (the counts above are compared first)
    return {"info": info, "results": results, "counts": counts}
