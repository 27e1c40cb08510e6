"""Ingest duplicates and wrong dates: every dev case of the two kinds, with a cause guess.

Usage: .venv/bin/python bench/datecauses.py [--series LETTER ...] [--only ID ...]
       .venv/bin/python bench/datecauses.py --split heldout   (aggregate counts only)

Runs the extractor on the development part of bench/corpus/ingest as
``bench/ingestbench.py --split dev`` does and prints each case of the kinds
"extra: a labelled event's type and place (duplicate or other date)" and
"missed: type and place found, date wrong": the proposal's date and where it came
from (the proposal's date note: a dateline, a weekday, "yesterday", carried from
the lead, the publication default), the labelled date and precision, the sentence,
and a guessed cause; then the count of each cause. ``--aggregate`` prints only
counts: per cause, per kind of date note, per day gap, per precision pair and per
date shape in the case's sentences. ``--split heldout`` always aggregates: no id,
name, date or sentence of a held-out report is printed.
"""

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    agreement,  # noqa: E402
    ingestbench,  # noqa: E402
    ingestscore,  # noqa: E402
    labelpairs,  # noqa: E402
)

EXTRA = "extra: a labelled event's type and place (duplicate or other date)"
MISSED = "missed: type and place found, date wrong"
_FOLLOW_UP = re.compile(
    r"\b(?:toll|died|killed|killing|dead|deaths?|wounded|injured|claimed|claims?|"
    r"denied|denies|denial|responsib\w+|said|says|confirmed|according)\b",
    re.IGNORECASE,
)
_NIGHT = re.compile(
    r"\b(?:night|overnight|midnight|dawn|early hours|late on|evening|tonight)\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)


def _where(p) -> str:
    return p.place.name if p.place else "-"


def _text(proposal, event, n: int = 2) -> str:
    return " ".join(proposal.texts[i] for i in event.sentences[:n])


def _date_cause(label: dict, p, published_on: dt.date, text: str) -> str:
    """Why a proposal of a label's type and place carries another date."""
    low, high = agreement._label_period(label)
    gap = (p.date_start - low).days
    note = p.date_note.lower()
    if label.get("date_end") and low < high and low <= p.date_start <= high:
        return "a date range (proposal wider or narrower)"
    if abs(gap) == 7 or (_WEEKDAY.search(text) and abs(gap) in (6, 7, 8)):
        return "weekday resolved to the wrong week"
    if abs(gap) == 1 and _NIGHT.search(text):
        return "a time of day past midnight"
    if p.date_precision != "day" and label.get("date_precision", "day") == "day":
        return "publication default (no day read)"
    if "publication" in note or "undated" in note:
        return "publication default (no day read)"
    if "carried" in note or "lead" in note or "before" in note:
        return "carried from the lead / an earlier sentence"
    if p.date_start < low - dt.timedelta(days=14):
        return "a retelling of an earlier incident (older date)"
    if gap > 0 and p.date_start >= published_on - dt.timedelta(days=1):
        return "a date of a statement vs the incident"
    return f"other date ({gap:+d} days)"


def cases(article_ids: list[str]) -> list[dict]:
    from events.models import Actor
    from ingest import propose
    from ingest.actors import actors

    parents = ingestbench.type_parents()
    family = lambda slug: labelpairs.family(slug, parents)  # noqa: E731
    matcher = actors.ActorMatcher(Actor.objects.all())
    rows = []
    for article_id in article_ids:
        article = ingestbench.load_article(article_id)
        published_on = ingestbench.published_at(article).date()
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ingestbench.published_at(article)
        )
        score = ingestscore.score_article(
            article, proposal, parents=parents, actor_matcher=matcher
        )
        if EXTRA not in score.why and MISSED not in score.why:
            continue
        proposed = [e for e in proposal.events if not e.background]
        labels = article["events"]
        # Re-do the bench's matching to know which proposal each label took.
        used = labelpairs.matched_pairs(labels, proposed, parents)
        took = set(used.values())
        for n, label in enumerate(labels):
            if n in took:
                continue
            near = [
                p
                for p in proposed
                if family(p.event_type) == family(label["type"])
                and agreement.place_agrees(label["place"], p.place)
            ]
            if not near:
                continue
            free = [p for p in near if proposed.index(p) not in used]
            p = (free or near)[0]
            text = _text(proposal, p)
            if not free:
                cause = "merged: its proposal matched another label (one for two)"
            else:
                cause = _date_cause(label, p, published_on, text)
            rows.append(
                {
                    "id": article_id,
                    "kind": "missed",
                    "label": label,
                    "event": p,
                    "text": text,
                    "cause": cause,
                }
            )
        for i, p in enumerate(proposed):
            if i in used:
                continue
            same = [
                n
                for n, lb in enumerate(labels)
                if family(lb["type"]) == family(p.event_type)
                and agreement.place_agrees(lb["place"], p.place)
            ]
            if not same:
                continue
            text = _text(proposal, p)
            label = labels[same[0]]
            twin = next(
                (
                    proposed[j]
                    for j, n in used.items()
                    if n in same and proposed[j].date_start == p.date_start
                ),
                None,
            )
            if twin is not None or agreement.date_agrees(label, p):
                first = twin.sentences[0] if twin is not None else -1
                if _FOLLOW_UP.search(text) and p.sentences and p.sentences[0] > first:
                    cause = "duplicate: a follow-up sentence (toll, claim) made its own"
                else:
                    cause = "duplicate: same incident told twice in one article"
                if twin is not None and twin.event_type != p.event_type:
                    cause += " (other sub-type)"
            elif all(n in took for n in same):
                cause = "retold incident at another date: " + _date_cause(
                    label, p, published_on, text
                )
            else:
                continue  # the same case is printed as its label's "missed" row
            rows.append(
                {
                    "id": article_id,
                    "kind": "extra",
                    "label": label,
                    "event": p,
                    "text": text,
                    "cause": cause,
                }
            )
    return rows


# Date shapes looked for in a case's sentences (counted, never printed).
_SHAPES = {
    "a day/days before or after, earlier, later": r"\b(?:(?:a|one|two|three|\d+) "
    r"days? (?:after|before|earlier|later|ago)|the (?:day|night) (?:before|after)|"
    r"(?:previous|next|following) (?:day|night|morning))\b",
    "yesterday / last night": r"\b(?:yesterday|last night)\b",
    "today / tonight / this morning": r"\b(?:today|tonight|this (?:morning|"
    r"afternoon|evening))\b",
    "night, overnight, dawn, early hours": r"\b(?:night|overnight|midnight|dawn|"
    r"early hours|late on)\b",
    "a weekday": _WEEKDAY.pattern,
    "a month and a day": r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|"
    r"jun|jul|aug|sep|oct|nov|dec)",
    "a month without a day": r"\b(?:in|since|until|by|during|early|late|mid-?)\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b(?!\s+\d)",
    "a date in figures": r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?\b",
    "Arabic-Indic digits": r"[\u0660-\u0669\u06f0-\u06f9]",
    "since / until / from ... to": r"\b(?:since|until|till|from \w+ to)\b",
    "last week / this week / weeks": r"\b(?:last|this|past|previous) (?:week|"
    r"weekend|month)|\bweeks?\b",
    "an update / a later toll": r"\b(?:updated?|rose to|risen to|later|toll)\b",
}
_SHAPE_RES = {name: re.compile(rx, re.IGNORECASE) for name, rx in _SHAPES.items()}


def note_kind(note: str) -> str:
    """The kind of a proposal's date note, without its words."""
    note = note.lower()
    for start, kind in (
        ("no date given in a same-day", "default: same-day report"),
        ("no date given: the publication day", "default: the publication day"),
        ("no date given", "default: the week of publication"),
        ("the lead's date", "carried from the lead"),
        ("since", "since"),
        ("the day it was said", "the day it was said"),
        ("ongoing", "ongoing since the last date"),
        ("“", "a date read in its sentences"),
    ):
        if note.startswith(start):
            return kind
    return "other note"


def aggregate(rows: list[dict]) -> list[str]:
    """Count lines only: causes, note kinds, day gaps, precisions, shapes."""
    tallies: dict[str, Counter] = {
        k: Counter() for k in ("cause", "note", "gap", "precision", "shape")
    }
    for row in rows:
        p, label = row["event"], row["label"]
        kind = row["kind"]
        low, high = agreement._label_period(label)
        gap = (
            (p.date_start - low).days
            if p.date_start < low
            else ((p.date_start - high).days if p.date_start > high else 0)
        )
        bucket = (
            "inside the label's period (end outside)"
            if gap == 0
            else f"{gap:+d} day{'s' * (abs(gap) > 1)}"
            if abs(gap) <= 3
            else "earlier by 4-14 days"
            if -14 <= gap < 0
            else "later by 4-14 days"
            if 0 < gap <= 14
            else "earlier by more"
            if gap < 0
            else "later by more"
        )
        tallies["cause"][(kind, row["cause"])] += 1
        tallies["note"][(kind, note_kind(p.date_note))] += 1
        tallies["gap"][(kind, bucket)] += 1
        tallies["precision"][
            (
                kind,
                f"label {label.get('date_precision') or 'day'}"
                f"{' span' if label.get('date_end') else ''} / proposal "
                f"{p.date_precision}{' span' if p.date_end else ''}",
            )
        ] += 1
        for name, rx in _SHAPE_RES.items():
            if rx.search(row["text"]):
                tallies["shape"][(kind, name)] += 1
    lines = []
    for title, counts in tallies.items():
        lines.append(f"by {title}:")
        lines += [f"{n:5d}  {k:6s} {c}" for (k, c), n in counts.most_common()]
    lines.append(f"{len(rows):5d}  in all")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--aggregate", action="store_true", help="counts only")
    args = parser.parse_args()
    if args.split == "heldout" and args.only:
        parser.error("--only names reports: not with --split heldout")
    ingestbench.setup_database()
    ids = ingestbench.select_ids(
        ingestbench.corpus_index(), args.split, only=args.only, series=args.series
    )
    rows = cases(ids)
    if args.aggregate or args.split == "heldout":
        for line in aggregate(rows):
            ingestbench.say(line)
        return 0
    for row in rows:
        p, label = row["event"], row["label"]
        ingestbench.say(f"{row['id']}  [{row['kind']}] {row['cause']}")
        ingestbench.say(
            f"    proposed {p.event_type} at {_where(p)} {p.date_start}"
            f"{'..' + str(p.date_end) if p.date_end else ''}/{p.date_precision}"
            f"  from: {p.date_note[:90]}"
        )
        ingestbench.say(
            f"    labelled {label['type']} at {label['place']['name']} "
            f"{label['date_start']}"
            f"{'..' + label['date_end'] if label.get('date_end') else ''}"
            f"/{label.get('date_precision', 'day')}"
        )
        ingestbench.say(f"    > {row['text'][:300]}")
    counts = Counter((r["kind"], r["cause"]) for r in rows)
    for (kind, cause), n in counts.most_common():
        ingestbench.say(f"{n:5d}  {kind:6s} {cause}")
    ingestbench.say(f"{len(rows):5d}  in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
