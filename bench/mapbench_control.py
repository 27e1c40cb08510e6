"""The control layer's section of bench/mapbench.py: who held each place on a date,
timed alone and interleaved with the cluster view."""

from __future__ import annotations

import datetime as dt
import json
import time

import numpy as np

from bench import mapbench_data, mapbench_env, mapbench_measure


def control_section(client, results, info, last_day, country, repeat) -> None:
    """The control layer: who held each place on the last day and on any day of the
    ten years (a new date per request), country-wide and in the Idlib view."""
    from bench.controlbuild import status
    from control import selectors as control_selectors

    rss = status("VmRSS")
    t0 = time.perf_counter()
    control_index = control_selectors.control_index()
    info["control"] = {
        "places_with_periods": len(control_index.periods),
        "periods": len(control_index.features),
        "build_s": time.perf_counter() - t0,
        "rss_added_mb": status("VmRSS") - rss,
        "rss_peak_mb": status("VmHWM"),
        "columns_mb": control_index.nbytes() / 2**20,
    }
    mapbench_env.out(
        f"control: {len(control_index.periods)} places with periods, "
        f"{len(control_index.features)} periods, index built in "
        f"{info['control']['build_s']:.2f} s; RSS +{info['control']['rss_added_mb']:,.0f}"
        f" MB (peak {info['control']['rss_peak_mb']:,.0f} MB), index "
        f"{info['control']['columns_mb']:,.0f} MB"
    )
    rng = np.random.default_rng(mapbench_data.SEED)
    days = [
        mapbench_data.FIRST_DAY + dt.timedelta(days=int(d))
        for d in rng.integers(0, mapbench_data.DAYS, repeat)
    ]
    for scenario, bbox in (
        ("control country", country),
        ("control idlib view", "36.3,35.6,36.9,36.1"),
    ):
        url = "/api/v1/control/?" + mapbench_measure.query(
            date=last_day.isoformat(), in_bbox=bbox
        )
        client.get(url)  # warm
        times, body, _ = mapbench_measure.timed_get(client, url, repeat)
        answer = json.loads(body)
        results.add(
            scenario,
            "conflictmap",
            times,
            body,
            notes=f"{answer['places']} places, {len(answer['features'])} features"
            f"{' (cells)' if answer['aggregated'] else ''}",
        )
        # Any date: each request a date not asked before (no cache can help).
        times, places, features = [], [], []
        for day in days:
            url = "/api/v1/control/?" + mapbench_measure.query(
                date=day.isoformat(), in_bbox=bbox
            )
            t, body, _ = mapbench_measure.timed_get(client, url, 1)
            times += t
            answer = json.loads(body)
            places.append(answer["places"])
            features.append(len(answer["features"]))
        results.add(
            f"{scenario} any date",
            "conflictmap",
            times,
            body,
            notes=f"median of {len(days)} dates: {int(np.median(places))} places, "
            f"{int(np.median(features))} features",
        )
    from bench import writebench

    info["control_writes"] = writebench.measure_control_writes(client)
    writebench.report_control(info["control_writes"], mapbench_env.out)


def interleaved(client, results, info, cluster_url, country, repeat) -> None:
    """Control on a new date and the cluster view, request by request in turn: on a
    shared machine the load moves both alike, so their ratio is the steady figure.
    Each is also timed in CPU seconds of this thread (time.thread_time), which a
    loaded machine's preemption does not inflate."""
    rng = np.random.default_rng(mapbench_data.SEED + 1)
    wall = {"control": [], "cluster": []}
    cpu = {"control": [], "cluster": []}
    for offset in rng.integers(0, mapbench_data.DAYS, repeat).tolist():
        day = mapbench_data.FIRST_DAY + dt.timedelta(days=offset)
        urls = {
            "control": "/api/v1/control/?"
            + mapbench_measure.query(date=day.isoformat(), in_bbox=country),
            "cluster": cluster_url,
        }
        for name, url in urls.items():
            c0, t0 = time.thread_time(), time.perf_counter()
            response = client.get(url)
            wall[name].append((time.perf_counter() - t0) * 1000)
            cpu[name].append((time.thread_time() - c0) * 1000)
            assert response.status_code == 200, url
    rows = {}
    for name in ("control", "cluster"):
        rows[name] = results.add(
            f"interleaved: {name} (wall)", "conflictmap", wall[name], b""
        )
        rows[name + " cpu"] = results.add(
            f"interleaved: {name} (CPU)", "conflictmap", cpu[name], b""
        )
    info["control_vs_cluster_interleaved"] = {
        "wall": rows["control"]["p50_ms"] / rows["cluster"]["p50_ms"],
        "cpu": rows["control cpu"]["p50_ms"] / rows["cluster cpu"]["p50_ms"],
    }
    mapbench_env.out(
        f"interleaved ({repeat} pairs; control on a new date each time, country view): "
        + "; ".join(
            f"{key} p50 {row['p50_ms']:.3f} p95 {row['p95_ms']:.3f} ms"
            for key, row in rows.items()
        )
        + f"; control/cluster p50 wall {info['control_vs_cluster_interleaved']['wall']:.3f}x"
        f", CPU {info['control_vs_cluster_interleaved']['cpu']:.3f}x"
    )
