"""Dev extras by cause: is the proposal right, a twin, no event, or no place at all.

Usage: .venv/bin/python bench/extracauses.py [--series LETTER ...] [--list]
       [--kind "a name without a point" ...]

Runs the extractor on the development part as bench/ingestbench.py does and puts each
extra (a proposal matching no labelled event) of the kinds asked for (by default "a
name without a point", "no label of its type", "a labelled place, other type") under
one class:
- "(a) right, point missing": a labelled event of its family and date lies at a place
  of the proposal's name (or one sharing a word with it) and no proposal matched it:
  the proposal is right, the gazetteer lacks the point or the spelling;
- "(b) twin of a placed proposal": another proposal of its family and day, with a
  point, is told by one of its sentences: one incident proposed twice;
- "(b) twin of a label's proposal": a labelled event whose evidence is one of its
  sentences was matched by another proposal (its family, another family or day);
- "(c) no event: <reason>": none of its sentences is a labelled event's evidence; the
  reason a labeller gave the sentence under ``not_events`` when there is one
  (background, habitual, intent, ...), else "unlabelled";
- "(c) labelled event, other type or day": a labelled event's evidence is among its
  sentences but of another family or date, matched by no proposal;
- "(d) not a labelled place" is added to (c) when the name shares no word with any
  place the labels name (a person, a group, a word read as a place);
- "[a country or a part of one]" is added when the place is only that, with no point
  (ingest/where/vague.py).
Development part only; the held-out part is read through ``ingestbench.py
--overall-only`` and nothing else.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

KINDS = (
    "extra: a name without a point",
    "extra: no label of its type",
    "extra: a labelled place, other type",
)
_GENERIC = {"village", "town", "city", "area", "region", "province", "district"}


def _words(text: str) -> set[str]:
    return agreement._tokens(text) - _GENERIC


def _told_in(sentence: str, passage: str) -> bool:
    """``passage`` (a label's evidence or a not-event) is in this sentence, or most
    of its words are."""
    squeeze = lambda t: re.sub(r"\W+", " ", t.lower()).strip()  # noqa: E731
    if squeeze(passage)[:60] and squeeze(passage)[:60] in squeeze(sentence):
        return True
    wanted = agreement._tokens(passage)
    return (
        bool(wanted) and len(wanted & agreement._tokens(sentence)) / len(wanted) >= 0.7
    )


def _labelled_places(article: dict) -> list[dict]:
    return [e["place"] for e in article["events"]] + article.get("places_named", [])


def classify(p, i, article, proposal, proposed, used, parents) -> str:
    labels = article["events"]
    family = labelpairs.family(p.event_type, parents)
    name = p.place.text if p.place is not None else ""
    texts = [proposal.texts[s] for s in p.sentences if s < len(proposal.texts)]
    matched = set(used.values())
    for n, label in enumerate(labels):
        if (
            n not in matched
            and labelpairs.family(label["type"], parents) == family
            and agreement.date_agrees(label, p)
            and name
            and _words(name) & _words(label["place"]["name"])
        ):
            return "(a) right, point missing"
    for j, q in enumerate(proposed):
        if (
            j != i
            and q.place is not None
            and q.place.lat is not None
            and labelpairs.family(q.event_type, parents) == family
            and q.date_start == p.date_start
            and set(q.sentences) & set(p.sentences)
        ):
            return "(b) twin of a placed proposal"
    told = [
        n
        for n, label in enumerate(labels)
        if label.get("evidence") and any(_told_in(t, label["evidence"]) for t in texts)
    ]
    if any(n in matched for n in told):
        return "(b) twin of a label's proposal"
    placed = any(_words(name) & _words(lp["name"]) for lp in _labelled_places(article))
    tail = "" if placed or not name else " + (d) not a labelled place"
    if told:
        return "(c) labelled event, other type or day" + tail
    reasons = [
        ne.get("reason", "")
        for ne in article.get("not_events", [])
        if any(_told_in(t, ne.get("sentence", "")) for t in texts)
    ]
    reason = reasons[0].split(":")[0].split("(")[0].strip()[:30] if reasons else ""
    return f"(c) no event: {reason or 'unlabelled'}" + tail


def rows(article_ids: list[str], kinds) -> list[dict]:
    from ingest import propose
    from ingest.where import vague

    parents = ib.type_parents()
    found = []
    for article_id in article_ids:
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        proposed = [e for e in proposal.events if not e.background]
        used = labelpairs.matched_pairs(article["events"], proposed, parents)
        for i, p in enumerate(proposed):
            if i in used:
                continue
            kind = labelpairs.why_extra(
                p, article["events"], proposed, set(used), parents
            )
            if kind not in kinds:
                continue
            found.append(
                {
                    "id": article_id,
                    "kind": kind[len("extra: ") :],
                    "class": classify(p, i, article, proposal, proposed, used, parents)
                    + (
                        " [a country or a part of one]"
                        if vague.is_vague(p.place)
                        else ""
                    ),
                    "note": f"{p.event_type} at {p.place.text if p.place else '-'} "
                    f"{p.date_start} rule={p.rule}",
                    "sentence": " ".join(proposal.texts[s] for s in p.sentences[:2]),
                }
            )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--kind", nargs="*", default=[], help="e.g. 'no place named'")
    parser.add_argument("--list", action="store_true", help="print every case")
    args = parser.parse_args()
    kinds = [f"extra: {k}" for k in args.kind] or list(KINDS)
    ib.setup_database()
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    found = rows(ids, kinds)
    if args.list:
        for row in found:
            ib.say(f"{row['id']:32} [{row['kind']}] {row['class']}")
            ib.say(f"    {row['note']}")
            ib.say(f"    > {row['sentence'][:300]}")
    for kind in kinds:
        mine = [r for r in found if r["kind"] == kind[len("extra: ") :]]
        ib.say(f"{kind} ({len(mine)} dev extras):")
        for cls, n in Counter(r["class"] for r in mine).most_common():
            ib.say(f"  {n:4}  {cls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
