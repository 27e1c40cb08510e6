"""How sentences were grouped into proposals: merges, splits and carried dates, by cause.

Usage: .venv/bin/python bench/groupcauses.py [--series LETTER ...] [--list]
       .venv/bin/python bench/groupcauses.py --split heldout   (aggregate counts only)

Runs the extractor as bench/ingestbench.py does and sorts three kinds of grouping
errors (ACLED codes one event per location per day, LABELLING_GUIDE):
- **merged** (two labelled events, one proposal): a label left unmatched while a
  proposal matched to another label covers it (bench/splitcauses.py's cases, and a
  label whose type and place are found only on proposals matched to other labels):
  "two days" at one place, "two types" at one place and day or in one sentence, "two
  places" (a list, one sentence, a later sentence, an origin of fire, other);
- **split** (one labelled event, two proposals): an extra proposal of a matched
  label's type family and place: "the same place named twice" (same day, its first
  sentence at most one after the matched proposal's), "a later retelling, same day",
  "a later retelling at another date" (a lead retold or a statement's day), "an
  earlier sentence at another date"; and "an event and its aftermath": an extra of
  another family at a matched label's place and day told after it;
- **date from the wrong sentence**: a label whose type and place are found on a free
  proposal with another date, by where the date came from: "carried from the lead /
  an earlier sentence", "its own sentence's date", "the day it was said",
  "publication default", "other".
With ``--split heldout`` only the aggregate counts are printed (no id, name or text).
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
import splitcauses as sc  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

_MERGED = {
    "several dates": "merged: two days at one place",
    "same place and day, another sub-type": "merged: two types at one place and day",
    "two types in one sentence": "merged: two types in one group",
}


def _date_cause(p) -> str:
    note = p.date_note.lower()
    if note.startswith("the lead's date") or "ongoing since" in note:
        return "date: carried from the lead / an earlier sentence"
    if note.startswith("the day it was said"):
        return "date: the day it was said"
    if "no date given" in note:
        return "date: publication default"
    if note.startswith("since"):
        return "date: a 'since' period"
    return "date: its own sentence's date"


def cases(article, proposal, parents) -> list[tuple[str, str]]:
    """(cause, short description) of each grouping error of one report."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    fam = lambda slug: labelpairs.family(slug, parents)  # noqa: E731
    found: list[tuple[str, str]] = []
    covered = set()
    merged, _ = sc.cases(article, proposal, parents)
    for why, label, event, _other in merged:
        covered.add(id(label))
        cause = _MERGED.get(why, "merged: two places (" + why + ")")
        found.append((cause, f"{label['type']}@{label['place']['name']} "
                             f"{label['date_start']} in {event.event_type}@"
                             f"{event.place.name if event.place else '-'}"))  # fmt: skip
    took = set(used.values())
    for n, label in enumerate(labels):
        if n in took or id(label) in covered:
            continue
        near = [
            (i, p)
            for i, p in enumerate(proposed)
            if fam(p.event_type) == fam(label["type"])
            and agreement.place_agrees(label["place"], p.place)
        ]
        if not near:
            continue
        free = [(i, p) for i, p in near if i not in used]
        if not free:
            cause = "merged: two days at one place"
            p = near[0][1]
        else:
            p = free[0][1]
            cause = _date_cause(p)
        found.append((cause, f"{label['type']}@{label['place']['name']} "
                             f"{label['date_start']} <- {p.date_start} "
                             f"({p.date_note[:60]})"))  # fmt: skip
    for i, p in enumerate(proposed):
        if i in used:
            continue
        first = p.sentences[0] if p.sentences else 0
        twins = [
            (j, proposed[j])
            for j, n in used.items()
            if fam(labels[n]["type"]) == fam(p.event_type)
            and agreement.place_agrees(labels[n]["place"], p.place)
        ]
        if twins:
            j, twin = twins[0]
            start = twin.sentences[0] if twin.sentences else 0
            same_day = agreement.date_agrees(labels[used[j]], p)
            if same_day and first <= start + 1:
                cause = "split: the same place named twice"
            elif same_day:
                cause = "split: a later retelling, same day"
            elif first > start:
                cause = "split: a later retelling at another date"
            else:
                cause = "split: an earlier sentence at another date"
            found.append((cause, f"{p.event_type}@{p.place.name} {p.date_start} "
                                 f"[{first}] twin [{start}]"))  # fmt: skip
            continue
        after = [
            proposed[j]
            for j, n in used.items()
            if agreement.place_agrees(labels[n]["place"], p.place)
            and agreement.date_agrees(labels[n], p)
            and (proposed[j].sentences or [0])[0] < first
        ]
        if after and p.place is not None:
            found.append(("split: an event and its aftermath (other type)",
                          f"{p.event_type}@{p.place.name} {p.date_start} [{first}]"))  # fmt: skip
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    ib.setup_database()

    parents = ib.type_parents()
    counts: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        for cause, what in cases(article, proposal, parents):
            counts[cause] += 1
            if args.list and args.split == "dev":
                ib.say(f"  {article_id:30} {cause:50} {what}")
    ib.say(f"{args.split} {' '.join(args.series)} ({len(ids)} reports):")
    for kind in ("merged", "split", "date"):
        mine = {k: v for k, v in counts.items() if k.startswith(kind)}
        ib.say(f"  {kind}: {sum(mine.values())}")
        for key, count in sorted(mine.items(), key=lambda kv: -kv[1]):
            ib.say(f"    {count:4}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
