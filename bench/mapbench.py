"""Map benchmark: ConflictMap's cluster API against its peers on synthetic Syrian events.

usage: .venv/bin/python bench/mapbench.py --events 10000 [--db postgis|spatialite]
See bench/README.md for what is measured and the latest results.

Its parts: mapbench_data (the synthetic events), mapbench_env (Django, cache, disk),
mapbench_measure (what is timed), mapbench_run (one run), mapbench_sections (its load
and writes sections), mapbench_control (the control layer's section).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: its sibling modules are bench.*

from bench import mapbench_env, mapbench_measure, mapbench_run  # noqa: E402


def ratios(results: mapbench_measure.Results) -> str:
    def ratio(a_scenario, a_impl, b_scenario, b_impl):
        a, b = results.get(a_scenario, a_impl), results.get(b_scenario, b_impl)
        if not a or not b or not b["p50_ms"] or b["p50_ms"] != b["p50_ms"]:
            return "n/a"
        return f"{a['p50_ms'] / b['p50_ms']:.4f}x"

    parts = [
        f"vs tile SQL 1-month {ratio('country z6 1-month', 'conflictmap', 'country z6 1-month', 'tile-sql')}",
        f"1-year {ratio('country z6 1-year', 'conflictmap', 'country z6 1-year', 'tile-sql')}",
        f"10-year {ratio('country z6 10-year', 'conflictmap', 'country z6 10-year', 'tile-sql')}",
        f"vs supercluster on filter change {ratio('filter change z6', 'conflictmap', 'filter change z6', 'supercluster')}",
        f"pan/zoom {ratio('pan/zoom z6->z14 1-year', 'conflictmap', 'pan/zoom z6->z14 1-year', 'supercluster')}",
        f"vs DRF country 1-month {ratio('country z6 1-month', 'conflictmap', 'country z6 1-month', 'drf-gis')}",
        f"vs floor {ratio('country z6 10-year', 'conflictmap', 'floor (empty response)', 'django')}",
        f"pan/zoom vs floor {ratio('pan/zoom z6->z14 1-year', 'conflictmap', 'floor (empty response)', 'django')}",
        f"new views {ratio('pan/zoom new views', 'conflictmap', 'floor (empty response)', 'django')}",
        f"control country vs cluster 1-year {ratio('control country', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"control country any date {ratio('control country any date', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"control idlib any date {ratio('control idlib view any date', 'conflictmap', 'country z6 1-year', 'conflictmap')}",
        f"interleaved wall {ratio('interleaved: control (wall)', 'conflictmap', 'interleaved: cluster (wall)', 'conflictmap')}",
        f"CPU {ratio('interleaved: control (CPU)', 'conflictmap', 'interleaved: cluster (CPU)', 'conflictmap')}",
    ]
    ours, base = (
        results.get("export battles 1-year", "conflictmap"),
        results.get("export battles 1-year", "drf-gis"),
    )
    cold = results.get("export battles 1-year (cold)", "conflictmap")
    if base and "features_per_s" not in base:  # skipped: past --baseline-max
        base = None
    if ours and base:
        parts.append(
            f"export {ours['features_per_s'] / base['features_per_s']:.1f}x DRF features/s"
        )
    if cold and base:
        parts.append(
            f"cold export {cold['features_per_s'] / base['features_per_s']:.1f}x DRF"
        )
    after = results.get("export battles 1-year (after a write)", "conflictmap")
    if after and base:
        parts.append(
            f"export after a write "
            f"{after['features_per_s'] / base['features_per_s']:.1f}x DRF"
        )
    return "RATIOS (p50, ours/peer): " + "; ".join(parts)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--db", choices=["postgis", "spatialite"], default="postgis")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--reuse", action="store_true", help="keep loaded data if same size"
    )
    parser.add_argument("--baseline-max", type=int, default=150_000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-supercluster", action="store_true")
    parser.add_argument("--no-tilesql", action="store_true")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--sc-port", type=int, default=8107)
    parser.add_argument("--json", default="")
    parser.add_argument(
        "--write-seconds",
        type=float,
        default=60,
        help="cluster p99 idle, then during one write per second, this long each "
        "(0: no write scenarios)",
    )
    parser.add_argument("--cache-url", default="")
    parser.add_argument(
        "--mapindex-from",
        type=int,
        default=2_000_000,
        help="from this many events the first index is built by `manage.py "
        "mapindex` in a process of its own (the bench maps it: its heap stays small)",
    )
    parser.add_argument(
        "--sc-max",
        type=int,
        default=3_000_000,
        help="the supercluster peer is skipped past this many public events",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=20_000,
        help="an ACLED import of this many new events while two processes answer "
        "(PostGIS; 0: none); applied as a delta up to DIRTY_MAX_IDS (250,000)",
    )
    parser.add_argument(
        "--places", type=int, default=0, help="places (0: one per 40 events, ≤ 25k)"
    )
    parser.add_argument(
        "--only-control",
        action="store_true",
        help="load, build, the country cluster views and the control layer only",
    )
    parser.add_argument(
        "--no-control",
        action="store_true",
        help="skip the control layer (at 10M events its build peaks at 1.6 GB)",
    )
    parser.add_argument(
        "--only-writes", action="store_true", help="load, build, the write scenarios"
    )
    parser.add_argument(
        "--only-import",
        action="store_true",
        help="load, build, the import scenario (--import-rows) only",
    )
    parser.add_argument(
        "--only-export",
        action="store_true",
        help="load, build, the GeoJSON export scenarios (blob and per Feature)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcome = mapbench_run.run(args)
    info, results = outcome["info"], outcome["results"]
    info["machine"] = (
        f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB, "
        f"Python {platform.python_version()}"
    )
    info["run_s"] = time.perf_counter() - started
    info["load_average_1m_5m_15m"] = os.getloadavg()
    mapbench_env.out()
    results.table()
    mapbench_env.out()
    mapbench_env.out(f"counts (ours, baseline): {outcome['counts']}")
    mapbench_env.out(
        f"memory: index {info['index_mb']:.0f} MB + export columns "
        f"{info['columns_mb']:.0f} MB, bench process peak RSS "
        f"{info['rss_peak_mb']:.0f} MB, node peak {info['node_peak_mb']} MB"
    )
    if "writes" in info:
        from bench import writebench

        writebench.report(info["writes"], mapbench_env.out)
    if "import" in info:
        from bench import importvisible

        importvisible.report(info["import"], mapbench_env.out)
    mapbench_env.out(
        f"run: {info['run_s']:.0f} s on {info['machine']}; load average "
        f"{', '.join(f'{v:.1f}' for v in info['load_average_1m_5m_15m'])}"
    )
    mapbench_env.out(ratios(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"info": info, "rows": results.rows, "counts": outcome["counts"]},
                default=str,
                indent=1,
            )
        )
    return outcome


if __name__ == "__main__":
    main()
