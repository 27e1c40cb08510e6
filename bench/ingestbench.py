"""Ingest benchmark: the article -> draft events extractor against the labelled corpus.

Usage: .venv/bin/python bench/ingestbench.py [--split dev|heldout|all] [--only ID ...]
       [--series LETTER ...] [--verbose] [--json out.json] [--strict-regions]
       [--loose-actors] [--overall-only]

Runs ``ingest.propose.article_propose`` on every article of bench/corpus/ingest (the
labels follow its LABELLING_GUIDE.md) in a throw-away in-memory SpatiaLite database
holding the demo actors and the bundled gazetteer, and prints per article and overall,
for the development and held-out parts separately:

- events: recall and precision. A proposal matches a labelled event when the type
  family (the taxonomy's top level) agrees, the place agrees (within 5 km of the
  labelled point; the same governorate for region-level labels; the same name when the
  label has no coordinates) and the proposed period lies within the label's period;
- places: recall of the real places named (any mention resolved to that name or point)
  and the wrong-place rate (resolved mentions more than 5 km from the labelled point,
  in another governorate, or naming no real place);
- dates right (of the events matched on type and place), actors and stances/speakers
  right (of the fully matched events); an actor is right in its role when it is the
  label's actor of the list (a state doing violence is its forces, the guide's ruling)
  or shares a distinctive word with a label the list does not know (bench/actorscore.py);
- time per article (p50, and per 1,000 words), after the gazetteer is loaded.

Look only at the development part while tuning the extractor; the held-out part is
for measuring.
"""

import argparse
import csv
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.actorscore beside it

from bench import actorscore, agreement, ingestscore, scorereading  # noqa: E402
from bench.ingestscore import Score  # noqa: E402

CORPUS = ROOT / "bench" / "corpus" / "ingest"


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


# ------------------------------------------------------------------------- corpus
def corpus_index() -> list[dict]:
    with (CORPUS / "INDEX.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def series_of(article_id: str) -> str:
    """An id's series: the capital letters before its number ("A" for "A01-...", "AB" for
    "AB03-..."; the 26 one-letter series were all used by December 2026)."""
    return re.match(r"[A-Za-z]*", article_id).group().upper()


def select_ids(index: list[dict], split: str, *, only=(), series=()) -> list[str]:
    """The ids of one split, in index order, narrowed to ``only`` ids and to the
    ``series`` (an id's letters before its number, ``series_of``) when given."""
    ids = [r["id"] for r in index if r["split"] == split]
    if only:
        ids = [i for i in ids if i in only]
    if series:
        letters = {x.upper() for x in series}
        ids = [i for i in ids if series_of(i) in letters]
    return ids


def cause_parser(doc: str) -> argparse.ArgumentParser:
    """The cause scripts' command line: ``--series`` letters and ``--list`` (every
    case, not only the counts)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--list", action="store_true", help="print every case")
    return parser


def split_proposals(split: str, series=(), *, only=()):
    """(id, report, proposal) for each report of ``split`` and ``series`` (all when
    empty): the cause scripts' loop. Held-out callers print counts only."""
    from ingest import propose

    for article_id in select_ids(corpus_index(), split, only=only, series=series):
        article = load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=published_at(article)
        )
        yield article_id, article, proposal


def load_article(article_id: str) -> dict:
    return json.loads((CORPUS / "articles" / f"{article_id}.json").read_text("utf-8"))


def published_at(article: dict) -> dt.datetime:
    """The publication day as an editor would type it (midnight UTC, like the form)."""
    raw = article["published_at"]
    day = dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:10]) if len(raw) >= 10 else 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def type_parents() -> dict[str, str]:
    """Each event type's slug -> its family's (its parent's, or its own) slug."""
    from events.models import EventType

    return {
        t.slug: (t.parent.slug if t.parent else t.slug)
        for t in EventType.objects.select_related("parent")
    }


# ------------------------------------------------------------------------ running
def setup_database() -> None:
    """A throw-away in-memory SpatiaLite database with the demo actors and gazetteer."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "ingestbench-not-secret")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from events import demo

    demo._actors()


def run(article_ids: list[str], *, verbose: bool = False) -> dict[str, Score]:
    """Score of each article (the database must hold the actors and gazetteer)."""
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors
    from places import gazetteer

    gazetteer.gazetteer_index()  # loaded before timing
    propose.article_propose(  # warm-up: dateparser's language data, the name keys
        text_raw="Warplanes struck Idlib on Monday, killing two, activists said.",
        published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )
    parents = type_parents()
    actor_matcher = actors.ActorMatcher(Actor.objects.all())
    results: dict[str, Score] = {}
    for article_id in article_ids:
        article = load_article(article_id)
        started = time.perf_counter()
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=published_at(article)
        )
        seconds = time.perf_counter() - started
        score = ingestscore.score_article(
            article, proposal, parents=parents, actor_matcher=actor_matcher
        )
        score.seconds.append(seconds)
        score.country = proposal.country
        score.words = len(article["text"].split())
        results[article_id] = score
    return results


def article_of_1000_words(article_ids: list[str]) -> tuple[int, str]:
    """(words, text) of one article of about 1,000 words made of these texts."""
    texts, words = [], 0
    for article_id in article_ids:
        text = load_article(article_id)["text"]
        texts.append(text)
        words += len(text.split())
        if words >= 1000:
            break
    return words, "\n\n".join(texts)


def time_1000_words(
    article_ids: list[str], rounds: int = 5, cold: bool = False
) -> tuple[int, float]:
    """(words, median ms) of one article of about 1,000 words made of these texts;
    ``cold``: the name and phrase memos emptied before each round."""
    from ingest import propose
    from places.geocoding import phrases

    words, joined = article_of_1000_words(article_ids)
    when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    times = []
    for _ in range(rounds):
        if cold:
            phrases.clear_caches()  # the name and phrase memos, emptied
        started = time.perf_counter()
        propose.article_propose(text_raw=joined, published_at=when)
        times.append(1000 * (time.perf_counter() - started))
    return words, statistics.median(times)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    —"


def report(
    title: str, results: dict[str, Score], *, verbose: bool, overall_only: bool = False
) -> dict:
    """Print per article (unless ``overall_only``: a held-out run read by whoever may
    see only its totals) and overall; return the overall numbers."""
    say(f"\n== {title}: {len(results)} articles ==")
    say(
        f"{'article':34} {'ev':>3} {'prop':>4} {'ok':>3} {'recall':>7} {'prec':>7} "
        f"{'places':>7} {'wrong':>6} {'dates':>7} {'actors':>7} {'stance':>7} {'ms':>6}"
    )
    total = Score()
    for article_id, s in results.items():
        total.add(s)
        if overall_only:
            continue
        say(
            f"{article_id[:34]:34} {s.labels:3} {s.proposals:4} {s.matched:3} "
            f"{_pct(s.matched, s.labels):>7} {_pct(s.matched, s.proposals):>7} "
            f"{_pct(s.places_found, s.places_named):>7} {_pct(s.wrong, s.resolved):>6} "
            f"{_pct(s.dates_right, s.dated):>7} {_pct(s.actors_right, s.actors):>7} "
            f"{_pct(s.stances_right, s.stances):>7} {1000 * s.seconds[0]:6.1f}"
        )
        if verbose:
            for note in s.notes:
                say(f"      {note}")
    per_kword = [1000 * 1000 * s.seconds[0] / max(s.words, 1) for s in results.values()]
    summary = {
        "articles": len(results),
        "events": total.labels,
        "proposals": total.proposals,
        "event_recall": total.matched / total.labels if total.labels else None,
        "event_precision": total.matched / total.proposals if total.proposals else None,
        "place_recall": total.places_found / total.places_named
        if total.places_named
        else None,
        "wrong_place_rate": total.wrong / total.resolved if total.resolved else None,
        "date_accuracy": total.dates_right / total.dated if total.dated else None,
        "actor_accuracy": total.actors_right / total.actors if total.actors else None,
        "stance_accuracy": total.stances_right / total.stances
        if total.stances
        else None,
        "p50_ms": 1000 * statistics.median(total.seconds) if total.seconds else None,
        "p50_ms_per_1000_words": statistics.median(per_kword) if per_kword else None,
    }
    say(
        f"{'OVERALL':34} {total.labels:3} {total.proposals:4} {total.matched:3} "
        f"{_pct(total.matched, total.labels):>7} {_pct(total.matched, total.proposals):>7} "
        f"{_pct(total.places_found, total.places_named):>7} "
        f"{_pct(total.wrong, total.resolved):>6} "
        f"{_pct(total.dates_right, total.dated):>7} "
        f"{_pct(total.actors_right, total.actors):>7} "
        f"{_pct(total.stances_right, total.stances):>7} "
        f"{summary['p50_ms'] or 0:6.1f}"
    )
    summary.update(scorereading.report(total, say))
    for kind, n in sorted(Counter(total.why).items()):
        say(f"  {n:4}  {kind}")
    summary["why"] = dict(Counter(total.why))
    read_in = Counter(s.country for s in results.values())
    say("places read in: " + ", ".join(f"{c} {n}" for c, n in sorted(read_in.items())))
    summary["read_in"] = dict(read_in)
    say(
        f"p50 {summary['p50_ms'] or 0:.1f} ms per article, "
        f"{summary['p50_ms_per_1000_words'] or 0:.1f} ms per 1,000 words; "
        f"resolved place mentions {total.resolved}, wrong {total.wrong}"
    )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--only", nargs="*", default=[], help="article ids")
    parser.add_argument(
        "--series",
        nargs="*",
        default=[],
        help="only the reports of these series (an id's letters before its number: A to Z, "
        "then two letters such as AB); e.g. --series F for the reports first "
        "measured unseen",
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--overall-only",
        action="store_true",
        help="print no per-article line, only the overall ones (for measuring a "
        "held-out series, e.g. --split heldout --series V --overall-only)",
    )
    parser.add_argument(
        "--abroad",
        action="store_true",
        help="only the reports whose places are read outside GAZETTEER_COUNTRIES "
        "(Yemen, Sudan, Ukraine... on a Syrian set-up): their scores and their "
        "1,000-word article's speed",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--name-matches",
        action="store_true",
        help="score a proposal with no point as agreeing with a labelled place of "
        "the same name (the lenient reading used before 6 December 2026)",
    )
    parser.add_argument(
        "--strict-regions",
        action="store_true",
        help="a region-level label agrees only with a proposed region, not with the "
        "city of its name",
    )
    parser.add_argument(
        "--loose-actors",
        action="store_true",
        help="count a proposed actor right when it shares any word with the label, "
        "a state for its forces too (the reading used before 7 December 2026)",
    )
    parser.add_argument(
        "--countries",
        default="",
        help="comma-separated ISO codes for GAZETTEER_COUNTRIES (default: the "
        "settings'); each article's country is detected among them",
    )
    args = parser.parse_args()
    agreement.NAME_MATCHES = args.name_matches  # read by place_agrees (agreement.py)
    agreement.STRICT_REGIONS = args.strict_regions
    actorscore.LOOSE = args.loose_actors
    if args.countries:
        os.environ["GAZETTEER_COUNTRIES"] = args.countries.upper()
    setup_database()
    from django.conf import settings

    say(
        f"GAZETTEER_COUNTRIES={','.join(settings.GAZETTEER_COUNTRIES)}; country: detect; "
        f"places: {'a name without a point counts' if agreement.NAME_MATCHES else 'points only'}"
        f"{'; regions: strict' if agreement.STRICT_REGIONS else ''}"
        f"{'; actors: loose' if actorscore.LOOSE else ''}"
    )
    index = corpus_index()
    summaries = {}
    for split in ("dev", "heldout"):
        if args.split not in (split, "all"):
            continue
        ids = select_ids(index, split, only=args.only, series=args.series)
        results = run(ids) if ids else {}
        if args.abroad:
            home = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
            results = {i: s for i, s in results.items() if s.country not in home}
            ids = list(results)
        if ids:
            summaries[split] = report(
                split + (" (read abroad)" if args.abroad else ""),
                results,
                verbose=args.verbose and not args.overall_only,
                overall_only=args.overall_only,
            )
            words, ms = time_1000_words(ids)
            _, cold_ms = time_1000_words(ids, cold=True)
            summaries[split]["ms_per_1000_word_article"] = ms
            summaries[split]["ms_per_1000_word_article_cold"] = cold_ms
            say(
                f"one {words}-word article made of these texts: {ms:.1f} ms (median of 5);"
                f" with the name and phrase memos emptied before each: {cold_ms:.1f} ms"
            )
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
