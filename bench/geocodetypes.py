"""Per-feature-type lines of bench/geocodebench.py, and every held-out list pooled.

Every list is printed per feature type (city, village, hill, base, region, ...): counts,
and the hit rate issue 14's targets name ("hills and bases >= 90 %"). A held-out list
holds few hills or bases each, so its small types are pooled into "other"; the pooled
lines of every held-out list (each spelling read alone, and in its article as ingest
reads it) give those types enough rows to be told apart, still as aggregate counts
only, never a row.
"""

import sys
from collections import Counter, defaultdict

# The fewest rows of one feature type a held-out list prints on a line of its own.
HELD_OUT_TYPE_ROWS = 5


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def lines(by_type: dict[str, Counter], *, held_out: bool) -> None:
    """One line per feature type; on held-out rows, a type of a few rows would tell
    single rows' outcomes: those types are pooled into one "other" line."""
    if held_out:
        pooled_types: dict[str, Counter] = defaultdict(Counter)
        for kind, got in by_type.items():
            small = sum(got.values()) < HELD_OUT_TYPE_ROWS
            pooled_types["other" if small else kind].update(got)
        by_type = pooled_types
    for kind, got in sorted(by_type.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(got.values())
        say(
            f"    {kind:9} {n:4}: hit {got['hit']:3} ({got['hit'] / n:6.1%})  "
            f"wrong {got['wrong']:2}  review {got['review']:2}  "
            f"unresolved {got['unresolved']:2}  near {got['near']:2}"
        )


def pooled(
    held_types: list[dict[str, Counter]], reading: str = "alone", *, held_out=True
) -> None:
    """Every held-out list's per-type counts added up, printed as one list's;
    ``reading``: "alone" or "in its article" (as ingest asks: with the report's other
    places)."""
    every: dict[str, Counter] = defaultdict(Counter)
    for by_type in held_types:
        for kind, got in by_type.items():
            every[kind].update(got)
    total = sum(sum(got.values()) for got in every.values())
    outcomes = Counter()
    for got in every.values():
        outcomes.update(got)
    split = "HELD OUT" if held_out else "dev"
    say(
        f"every {split} list pooled, each spelling {reading}: {total} spellings; "
        + ", ".join(
            f"{k} {outcomes[k]} ({outcomes[k] / max(total, 1):.1%})"
            for k in ("hit", "wrong", "review", "unresolved", "near")
        )
    )
    lines(every, held_out=held_out)
