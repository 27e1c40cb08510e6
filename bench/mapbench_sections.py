"""The data and write sections of one bench/mapbench.py run (bench/mapbench_run.py):
the events loaded (or reused) with the disk they take, and the minute of writes while
both processes answer."""

from __future__ import annotations

import datetime as dt
import shutil
import time

from bench import mapbench_data, mapbench_env, mapbench_measure


def load_section(args, *, postgis: bool) -> dict:
    """Load (or reuse) the events; ``info`` with what it cost and the disk used."""
    info = {"events_requested": args.events, "db": args.db}
    if args.reuse and mapbench_env.reusable(args.events, args.places):
        info["load"] = "reused"
    else:
        t0 = time.perf_counter()
        data = mapbench_data.generate(args.events, args.places)
        info["generate_s"] = time.perf_counter() - t0
        info["load"] = mapbench_data.load(data, postgis=postgis)
        del data
    mapbench_env.out(f"data: {info}")
    info["disk"] = mapbench_env.disk_used(postgis=postgis)
    if isinstance(info["load"], dict):
        loaded = info["load"]
        mapbench_env.out(
            f"load: {loaded['events']} events, {loaded['actor_links']} actor links, "
            f"{loaded['places']} places in {loaded['load_s']:.0f} s "
            f"({loaded['events'] / max(loaded['load_s'], 1e-9):,.0f} events/s, "
            f"{'COPY' if postgis else 'executemany'}; generated in "
            f"{info['generate_s']:.0f} s)"
        )
    tables = {k: v for k, v in info["disk"].items() if isinstance(v, dict)}
    mapbench_env.out(
        f"disk: database {info['disk']['database_mb']:,.0f} MB"
        + "".join(
            f"; {name} {v['data_mb']:,.0f} MB + indexes {v['indexes_mb']:,.0f} MB"
            for name, v in tables.items()
        )
    )
    return info


def writes_section(
    client, database_url: str, args, *, wins, country, last_day, first_index
) -> dict:
    # A fresh base first: the periodic rebuild (MAX_AGE) would otherwise start
    # during the minute of writes.
    from django.conf import settings
    from django.db import connection

    from bench import writebench
    from maps.clusters import state as cluster_state
    from maps.clusters import store
    from maps.selectors import index_build

    held = index_build.event_cluster_index()
    if time.monotonic() - held.built_at > 60:  # (10M: a build takes minutes)
        root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
        if root is not None:  # the machine's copy too: built again, now
            shutil.rmtree(root, ignore_errors=True)
        cluster_state.index_reset()
        first_index()
    start, end = wins["1-year"]
    pan = [
        "/api/v1/clusters/?"
        + mapbench_measure.query(
            zoom=zoom,
            in_bbox=mapbench_measure.bbox_param(
                mapbench_measure.viewport(36.63, 35.93, zoom)
            ),
            date_from=start,
            date_to=end,
        )
        for zoom in range(6, 15)
    ]
    return writebench.measure_writes(
        client,
        database_url,
        url="/api/v1/clusters/?zoom=6",
        urls=[
            "/api/v1/clusters/?" + mapbench_measure.query(zoom=6, in_bbox=country),
            *pan,
        ],
        port=args.port + 2,
        seconds=args.write_seconds,
        # The second worker answers the control layer too (its memory counts it).
        also=()
        if args.no_control
        else tuple(
            "/api/v1/control/?"
            + mapbench_measure.query(date=day.isoformat(), in_bbox=bbox)
            for day in (last_day, last_day - dt.timedelta(days=400))
            for bbox in (country, "36.3,35.6,36.9,36.1")
        ),
    )
