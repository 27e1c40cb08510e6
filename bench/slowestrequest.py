"""Where the slowest request of this process spent its time (bench/importvisible.py's
import while the map answers): a sampler thread notes the other threads' innermost
frames, and the garbage collector's pauses, during each request; the slowest one's
samples are kept."""

from __future__ import annotations

import threading
import time
from pathlib import Path


class SlowestRequest:
    """Where the slowest request of this process spent its time during the import:
    every SAMPLE_S, a thread notes the requesting thread's innermost frames and those
    of the other threads (the import's, a delta's reader) that hold it up; the
    samples of the slowest request are kept (run 6 at 10M: one 2.1 s request here
    right after the commit, cause unknown)."""

    SAMPLE_S = 0.02

    def __init__(self) -> None:
        self.current: tuple[float, list] | None = None
        self.slowest: tuple[float, float, list] = (0.0, 0.0, [])
        self.slowest_gc: list = []  # (generation, ms) of the collections in it
        self.running = False
        self.thread: threading.Thread | None = None
        self._gc: list = []  # the collections during the current request
        self._gc_start = 0.0

    def _on_gc(self, phase: str, info: dict) -> None:
        """The garbage collector stops every thread of the process (it holds the
        GIL): its pauses during the request, whichever thread triggered them."""
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self.current is not None:
            ms = (time.perf_counter() - self._gc_start) * 1000
            self._gc.append((info["generation"], round(ms, 1)))

    def begin(self) -> float:
        self._gc = []
        t0 = time.perf_counter()
        self.current = (t0, [])
        return t0

    def end(self, t0: float) -> None:
        current, self.current = self.current, None
        elapsed = time.perf_counter() - t0
        if current is not None and elapsed > self.slowest[0]:
            self.slowest = (elapsed, t0, current[1])
            self.slowest_gc = self._gc

    def start(self) -> None:
        import gc

        gc.callbacks.append(self._on_gc)
        self.running = True
        self.thread = threading.Thread(
            target=self._run, name="bench-sampler", daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        import gc

        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)
        self.running = False
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def _run(self) -> None:
        import sys

        names = {}
        while self.running:
            time.sleep(self.SAMPLE_S)
            current = self.current
            if current is None:
                continue
            names.update((t.ident, t.name) for t in threading.enumerate())
            sample = []
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                sample.append((names.get(ident, "?"), _where(frame)))
            current[1].append(sample)

    def summary(self, committed: float) -> dict:
        """The slowest request: ms, its start from the commit (ms), and per thread
        the places seen most often in its samples."""
        elapsed, t0, samples = self.slowest
        seen: dict[str, dict[str, int]] = {}
        for sample in samples:
            for name, where in sample:
                counts = seen.setdefault(name, {})
                counts[where] = counts.get(where, 0) + 1
        return {
            "ms": elapsed * 1000,
            "from_commit_ms": (t0 - committed) * 1000,
            "samples": len(samples),
            # One every SAMPLE_S when the sampler gets the GIL: fewer, it did not.
            "samples_expected": int(elapsed / self.SAMPLE_S),
            # (generation, ms) of those of 1 ms or more; and the time of them all
            "gc": [c for c in self.slowest_gc if c[1] >= 1],
            "gc_ms": round(sum(ms for _, ms in self.slowest_gc), 1),
            "threads": {
                name: sorted(counts.items(), key=lambda kv: -kv[1])[:3]
                for name, counts in seen.items()
            },
        }


def _where(frame, depth: int = 4) -> str:
    """The innermost project frames of a stack (file:line function), else the
    innermost frames."""
    stack = []
    while frame is not None:
        stack.append(frame)
        frame = frame.f_back
    own = [f for f in stack if "site-packages" not in f.f_code.co_filename]
    chosen = (own or stack)[:depth]
    return " < ".join(
        f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}"
        for f in chosen
    )
