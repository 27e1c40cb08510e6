"""How far the dev numbers overstate unseen text: each series split between dev and held-out.

Usage: .venv/bin/python bench/splitgap.py [--series LETTER ...]

A series whose reports were split between the two parts by a rule fixed before
labelling (C, F and G by their ids' parity; A and B when first labelled) holds the same
kind of reports on both sides. The extractor's rules were tuned on the dev side only, so
the gap between the two sides' scores, series by series and pooled, measures how much
of the dev gain is fitted to its cases rather than learnt. Prints, per such series and
pooled, the OVERALL line of each side (recall / precision / places / wrong / dates) and
the gap in points; held-out sides print their totals only, never a per-article line.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import ingestscore  # noqa: E402

COLUMNS = ("recall", "prec", "places", "wrong", "dates")


def split_series(index: list[dict]) -> list[str]:
    """The series with reports in both parts, in the corpus's order of series."""
    parts: dict[str, set[str]] = {}
    for row in index:
        parts.setdefault(ib.series_of(row["id"]), set()).add(row["split"])
    both = [s for s, seen in parts.items() if {"dev", "heldout"} <= seen]
    return sorted(both, key=lambda s: (len(s), s))


def rates(score: "ingestscore.Score") -> dict[str, float | None]:
    """The five OVERALL rates of one side, in per cent (None where nothing to count)."""

    def pct(part: int, whole: int) -> float | None:
        return 100 * part / whole if whole else None

    return {
        "recall": pct(score.matched, score.labels),
        "prec": pct(score.matched, score.proposals),
        "places": pct(score.places_found, score.places_named),
        "wrong": pct(score.wrong, score.resolved),
        "dates": pct(score.dates_right, score.dated),
    }


def total(scores) -> "ingestscore.Score":
    out = ingestscore.Score()
    for score in scores:
        out.add(score)
    return out


def _cells(values: dict[str, float | None]) -> str:
    return " ".join(
        f"{values[c]:6.1f}" if values[c] is not None else "     —" for c in COLUMNS
    )


def _gap(dev: dict, held: dict) -> str:
    return " ".join(
        f"{dev[c] - held[c]:+6.1f}"
        if dev[c] is not None and held[c] is not None
        else "     —"
        for c in COLUMNS
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    args = parser.parse_args()
    ib.setup_database()
    index = ib.corpus_index()
    series = args.series or split_series(index)
    ib.say(
        f"{'series':8} {'part':8} {'rep':>4} {'ev':>4} "
        + " ".join(f"{c:>6}" for c in COLUMNS)
    )
    pooled = {"dev": [], "heldout": []}
    for letter in series:
        sides = {}
        for split in ("dev", "heldout"):
            ids = ib.select_ids(index, split, series=[letter])
            scores = list(ib.run(ids).values()) if ids else []
            pooled[split].extend(scores)
            sides[split] = total(scores)
            s = sides[split]
            ib.say(f"{letter:8} {split:8} {len(ids):4} {s.labels:4} {_cells(rates(s))}")
        ib.say(
            f"{letter:8} {'gap':8} {'':4} {'':4} "
            + _gap(rates(sides["dev"]), rates(sides["heldout"]))
        )
    dev, held = total(pooled["dev"]), total(pooled["heldout"])
    ib.say(
        f"{'pooled':8} {'dev':8} {len(pooled['dev']):4} {dev.labels:4} {_cells(rates(dev))}"
    )
    ib.say(
        f"{'pooled':8} {'heldout':8} {len(pooled['heldout']):4} {held.labels:4} {_cells(rates(held))}"
    )
    ib.say(f"{'pooled':8} {'gap':8} {'':4} {'':4} {_gap(rates(dev), rates(held))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
