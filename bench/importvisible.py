"""An import while the map answers (bench/mapbench.py, --import-rows): an ACLED file
of N new published events imported through the interchange service (one
transaction) while this process and a second one (gunicorn, the machine's shared
index) answer the same cluster request in a loop. Right after the import commits,
one published event is retracted.

Reported: the import's time, import-to-visible on each process (from the commit),
the request p50/p99/max during the import and the rebuild it may start (against the
same request idle), the whole builds it cost, and the answers that still counted the
event retracted after the import (the stale-count guarantee: must be 0)."""

from __future__ import annotations

import csv
import json
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import numpy as np

from bench import slowestrequest, slowsampler, writebench

DEADLINE_S = 1800  # an import still not visible after this long fails the bench
ID_PREFIX = "BENCH"  # the imported events' ACLED ids (event_id_cnty)
VILLAGE = "Bench village"  # their places' names
REASON = "Bench retraction."  # the retraction made right after the import


def acled_file(n: int, *, seed: int = 16) -> Path:
    """N ACLED rows of new events (ids unique to this run) at points in Syria."""
    from interchange import acled

    rng = np.random.default_rng(seed)
    tag = uuid.uuid4().hex[:8]
    days = rng.integers(0, 3650, n)
    path = Path(tempfile.mkdtemp(prefix="conflictmap_bench_import_")) / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=acled.DATASET_COLUMNS)
        writer.writeheader()
        for i in range(n):
            day = np.datetime64("2014-01-01") + int(days[i])
            writer.writerow(
                {
                    "event_id_cnty": f"{ID_PREFIX}{tag}-{i}",
                    "event_date": str(day),
                    "year": str(day)[:4],
                    "time_precision": "1",
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "actor1": "Bench Actor One",
                    "inter1": "2",
                    "actor2": "Bench Actor Two",
                    "inter2": "1",
                    "iso": "760",
                    "country": "Syria",
                    "admin1": "Idlib",
                    "location": f"{VILLAGE} {i % 2000}",
                    "latitude": f"{35.0 + (i % 2000) / 2000:.4f}",
                    "longitude": f"{36.0 + (i % 1999) / 1999:.4f}",
                    "geo_precision": "1",
                    "source": "Bench",
                    "notes": "",
                    "fatalities": "1",
                }
            )
    return path


def remove_leftovers() -> dict[str, int]:
    """Undo what earlier imports of this bench left in its database, so that a
    database reused by ``mapbench.py --reuse`` holds what was loaded: the imported
    events (their ACLED ids begin with ID_PREFIX), the places only they used, and the
    event each import retracted, published again. (Left in place, the 20,000 events
    of one 10M run made the next ``--reuse`` count 10,020,000 and load it all again.)
    """
    from django.db import transaction

    from events.models import Correction, Event
    from places.models import Place

    imported = Event.objects.filter(
        external_dataset="acled", external_id__startswith=ID_PREFIX
    )
    retracted = Event.objects.filter(
        status=Event.Status.RETRACTED, retraction_reason=REASON
    )
    with transaction.atomic():
        place_ids = set(imported.values_list("place_id", flat=True).distinct())
        events = imported.count()
        if events:
            imported.delete()  # signals: the data version is bumped
        _, deleted = (
            Place.objects.filter(pk__in=place_ids, name__startswith=VILLAGE)
            .exclude(  # (by the place index: 10M events are not scanned)
                pk__in=Event.objects.filter(place_id__in=place_ids).values("place_id")
            )
            .delete()
        )
        places = deleted.get(Place._meta.label, 0)
        republished = 0
        for event in retracted:
            Correction.objects.filter(
                event=event, kind=Correction.Kind.RETRACTION, note=REASON
            ).delete()
            event.status = Event.Status.PUBLISHED
            event.retraction_reason = ""
            event.save(update_fields=["status", "retraction_reason"])
            republished += 1
    return {"events": events, "places": places, "republished": republished}


def measure_import(client, database_url: str, *, url: str, port: int, rows: int):
    """One import of ``rows`` events; ``url``: a cluster request counting every
    public event (no bbox)."""
    from django.db import connection

    from events import services as event_services
    from events.models import Event
    from interchange import files
    from maps.clusters import store
    from maps.selectors import index_build

    path = acled_file(rows)
    slow_log = path.parent / "slow.jsonl"  # the second process's slow requests
    server = writebench._second_process(database_url, port, slow_log=slow_log)
    result: dict = {"rows": rows}
    times_here: list[float] = []
    times_there: list[float] = []

    sampler = slowestrequest.SlowestRequest()
    # This process's threads, asking the other.
    sampler_there = slowestrequest.SlowestRequest()

    def here() -> int:
        t0 = sampler.begin()
        total = json.loads(client.get(url).content)["total"]
        times_here.append((time.perf_counter() - t0) * 1000)
        sampler.end(t0)
        return total

    def there() -> int:
        t0 = sampler_there.begin()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}") as response:  # noqa: S310
            total = json.loads(response.read())["total"]
        times_there.append((time.perf_counter() - t0) * 1000)
        sampler_there.end(t0)
        return total

    try:
        deadline = time.monotonic() + 900
        while True:  # the second process maps (or builds) its index
            try:
                there()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        before = here()
        assert there() == before, "the two processes disagree before the import"
        for _ in range(50):  # idle, both
            here()
            there()
        idle_here, idle_there = list(times_here), list(times_there)
        times_here.clear()
        times_there.clear()
        subject = Event.objects.get(
            pk=int(index_build.event_cluster_index().ids[0])
        )  # published: retracted right after the import
        builds = dict(store.stats)
        done: dict = {}

        def run_import() -> None:
            try:
                t0 = time.perf_counter()
                report = files.event_import_file(
                    path=path, fmt="acled", status="published"
                )
                done["import_s"] = time.perf_counter() - t0
                done["created"] = report.created
                done["committed"] = time.perf_counter()
                event_services.event_retract(event=subject, reason=REASON)
                done["retracted"] = time.perf_counter()
            except BaseException as error:  # reported by the main thread
                done["error"] = error
            finally:
                connection.close()

        thread = threading.Thread(target=run_import, name="bench-import")
        t_start, wall_start = time.perf_counter(), time.time()
        sampler.start()
        sampler_there.start()
        thread.start()
        target = before + rows - 1
        seen: dict[str, float] = {}
        stale = {"here": 0, "there": 0}
        end = time.monotonic() + DEADLINE_S
        while len(seen) < 2:
            if "error" in done:
                raise done["error"]
            if time.monotonic() > end:
                raise RuntimeError(f"import not visible after {DEADLINE_S} s")
            for name, ask in (("here", here), ("there", there)):
                if name in seen:
                    continue
                total = ask()
                retracted_at = done.get("retracted")
                asked_after = retracted_at is not None and (
                    (time.perf_counter() - retracted_at) * 1000
                    > (times_here if name == "here" else times_there)[-1]
                )  # the request started after the retraction's commit
                if asked_after and total in (before, before + rows):
                    stale[name] += 1
                if total == target and "committed" in done:
                    seen[name] = time.perf_counter()
        thread.join()
        sampler.stop()
        sampler_there.stop()
        committed = done["committed"]
        result.update(
            import_s=done["import_s"],
            created=done["created"],
            visible_here_s=seen["here"] - committed,
            visible_there_s=seen["there"] - committed,
            window_s=max(seen.values()) - t_start,
            stale_answers=stale,
            idle_here_ms=(
                writebench.percentile(idle_here, 50),
                writebench.percentile(idle_here, 99),
            ),
            idle_there_ms=(
                writebench.percentile(idle_there, 50),
                writebench.percentile(idle_there, 99),
            ),
            busy_here_ms=(
                writebench.percentile(times_here, 50),
                writebench.percentile(times_here, 99),
                max(times_here),
            ),
            busy_there_ms=(
                writebench.percentile(times_there, 50),
                writebench.percentile(times_there, 99),
                max(times_there),
            ),
            requests=(len(times_here), len(times_there)),
            builds_here={k: store.stats[k] - builds[k] for k in builds},
            slowest_here=sampler.summary(committed),
            slowest_there_client=sampler_there.summary(committed),
        )
        for key, between in (("slowest_there", False), ("gap_there", True)):
            found = slowsampler.read(slow_log, wall_start, between=between)
            if found is not None:  # its start from the commit, on the wall clock
                found["from_commit_ms"] = (
                    found["wall"] - (wall_start + committed - t_start)
                ) * 1000
            result[key] = found
    finally:
        sampler.stop()
        sampler_there.stop()
        server.terminate()
        server.wait(timeout=30)
        path.unlink(missing_ok=True)
        slow_log.unlink(missing_ok=True)
        path.parent.rmdir()
    return result


def report(result: dict, out) -> None:
    n = result["rows"]
    out(
        f"import of {n} events: {result['import_s']:.1f} s ({n / result['import_s']:,.0f} "
        f"rows/s); import-to-visible: {result['visible_here_s'] * 1000:.0f} ms here, "
        f"{result['visible_there_s'] * 1000:.0f} ms in the second process (from the "
        f"commit); answers counting the event retracted after it: "
        f"{result['stale_answers']}"
    )
    ih, it = result["idle_here_ms"], result["idle_there_ms"]
    bh, bt = result["busy_here_ms"], result["busy_there_ms"]
    out(
        f"  cluster requests during the import and its rebuild: here p50 {bh[0]:.1f} "
        f"p99 {bh[1]:.1f} max {bh[2]:.0f} ms (idle p50 {ih[0]:.1f} p99 {ih[1]:.1f}); "
        f"second process p50 {bt[0]:.1f} p99 {bt[1]:.1f} max {bt[2]:.0f} ms (idle "
        f"p50 {it[0]:.1f} p99 {it[1]:.1f}); {result['requests']} requests; bases "
        f"built by this process meanwhile: {result['builds_here']}"
    )
    slow = result.get("slowest_here")
    if slow:
        out(
            f"  slowest request here: {slow['ms']:.0f} ms, started "
            f"{slow['from_commit_ms']:+.0f} ms from the commit, {slow['samples']} "
            f"samples of {slow['samples_expected']}; garbage collections in it "
            f"{slow['gc_ms']} ms (of 1 ms or more, generation and ms: {slow['gc']}); "
            "where each thread was:"
        )
        _threads(slow["threads"], out)
    client = result.get("slowest_there_client")
    if client:
        out(
            f"  slowest request to the second process as this process saw it: "
            f"{client['ms']:.0f} ms, started {client['from_commit_ms']:+.0f} ms from "
            f"the commit, {client['samples']} samples of {client['samples_expected']} "
            f"(the others: the GIL held); garbage collections in it: {client['gc_ms']} ms "
            f"(those of 1 ms or more, generation and ms: {client['gc']}); where this "
            "process's threads were:"
        )
        _threads(client["threads"], out)
    for key, what in (
        ("slowest_there", "slowest request there (server side)"),
        ("gap_there", "longest wait there between two requests (its worker's loop)"),
    ):
        _there(result.get(key), what, out)


def _threads(threads: dict, out) -> None:
    """Where each sampled thread was, most often first: one line per thread."""
    for name, places in threads.items():
        out(f"    [{name}] " + "; ".join(f"{n}x {w}" for w, n in places))


def _there(slow: dict | None, what: str, out) -> None:
    if slow:
        out(
            f"  {what}: {slow['ms']:.0f} ms, started "
            f"{slow['from_commit_ms']:+.0f} ms from the commit, {slow['samples']} "
            f"samples; its thread's CPU {slow['thread_cpu_ms']:.0f} ms, page faults "
            f"{slow['minor_faults']} minor {slow['major_faults']} major; GC "
            f"{slow['gc_ms']:.0f} ms ({slow['gc_runs']} runs); CPU by thread: "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in slow["threads_cpu_ms"].items())
            + "; where each thread was:"
        )
        _threads(slow["threads"], out)
