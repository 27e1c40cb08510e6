"""Dev stances and speakers the extractor got wrong, by cause (never held-out).

Usage: .venv/bin/python bench/stancecauses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does and reads every
labelled stance (LABELLING_GUIDE, stance rule) against the proposals. A stance of a
matched event is right when a statement of that proposal has its stance and a speaker
that agrees (ingestbench's reading); a wrong one is put under one cause:
- "wrong stance class": a statement with the labelled speaker, another stance (the
  wanted -> got pairs are counted too);
- "attached to another event": the speaker's statement (with the labelled stance or
  not) sits on another proposal of the same article, not this one; split by what that
  other proposal is and what the statement's sentence names (attachment()):
  "twin proposal" (the other proposal is of the same type family and day and matches
  no label: one incident proposed twice), "several events" (the other proposal is a
  labelled event the same speaker is labelled on too: one statement about several
  events, kept on one), "names this place" (the statement's sentence names this
  event's place as written, yet it sits elsewhere), "earlier incident" (this event
  was told in a sentence before the statement's, which names neither place: an
  anaphora such as "the attack" or a statement in a later paragraph), "other";
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
        return "attached to another event"  # split by attachment()
    if not event.statements:
        return "speaker missing"
    if all(_own_voice(s, publisher) for s in event.statements):
        return "outlet as speaker"
    return "wrong speaker"


def _names(sentence: str, place) -> bool:
    written = getattr(place, "text", "") or ""
    return bool(written) and written.lower() in sentence.lower()


def attachment(label: dict, event, others: list, labelled: dict, texts, publisher):
    """Which kind of wrong attachment: see the module's docstring. ``labelled`` maps
    id(proposal) to the label it matched (absent: matched none)."""
    holders = [
        (o, s) for o in others for s in o.statements if _agrees(label, s, publisher)
    ]
    for o, _ in holders:
        if (
            id(o) not in labelled
            and ib._family(o.event_type, PARENTS)
            == ib._family(event.event_type, PARENTS)
            and o.date_start == event.date_start
        ):
            return "attach: twin proposal"
    for o, _ in holders:
        other = labelled.get(id(o))
        if other is not None and any(
            ib._speaker_agrees(
                x.get("speaker", ""), label.get("speaker", ""), publisher
            )
            for x in other.get("stances", [])
        ):
            return "attach: several events"
    for _, s in holders:
        if 0 <= s.sentence < len(texts) and _names(texts[s.sentence], event.place):
            return "attach: names this place"
    told = min(event.sentences, default=10**6)
    for o, s in holders:
        if told < s.sentence and not _names(texts[s.sentence], o.place):
            return "attach: earlier incident"
    return "attach: other"


PARENTS: dict = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=())
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--ids", nargs="*", default=(), help="only these article ids")
    parser.add_argument(
        "--show", action="store_true", help="with --list: the statement's sentence"
    )
    args = parser.parse_args()
    ib.setup_database()
    from ingest import propose

    parents = ib.type_parents()
    PARENTS.update(parents)
    causes: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    cases: list[str] = []
    for article_id in ib.select_ids(
        ib.corpus_index(), "dev", only=args.ids, series=args.series
    ):
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        proposed = ib.ticked(proposal)
        used: set[int] = set()
        matches: list[tuple[dict, int | None]] = []
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
                matches.append((label, None))
                continue
            used.add(full[0][0])
            matches.append((label, full[0][0]))
        labelled = {id(proposed[i]): lb for lb, i in matches if i is not None}
        for label, i in matches:
            if i is None:
                continue
            event = proposed[i]
            others = [p for j, p in enumerate(proposed) if j != i]
            for stance in label.get("stances", []):
                why = cause(stance, event, others, article["publisher"])
                if why == "attached to another event":
                    why = attachment(
                        stance, event, others, labelled, proposal.texts,
                        article["publisher"],
                    )  # fmt: skip
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
                case = (
                    f"{why:28} {article_id}: wanted {stance['stance']}/"
                    f"{stance.get('speaker', '')} | got {got or '-'}"
                )
                if args.show:
                    where = [
                        (o, s)
                        for o in others
                        for s in o.statements
                        if _agrees(stance, s, article["publisher"])
                    ]
                    case += (
                        f"\n    this: {event.event_type} "
                        f"{getattr(event.place, 'text', '-')} {event.date_start} "
                        f"sentences {event.sentences}"
                    )
                    for o, s in where[:2]:
                        case += (
                            f"\n    on:   {o.event_type} "
                            f"{getattr(o.place, 'text', '-')} {o.date_start} "
                            f"sentences {o.sentences} <- [{s.sentence}] "
                            f"{proposal.texts[s.sentence][:240]}"
                        )
                cases.append(case)
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
