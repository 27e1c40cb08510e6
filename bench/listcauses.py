"""Missed labels whose sentence gives no proposal of its own, by the sentence's shape.

Usage: .venv/bin/python bench/listcauses.py [--series LETTER ...] [--list]
       [--split heldout]

Reads every proposal (ticked or not: the extractor itself). A missed label's sentence
is the one holding most of its evidence; it has "a proposal of its own" when a
proposal holds that sentence and its place is written in it. Otherwise the label is
lost to a neighbour ("folded": the sentence sits in a proposal placed elsewhere) or to
nothing ("no proposal"), and its sentence is put under one shape:
- "list of targets": the labelled place sits in a run of names joined by commas or
  "and" after (or before) an attack word;
- "spread-to": "spread to", "extended to", "reached", "moved into" before the place;
- "dateline": the labelled place is named only in the report's dateline (the opening
  "TOWN, Country (Agency) -" or "Town [Country], Month Day (Agency):");
- "other": the place is written in the sentence in another shape;
- "place not in the sentence": the sentence does not write the labelled place.
``--split heldout`` prints the aggregate counts only (no id, name or sentence).
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
import otherplacecauses as opc  # noqa: E402

from bench import labelpairs  # noqa: E402

_ATTACK = re.compile(
    r"\b(?:shell\w*|struck|strikes?|hit|hits|target\w*|bomb\w*|attack\w*|raid\w*|"
    r"pound\w*|fir(?:ed|ing)|clash\w*|fight\w*|battl\w*|killed|stormed|captur\w*|"
    r"seiz\w*|took|taken|recaptur\w*|advanc\w*|assault\w*|barrage\w*|missiles?|"
    r"rockets?|drones?|air ?strikes?|artillery|mortars?)\b",
    re.IGNORECASE,
)
_SPREAD = re.compile(
    r"\b(?:spread|spreading|extended|extending|reached|reaching|moved into|"
    r"expanded)\s+(?:in)?to\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+)*\s*(?:\[[^\]]+\]|,\s*[A-Z][\w ]+)?"
    r"\s*,?\s*(?:\w+\.? \d{1,2}\s*)?(?:\([^)]{2,40}\))?\s*(?:-|–|—|:)",
)


def _own(s: int, events: list, texts: list[str]) -> bool:
    return any(
        s in p.sentences and p.place is not None and p.place.text in texts[s]
        for p in events
    )


def shape(label: dict, s: int, texts: list[str]) -> str:
    place = label["place"]
    sentence = texts[s]
    if not opc._named_in(place, sentence):
        return "place not in the sentence"
    at = _place_at(place, sentence)
    if s == 0:
        head = _DATELINE.match(sentence)
        if head and at is not None and at < head.end():
            rest = sentence[head.end() :]
            if not opc._named_in(place, rest):
                return "dateline"
    before = sentence[max(0, (at or 0) - 60) : at or 0]
    if at is not None and _SPREAD.search(before):
        return "spread-to"
    if at is not None and _in_list(sentence, at) and _ATTACK.search(sentence):
        return "list of targets"
    return "other"


def _place_at(place: dict, sentence: str) -> int | None:
    low = sentence.lower()
    for name in (place.get("name"), place.get("canonical")):
        for word in sorted(opc._words(name or ""), key=len, reverse=True):
            at = low.find(word)
            if at >= 0:
                return at
    return None


def _in_list(sentence: str, at: int) -> bool:
    """The name at ``at`` is joined by a comma or "and" to another capitalised name."""
    window = sentence[max(0, at - 45) : at + 60]
    return bool(
        re.search(
            r"[A-Z][\w'’-]+,\s+(?:and\s+)?[A-Z]|[A-Z][\w'’-]+\s+and\s+[A-Z]", window
        )
    )


def cases(article: dict, proposal, parents):
    """(fate, shape, label, sentence index) of each missed label lost to no own
    proposal, over every proposal; fate is "folded" or "no proposal"."""
    events = proposal.events
    labels = article["events"]
    used = labelpairs.matched_pairs(labels, events, parents)
    texts = proposal.texts
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        s = opc._sentence_of(label.get("evidence", ""), texts)
        if s is None:
            yield "evidence not found", "-", label, None
            continue
        if _own(s, events, texts):
            yield "own proposal", "-", label, s
            continue
        fate = "folded" if any(s in p.sentences for p in events) else "no proposal"
        yield fate, shape(label, s, texts), label, s


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    args = parser.parse_args()
    ib.setup_database()

    parents = ib.type_parents()
    counts: Counter = Counter()
    missed = 0
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        for fate, kind, label, s in cases(article, proposal, parents):
            missed += 1
            counts[fate, kind] += 1
            if args.list and args.split == "dev" and fate in {"folded", "no proposal"}:
                place = label["place"]["name"]
                ib.say(f"  {article_id:30} {fate:11} {kind:18} {label['type']} {place}")
                ib.say(f"      s{s}: {proposal.texts[s][:240]}")
    ib.say(
        f"{args.split}: {len(ids)} articles, {missed} labels missed (every proposal)"
    )
    for (fate, kind), n in sorted(counts.items(), key=lambda c: (c[0][0], -c[1])):
        ib.say(f"  {n:4}  {fate:18} {kind}")
    lost = sum(n for (fate, _), n in counts.items() if fate != "own proposal")
    ib.say(f"  no proposal of its own (folded + none + evidence not found): {lost}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
