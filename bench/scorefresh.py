"""The confidence on the least fitted dev reports: bench/scorefit.py's fresh-halves test.

The fresh dev halves are the dev reports of the series split between dev and held-out
by id before labelling from series AD on (AD, AE, ... and any later one): the dev
material the extractor's rules were least written for, so the nearest thing to an
unseen report that dev holds. ``fresh_scores`` fits the model on every other dev
report and scores them; ``transfer`` prints, per feature, how often the proposals
bearing it were right in the older series and in the fresh halves (a feature whose
rightness falls far more than the base rate's does not transfer); ``seed_scores``
runs the seed article and scores its proposals with a fitted model. Held-out reports
are never read here.
"""

import datetime as dt
from pathlib import Path

FRESH_FROM = "AD"  # two-letter series from AD on were split by id before labelling


def is_fresh(series: str) -> bool:
    return len(series) >= 2 and series >= FRESH_FROM


def fresh_scores(rows: list[dict], lam: float, fit) -> dict[int, float]:
    """Row number -> score of each fresh-half proposal, from the model ``fit`` on
    every other dev report."""
    from ingest import confidence

    fitted = fit([r for r in rows if not is_fresh(r["series"])], lam)
    return {
        n: confidence.probability(row["x"], fitted)
        for n, row in enumerate(rows)
        if is_fresh(row["series"])
    }


def transfer(rows: list[dict], say, minimum: int = 10) -> None:
    """Per feature seen on ``minimum`` fresh proposals: the share right where it is
    on, older series against fresh halves, beside the base rates."""
    old = [r for r in rows if not is_fresh(r["series"])]
    new = [r for r in rows if is_fresh(r["series"])]
    if not old or not new:
        return

    def share(part: list[dict], name: str) -> tuple[int, float]:
        on = [r for r in part if r["x"].get(name)]
        return len(on), (sum(r["y"] for r in on) / len(on) if on else 0.0)

    base_old = sum(r["y"] for r in old) / len(old)
    base_new = sum(r["y"] for r in new) / len(new)
    say(f"\nright where a feature is on, older series vs fresh halves (base rate "
        f"{base_old:.2f} vs {base_new:.2f}); the fall beyond the base rate's first:")  # fmt: skip
    table = []
    for name in sorted({k for r in rows for k in r["x"]}):
        n_old, s_old = share(old, name)
        n_new, s_new = share(new, name)
        if n_new >= minimum and n_old >= minimum:
            fall = (s_old - base_old) - (s_new - base_new)
            table.append((fall, name, n_old, s_old, n_new, s_new))
    for fall, name, n_old, s_old, n_new, s_new in sorted(table, reverse=True):
        say(f"  {name:38} {s_old:5.2f} of {n_old:4}  {s_new:5.2f} of {n_new:4}  "
            f"{-fall:+6.2f}")  # fmt: skip


def seed_scores(fitted: dict) -> list[tuple[str, float]]:
    """(event type, score under ``fitted``) of the seed article's proposals, the
    database set up by ingestbench (its demo actors)."""
    from django.conf import settings

    from events.fixtures import seed_article
    from ingest import confidence, propose

    path = Path(seed_article.__file__).with_name(seed_article.ARTICLE_FILE)
    published_at = dt.datetime(2019, 7, 19, 0, 7, tzinfo=dt.UTC)  # as its test reads it
    proposal = propose.article_propose(
        text_raw=path.read_text("utf-8"), published_at=published_at
    )
    xs = confidence.article_features(
        proposal.events, sentences=proposal.sentences, published_on=published_at.date(),
        places=proposal.places, country=proposal.country,
        home=settings.GAZETTEER_COUNTRIES[0].upper(),
    )  # fmt: skip
    return [
        (e.event_type + (" (background)" if e.background else ""),
         confidence.probability(x, fitted))
        for e, x in zip(proposal.events, xs, strict=True)
    ]  # fmt: skip
