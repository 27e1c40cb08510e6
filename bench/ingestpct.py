"""Warm CPU ms per 1,000 words, article by article: the p50 and p90 over a series.

Usage: .venv/bin/python bench/ingestpct.py [--split dev] [--series A ...] [--rounds 3]

Each article is read ``--rounds`` times after a warm-up (the gazetteer loaded, every
article read once); its best CPU time (process time: a loaded machine's waiting is not
counted) over its words, scaled to 1,000 words. Prints the median and the 90th
percentile over the articles, and their sum over all words (as bench/ingestcpu.py).
Held-out texts are only timed, never shown.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import ingestbench  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ingestbench.setup_database()
    from ingest import propose

    index = ingestbench.corpus_index()
    ids = ingestbench.select_ids(index, args.split, series=args.series)
    ingestbench.run(ids[:1])
    articles = [ingestbench.load_article(i) for i in ids]
    best = [float("inf")] * len(articles)
    for _ in range(args.rounds + 1):  # the first round warms every article's names
        for number, article in enumerate(articles):
            started = time.process_time()
            propose.article_propose(
                text_raw=article["text"],
                published_at=ingestbench.published_at(article),
            )
            best[number] = min(best[number], time.process_time() - started)
    words = [len(a["text"].split()) for a in articles]
    per_1000 = sorted(1e6 * b / w for b, w in zip(best, words, strict=True))
    p90 = statistics.quantiles(per_1000, n=10)[-1] if len(per_1000) > 1 else per_1000[0]
    ingestbench.say(
        f"{len(articles)} articles, {sum(words)} words: CPU ms per 1,000 words "
        f"p50 {statistics.median(per_1000):.1f}, p90 {p90:.1f}, all "
        f"{1e6 * sum(best) / sum(words):.1f} (best of {args.rounds} per article)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
