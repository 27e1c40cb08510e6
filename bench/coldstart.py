"""The reader's cold start: CPU and wall seconds from a fresh process to its first proposal.

Usage: .venv/bin/python bench/coldstart.py [--runs 3] [--article ID] [--profile FILE]
       [--cache-dir DIR] [--warm]

Each run is a new Python process (as a restarted web or Celery worker): Django set up
on ingestbench's throw-away database, then, timed one by one, the gazetteer index
(gazetteer_index), the first proposal of a ~1,000-word dev article (the reader's own
tables, word lists, dateparser and the actors built on first use) and a second one (the
warm reading). ``--warm`` calls ingest.warm.reader_warm() first and times it apart (what
the `warm_reader` command and the background warm-up do). ``--cache-dir`` sets
GAZETTEER_CACHE_DIR ("" for none). ``--profile FILE`` writes cProfile stats of one run's
first proposal. Prints the median of ``--runs``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = _clock()
    return cpu - start[0], wall - start[1]


def child(args: argparse.Namespace) -> dict:
    """One fresh process's timings (run as ``--child``)."""
    from bench import ingestbench

    begin = _clock()
    ingestbench.setup_database()
    timings = {"setup": _since(begin)}
    from ingest import propose

    text, when = _article(ingestbench, args.article)
    if args.warm:
        from ingest import warm

        start = _clock()
        steps = warm.reader_warm()
        timings["warm_reader"] = _since(start)
        timings.update({f"  {step}": (cpu, 0.0) for step, cpu in steps.items()})
    from places import gazetteer

    start = _clock()
    gazetteer.gazetteer_index()
    timings["gazetteer index"] = _since(start)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = _clock()
    propose.article_propose(text_raw=text, published_at=when)
    timings["first proposal"] = _since(start)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    start = _clock()
    propose.article_propose(text_raw=text, published_at=when)
    timings["second proposal"] = _since(start)
    timings["to first proposal"] = _since(begin)
    return timings


def _article(ingestbench, article_id: str):
    """``article_id``'s text and date, else dev series A's texts joined to ~1,000 words."""
    index = ingestbench.corpus_index()
    ids = (
        [article_id]
        if article_id
        else ingestbench.select_ids(index, "dev", series=["A"])
    )
    joined, count = [], 0
    for found in ids:
        article = ingestbench.load_article(found)
        joined.append(article["text"])
        count += len(article["text"].split())
        if count >= 1000:
            break
    first = ingestbench.load_article(ids[0])
    return "\n\n".join(joined), ingestbench.published_at(first)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--article", default="")
    parser.add_argument("--profile", default="")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.cache_dir is not None:
        os.environ["GAZETTEER_CACHE_DIR"] = args.cache_dir
    if args.child:
        sys.stdout.write(json.dumps(child(args)) + "\n")
        return 0
    command = [sys.executable, __file__, "--child", "--article", args.article]
    if args.warm:
        command.append("--warm")
    runs = []
    for number in range(args.runs):
        extra = ["--profile", args.profile] if args.profile and number == 0 else []
        done = subprocess.run(
            command + extra, capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        sys.stderr.write(f"run {number + 1}: {runs[-1]}\n")
    sys.stdout.write(f"median of {len(runs)} fresh processes (CPU s / wall s):\n")
    for step in runs[0]:
        cpu = statistics.median(r[step][0] for r in runs)
        wall = statistics.median(r[step][1] for r in runs)
        sys.stdout.write(f"  {step:<20} {cpu:7.2f} CPU s {wall:7.2f} wall s\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
