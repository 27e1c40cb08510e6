"""Which features of the confidence carry over: bench/scorefit.py's fit with groups left out.

Usage: .venv/bin/python bench/scorefeatures.py [--cache /tmp/scorefit-dev] [--l2 3.0]
           [--tried GROUP ...]

Reads ``bench/scorefit.py dump``'s cache (dev reports only) and fits the model once
per variant: the features ingest/confidence.py computes without the ``--tried``
groups, with each group alone added, with all of them, and with all but one. Each
variant is judged the way scorefit judges a fit, on dev only: leave-one-series-out (a
series never trains the model that scores it) and the fresh halves fitted without them
(bench/scorefresh.py) — log loss, AUC, and what stays ticked (offered / matched) at the
model file's threshold and at the one that offers as many proposals out of fold as the
variant without them does. A group is worth adding only if it helps on both. Held-out
reports are never read here.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import ingestbench, scorefit, scorefresh  # noqa: E402

# The groups judged by default: none (conf7's nine candidates of 7 December 2026
# were measured and removed, bench/README.md "The confidence refitted on the merged
# extractor"; commit e364d06 computes its four best). A new candidate is computed in
# ingest/confidence.py, named with --tried, judged, then kept or removed.
TRIED: tuple[str, ...] = ()


def groups(rows: list[dict], tried: list[str]) -> dict[str, set[str]]:
    """The features of the ``tried`` groups found in ``rows``."""
    found: dict[str, set[str]] = {}
    for name in sorted({k for r in rows for k in r["x"]}):
        if name.split("-")[0] in tried:
            found.setdefault(name.split("-")[0], set()).add(name)
    return found


def keep(rows: list[dict], names: set[str], tried: set[str]) -> list[dict]:
    """``rows`` without the ``tried`` features that are not in ``names``."""
    return [
        {**r, "x": {k: v for k, v in r["x"].items() if k not in tried or k in names}}
        for r in rows
    ]


def judge(reports, rows, parents, lam, threshold, offered_like=None) -> dict:
    """Out of fold (leave-one-series-out) and on the fresh halves (fitted without
    them): log loss, AUC, offered / matched at ``threshold``; and the threshold (of
    0.30-0.80 by 0.01) whose out-of-fold offered count is nearest ``offered_like``."""
    scores = scorefit.out_of_fold(rows, lam)
    fresh = scorefresh.fresh_scores(rows, lam, scorefit.fit)
    order = sorted(fresh)
    sub = [rows[n] for n in order]
    got = [fresh[n] for n in order]
    ids = {r["id"] for r in sub}
    part = [r for r in reports if r[0] in ids]
    result = {
        "loss": scorefit.log_loss(rows, scores),
        "auc": scorefit.auc(rows, scores),
        "fresh_loss": scorefit.log_loss(sub, got),
        "fresh_auc": scorefit.auc(sub, got),
        "at": scorefit.curve(reports, rows, scores, parents, threshold)[1:],
        "fresh_at": scorefit.curve(part, sub, got, parents, threshold)[1:],
    }
    if offered_like is not None:
        best = min(
            (round(0.3 + 0.01 * n, 2) for n in range(51)),
            key=lambda t: abs(
                sum(
                    not r["background"] and s >= t
                    for r, s in zip(rows, scores, strict=True)
                )
                - offered_like
            ),
        )
        result["like"] = (
            best,
            *scorefit.curve(reports, rows, scores, parents, best)[1:],
        )
        result["fresh_like"] = scorefit.curve(part, sub, got, parents, best)[1:]
    return result


def line(name: str, r: dict) -> str:
    text = (
        f"{name:34} loss {r['loss']:.4f} AUC {r['auc']:.3f} | fresh loss "
        f"{r['fresh_loss']:.4f} AUC {r['fresh_auc']:.3f} | at t: {r['at'][1]}/"
        f"{r['at'][0]} fresh {r['fresh_at'][1]}/{r['fresh_at'][0]}"
    )
    if "like" in r:
        t, offered, matched = r["like"]
        text += (
            f" | same count (t {t}): {matched}/{offered} fresh "
            f"{r['fresh_like'][1]}/{r['fresh_like'][0]}"
        )
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=scorefit.CACHE)
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--tried", nargs="*", default=list(TRIED), help="groups")
    args = parser.parse_args()
    ingestbench.setup_database()
    from ingest import confidence

    reports = scorefit.load(args.cache)
    parents = ingestbench.type_parents()
    rows = scorefit.rows_of(reports, parents)
    threshold = confidence.model()["threshold"]
    found = groups(rows, args.tried)
    tried = set().union(*found.values()) if found else set()
    say = ingestbench.say
    say(f"{len(reports)} dev reports, {len(rows)} proposals, L2 {args.l2}, the "
        f"model file's threshold {threshold}; groups tried: "
        f"{', '.join(sorted(found))}")  # fmt: skip
    base = judge(reports, keep(rows, set(), tried), parents, args.l2, threshold)
    say(line("without the groups tried", base))
    like = base["at"][0]
    for name, names in sorted(found.items()):
        got = judge(reports, keep(rows, names, tried), parents, args.l2,
                    threshold, like)  # fmt: skip
        say(line(f"+ {name}", got))
    if len(found) > 1:
        say(line("+ all", judge(reports, keep(rows, tried, tried), parents,
                                args.l2, threshold, like)))  # fmt: skip
        for name, names in sorted(found.items()):
            got = judge(reports, keep(rows, tried - names, tried), parents,
                        args.l2, threshold, like)  # fmt: skip
            say(line(f"all but {name}", got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
