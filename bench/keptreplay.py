"""Kept answers: hit rate by bound and replacement policy, from a trace (issue 16).

usage: .venv/bin/python bench/keptreplay.py TRACE.json [TRACE.json ...] [--mb 4 8 16 32]

A trace is every cluster request of a bench/panzoombench.py run, in order (its
``--trace``: query, ETag and body bytes). Each is replayed against a store: asked
(``get``), and kept (``put``) when not found, as maps.selectors does. Policies: ``lru``
(the store before issue 16's kept-answers change: least recently used out first),
``admit2`` (an LRU that keeps an answer only when its URL is asked a second time: a
view asked once never takes room) and ``slru`` (maps.clusters.live_index.Answers, the
code's: a segmented LRU). Prints, per trace, bound and policy, the requests found
kept, of all and of those whose URL was asked before (the most a store can find),
and the bytes held at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class LRU:
    """The store as it was (maps.clusters.live_index.Answers at 840f5b8), same bytes."""

    def __init__(self, max_bytes: int, entry_bytes: int) -> None:
        self.max_bytes, self.entry_bytes = max_bytes, entry_bytes
        self.items: OrderedDict[str, int] = OrderedDict()
        self.nbytes = 0

    def get(self, key: str) -> bool:
        if key in self.items:
            self.items.move_to_end(key)
            return True
        return False

    def put(self, key: str, size: int) -> None:
        size += self.entry_bytes + len(key)
        if size > self.max_bytes // 16 or key in self.items:
            return
        self.items[key] = size
        self.nbytes += size
        while self.nbytes > self.max_bytes:
            self.nbytes -= self.items.popitem(last=False)[1]


class Admit2(LRU):
    """An LRU that keeps an answer at its URL's second request (the URLs seen once
    are remembered, a bounded number of them, as short hashes)."""

    def __init__(self, max_bytes: int, entry_bytes: int) -> None:
        super().__init__(max_bytes, entry_bytes)
        self.seen: OrderedDict[int, None] = OrderedDict()

    def put(self, key: str, size: int) -> None:
        h = hash(key)
        if h not in self.seen:
            self.seen[h] = None
            if len(self.seen) > 100_000:
                self.seen.popitem(last=False)
            return
        super().put(key, size)


def replay(trace: list, store) -> dict:
    asked: set[str] = set()
    hits = again = again_hits = 0
    for key, etag_len, body_len in trace:
        repeat = key in asked
        asked.add(key)
        again += repeat
        if store.get(key):
            hits += 1
            again_hits += repeat
        else:
            store.put(key, etag_len, body_len)
    return {"requests": len(trace), "hits": hits, "again": again,
            "again_hits": again_hits}  # fmt: skip


class Code:
    """maps.clusters.live_index.Answers (the code's store) behind the replay's calls."""

    def __init__(self, max_bytes: int) -> None:
        from maps.clusters import live_index

        self.store = live_index.Answers(max_bytes)

    def get(self, key: str) -> bool:
        return self.store.get(key) is not None

    def put(self, key: str, etag_len: int, body_len: int) -> None:
        self.store.put(key, "e" * etag_len, b"x" * body_len)

    @property
    def nbytes(self) -> int:
        return self.store.nbytes


class Sized:
    """An LRU or Admit2 behind the replay's calls (ETag and body lengths)."""

    def __init__(self, store) -> None:
        self.store = store

    def get(self, key: str) -> bool:
        return self.store.get(key)

    def put(self, key: str, etag_len: int, body_len: int) -> None:
        self.store.put(key, etag_len + body_len)

    @property
    def nbytes(self) -> int:
        return self.store.nbytes


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("traces", nargs="+")
    parser.add_argument("--mb", type=float, nargs="+", default=[4, 8, 16, 32])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    import django

    django.setup()
    from bench.mapbench_env import out
    from maps.clusters import live_index

    rows = []
    for path in args.traces:
        trace = json.loads(Path(path).read_text())
        sizes = sorted(e + b for _, e, b in trace)
        out(
            f"{path}: {len(trace)} requests, {len({k for k, _, _ in trace})} URLs, "
            f"answer bytes p50 {sizes[len(sizes) // 2]:,} max {sizes[-1]:,}"
        )
        for mb in args.mb:
            max_bytes = int(mb * 2**20)
            stores = {
                "lru": Sized(LRU(max_bytes, live_index.Answers.ENTRY_BYTES)),
                "admit2": Sized(Admit2(max_bytes, live_index.Answers.ENTRY_BYTES)),
                "slru": Code(max_bytes),
            }
            for name, store in stores.items():
                r = replay(trace, store)
                r.update(trace=path, mb=mb, policy=name, held=store.nbytes)
                rows.append(r)
                out(
                    f"  {mb:g} MB {name:6}: kept {r['hits'] / r['requests']:6.1%} of "
                    f"requests, {r['again_hits'] / max(r['again'], 1):6.1%} of the "
                    f"{r['again']} asked again; held {r['held'] / 2**20:.1f} MB"
                )
    return rows


if __name__ == "__main__":
    main()
