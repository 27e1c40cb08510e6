"""Fit the proposals' confidence (ingest/confidence.py) on the dev labels.

Usage: .venv/bin/python bench/scorefit.py dump [--series A ...] [--resume]  # extractor
       .venv/bin/python bench/scorefit.py fit [--write] [--threshold T]  # CV, refit

The refit after the extractor or the corpus changed is these two commands, in order:
    .venv/bin/python bench/scorefit.py dump && .venv/bin/python bench/scorefit.py fit --write

``dump`` runs the extractor over every DEV report and keeps each report's proposal
(pickled, one file per report, in --cache, emptied first unless --resume) with its
labels; ``fit`` turns every proposal into the general features of
ingest/confidence.py, labels it matched or extra with bench/ingestbench.py's own
matcher, and fits a logistic regression (numpy, Newton's method). It prints the
leave-one-series-out cross-validated precision / recall curve by threshold (a
series' reports never train the model that scores them), picks the threshold on
those out-of-fold scores, tests the model on the fresh dev halves fitted without
them (bench/scorefresh.py: their curve, AUC, recall and precision at the threshold,
and how each feature's rightness carries over to them), prints the seed article's
scores, and with --write refits on all of dev and writes the coefficients and the
threshold to ingest/confidence_model.json, which the product reads in plain Python.
``--threshold T`` keeps T instead of the rule's (a refit meant to rank better, not
to tick more: the rule's choice moves with the curve's noise, bench/README.md).
Held-out reports are never read here.
"""

import argparse
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    ingestbench,
    labelpairs,  # noqa: E402
    scorefresh,
)

CACHE = Path("/tmp/scorefit-dev")


def dump(cache: Path, series: list[str], resume: bool = False) -> None:
    """Each dev report's (id, article, proposal), pickled; the cache's old pickles are
    removed first (they hold another code's proposals) unless ``resume``."""
    cache.mkdir(parents=True, exist_ok=True)
    if not resume:
        for path in cache.glob("*.pkl"):
            path.unlink()
    ingestbench.setup_database()
    ids = ingestbench.select_ids(ingestbench.corpus_index(), "dev", series=series)
    todo = [i for i in ids if not (cache / f"{i}.pkl").exists()]
    for article_id, article, proposal in ingestbench.split_proposals("dev", only=todo):
        path = cache / f"{article_id}.pkl"
        path.write_bytes(pickle.dumps((article_id, article, proposal)))
        ingestbench.say(f"{article_id}: {len(proposal.events)} proposals")


# Features whose weight may not be negative: a point (an exact one) or a written date
# never makes a proposal less sure (bench/scorefit.py fixes a negative one at 0).
MONOTONE = (
    "place:point", "place:exact", "date:written-any", "point+date", "point+day",
)  # fmt: skip
MIN_COUNT = 5  # a feature seen on fewer dev proposals gets no weight
LAMBDAS = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = [round(0.05 * n, 2) for n in range(1, 19)]


def load(cache: Path) -> list[tuple[str, dict, object]]:
    rows = []
    for path in sorted(cache.glob("*.pkl")):
        rows.append(pickle.loads(path.read_bytes()))
    return rows


def rows_of(reports, parents) -> list[dict]:
    """One row per proposal: report id, series, features, matched (0/1), background."""
    from django.conf import settings

    from ingest import confidence

    home = settings.GAZETTEER_COUNTRIES[0].upper()
    rows = []
    for article_id, article, proposal in reports:
        published_on = ingestbench.published_at(article).date()
        xs = confidence.article_features(
            proposal.events, sentences=proposal.sentences, published_on=published_on,
            places=proposal.places, country=proposal.country, home=home,
        )  # fmt: skip
        pairs = labelpairs.matched_pairs(article["events"], proposal.events, parents)
        for i, (event, x) in enumerate(zip(proposal.events, xs, strict=True)):
            rows.append(
                {
                    "id": article_id,
                    "series": ingestbench.series_of(article_id),
                    "x": x,
                    "y": int(i in pairs),
                    "background": event.background,
                    "old": event.confidence,
                    "index": i,
                }
            )
    return rows


def fit(rows: list[dict], lam: float) -> dict:
    """L2-penalised logistic regression by Newton's method; a MONOTONE feature whose
    weight comes out negative is fixed at 0 and the rest refitted."""
    import numpy as np

    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row["x"].items():
            counts[name] = counts.get(name, 0) + (value != 0)
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    y = np.array([r["y"] for r in rows], dtype=float)
    full = np.array([[r["x"].get(n, 0.0) for n in names] for r in rows])
    while True:
        x = np.hstack([np.ones((len(rows), 1)), full])
        w = np.zeros(x.shape[1])
        penalty = np.full(x.shape[1], lam)
        penalty[0] = 0.0
        for _ in range(50):
            p = 1 / (1 + np.exp(-(x @ w)))
            gradient = x.T @ (p - y) + penalty * w
            hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty + 1e-9)
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-8:
                break
        negative = [
            n for n, v in zip(names, w[1:], strict=True) if n in MONOTONE and v < 0
        ]
        if not negative:
            break
        keep = [i for i, n in enumerate(names) if n not in negative]
        names = [names[i] for i in keep]
        full = full[:, keep]
    return {
        "intercept": float(w[0]),
        "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:], strict=True)},
    }


def out_of_fold(rows: list[dict], lam: float) -> list[float]:
    """Each proposal's score from the model fitted without its series."""
    from ingest import confidence

    scores = [0.0] * len(rows)
    for series in sorted({r["series"] for r in rows}):
        fitted = fit([r for r in rows if r["series"] != series], lam)
        for n, row in enumerate(rows):
            if row["series"] == series:
                scores[n] = confidence.probability(row["x"], fitted)
    return scores


def log_loss(rows: list[dict], scores: list[float]) -> float:
    import math

    eps = 1e-6
    return -sum(
        math.log(max(s, eps)) if r["y"] else math.log(max(1 - s, eps))
        for r, s in zip(rows, scores, strict=True)
    ) / len(rows)


def curve(reports, rows, scores, parents, threshold: float) -> tuple[int, int, int]:
    """(labels, offered, matched) when proposals under ``threshold`` and background
    are left unticked: the bench's pairing redone on what stays ticked."""
    kept: dict[str, set[int]] = {}
    for row, score in zip(rows, scores, strict=True):
        if not row["background"] and score >= threshold:
            kept.setdefault(row["id"], set()).add(row["index"])
    labels = offered = matched = 0
    for article_id, article, proposal in reports:
        chosen = [
            e for i, e in enumerate(proposal.events) if i in kept.get(article_id, ())
        ]
        labels += len(article["events"])
        offered += len(chosen)
        matched += len(labelpairs.matched_pairs(article["events"], chosen, parents))
    return labels, offered, matched


def auc(rows: list[dict], scores: list[float]) -> float:
    """How often a right proposal scores above an extra (ties count half)."""
    right = [s for r, s in zip(rows, scores, strict=True) if r["y"]]
    wrong = [s for r, s in zip(rows, scores, strict=True) if not r["y"]]
    pairs = sum((a > b) + 0.5 * (a == b) for a in right for b in wrong)
    return pairs / (len(right) * len(wrong)) if right and wrong else 0.0


def f_half(precision: float, recall: float) -> float:
    """F0.5: precision weighs twice recall (an editor mostly ticks and confirms)."""
    if not precision or not recall:
        return 0.0
    return 1.25 * precision * recall / (0.25 * precision + recall)


def table(reports, rows, scores, parents, title: str) -> list[float]:
    """Print the offered-ticked curve of ``scores`` by threshold; its F0.5 values."""
    labels = sum(len(article["events"]) for _, article, _ in reports)
    ingestbench.say(f"\n{title}: threshold  offered  matched  recall  precision  F0.5")
    f_scores = []
    for t in THRESHOLDS:
        _, offered, matched = curve(reports, rows, scores, parents, t)
        recall, precision = matched / labels, matched / offered if offered else 0.0
        f_scores.append(f_half(precision, recall))
        ingestbench.say(f"  {t:9.2f}  {offered:7}  {matched:7}  {recall:6.3f}  "
                        f"{precision:9.3f}  {f_scores[-1]:.3f}")  # fmt: skip
    return f_scores


def fresh(reports, rows, scores, parents, lam: float, threshold: float) -> None:
    """The fresh-halves test (bench/scorefresh.py): fitted on every other dev report,
    scored on the fresh dev halves; beside it the same reports out of fold."""
    say = ingestbench.say
    mine = scorefresh.fresh_scores(rows, lam, fit)
    if not mine:
        return
    ids = {rows[n]["id"] for n in mine}
    part = [r for r in reports if r[0] in ids]
    sub = [rows[n] for n in sorted(mine)]
    table(part, sub, [mine[n] for n in sorted(mine)], parents,
          f"fresh dev halves ({len(part)} reports, fitted without them)")  # fmt: skip
    labels = sum(len(article["events"]) for _, article, _ in part)
    say(f"fresh halves: mean score {sum(mine.values()) / len(mine):.3f} (fitted without "
        f"them), share of their proposals right {sum(r['y'] for r in sub) / len(sub):.3f}")  # fmt: skip
    for name, got in (
        ("fitted without the fresh halves", [mine[n] for n in sorted(mine)]),
        ("leave-one-series-out", [scores[n] for n in sorted(mine)]),
        ("all but background ticked", [1.0] * len(sub)),
    ):
        _, offered, matched = curve(part, sub, got, parents, threshold)
        say(f"fresh halves, {name}: AUC {auc(sub, got):.3f}; at {threshold}: "
            f"{matched} of {labels} matched, {offered} offered ticked, recall "
            f"{matched / labels:.3f}, precision {matched / max(offered, 1):.3f}")  # fmt: skip


def fitting(cache: Path, write: bool, fixed: float | None = None) -> None:
    ingestbench.setup_database()
    reports = load(cache)
    parents = ingestbench.type_parents()
    rows = rows_of(reports, parents)
    say = ingestbench.say
    say(f"{len(reports)} dev reports, {len(rows)} proposals, "
        f"{sum(r['y'] for r in rows)} matched, "
        f"{len({r['series'] for r in rows})} series")  # fmt: skip
    losses = {}
    for lam in LAMBDAS:
        losses[lam] = log_loss(rows, out_of_fold(rows, lam))
        say(f"L2 {lam:5}: leave-one-series-out log loss {losses[lam]:.4f}")
    lam = min(losses, key=losses.get)
    scores = out_of_fold(rows, lam)
    labels, offered, matched = curve(reports, rows, scores, parents, -1.0)
    say(f"\ntoday (background unticked): {matched}/{labels} recall "
        f"{matched / labels:.3f}, precision {matched / offered:.3f} ({offered})")  # fmt: skip
    f_scores = table(reports, rows, scores, parents, f"leave-one-series-out, L2 {lam}")
    # The best F0.5 averaged with its two neighbours: a flat curve's noisy peak is
    # not chosen over the plateau it stands on.
    smooth = [
        sum(f_scores[max(n - 1, 0) : n + 2]) / len(f_scores[max(n - 1, 0) : n + 2])
        for n in range(len(f_scores))
    ]
    threshold = THRESHOLDS[max(range(len(smooth)), key=smooth.__getitem__)]
    say(f"chosen threshold (best F0.5, averaged with its neighbours, out of fold): "
        f"{threshold}{f', kept at {fixed} (--threshold)' if fixed else ''}; ranking quality (AUC) out of fold {auc(rows, scores):.3f}, "
        f"the score the dump ran with {auc(rows, [r['old'] for r in rows]):.3f} (the "
        "committed model, in-sample when fitted on these reports)")  # fmt: skip
    threshold = fixed or threshold
    fresh(reports, rows, scores, parents, lam, threshold)
    under = [
        r for r, x in zip(rows, scores, strict=True)
        if x < threshold and not r["background"]
    ]  # fmt: skip
    say(f"left unticked by it: {len(under)}, of which {sum(r['y'] for r in under)} "
        "a label's match (in the every-proposal pairing)")  # fmt: skip
    old = [r["old"] for r in rows]
    say("the score the dump ran with (the committed model; in-sample), by threshold:")
    for t in (0.5, 0.6, 0.7, 0.75):
        _, offered, matched = curve(reports, rows, old, parents, t)
        say(f"  {t:9.2f}  {offered:7}  {matched:7}  {matched / labels:6.3f}  "
            f"{matched / offered if offered else 0:9.3f}")  # fmt: skip
    fitted = fit(rows, lam)
    say("\nweights on all of dev (features 0-1):")
    for name, weight in sorted(fitted["weights"].items(), key=lambda kv: -abs(kv[1])):
        say(f"  {weight:+7.3f}  {name}")
    say(f"  {fitted['intercept']:+7.3f}  (intercept)")
    scorefresh.transfer(rows, say)
    say("\nthe seed article's proposals under this model (threshold "
        f"{threshold}):")  # fmt: skip
    for slug, score in scorefresh.seed_scores(fitted):
        say(f"  {score:5.2f}  {slug}")
    if write:
        from ingest import confidence

        model = {
            "about": "ingest/confidence.py's logistic model, fitted by "
            "bench/scorefit.py on the dev labels; do not edit by hand",
            "proposals": len(rows),
            "reports": len(reports),
            "l2": lam,
            "threshold": threshold,
            "intercept": round(fitted["intercept"], 4),
            "weights": fitted["weights"],
        }
        confidence.MODEL.write_text(json.dumps(model, indent=1) + "\n", "utf-8")
        say(f"wrote {confidence.MODEL}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["dump", "fit"])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--threshold", type=float, help="fit: keep this threshold, not the rule's"
    )
    parser.add_argument(
        "--resume", action="store_true", help="dump: keep the reports already dumped"
    )
    args = parser.parse_args()
    if args.mode == "dump":
        dump(args.cache, args.series, args.resume)
    else:
        fitting(args.cache, args.write, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
