"""The peers bench/mapbench.py times its cluster API against: the tile server's SQL
(PostGIS) and supercluster behind node (rebuilt on every filter change)."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from bench import mapbench_data, mapbench_env, mapbench_measure


def tile_sql_section(results, wins, repeat) -> None:
    """The tile server's SQL on the country view, per window and for one type."""
    for name, (start, end) in wins.items():
        mapbench_measure.run_tile_sql(
            results,
            f"country z6 {name}",
            mapbench_data.SYRIA,
            6,
            start,
            end,
            "",
            max(3, repeat // 5),
        )
    start, end = wins["1-year"]
    mapbench_measure.run_tile_sql(
        results,
        "country z6 1-year type=explosions-r",
        mapbench_data.SYRIA,
        6,
        start,
        end,
        "explosions-remote-violence",
        max(3, repeat // 5),
    )


def supercluster_section(args, index, wins, country, client, results, repeat):
    """Supercluster on filter changes and pan/zoom, and ours on the same filter changes;
    node's peak memory in MB (None when skipped)."""
    node_hwm = None
    if not args.no_supercluster and index.size > args.sc_max:
        mapbench_env.out(
            f"supercluster: skipped ({index.size} points > --sc-max {args.sc_max}: "
            "their JSON passes node's string limit)"
        )
    elif not args.no_supercluster:
        mapbench_measure.ensure_supercluster()
        with tempfile.TemporaryDirectory() as tmp:
            points = Path(tmp) / "points.json"
            mapbench_measure.export_points(index, points)
            node = subprocess.Popen(  # noqa: S603 - fixed argv
                [
                    "node",
                    "--max-old-space-size=8192",
                    "server.js",
                    str(points),
                    str(args.sc_port),
                ],
                cwd=mapbench_measure.SUPERCLUSTER,
                stdout=subprocess.DEVNULL,
            )
            try:
                mapbench_env.wait_http(
                    f"http://127.0.0.1:{args.sc_port}/clusters?zoom=0", 600
                )
                tops = {
                    t.slug: i for i, t in enumerate(index.types) if t.slug == t.top_slug
                }
                change, change_http, body = [], [], b""
                combos = [
                    (name, start, end, top)
                    for name, (start, end) in wins.items()
                    for top in (
                        "",
                        str(tops["explosions-remote-violence"]),
                        str(tops["battles"]),
                    )
                ]
                for _name, start, end, top in combos[
                    : max(3, min(len(combos), repeat))
                ]:
                    server_ms, http_ms, body = mapbench_measure.supercluster_get(
                        args.sc_port,
                        zoom=6,
                        bbox=country,
                        **{
                            "from": start.toordinal() if start else None,
                            "to": end.toordinal() if end else None,
                            "top": top,
                        },
                    )
                    change.append(server_ms)
                    change_http.append(http_ms)
                row = results.add("filter change z6", "supercluster", change, body)
                row["notes"] = (
                    f"rebuild + query; HTTP p50 {mapbench_measure.percentile(change_http, 50):.1f} ms"
                )
                # Same filter, pan/zoom (index already built).
                start, end = wins["1-year"]
                keep = {"from": start.toordinal(), "to": end.toordinal()}
                mapbench_measure.supercluster_get(
                    args.sc_port, zoom=6, bbox=country, **keep
                )
                pan = []
                for zoom in range(6, 15):
                    bbox = mapbench_measure.bbox_param(
                        mapbench_measure.viewport(36.63, 35.93, zoom)
                    )
                    for _ in range(max(5, repeat // 4)):
                        pan.append(
                            mapbench_measure.supercluster_get(
                                args.sc_port, zoom=zoom, bbox=bbox, **keep
                            )[0]
                        )
                results.add("pan/zoom z6->z14 1-year", "supercluster", pan, body)
                node_hwm = mapbench_env.vm_hwm_kb(node.pid) / 1024
            finally:
                node.terminate()
                node.wait(timeout=30)
        # Ours on filter changes: the same combos, each one new to the server.
        change = []
        slugs = {"": "", **{str(v): k for k, v in tops.items()}}
        for _name, start, end, top in combos[: max(3, min(len(combos), repeat))]:
            url = "/api/v1/clusters/?" + mapbench_measure.query(
                zoom=6, in_bbox=country, date_from=start, date_to=end, type=slugs[top]
            )
            t0 = time.perf_counter()
            response = client.get(url)
            change.append((time.perf_counter() - t0) * 1000)
        results.add("filter change z6", "conflictmap", change, response.content)
    return node_hwm
