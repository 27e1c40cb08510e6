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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--writes", type=int, default=10)
    args = parser.parse_args()

    from bench import mapbench, writebench

    mapbench.django_setup(args.database_url, mapbench.shared_cache_url())
    from django.test import Client

    from control import selectors as control_selectors
    from events.models import Event
    from maps import selectors as map_selectors
    from places.models import Place

    client = Client()
    t0 = time.perf_counter()
    cluster = map_selectors.event_cluster_index()  # the machine's (the worker maps it)
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
        for url in urls:  # interleaved: both see the same load
            for name, get in (("here", here), ("there", there)):
                t0 = time.perf_counter()
                get(url)
                timing[name].append((time.perf_counter() - t0) * 1000)
        memory = writebench.memory_mb(worker)
        out(
            f"memory per extra worker: {memory['uss']:.0f} MB (USS of a second "
            f"gunicorn worker, --preload, after {len(urls) + 2} control and one "
            f"cluster request; PSS {memory['pss']:.0f} MB, RSS {memory['rss']:.0f} "
            f"MB, anonymous {memory['anon']:.0f} MB; before its first control "
            f"request: USS {before['uss']:.0f} MB)"
        )
        for name in ("here", "there"):
            values = timing[name]
            out(
                f"control request p50 ({'this process' if name == 'here' else 'second worker, HTTP'}): "
                f"{np.percentile(values, 50):.1f} ms, p95 {np.percentile(values, 95):.1f} ms "
                f"({len(values)} requests, a new date each)"
            )

        # Write-to-visible on both: the one event justifying a place's last period
        # is withdrawn or published again; both processes polled in turn.
        index = control_selectors.control_index()
        place_id, period = next(
            (pk, ps[-1])
            for pk, ps in sorted(index.periods.items())
            if len(ps[-1].event_ids) == 1 and not ps[-1].observation_ids
        )
        event_id = period.event_ids[0]
        lon, lat = Place.objects.get(pk=place_id).location.coords
        bbox = f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}"
        url = f"/api/v1/control/?date={period.start.isoformat()}&in_bbox={bbox}"

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
