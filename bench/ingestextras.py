"""Ingest false incidents: every dev proposal that matches no labelled event, with why.

Usage: .venv/bin/python bench/ingestextras.py [--series LETTER ...] [--only ID ...]
       [--kind "no label of its type" ...]

Runs the extractor on the development part of bench/corpus/ingest as
``bench/ingestbench.py --split dev`` does and prints, for each proposal that matches no
labelled event (an "extra"), the bench's kind of it (``labelpairs.why_extra``), the rule that made
it, and the sentence it came from; then the count of each kind. Development part only:
the held-out part is read through ``ingestbench.py --overall-only`` and nothing else.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    ingestbench,  # noqa: E402
    ingestscore,  # noqa: E402
)


def _note(p) -> str:
    return (
        f"extra {p.event_type} at {p.place.name if p.place else '-'} "
        f"{p.date_start}/{p.date_precision} [{p.summary[:70]}]"
    )


def extras(article_ids: list[str]) -> list[dict]:
    """One row per unmatched proposal of these (dev) articles."""
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors

    parents = ingestbench.type_parents()
    matcher = actors.ActorMatcher(Actor.objects.all())
    rows = []
    for article_id in article_ids:
        article = ingestbench.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ingestbench.published_at(article)
        )
        score = ingestscore.score_article(
            article, proposal, parents=parents, actor_matcher=matcher
        )
        kinds = [w for w in score.why if w.startswith("extra:")]
        notes = [n for n in score.notes if n.startswith("extra ")]
        proposed = [e for e in proposal.events if not e.background]
        # score_article writes one kind and one note per unmatched proposal, in order;
        # the note (type, place, date, summary) names the proposal.
        unmatched = []
        for note in notes:
            event = next(p for p in proposed if _note(p) == note and p not in unmatched)
            unmatched.append(event)
        for kind, note, event in zip(kinds, notes, unmatched, strict=True):
            text = " ".join(proposal.texts[i] for i in event.sentences[:2])
            rows.append(
                {
                    "id": article_id,
                    "kind": kind[len("extra: ") :],
                    "note": note,
                    "rule": event.rule,
                    "sentence": text,
                }
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--kind", nargs="*", default=[], help="only these kinds")
    args = parser.parse_args()
    ingestbench.setup_database()
    ids = ingestbench.select_ids(
        ingestbench.corpus_index(), "dev", only=args.only, series=args.series
    )
    rows = [r for r in extras(ids) if not args.kind or r["kind"] in args.kind]
    for row in rows:
        ingestbench.say(f"{row['id']}  [{row['kind']}]  rule={row['rule']}")
        ingestbench.say(f"    {row['note']}")
        ingestbench.say(f"    > {row['sentence'][:300]}")
    for kind, n in Counter(r["kind"] for r in rows).most_common():
        ingestbench.say(f"{n:5d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
