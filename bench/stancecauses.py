"""Dev stances and speakers the extractor got wrong, by cause (never held-out).

Usage: .venv/bin/python bench/stancecauses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does and reads every
labelled stance (LABELLING_GUIDE, stance rule) against the proposals. A stance of a
matched event is right when a statement of that proposal has its stance and a speaker
that agrees (ingestbench's reading); a wrong one is put under one cause:
- "wrong stance class": a statement with the labelled speaker, another stance (the
  wanted -> got pairs are counted too);
- "attached to another event": the speaker's statement (with the labelled stance or
  not) sits on another proposal of the same article, not this one;
- "outlet as speaker": the proposal holds only the article's own voice (no speaker, or
  the publisher), the label names someone else;
- "speaker missing": the proposal holds no statement at all;
- "wrong speaker": statements, none by the labelled speaker (nor anywhere else);
and the stances of labelled events the extractor missed ("event missed"; ingestbench
does not score them) are counted on their own line.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402


def _agrees(label: dict, statement, publisher: str) -> bool:
    return ib._speaker_agrees(label.get("speaker", ""), statement.speaker, publisher)


def _own_voice(statement, publisher: str) -> bool:
    return not ib._tokens(statement.speaker) or ib._speaker_agrees(
        publisher, statement.speaker, publisher
    )


def cause(label: dict, event, others: list, publisher: str) -> str:
    """Why the labelled stance ``label`` is not among ``event``'s statements."""
    if any(
        s.stance == label["stance"] and _agrees(label, s, publisher)
        for s in event.statements
    ):
        return "right"
    same = [s for s in event.statements if s.speaker and _agrees(label, s, publisher)]
    if same and ib._tokens(label.get("speaker", "")):
        return "wrong stance class"
    elsewhere = [
        s for o in others for s in o.statements if _agrees(label, s, publisher)
    ]
    if elsewhere and ib._tokens(label.get("speaker", "")):
        return "attached to another event"
    if not event.statements:
        return "speaker missing"
    if all(_own_voice(s, publisher) for s in event.statements):
        return "outlet as speaker"
    return "wrong speaker"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=())
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    ib.setup_database()
    from ingest import propose

    parents = ib.type_parents()
    causes: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    cases: list[str] = []
    for article_id in ib.select_ids(ib.corpus_index(), "dev", series=args.series):
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        proposed = [e for e in proposal.events if not getattr(e, "background", False)]
        used: set[int] = set()
        for label in article["events"]:
            full = [
                (i, p)
                for i, p in enumerate(proposed)
                if i not in used
                and ib._family(p.event_type, parents)
                == ib._family(label["type"], parents)
                and ib.place_agrees(label["place"], p.place)
                and ib.date_agrees(label, p)
            ]
            full.sort(key=lambda c: c[1].event_type != label["type"])
            if not full:
                causes["(event missed)"] += len(label.get("stances", []))
                continue
            i, event = full[0]
            used.add(i)
            others = [p for j, p in enumerate(proposed) if j != i]
            for stance in label.get("stances", []):
                why = cause(stance, event, others, article["publisher"])
                causes[why] += 1
                if why == "right":
                    continue
                got = "; ".join(
                    f"{s.stance}/{s.speaker or '-'}" for s in event.statements
                )
                if why == "wrong stance class":
                    mine = {
                        s.stance
                        for s in event.statements
                        if _agrees(stance, s, article["publisher"])
                    }
                    pairs[f"{stance['stance']} -> {'/'.join(sorted(mine))}"] += 1
                cases.append(
                    f"{why:28} {article_id}: wanted {stance['stance']}/"
                    f"{stance.get('speaker', '')} | got {got or '-'}"
                )
    scored = sum(n for k, n in causes.items() if k != "(event missed)")
    ib.say(f"dev stances of matched events: {scored}, right {causes['right']}")
    for why, n in causes.most_common():
        if why != "right":
            ib.say(f"{n:5}  {why}")
    for pair, n in pairs.most_common():
        ib.say(f"{n:9}  {pair}")
    if args.list:
        ib.say("\n".join(sorted(cases)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
