"""CPU time of the ingest extractor per 1,000 words on the corpus (process time, so a
loaded machine's waiting is not counted).

Usage: .venv/bin/python bench/ingestcpu.py [--split dev|heldout|all] [--series I ...]
       [--rounds 3] [--countries SY,...] [--cache-dir DIR] [--abroad] [--cold]

Prints the CPU ms per 1,000 words over every selected article (the sum of their CPU
times over the sum of their words, best of ``--rounds``), and the CPU ms of one article
of about 1,000 words made of their texts (median of ``--rounds``). Held-out texts are
only timed, never shown. ``--abroad``: only the articles read in a country outside
GAZETTEER_COUNTRIES (as ``ingestbench.py --abroad``); ``--cold``: the name and phrase
memos emptied before each article (as the bench's second speed figure).

The first round also pays the first use of each country index abroad (built, or read
from its file in ``--cache-dir``: GAZETTEER_CACHE_DIR, "" for none): its CPU ms per
1,000 words and the indexes built and read are printed apart ("first round").
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import ingestbench  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--countries", default="")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--abroad", action="store_true")
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    if args.cache_dir is not None:
        os.environ["GAZETTEER_CACHE_DIR"] = args.cache_dir
    if args.countries:
        os.environ["GAZETTEER_COUNTRIES"] = args.countries.upper()
    ingestbench.setup_database()
    from django.conf import settings

    from ingest import propose
    from places.geocoding import phrases

    index = ingestbench.corpus_index()
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    ids = [
        i for s in splits for i in ingestbench.select_ids(index, s, series=args.series)
    ]
    ingestbench.run(ids[:1])  # loads the gazetteer and warms up
    articles = [ingestbench.load_article(i) for i in ids]
    if args.abroad:
        home = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
        articles = [
            a
            for a in articles
            if propose.article_propose(
                text_raw=a["text"], published_at=ingestbench.published_at(a)
            ).country
            not in home
        ]
    words = sum(len(a["text"].split()) for a in articles)
    totals = []
    for _ in range(args.rounds):
        started = time.process_time()
        for article in articles:
            if args.cold:
                phrases.clear_caches()
            propose.article_propose(
                text_raw=article["text"],
                published_at=ingestbench.published_at(article),
            )
        totals.append(1000 * (time.process_time() - started))
    from places import gazetteer_cache

    best = min(totals)
    ingestbench.say(
        f"first round: {1000 * totals[0] / words:.1f} CPU ms per 1,000 words; country "
        f"indexes abroad built {gazetteer_cache.stats['built']}, read from their "
        f"files {gazetteer_cache.stats['loaded']} (all rounds, with the warm-up)"
    )
    ingestbench.say(
        f"{len(articles)} articles, {words} words: {best:.0f} CPU ms in all, "
        f"{1000 * best / words:.1f} CPU ms per 1,000 words (best of {args.rounds})"
    )
    joined, count = [], 0
    for article in articles:
        joined.append(article["text"])
        count += len(article["text"].split())
        if count >= 1000:
            break
    text = "\n\n".join(joined)
    when = ingestbench.published_at(articles[0])
    times = []
    for _ in range(args.rounds):
        if args.cold:
            phrases.clear_caches()
        started = time.process_time()
        propose.article_propose(text_raw=text, published_at=when)
        times.append(1000 * (time.process_time() - started))
    ingestbench.say(
        f"one {count}-word article: {statistics.median(times):.1f} CPU ms (median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
