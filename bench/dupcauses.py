"""Dev extras of two kinds by cause: no label of their type, and duplicates.

Usage: .venv/bin/python bench/dupcauses.py [--series LETTER ...] [--list]

Runs the extractor on the development part as bench/ingestbench.py does and takes each
extra (a proposal matching no labelled event) of the kinds "no label of its type" and
"a labelled event's type and place (duplicate or other date)". Each is put under one
class:
- duplicates: "twin of a matched proposal, same date" (the label was matched by another
  proposal of the same date: one incident proposed twice), "twin ..., another date" (the
  twin matched on its date, this one on another; "... on the report's date" when this
  one fell back to publication day), "label unmatched: date wrong" (no proposal matched
  the label: a date error, not an extra of its own);
- either kind, by the sentence's wording: "background/past" ("last year", "since 2019",
  "in 2018", "ago", "the previous"), "modality" ("threatened", "vowed", "could",
  "plans", "will"), "generic" ("frequently", "regularly", "daily"), "denial" ("denied",
  "no casualties"), "statistic" ("killed 300 people since", "toll"), "cause or
  purpose" ("in retaliation for", "in response to", "to drive ... out"), "quoted"
  (inside quotation marks), else the labeller's ``not_events`` reason, else "other".
The wording tags come first for "no label of its type"; for duplicates they are
appended after the class. Development part only; the held-out part is read through
``ingestbench.py --overall-only`` and nothing else.
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extracauses as ec  # noqa: E402
import ingestbench as ib  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

DUP = "extra: a labelled event's type and place (duplicate or other date)"
NONE = "extra: no label of its type"
_CUES = (
    (
        "background/past",
        r"\b(?:last (?:year|month)|since (?:19|20)\d\d|in (?:19|20)\d\d|the (?:19|20)\d\d|"
        r"ago\b|previous(?:ly)?|earlier (?:this|last)|follow(?:s|ed|ing) (?:a|the)|"
        r"comes? (?:as|after)|started with|for the last|over the (?:last|past))",
    ),
    (
        "modality",
        r"\b(?:threat\w*|vow\w*|could|would|might|may|plans?|planned|intend\w*|"
        r"seeks?|aims?|warn\w*|will|accused)\b",
    ),
    (
        "generic",
        r"\b(?:frequently|regularly|repeatedly|routinely|daily|often|dozens of times|"
        r"almost (?:a )?daily|on a daily basis)\b",
    ),
    ("denial", r"\b(?:den(?:y|ied|ies)|no (?:casualties|deaths)|did not|not)\b"),
    ("statistic", r"\b(?:since|toll|total|at least [\d,]{3,})\b"),
    (
        "cause or purpose",
        r"\b(?:in (?:retaliation|response) (?:for|to)|to drive|coincided with|"
        r"situation|humanitarian)\b",
    ),
)


def wording(sentence: str) -> list[str]:
    tags = [name for name, rx in _CUES if re.search(rx, sentence, re.I)]
    if re.search(r"[“\"][^”\"]{20,}[”\"]", sentence):
        tags.append("quoted")
    return tags


def dup_class(p, i, article, proposed, used, parents, published) -> str:
    family = labelpairs.family(p.event_type, parents)
    labels = article["events"]
    here = [
        n
        for n, lb in enumerate(labels)
        if labelpairs.family(lb["type"], parents) == family
        and agreement.place_agrees(lb["place"], p.place)
    ]
    twins = [(j, proposed[j]) for j, n in used.items() if n in here and j != i]
    if not twins:
        return "label unmatched: date wrong"
    if any(q.date_start == p.date_start for _, q in twins):
        return "twin of a matched proposal, same date"
    if p.date_start == published and p.date_precision == "day":
        return "twin of a matched proposal, another date: on the report's date"
    return f"twin of a matched proposal, another date ({p.date_precision})"


def rows(article_ids: list[str]) -> list[dict]:
    from ingest import propose

    parents = ib.type_parents()
    found = []
    for article_id in article_ids:
        article = ib.load_article(article_id)
        published = ib.published_at(article)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=published
        )
        proposed = labelpairs.ticked(proposal)
        used = labelpairs.matched_pairs(article["events"], proposed, parents)
        for i, p in enumerate(proposed):
            if i in used:
                continue
            kind = labelpairs.why_extra(
                p, article["events"], proposed, set(used), parents
            )
            if kind not in (DUP, NONE):
                continue
            sentence = " ".join(
                proposal.texts[s] for s in p.sentences if s < len(proposal.texts)
            )
            tags = wording(proposal.texts[p.sentences[0]]) if p.sentences else []
            if kind == DUP:
                cls = dup_class(
                    p, i, article, proposed, used, parents, published.date()
                )
            else:
                base = ec.classify(p, i, article, proposal, proposed, used, parents)
                cls = tags[0] if tags else base
            found.append(
                {
                    "id": article_id,
                    "kind": "duplicate" if kind == DUP else "no label of its type",
                    "class": cls,
                    "tags": ", ".join(tags) or "-",
                    "note": f"{p.event_type} at {p.place.text if p.place else '-'} "
                    f"{p.date_start}/{p.date_precision} rule={p.rule[:90]}",
                    "sentence": sentence,
                }
            )
    return found


def main() -> int:
    args = ib.cause_parser(__doc__).parse_args()
    ib.setup_database()
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    found = rows(ids)
    if args.list:
        for row in found:
            ib.say(f"{row['id']:32} [{row['kind']}] {row['class']}  ({row['tags']})")
            ib.say(f"    {row['note']}")
            ib.say(f"    > {row['sentence'][:300]}")
    for kind in ("duplicate", "no label of its type"):
        mine = [r for r in found if r["kind"] == kind]
        ib.say(f"{kind} ({len(mine)} dev extras):")
        for cls, n in Counter(r["class"] for r in mine).most_common():
            ib.say(f"  {n:4}  {cls}")
        tags = Counter(t for r in mine for t in r["tags"].split(", "))
        ib.say("  wording: " + ", ".join(f"{t} {n}" for t, n in tags.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
