"""Type errors and proposals of no event, by cause (dev lists; held-out counts only).

Usage: .venv/bin/python bench/kindcauses.py [--split dev|heldout] [--series L ...]
       [--list]

Runs the extractor as bench/ingestbench.py does and takes three kinds of the bench:
"extra: a labelled place, other type", "extra: no label of its type" (a proposal) and
"missed: place found, other type" (a label, seen through the proposal at its place).
Each goes under the first cause that fits the proposal's sentence and cue (the cue
word the type rule fired on, from its "why"):
- "intent or hedge": a modal, a plan or a threat governs the cue ("seeks to", "will",
  "threatened to", "could", "warned");
- "background": the sentence is dated before the report (a year before its own, "last
  year", "ago", "since", "previously") or tells a standing state ("has been", "have
  been", "had") or restates an agreement ("under the agreement");
- "statement or denial": the act is what was said ("denied", "condemned", "accused",
  "blamed", "claimed responsibility", "statement");
- "toll or humanitarian figure": the cue is a toll or displacement word and the
  sentence counts people (a number, "toll", "casualties", "humanitarian", "aid") with
  no means or act of its own;
- "type from another clause": the cue and the event's place sit in different clauses
  (a comma or "after"/"as"/"while"/"which" between them, or another sentence), or a
  victim's toll word gave the type where a means word is in the sentence;
- "type its label's family does not cover": the cue governs the place and no wording
  above applies: the rule's type and the label's type are of two families (the pair is
  counted);
- "other" (a missed label with no proposal in its sentence, no cue found).
``--split heldout`` prints the AGGREGATE counts only (never an id, a name or a
sentence), as the round's rules allow; ``--list`` works on dev only.
"""

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
    "extra: a labelled place, other type",
    "extra: no label of its type",
    "missed: place found, other type",
)
_CUE = re.compile(r"on the cue “([^”]*)”")
_HEDGE = re.compile(
    r"\b(?:seeks? to|seeking to|aims? to|plans? to|planning to|intends? to|will|would|"
    r"could|might|may|threat\w* to|threat\w*|vow\w* to|pledg\w* to|attempt\w* to|"
    r"trying to|warn\w*|expected to|ready to|prepar\w* (?:to|for)|poised to|"
    r"call(?:ed|s)? for|demand\w*|to prevent|if)\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:last (?:year|month|week)|(?:years?|months?|weeks?) ago|ago|since|"
    r"previous(?:ly)?|earlier (?:this|last) (?:year|month)|formerly|"
    r"(?:has|have|had) (?:been|long|already|repeatedly|since)|had \w+ed|"
    r"under (?:the|an?|this) (?:[\w-]+ ){0,3}(?:agreement|deal|ceasefire|truce|accord)|"
    r"(?:agreement|deal|accord|ceasefire|truce) (?:signed|reached|brokered|agreed) in|"
    r"in the past|history|for years|decades?)\b",
    re.I,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_STATEMENT = re.compile(
    r"\b(?:den(?:y|ied|ies|ial)|condemn\w*|accus\w*|blam\w*|reject\w*|refut\w*|"
    r"claim\w* responsibility|responsibility|statement|allegation\w*|alleg\w*|"
    r"dismiss\w*|criticis\w*|criticiz\w*|insist\w*|announc\w*)\b",
    re.I,
)
_TOLL_CUE = re.compile(
    r"^(?:kill\w*|dead|deaths?|died|wound\w*|injur\w*|casualt\w*|displac\w*|fled|"
    r"flee\w*|refugees?|victims?|toll|bodies|body|lost their lives|perish\w*)$",
    re.I,
)
_FIGURE = re.compile(
    r"\b(?:\d[\d,.]*|dozens|hundreds|thousands|scores|toll|casualt\w*|humanitarian|"
    r"aid|OCHA|UNHCR|in need|refugees|displaced|total|tally)\b",
    re.I,
)
_MEANS = re.compile(
    r"\b(?:air ?strikes?|airstrikes?|strikes?|raids?|shell\w*|bomb\w*|rockets?|"
    r"missiles?|mortars?|artillery|drones?|warplanes?|jets?|aircraft|helicopters?|"
    r"explosions?|blasts?|IEDs?|mines?|clash\w*|fighting|battles?|attack\w*|"
    r"ambush\w*|gunmen|gunfire|fire|shot|shooting|stormed|captur\w*|seiz\w*|"
    r"took control|ret(?:ook|ake\w*))\b",
    re.I,
)
# Between the cue and the place, a clause boundary.
_BOUNDARY = re.compile(
    r"[;:]|,\s*(?:which|who|where|while|as|after|killing|leaving|wounding|injuring|"
    r"and|but|including|amid|following)\b|\b(?:after|as|while|when|following|"
    r"amid|before|since)\b",
    re.I,
)


def _text(proposal, indexes) -> str:
    return " ".join(proposal.texts[s] for s in indexes if s < len(proposal.texts))


def _cue_at(sentence: str, cue: str) -> int:
    if not cue:
        return -1
    match = re.search(re.escape(cue), sentence, re.I)
    return match.start() if match else -1


def _clause_of(sentence: str, at: int) -> str:
    """The words around the cue up to the clause's ends (commas, semicolons)."""
    start = max(sentence.rfind(c, 0, at) for c in ",;:") + 1
    ends = [i for i in (sentence.find(c, at) for c in ",;:") if i >= 0]
    return sentence[start : min(ends) if ends else len(sentence)]


def cause(p, proposal, published_year: int) -> str:
    """One cause for a proposal of a type error or of no event (the module's list)."""
    first = p.sentences[0] if p.sentences else -1
    sentence = proposal.texts[first] if 0 <= first < len(proposal.texts) else ""
    cue = (_CUE.search(p.rule) or [None, ""])[1]
    at = _cue_at(sentence, cue)
    if at < 0:
        return "other (no cue in its sentence)"
    clause = _clause_of(sentence, at)
    before = sentence[max(0, at - 60) : at]
    if _HEDGE.search(before) or _HEDGE.search(clause):
        return "intent or hedge"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if (
        any(y < published_year for y in years)
        or _BACKGROUND.search(clause)
        or _BACKGROUND.search(before)
    ):
        return "background"
    if _STATEMENT.search(sentence):
        return "statement or denial"
    if (
        _TOLL_CUE.match(cue)
        and _FIGURE.search(sentence)
        and not _MEANS.search(sentence)
    ):
        return "toll or humanitarian figure"
    place = p.place
    if place is not None and place.end <= len(sentence) and first in p.sentences:
        low, high = sorted((at, place.start))
        other_sentence = sentence[place.start : place.end] != place.text
        if other_sentence or _BOUNDARY.search(sentence, low, high):
            return "type from another clause"
    if _TOLL_CUE.match(cue) and _MEANS.search(sentence):
        return "type from another clause"
    return "type its label's family does not cover"


def cases(article, proposal, parents):
    """(kind, cause, proposed type, labelled type, cue, sentence) of each case."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    year = ib.published_at(article).year
    found = []
    for i, p in enumerate(proposed):
        if i in used:
            continue
        why = labelpairs.why_extra(p, labels, proposed, set(used), parents)
        if why not in KINDS:
            continue
        at = [
            lb["type"] for lb in labels if agreement.place_agrees(lb["place"], p.place)
        ]
        found.append((why, cause(p, proposal, year), p.event_type,
                      (at or ["-"])[0], p))  # fmt: skip
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        why = labelpairs.why_missed(label, proposed, set(used), parents)
        if why not in KINDS:
            continue
        here = [
            p
            for j, p in enumerate(proposed)
            if agreement.place_agrees(label["place"], p.place)
        ]
        unmatched = [p for p in here if proposed.index(p) not in used] or here
        p = unmatched[0]
        found.append((why, cause(p, proposal, year), p.event_type, label["type"], p))
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    args = parser.parse_args()
    held_out = args.split == "heldout"
    ib.setup_database()

    parents = ib.type_parents()
    counts: Counter = Counter()
    pairs: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        for why, what, got, wanted, p in cases(article, proposal, parents):
            counts[(why, what)] += 1
            counts[("all", what)] += 1
            if what.startswith("type its label"):
                pairs[
                    (
                        labelpairs.family(got, parents),
                        labelpairs.family(wanted, parents),
                    )
                ] += 1
            if args.list and not held_out:
                ib.say(f"{article_id:30} [{why[:28]}] {what}: {got} -> {wanted}")
                ib.say(f"    {p.rule[:100]}")
                ib.say(f"    > {_text(proposal, p.sentences[:1])[:260]}")
    ib.say(f"{args.split} {' '.join(args.series) or 'all'}: {len(ids)} reports")
    for kind in (*KINDS, "all"):
        mine = {k[1]: n for k, n in counts.items() if k[0] == kind}
        ib.say(f"  {kind} ({sum(mine.values())}):")
        for what, n in sorted(mine.items(), key=lambda kv: -kv[1]):
            ib.say(f"    {n:4}  {what}")
    ib.say("  family pairs of the last cause (proposed -> labelled):")
    for (got, wanted), n in pairs.most_common(8):
        ib.say(f"    {n:4}  {got} -> {wanted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
