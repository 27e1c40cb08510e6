"""Dev labelled events one proposal stands for besides its own (never held-out).

Usage: .venv/bin/python bench/splitcauses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does and takes every
labelled event left unmatched while a proposal that matched another labelled event
covers it: the proposal's sentences name the label's place, or hold the label's
evidence. ACLED codes one event per location per day, so such a proposal stands for
several events. Each case is put under one cause guess:
- "several dates": the label is at the covering proposal's place, on another day
  ("clashes in A on Monday and Tuesday");
- "same place and day, another sub-type": a kidnapping told beside the attack it
  was part of, both at one place and day;
- "two types in one sentence": the label's type family is not the proposal's
  ("airstrikes on X, and in Y a drone struck a car");
- "origin split off": the label's place is one the proposal names as where the fire
  came from;
- "place in a later sentence": the label's place is named in another of the
  proposal's sentences than its own place ("A was shelled. … B and C were hit too");
- "list of targets": both places in one sentence, with only list words between them
  ("the city of A and the villages of B, C and D");
- "same sentence, not a list": both in one sentence, other words between them;
- "other".
Also counts the reverse, extras at a matched label's place and type: the same day
("duplicate") or another day. --list prints every case.
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
from typecauses import _overlaps  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

# Between two items of one list of targets: "A, B and C", "A and the villages of B".
_LIST_GAP = re.compile(
    r"(?:\s*(?:,|and|&|as well as|or)\s*)+(?:the\s+)?"
    r"(?:(?:(?:nearby|neighbou?ring)\s+)?(?:villages?|towns?|cit(?:y|ies)|areas?|"
    r"hills?|neighbou?rhoods?|districts?|camps?)\s+of\s+)?",
    re.I,
)


def _name_keys(place: dict) -> set[str]:
    return {
        agreement._key(place.get("name") or ""),
        agreement._key(place.get("canonical") or ""),
    } - {""}


def _places_in(proposal, sentence: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the place spans of one sentence."""
    text = proposal.texts[sentence]
    return [
        (a, b, text[a:b])
        for a, b, kind in proposal.spans.get(sentence, [])
        if kind == "place"
    ]


def _named_at(proposal, sentences, place: dict, mentions) -> list[tuple[int, int, int]]:
    """(sentence, start, end) where the labelled place is named in these sentences."""
    keys = _name_keys(place)
    found = []
    for s in sentences:
        if s >= len(proposal.texts):
            continue
        for a, b, text in _places_in(proposal, s):
            same = agreement._key(text) in keys or any(
                m.text == text and agreement.place_agrees(place, m) for m in mentions
            )
            if same:
                found.append((s, a, b))
    return found


def _own_span(proposal, event) -> tuple[int, int, int] | None:
    """(sentence, start, end) where the proposal's own place is named."""
    if event.place is None:
        return None
    for s in event.sentences:
        if s >= len(proposal.texts):
            continue
        for a, b, text in _places_in(proposal, s):
            if text == event.place.text:
                return s, a, b
    return None


def cause(label, other, event, at, own, proposal, parents) -> str:
    """One cause guess (see the module's docstring)."""
    if agreement.place_agrees(label["place"], event.place):
        if label["date_start"] != other["date_start"]:
            return "several dates"
        return "same place and day, another sub-type"
    if labelpairs.family(label["type"], parents) != labelpairs.family(
        event.event_type, parents
    ):
        return "two types in one sentence"
    if any(agreement.place_agrees(label["place"], o) for o in event.origins) or any(
        agreement._key(o.text) in _name_keys(label["place"]) for o in event.origins
    ):
        return "origin split off"
    if not at or own is None:
        return "other"
    same = [a for a in at if a[0] == own[0]]
    if not same:
        return "place in a later sentence"
    s, a, b = same[0]
    text = proposal.texts[s]
    first, second = sorted([(a, b), (own[1], own[2])])
    between = text[first[1] : second[0]]
    # Items listed between the two: every gap is a list gap.
    spans = sorted(
        (x, y)
        for x, y, _ in _places_in(proposal, s)
        if first[1] <= x and y <= second[0]
    )
    gaps, position = [], first[1]
    for x, y in spans:
        gaps.append(text[position:x])
        position = y
    gaps.append(text[position : second[0]])
    if all(_LIST_GAP.fullmatch(g) for g in gaps) and between.strip():
        return "list of targets"
    return "same sentence, not a list"


def cases(article, proposal, parents):
    """(cause, label, covering proposal, the label it matched) of each case, and the
    kinds of extras at a matched label's type and place."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    found = []
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        covering = []
        for i, m in used.items():
            event = proposed[i]
            at = _named_at(proposal, event.sentences, label["place"], proposal.places)
            said = any(
                _overlaps(label["evidence"], proposal.texts[s])
                for s in event.sentences
                if s < len(proposal.texts)
            )
            if not (at or said):
                continue
            same = labelpairs.family(label["type"], parents) == labelpairs.family(
                event.event_type, parents
            )
            covering.append((not same, not at, i, m, at))
        if not covering:
            continue
        _, _, i, m, at = min(covering, key=lambda c: c[:3])
        event = proposed[i]
        why = cause(label, labels[m], event, at, _own_span(proposal, event), proposal,
                    parents)  # fmt: skip
        found.append((why, label, event, labels[m]))
    extras = []
    matched = set(used.values())
    for i, event in enumerate(proposed):
        if i in used:
            continue
        for n in matched:
            label = labels[n]
            if labelpairs.family(label["type"], parents) == labelpairs.family(
                event.event_type, parents
            ) and agreement.place_agrees(label["place"], event.place):
                same_day = agreement.date_agrees(label, event)
                extras.append("duplicate (same day)" if same_day else "another day")
                break
    return found, extras


def main() -> int:
    parser = ib.cause_parser(__doc__)
    args = parser.parse_args()
    ib.setup_database()

    parents = ib.type_parents()
    causes: Counter = Counter()
    extras: Counter = Counter()
    unmatched = 0
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    for article_id, article, proposal in ib.split_proposals("dev", only=ids):
        proposed = [e for e in proposal.events if not e.background]
        unmatched += len(article["events"]) - len(
            labelpairs.matched_pairs(article["events"], proposed, parents)
        )
        found, extra = cases(article, proposal, parents)
        extras.update(extra)
        for why, label, event, other in found:
            causes[why] += 1
            if args.list:
                where = event.place.name if event.place else "-"
                ib.say(
                    f"  {article_id:28} {why:26} {label['type']}@"
                    f"{label['place']['name']} {label['date_start']} <- "
                    f"{event.event_type}@{where} {event.date_start} "
                    f"(matched {other['place']['name']} {other['date_start']})"
                )
                for s in event.sentences:
                    ib.say(f"      [{s}] {proposal.texts[s][:200]}")
    ib.say(
        f"dev labels unmatched: {unmatched} in {len(ids)} articles; covered by a "
        f"proposal matched to another label: {sum(causes.values())}"
    )
    for key, count in causes.most_common():
        ib.say(f"  {count:4}  {key}")
    ib.say(f"extras at a matched label's type and place: {sum(extras.values())}")
    for key, count in extras.most_common():
        ib.say(f"  {count:4}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
