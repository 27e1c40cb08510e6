"""bench/mapbench.py's GeoJSON export section: battles over one year, exported from
the blob of encoded Features (maps.feature_blob) and, in the same run, per Feature
as before it (the Feature cache and the index's columns), so that the two compare."""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def per_feature() -> Iterator[None]:
    """Exports as before the blob: per Feature, from the cache or the columns."""
    from maps.selectors import geojson_export

    real = geojson_export._blob
    geojson_export._blob = lambda index: None
    try:
        yield
    finally:
        geojson_export._blob = real


def index_file_mb(index) -> float:
    """The size of the mapped version's index.bin (0 for an index of this process)."""
    from django.conf import settings
    from django.db import connection

    from maps.clusters import store

    root = store.root_for(settings.MAP_INDEX_DIR, connection.settings_dict)
    if root is None or not index.store_name:
        return 0.0
    path = root / index.store_name / "index.bin"
    return path.stat().st_size / 1e6 if path.exists() else 0.0


def export_section(
    results, info: dict, counts: dict, wins: dict, baseline, *, out, Faults
) -> None:
    """Rows "export battles 1-year" (blob) and "… per Feature (before)", each cold,
    repeated and first after a write (``out``, ``Faults``: mapbench's)."""
    from events.filters import EventFilters
    from events.models import Event
    from maps.selectors import geojson_export, index_build

    start, end = wins["1-year"]
    filters = EventFilters(types=["battles"], date_from=start, date_to=end)
    index = index_build.event_cluster_index()
    blob = index.columns.blob if index.columns is not None else None
    info["export_blob_mb"] = int(blob.offsets[-1]) / 1e6 if blob is not None else 0.0
    compressed = blob is not None and blob.firsts is not None
    info["export_blob_stored_mb"] = (
        int(blob.block_at[-1]) / 1e6 if compressed else info["export_blob_mb"]
    )
    info["index_file_mb"] = index_file_mb(index)
    out(
        f"export blob: {info['export_blob_mb']:,.0f} MB of encoded Features, stored "
        f"as {info['export_blob_stored_mb']:,.1f} MB"
        + (
            f" (zstd, {len(blob.firsts) - 1:,} blocks, dictionary "
            f"{'yes' if blob.dictionary is not None else 'no'})"
            if compressed
            else ""
        )
        + f" in the shared index's file of {info['index_file_mb']:,.0f} MB "
        f"({'used' if geojson_export._blob(index) else 'NOT used'})"
    )

    cpu_p50: dict[str, float] = {}

    def exports(
        n: int, before=lambda: None, name="", which=None
    ) -> tuple[list[float], bytes]:
        times, body, cpu, faults = [], b"", [], Faults()
        for _ in range(n):
            before()
            t0, c0 = time.perf_counter(), time.thread_time()
            body = geojson_export.event_geojson_bytes(which or filters)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
        if name:
            cpu_p50[name] = results.add(f"{name} (CPU)", "conflictmap", cpu, b"")[
                "p50_ms"
            ]
            faults.report(name, n)
        return times, body

    def export_row(scenario: str, times: list[float], body: bytes, note: str) -> dict:
        row = results.add(scenario, "conflictmap", times, body)
        row["total"] = json.loads(body)["count"]
        row["features_per_s"] = row["total"] / (row["p50_ms"] / 1000)
        cpu = cpu_p50.get(scenario)
        row["notes"] = (
            f"{row['total']} features, {row['features_per_s']:,.0f} features/s"
            + (f" ({row['total'] / cpu * 1000:,.0f}/s of CPU)" if cpu else "")
            + note
        )
        return row

    def empty_cache() -> None:
        index.features.clear()
        index.features_nbytes = 0

    repeat = max(3, int(os.environ.get("BENCH_EXPORT_REPEAT", "10")))
    # The blob's first export in this process: its pages are in the page cache (the
    # build wrote them) but not yet mapped by this process (the faults row says how
    # many it mapped).
    name = "export battles 1-year"
    times, body = exports(1, name=f"{name} (cold)")
    first = export_row(f"{name} (cold)", times, body, " (the first after the build)")
    times, body = exports(repeat, name=name)
    row = export_row(name, times, body, ", slices of the blob")
    total = row["total"]
    # Before, measured on the same index: cold (the Feature cache emptied before
    # each), then repeated (cache bound MAP_FEATURE_CACHE_MB).
    with per_feature():
        old = f"{name} per Feature (before)"
        times, old_body = exports(3, before=empty_cache, name=f"{old} (cold)")
        export_row(f"{old} (cold)", times, old_body, "")
        times, old_body = exports(repeat, name=old)
        old_row = export_row(
            old,
            times,
            old_body,
            f", feature cache {index.features_nbytes / 1e6:.1f} MB",
        )
    assert old_body == body, "the blob's export differs from the per-Feature one"
    assert first["total"] == total == old_row["total"]
    ratio = old_row["p50_ms"] / row["p50_ms"]
    cpu_ratio = cpu_p50[old] / cpu_p50[name]
    out(
        f"export: {total} features, blob {row['features_per_s']:,.0f} features/s "
        f"(CPU p50 {cpu_p50[name]:.1f} ms) vs per Feature "
        f"{old_row['features_per_s']:,.0f} features/s (CPU p50 "
        f"{cpu_p50[old]:.1f} ms): {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU"
    )
    info["export_ratio"] = ratio
    # Scattered: every type over one month, the API's order interleaving the types
    # day by day (the blob is ordered by type): about one slice per Feature.
    month = EventFilters(date_from=wins["1-month"][0], date_to=end)
    for scenario, wrap in (
        ("export all types 1-month", contextlib.nullcontext),
        ("export all types 1-month per Feature (before)", per_feature),
    ):
        with wrap():
            times, scattered = exports(repeat, name=scenario, which=month)
        export_row(scenario, times, scattered, "")
    info["export_cache_mb"] = index.features_nbytes / 1e6

    # First export after a write (one exported event edited and saved, committed):
    # the index applies it as a delta (no rebuild); the edited event comes from the
    # database. Once for each path, each after its own write.
    def after_a_write(scenario: str, mark: str, wrap: Callable) -> None:
        edited = Event.objects.get(pk=json.loads(body)["features"][0]["id"])
        edited.title += mark
        edited.save()
        with wrap():
            times, written = exports(1, name=scenario)
        after = export_row(scenario, times, written, " (base + delta)")
        assert after["total"] == total
        assert mark.encode() in written
        assert index_build.event_cluster_index() is index  # no rebuild

    after_a_write(f"{name} (after a write)", " (edited)", contextlib.nullcontext)
    after_a_write(f"{old} (after a write)", " (edited again)", per_feature)
    info["export_load_avg"] = os.getloadavg()
    base = baseline(name, total, type="battles", date_from=start, date_to=end)
    if base:
        base["notes"] = (
            f"{base['total']} features, {base['features_per_s']:,.0f} features/s"
        )
    counts[name] = (total, base["total"] if base else None)
