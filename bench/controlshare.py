"""The control layer on a second web worker: what the worker costs (USS) once it
answers the control API, control request times there and here, and control
write-to-visible on both processes (bench/README.md → "One control index per
machine"). It only reads, apart from toggling one justifying event; run it on a
database loaded by bench/mapbench.py (e.g. ``--events 1000000 --places 25000``).

    nice -n 10 .venv/bin/python bench/controlshare.py \\
        --database-url postgis://cmbench:cmbench@127.0.0.1:5432/conflictmap_ctlshare

Lines a script reads: ``memory per extra worker: <N> MB``, ``control write-to-visible:
…``, ``control request p50: …``. Runs on older checkouts too (one index per process):
it uses only the selectors and the bench's helpers they had."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def private_pages(pid: int, top: int = 8) -> list[str]:
    """The mappings holding most of ``pid``'s private pages (USS), by file."""
    private: dict[str, int] = {}
    name = ""
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        first = line.split(maxsplit=5)
        if len(first) >= 5 and "-" in first[0] and not first[0].endswith(":"):
            name = first[5] if len(first) > 5 else "[anonymous]"
        elif first[0] in ("Private_Clean:", "Private_Dirty:"):
            private[name] = private.get(name, 0) + int(first[1])
    ranked = sorted(private.items(), key=lambda kv: -kv[1])[:top]
    return [f"{kb / 1024:7.1f} MB private  {where}" for where, kb in ranked]


def heap_vs_mapped(rounds: int = 3) -> None:
    """CPU per answer of a whole build from the heap and from its mapped file."""
    import tempfile

    from django.conf import settings

    from control import selectors as control_selectors
    from control import store

    heap = control_selectors._build(0)
    root = Path(tempfile.mkdtemp(prefix="controlshare_"))
    t0 = time.perf_counter()
    name = store.publish(root, heap)
    publish_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    mapped = store.load(root / name)
    map_s = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in (root / name).iterdir()) / 2**20
    rng = np.random.default_rng(3)
    first, last = dt.date(2015, 1, 1).toordinal(), dt.date(2024, 12, 1).toordinal()
    days = [dt.date.fromordinal(int(d)) for d in rng.integers(first, last, 60)]
    views = [
        (35.5, 32.3, 42.4, 37.4),
        (36.3, 35.6, 36.9, 36.1),
        (36.5, 35.8, 36.6, 35.9),
    ]

    def answer(index, day, view) -> bytes:
        positions = index.in_force(day, view)
        if len(positions) > settings.CONTROL_MAX_PLACES:
            return b",".join(index.cells(positions, day, view))
        return b",".join(index._encode(positions))  # encoded each time

    cpu: dict[str, list[float]] = {"heap": [], "mapped": []}
    same = True
    for r in range(rounds):
        order = [("heap", heap), ("mapped", mapped)][:: 1 if r % 2 == 0 else -1]
        for day in days:
            for view in views:
                got = {}
                for name_, index in order:
                    c0 = time.process_time()
                    got[name_] = answer(index, day, view)
                    cpu[name_].append((time.process_time() - c0) * 1000)
                same &= got["heap"] == got["mapped"]
    heap_p50, mapped_p50 = (np.percentile(cpu[k], 50) for k in ("heap", "mapped"))
    out(
        f"heap vs mapped: CPU p50 per answer {heap_p50:.3f} / {mapped_p50:.3f} ms "
        f"({mapped_p50 / heap_p50:.2f}x; {len(cpu['heap'])} answers each), identical "
        f"bytes: {same}; file {size:.1f} MB written and synced in {publish_s:.2f} s, "
        f"mapped in {map_s * 1000:.1f} ms"
    )
    import shutil

    shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument(
        "--heap-vs-mapped",
        action="store_true",
        help="only: one build's answers from the heap and from its published file, "
        "interleaved, CPU per answer (no Feature cache)",
    )
    parser.add_argument(
        "--smaps",
        action="store_true",
        help="print where the worker's private pages lie",
    )
    args = parser.parse_args()

    from bench import mapbench_env, writebench

    mapbench_env.django_setup(args.database_url, mapbench_env.shared_cache_url())
    if args.heap_vs_mapped:
        heap_vs_mapped()
        return
    from django.test import Client

    from control import selectors as control_selectors
    from events.models import Event
    from maps.selectors import index_build

    client = Client()
    t0 = time.perf_counter()
    cluster = index_build.event_cluster_index()  # the machine's (the worker maps it)
    out(f"cluster index: {cluster.size} events in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    index = control_selectors.control_index()
    out(
        f"control index here: {len(index.periods)} places with periods in "
        f"{time.perf_counter() - t0:.1f} s; "
        f"{getattr(index, 'store_name', '') or 'this process only'}"
    )
    last_day = dt.date.fromordinal(int(cluster.start.max()))
    rng = np.random.default_rng(16)
    first = dt.date(2015, 1, 1).toordinal()
    days = [
        dt.date.fromordinal(int(d))
        for d in rng.integers(first, last_day.toordinal(), args.repeat)
    ]
    country = "35.5,32.3,42.4,37.4"
    urls = [
        f"/api/v1/control/?date={day.isoformat()}&in_bbox={bbox}"
        for day in [last_day, *days]
        for bbox in (country, "36.3,35.6,36.9,36.1")
    ]

    def there(url: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{args.port}{url}") as answer:  # noqa: S310
            return answer.read()

    def here(url: str) -> bytes:
        return client.get(url).content

    # This process asks first what the worker will ask, so that the index files'
    # pages both read are shared ones (USS counts a file page only one process has
    # touched as private, though it lies in the page cache for every process).
    here("/api/v1/clusters/?zoom=6")
    server = writebench._second_process(args.database_url, args.port)
    try:
        deadline = time.monotonic() + 900
        while True:  # the worker maps (or builds) the cluster index
            try:
                there("/api/v1/clusters/?zoom=6")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        worker = (writebench._children(server.pid) or [server.pid])[0]
        before = writebench.memory_mb(worker)
        t0 = time.perf_counter()
        first_answer = there(urls[0])
        out(f"second worker: first control answer in {time.perf_counter() - t0:.2f} s")
        assert first_answer == here(urls[0]), "the two processes answer differently"
        timing: dict[str, list[float]] = {"here": [], "there": []}
        cpu = {"here": 0.0, "there": 0.0}
        for url in urls:  # interleaved: both see the same load
            for name, get in (("here", here), ("there", there)):
                t0, c0, w0 = time.perf_counter(), time.process_time(), cpu_s(worker)
                get(url)
                timing[name].append((time.perf_counter() - t0) * 1000)
                if name == "here":
                    cpu["here"] += time.process_time() - c0
                else:
                    cpu["there"] += cpu_s(worker) - w0
        memory = writebench.memory_mb(worker)
        out(
            f"memory per extra worker: {memory['uss']:.0f} MB (USS of a second "
            f"gunicorn worker, --preload, after {len(urls) + 2} control and one "
            f"cluster request; PSS {memory['pss']:.0f} MB, RSS {memory['rss']:.0f} "
            f"MB, anonymous {memory['anon']:.0f} MB; before its first control "
            f"request: USS {before['uss']:.0f} MB)"
        )
        if args.smaps:
            for line in private_pages(worker):
                out(f"  {line}")
        for name in ("here", "there"):
            values = timing[name]
            out(
                f"control request p50 ({'this process' if name == 'here' else 'second worker, HTTP'}): "
                f"{np.percentile(values, 50):.1f} ms, p95 {np.percentile(values, 95):.1f} ms "
                f"({len(values)} requests, a new date each); CPU "
                f"{cpu[name] / len(values) * 1000:.2f} ms a request (the serving "
                "process's user + system time, the steadier figure on a loaded machine)"
            )

        # Write-to-visible on both: the one event justifying a place's last period
        # is withdrawn or published again; both processes polled in turn.
        place_id, event_id, url = writebench.control_write_subject()

        def shown(body: bytes) -> bool:
            return any(
                f["id"] == place_id and event_id in f["properties"]["event_ids"]
                for f in json.loads(body)["features"]
            )

        subject = Event.objects.get(pk=event_id)
        visible = {"here": [], "there": []}
        for _ in range(args.writes):
            published = subject.status == Event.Status.PUBLISHED
            subject.status = Event.Status.DRAFT if published else Event.Status.PUBLISHED
            t0 = time.perf_counter()
            subject.save(update_fields=["status"])  # committed, version bumped
            pending = {"here": here, "there": there}
            while pending:
                for name, get in list(pending.items()):
                    if shown(get(url)) != published:
                        visible[name].append((time.perf_counter() - t0) * 1000)
                        del pending[name]
                if time.perf_counter() - t0 > 120:
                    raise RuntimeError("a write not visible after 120 s")
        if subject.status != Event.Status.PUBLISHED:
            subject.status = Event.Status.PUBLISHED
            subject.save(update_fields=["status"])
        slowest = max(max(visible["here"]), max(visible["there"]))
        out(
            f"control write-to-visible: {slowest:.0f} ms (the slowest process); this "
            f"process p50 {np.percentile(visible['here'], 50):.0f} / max "
            f"{max(visible['here']):.0f} ms; second worker (HTTP) p50 "
            f"{np.percentile(visible['there'], 50):.0f} / max "
            f"{max(visible['there']):.0f} ms; {args.writes} writes"
        )
        after = writebench.memory_mb(worker)
        out(f"second worker after the writes: USS {after['uss']:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    out(
        f"load average {', '.join(f'{v:.1f}' for v in os.getloadavg())}; "
        f"{os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
