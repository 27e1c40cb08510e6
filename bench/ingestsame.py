"""Is "propose events from an article" unchanged? Dump every corpus article's whole
proposal to JSON, then compare a later run with it (for speed work that must not
change the output).

Usage: .venv/bin/python bench/ingestsame.py dump BEFORE.json
       .venv/bin/python bench/ingestsame.py check BEFORE.json
       .venv/bin/python bench/ingestsame.py profile [--split dev] [--top 30]

``dump`` and ``check`` read every article of bench/corpus/ingest (both splits, in the
index's order, as ``ingestbench.py`` does) in the bench's throw-away database and
serialise each ``ArticleProposal`` whole (events, statements, actors, places, spans,
warnings). ``check`` prints only how many articles differ, and the ids of differing
development articles: held-out outputs are compared for identity, never shown.

``profile`` runs cProfile over the propose pipeline (the ~1,000-word dev article five
times, then every article of the split once) and prints pstats by cumulative and by
own time; CPU time (``time.process_time``) is printed beside it.
"""

import argparse
import cProfile
import dataclasses
import datetime as dt
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import ingestbench  # noqa: E402


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def proposals(ids: list[str]) -> dict[str, str]:
    """Each article's proposal as canonical JSON text (or the error it raised)."""
    from ingest import propose

    found = {}
    for article_id in ids:
        article = ingestbench.load_article(article_id)
        try:
            proposal = propose.article_propose(
                text_raw=article["text"],
                published_at=ingestbench.published_at(article),
            )
            found[article_id] = json.dumps(
                _plain(proposal), sort_keys=True, ensure_ascii=False
            )
        except Exception as error:  # noqa: BLE001 - recorded, compared like output
            found[article_id] = f"error: {type(error).__name__}: {error}"
    return found


def _setup() -> list[dict]:
    ingestbench.setup_database()
    from places import gazetteer

    gazetteer.gazetteer_index()
    return ingestbench.corpus_index()


def _all_ids(index: list[dict]) -> list[str]:
    return [r["id"] for r in index if r["split"] in ("dev", "heldout")]


def dump(path: Path) -> int:
    index = _setup()
    found = proposals(_all_ids(index))
    path.write_text(json.dumps(found, indent=0, ensure_ascii=False), "utf-8")
    ingestbench.say(f"{len(found)} proposals written to {path}")
    return 0


def check(path: Path) -> int:
    index = _setup()
    before = json.loads(path.read_text("utf-8"))
    split_of = {r["id"]: r["split"] for r in index}
    found = proposals(_all_ids(index))
    differ = sorted(i for i in found if before.get(i) != found[i])
    missing = sorted(set(before) - set(found))
    by_split = {
        s: sum(split_of.get(i) == s for i in differ) for s in ("dev", "heldout")
    }
    ingestbench.say(
        f"{len(found)} articles compared: {len(differ)} differ "
        f"(dev {by_split['dev']}, held-out {by_split['heldout']}), "
        f"{len(missing)} missing"
    )
    for article_id in differ:
        if split_of.get(article_id) == "dev":
            ingestbench.say(f"  dev differs: {article_id}")
    return 1 if differ or missing else 0


def profile(split: str, top: int) -> int:
    index = _setup()
    from ingest import propose

    ids = ingestbench.select_ids(index, split)
    ingestbench.run(ids[:1])  # warm-up as the bench does
    words, joined = ingestbench.article_of_1000_words(ids)
    when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cpu = []
    for _ in range(7):
        started = time.process_time()
        propose.article_propose(text_raw=joined, published_at=when)
        cpu.append(1000 * (time.process_time() - started))
    ingestbench.say(
        f"{words}-word article, CPU ms per run: "
        f"{', '.join(f'{c:.1f}' for c in cpu)}; median {statistics.median(cpu):.1f}"
    )
    articles = [ingestbench.load_article(i) for i in ids]
    per_article = []
    for article in articles:
        started = time.process_time()
        propose.article_propose(
            text_raw=article["text"], published_at=ingestbench.published_at(article)
        )
        per_article.append(1000 * (time.process_time() - started))
    ingestbench.say(
        f"{split}: {len(ids)} articles, CPU ms p50 {statistics.median(per_article):.1f}"
        f", total {sum(per_article):.0f}"
    )
    for title, run in (
        ("the ~1,000-word article x5", lambda: [
            propose.article_propose(text_raw=joined, published_at=when)
            for _ in range(5)
        ]),
        (f"every {split} article once", lambda: [
            propose.article_propose(
                text_raw=a["text"], published_at=ingestbench.published_at(a)
            )
            for a in articles
        ]),
    ):  # fmt: skip
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(run)
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs()
            stats.sort_stats(order).print_stats(top)
            ingestbench.say(f"\n==== {title}, by {order} ====")
            ingestbench.say(out.getvalue().split("\n\n", 1)[-1].rstrip())
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["dump", "check", "profile"])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--split", default="dev", choices=["dev"])
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    if args.command == "profile":
        return profile(args.split, args.top)
    if args.path is None:
        parser.error("a JSON path is needed")
    return dump(args.path) if args.command == "dump" else check(args.path)


if __name__ == "__main__":
    sys.exit(main())
