"""gunicorn config for the bench's second process (bench/writebench.py,
``_second_process(sampler=...)``): where its slow requests spent their time.

The bench samples its own threads during its slowest request
(bench/slowestrequest.py, SlowestRequest); the second process is another process, so
this file, given to gunicorn with ``-c``, does the same there. Every SAMPLE_S while a
request runs, a thread notes the innermost frames of every other thread; a request
slower than BENCH_SLOW_MS (default 50) is written as one JSON line to BENCH_SLOW_LOG:
its wall start (time.time()), ms, the request thread's CPU and page faults
(getrusage(RUSAGE_THREAD)), each thread's CPU over the request (/proc/self/task), the
garbage collector's pauses, and the places seen per thread. Nothing here is loaded
by the project: only the bench passes ``-c bench/slowsampler.py``."""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

SAMPLE_S = 0.01
LOG = os.environ.get("BENCH_SLOW_LOG", "")
THRESHOLD_MS = float(os.environ.get("BENCH_SLOW_MS", "50"))
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
# "request": the request running; "between": the worker's time since the last one
# ended (its loop: the heartbeat, accept, reading the next request), sampled too.
_current: dict = {"request": None, "between": None}
_gc: dict = {"start": 0.0, "ms": 0.0, "count": 0}


def _where(frame, depth: int = 4) -> str:
    """The innermost project frames of a stack (file:line function), else the
    innermost frames (as bench/importvisible.py's)."""
    stack = []
    while frame is not None:
        stack.append(frame)
        frame = frame.f_back
    own = [
        f
        for f in stack
        if "site-packages" not in f.f_code.co_filename
        and "slowsampler" not in f.f_code.co_filename
        and f.f_code.co_name != "<module>"  # (gunicorn's script: its loop below)
    ]
    chosen = (own or stack)[:depth]
    return " < ".join(
        f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}"
        for f in chosen
    )


def _thread_cpu_ms() -> dict[int, float]:
    """CPU (user + system) ms of each of this process's threads, by native id."""
    found = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(task.name)] = (int(fields[11]) + int(fields[12])) * TICK_MS
    return found


def _names() -> dict[int, str]:
    return {t.native_id: t.name for t in threading.enumerate()}


def _on_gc(phase: str, info: dict) -> None:
    if phase == "start":
        _gc["start"] = time.perf_counter()
    else:
        _gc["ms"] += (time.perf_counter() - _gc["start"]) * 1000
        _gc["count"] += 1


def _sample() -> None:
    me = threading.get_ident()
    while True:
        time.sleep(SAMPLE_S)
        request = _current["request"] or _current["between"]
        if request is None:
            continue
        names = {t.ident: t.name for t in threading.enumerate()}
        sample = [
            (names.get(ident, "?"), _where(frame))
            for ident, frame in sys._current_frames().items()
            if ident != me
        ]
        request["samples"].append(sample)


def post_fork(server, worker) -> None:
    if not LOG:
        return
    gc.callbacks.append(_on_gc)
    threading.Thread(target=_sample, name="bench-slow-sampler", daemon=True).start()
    _current["between"] = _start("(between requests)")


def _start(path: str) -> dict:
    return {
        "t0": time.perf_counter(),
        "wall": time.time(),
        "path": path,
        "ru": resource.getrusage(resource.RUSAGE_THREAD),
        "cpu": _thread_cpu_ms(),
        "gc": (_gc["ms"], _gc["count"]),
        "samples": [],
    }


def pre_request(worker, req) -> None:
    if not LOG:
        return
    between, _current["between"] = _current["between"], None
    if between is not None:
        _log(between, None)
    _current["request"] = _start(req.path)


def post_request(worker, req, environ, resp) -> None:
    request, _current["request"] = _current["request"], None
    if not LOG or request is None:
        return
    _log(request, resp)
    _current["between"] = _start("(between requests)")


def _log(request: dict, resp) -> None:
    """``request`` as a JSON line of the log when it took THRESHOLD_MS or more."""
    ms = (time.perf_counter() - request["t0"]) * 1000
    if ms < THRESHOLD_MS:
        return
    ru0, ru1 = request["ru"], resource.getrusage(resource.RUSAGE_THREAD)
    cpu1, names = _thread_cpu_ms(), _names()
    seen: dict[str, dict[str, int]] = {}
    for sample in request["samples"]:
        for name, where in sample:
            counts = seen.setdefault(name, {})
            counts[where] = counts.get(where, 0) + 1
    record = {
        "wall": request["wall"],
        "ms": ms,
        "path": request["path"],
        "status": getattr(resp, "status", ""),
        "thread_cpu_ms": (ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime)
        * 1000,
        "minor_faults": ru1.ru_minflt - ru0.ru_minflt,
        "major_faults": ru1.ru_majflt - ru0.ru_majflt,
        "threads_cpu_ms": {
            names.get(tid, str(tid)): cpu - request["cpu"].get(tid, 0.0)
            for tid, cpu in cpu1.items()
            if cpu - request["cpu"].get(tid, 0.0) > 0
        },
        "gc_ms": _gc["ms"] - request["gc"][0],
        "gc_runs": _gc["count"] - request["gc"][1],
        "samples": len(request["samples"]),
        "threads": {
            name: sorted(counts.items(), key=lambda kv: -kv[1])[:3]
            for name, counts in seen.items()
        },
    }
    with open(LOG, "a", encoding="utf-8") as file:
        file.write(json.dumps(record) + "\n")


def read(path: Path, since_wall: float, *, between: bool = False) -> dict | None:
    """The slowest request logged at ``path`` that started at or after
    ``since_wall`` (time.time()); None when none was slower than the threshold.
    ``between``: the slowest wait between two requests instead."""
    if not path.exists():
        return None
    found = None
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if (record["path"] == "(between requests)") != between:
            continue
        if record["wall"] >= since_wall and (
            found is None or record["ms"] > found["ms"]
        ):
            found = record
    return found
