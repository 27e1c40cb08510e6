"""Writes while the map answers (bench/mapbench.py): write-to-visible in this process
and in a second one sharing the cache, CPU per write, cluster p99 during one write
per second against idle."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL_LIMIT_S = 120  # a write still not visible after this long: the bench fails


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _second_process(
    database_url: str, port: int, *, slow_log: Path | None = None
) -> subprocess.Popen:
    """A gunicorn worker on the same database and cache: another process's index.
    ``slow_log``: where it writes its slow requests and where its threads were
    meanwhile (bench/slowsampler.py)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    sampler = []
    if slow_log is not None:
        env["BENCH_SLOW_LOG"] = str(slow_log)
        sampler = ["-c", str(ROOT / "bench" / "slowsampler.py")]
    return subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            *sampler,
            "conflictmap.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "600",
            "--log-level",
            "warning",
            "--preload",  # Django imported once, before the fork (README: deploying)
        ],
        cwd=ROOT,
        env=env,
    )


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS, USS (private pages: what the process alone costs) and its anonymous
    part (heap, not file pages), from /proc/<pid>/smaps_rollup, in MB."""
    kb: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        kb[name.rstrip(":")] = int(value)
    return {
        "rss": kb["Rss"] / 1024,
        "pss": kb["Pss"] / 1024,
        "uss": (kb["Private_Clean"] + kb["Private_Dirty"]) / 1024,
        "anon": kb["Anonymous"] / 1024,
    }


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def measure_writes(
    client,
    database_url: str,
    *,
    url: str,
    urls: list[str],
    port: int,
    seconds: float,
    also: tuple[str, ...] = (),
) -> dict:
    """The write scenarios; ``url`` is a cluster query whose total every write
    changes by one, ``urls`` the requests timed for the p99 (idle and during writes);
    ``also``: requests the second process answers once first (the control layer's,
    so that its memory counts them), asked here first too (shared file pages)."""
    from django.db import connection

    from events.models import Event
    from maps.selectors import index_build

    def total_here() -> int:
        return json.loads(client.get(url).content)["total"]

    def total_there() -> int:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}") as response:  # noqa: S310
            return json.loads(response.read())["total"]

    index = index_build.event_cluster_index()
    public = index.ids
    # A published event inside the view: each write takes it out or puts it back.
    subject = Event.objects.filter(pk__in=public[:2000].tolist()).first()
    # A second process on one SQLite file stalls on its locks (it was seen waiting on
    # this process for ever): on SpatiaLite, only this process is measured.
    second = database_url.startswith(("postgis", "postgres"))
    server = _second_process(database_url, port) if second else None
    result: dict = {}
    try:
        deadline = time.monotonic() + 900
        while second:  # the second process builds its index on its first request
            try:
                total_there()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        for extra in also if second else ():
            client.get(extra)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{extra}") as answer:  # noqa: S310
                answer.read()
        worker = (_children(server.pid) or [server.pid])[0] if second else None
        result["second_process_rss_mb"] = _rss_mb(worker) if second else float("nan")
        here_ms, there_ms, polls, cpu_ms, commit_ms = [], [], [], [], []
        idle_cpu = []
        for _ in range(5):
            c0 = time.process_time()
            total_here()
            idle_cpu.append((time.process_time() - c0) * 1000)
        for i in range(10):
            expected_here = total_here()  # this process's own writes show at once
            # The same data: the other process may lag by up to VERSION_TTL (1 s),
            # so its total is not read here (a stale one would never be matched).
            expected_there = expected_here
            published = subject.status == Event.Status.PUBLISHED
            subject.status = Event.Status.DRAFT if published else Event.Status.PUBLISHED
            step = -1 if published else 1
            t0 = time.perf_counter()
            subject.save(update_fields=["status"])  # committed, version bumped
            commit_ms.append((time.perf_counter() - t0) * 1000)
            if i % 4 in (0, 3) or not second:  # this process
                n, c0 = 0, time.process_time()
                while total_here() != expected_here + step:
                    n += 1
                    if time.perf_counter() - t0 > POLL_LIMIT_S:
                        raise RuntimeError(f"write {i} not visible here")
                cpu_ms.append((time.process_time() - c0) * 1000)
                here_ms.append((time.perf_counter() - t0) * 1000)
            else:  # the second process (HTTP): a publication, then a retraction
                n = 0
                while total_there() != expected_there + step:
                    n += 1
                    if time.perf_counter() - t0 > POLL_LIMIT_S:
                        raise RuntimeError(
                            f"write {i} not visible in the second process"
                        )
                there_ms.append((time.perf_counter() - t0) * 1000)
            polls.append(n)
        if subject.status != Event.Status.PUBLISHED:
            subject.status = Event.Status.PUBLISHED
            subject.save(update_fields=["status"])
        result.update(
            write_to_visible_here_ms=here_ms,
            write_to_visible_there_ms=there_ms,
            stale_answers=sum(polls),
            write_commit_ms=commit_ms,
            first_answer_cpu_ms=percentile(cpu_ms, 50) - percentile(idle_cpu, 50),
            second_process_rss_after_mb=_rss_mb(worker) if second else float("nan"),
            second_process_memory_mb=memory_mb(worker) if second else {},
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    # Cluster p99: idle, and with one write per second from another thread.
    def requests_for(duration: float) -> list[float]:
        times, end = [], time.monotonic() + duration
        while time.monotonic() < end:
            for one in urls:
                t0 = time.perf_counter()
                response = client.get(one)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.status_code
        return times

    # Idle and writing in alternate 10 s slices, so that both see the same load of
    # a shared machine (its other processes, Redis's latency).
    writing, stop = threading.Event(), threading.Event()
    writes: list[float] = []
    rng = random.Random(16)
    ids = public.tolist()

    def writer() -> None:
        try:
            while not stop.is_set():
                if not writing.wait(0.1):
                    continue
                t0 = time.perf_counter()
                event = Event.objects.get(pk=rng.choice(ids))
                event.date_start += dt.timedelta(days=1)
                if event.date_end:
                    event.date_end += dt.timedelta(days=1)
                event.save(update_fields=["date_start", "date_end"])
                writes.append((time.perf_counter() - t0) * 1000)
                stop.wait(max(0.0, 1.0 - (time.perf_counter() - t0)))
        finally:
            connection.close()

    thread = threading.Thread(target=writer, name="bench-writer")
    thread.start()
    idle, busy, idle_cpu_s, busy_cpu_s = [], [], 0.0, 0.0
    slices = max(1, round(seconds / 10))
    try:
        for _ in range(slices):
            c0 = time.process_time()
            idle += requests_for(seconds / slices)
            idle_cpu_s += time.process_time() - c0
            writing.set()
            c0 = time.process_time()
            busy += requests_for(seconds / slices)
            busy_cpu_s += time.process_time() - c0
            writing.clear()
    finally:
        stop.set()
        thread.join()
    # The process's CPU beyond what as many requests cost idle, per write (the
    # writer's own ORM save included).
    extra_s = busy_cpu_s - idle_cpu_s / len(idle) * len(busy)
    result.update(
        idle_p50_ms=percentile(idle, 50),
        idle_p99_ms=percentile(idle, 99),
        writes_p50_ms=percentile(busy, 50),
        writes_p99_ms=percentile(busy, 99),
        writes_done=len(writes),
        cpu_per_write_ms=extra_s / max(len(writes), 1) * 1000,
        requests_idle=len(idle),
        requests_writes=len(busy),
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    return result


def report(result: dict, out) -> None:
    """The lines a script reads (write-to-visible: the slowest process)."""
    here, there = (
        result["write_to_visible_here_ms"],
        result["write_to_visible_there_ms"],
    )
    slowest = max(max(here), max(there or [0.0]))
    out(f"write-to-visible: {slowest:.0f} ms")
    out(
        f"  this process p50 {percentile(here, 50):.0f} ms max {max(here):.0f} ms; "
        f"second process (HTTP) p50 {percentile(there, 50):.0f} ms max "
        f"{max(there or [float('nan')]):.0f} ms; the write itself (save, commit, version bump) p50 "
        f"{percentile(result['write_commit_ms'], 50):.0f} ms; stale answers after a "
        f"write: {result['stale_answers']}"
    )
    out(
        f"cpu per write: {result['cpu_per_write_ms']:.1f} ms (process CPU during the "
        f"writes beyond the requests' idle cost; first answer after a write "
        f"{result['first_answer_cpu_ms']:.1f} ms over an idle one)"
    )
    ratio = result["writes_p99_ms"] / result["idle_p99_ms"]
    out(
        f"cluster p99 during writes: {result['writes_p99_ms']:.1f} ms, idle "
        f"{result['idle_p99_ms']:.1f} ms, ratio {ratio:.2f}x (p50 "
        f"{result['writes_p50_ms']:.2f} / {result['idle_p50_ms']:.2f} ms; "
        f"{result['writes_done']} writes, {result['requests_writes']} requests)"
    )
    memory = result.get("second_process_memory_mb") or {}
    out(
        f"memory per extra worker: {memory.get('uss', float('nan')):.0f} MB "
        "(USS of a second gunicorn worker, --preload, after its requests, the "
        "control layer's too unless --no-control: its "
        f"private pages; PSS {memory.get('pss', float('nan')):.0f} MB, RSS "
        f"{memory.get('rss', float('nan')):.0f} MB, anonymous "
        f"{memory.get('anon', float('nan')):.0f} MB; the index's file pages are "
        "shared by every process on the machine)"
    )


def control_write_subject() -> tuple[int, int, str]:
    """A place whose last period one event alone justifies (no observation): its id,
    that event's id and the control request that shows the period on its first day."""
    from control import selectors as control_selectors
    from places.models import Place

    index = control_selectors.control_index()
    place_id, period = next(
        (pk, ps[-1])
        for pk, ps in sorted(index.periods.items())
        if len(ps[-1].event_ids) == 1 and not ps[-1].observation_ids
    )
    lon, lat = Place.objects.get(pk=place_id).location.coords
    bbox = f"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}"
    url = f"/api/v1/control/?date={period.start.isoformat()}&in_bbox={bbox}"
    return place_id, period.event_ids[0], url


def measure_control_writes(client, *, writes: int = 10) -> dict:
    """Control write-to-visible: the one event justifying a place's last period is
    withdrawn (status draft) or published again, committed; ms from before the save
    until /api/v1/control/ for that place shows the change, and how many whole builds
    of the control index ran meanwhile (the write must be applied per place)."""
    from control import selectors as control_selectors
    from events.models import Event

    place_id, event_id, url = control_write_subject()

    def shown() -> bool:
        answer = json.loads(client.get(url).content)
        return any(
            f["id"] == place_id and event_id in f["properties"]["event_ids"]
            for f in answer["features"]
        )

    subject = Event.objects.get(pk=event_id)
    assert shown(), "the justifying event is not in the answer"
    whole = {"builds": 0}
    build = control_selectors._build

    def counted(version):  # whole builds, however the index is kept
        whole["builds"] += 1
        return build(version)

    control_selectors._build = counted
    times, polls = [], 0
    for _ in range(writes):
        published = subject.status == Event.Status.PUBLISHED
        subject.status = Event.Status.DRAFT if published else Event.Status.PUBLISHED
        t0 = time.perf_counter()
        subject.save(update_fields=["status"])  # committed, version bumped
        while shown() != (not published):
            polls += 1
        times.append((time.perf_counter() - t0) * 1000)
    control_selectors._build = build
    if subject.status != Event.Status.PUBLISHED:
        subject.status = Event.Status.PUBLISHED
        subject.save(update_fields=["status"])
    return {
        "control_write_to_visible_ms": times,
        "control_stale_answers": polls,
        "control_whole_builds": whole["builds"],
    }


def report_control(result: dict, out) -> None:
    times = result["control_write_to_visible_ms"]
    out(
        f"control write-to-visible: p50 {percentile(times, 50):.0f} ms, max "
        f"{max(times):.0f} ms over {len(times)} writes (withdraw / publish a "
        f"justifying event); whole builds meanwhile: "
        f"{result['control_whole_builds']}; stale answers: "
        f"{result['control_stale_answers']}"
    )
