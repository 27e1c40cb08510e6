"""How many labelled places have no point, per split and level (issues 13 and 14).

Usage: .venv/bin/python bench/labelpoints.py [--split dev|heldout|all] [--list]
       [--by-series]

ingestbench scores a labelled place without a point by its name: a proposal of the
right name counts as right wherever it lies, and the wrong-place rate cannot see it
(``agreement.place_agrees``). This prints, per split, how many event places and
``places_named`` entries carry no ``lat``/``lon``, by level (point, region, country).
``--list`` names them, for the dev split only; a held-out run prints aggregate counts
only (the corpus README: held-out labels are read only as totals). ``--by-series`` adds
one aggregate line per series letter (point-level event places and ``places_named``
entries without a point), for either split.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.ingestbench beside it

from bench import ingestbench as ib  # noqa: E402

LEVELS = ("point", "region", "country")


def unpointed(article: dict) -> Counter:
    """("event"|"named", level) -> how many of the report's labelled places have no
    point; a country is counted too (its label names no point by design)."""
    counts: Counter = Counter()
    for event in article.get("events", []):
        if event["place"].get("lat") is None:
            counts["event", event["place"].get("level") or "point"] += 1
    for place in article.get("places_named", []):
        if place.get("lat") is None:
            counts["named", place.get("level") or "point"] += 1
    return counts


def split_counts(split: str) -> tuple[int, Counter]:
    """(reports, the summed ``unpointed`` counts) of one split."""
    ids = ib.select_ids(ib.corpus_index(), split)
    total: Counter = Counter()
    for article_id in ids:
        total.update(unpointed(ib.load_article(article_id)))
    return len(ids), total


def series_counts(split: str) -> dict[str, Counter]:
    """Series letter -> the summed ``unpointed`` counts of its reports in one split."""
    counts: dict[str, Counter] = {}
    for article_id in ib.select_ids(ib.corpus_index(), split):
        series = counts.setdefault(ib.series_of(article_id), Counter())
        series.update(unpointed(ib.load_article(article_id)))
    return counts


def dev_unpointed_points() -> int:
    """Dev event places labelled at a point (level "point") without coordinates: the
    number the corpus test holds from growing."""
    return split_counts("dev")[1]["event", "point"]


def _line(split: str, reports: int, counts: Counter) -> str:
    parts = []
    for kind in ("event", "named"):
        levels = " / ".join(f"{counts[kind, level]} {level}" for level in LEVELS)
        parts.append(f"{kind} places {levels}")
    return f"{split} ({reports} reports): " + "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--list", action="store_true", help="name them (dev only)")
    parser.add_argument(
        "--by-series", action="store_true", help="point-level totals per series letter"
    )
    args = parser.parse_args()
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    for split in splits:
        reports, counts = split_counts(split)
        sys.stdout.write(_line(split, reports, counts) + "\n")
        if args.by_series:
            for series, part in sorted(series_counts(split).items()):
                sys.stdout.write(
                    f"  {series}: event {part['event', 'point']}"
                    f" / named {part['named', 'point']} point-level without a point\n"
                )
    if args.list and "dev" in splits:
        for article_id in ib.select_ids(ib.corpus_index(), "dev"):
            article = ib.load_article(article_id)
            places = [("event", e["place"]) for e in article["events"]]
            places += [("named", p) for p in article.get("places_named", [])]
            for kind, place in places:
                if place.get("lat") is None and place.get("level") != "country":
                    sys.stdout.write(
                        f"  {article_id} {kind} {place.get('level')}: {place['name']}"
                        f" ({place.get('admin1') or '-'})\n"
                    )


if __name__ == "__main__":
    main()
