"""Dev type errors of the extractor, sorted by cause (never held-out).

Usage: .venv/bin/python bench/typecauses.py [--series LETTER ...] [--list]
       [--split heldout] [--only ID ...]

Runs the extractor on the dev articles as bench/ingestbench.py does and takes every
type error the bench counts (its types agree by family: Battles, Explosions/Remote
violence, Violence against civilians, Protests, Riots, Strategic developments):
- "extra: a labelled place, other type" and "extra: no label of its type" (a proposal);
- "missed: place found, other type" and "missed: nothing of its type" (a label).
Each is printed as proposed type -> labelled type, with the cue word the type rule fired
on (from the proposal's "why"), and put under one cause guess:
- "no incident (a not_event)": the proposal's sentence is one the label lists as no
  event (background, a threat, a toll, a caption) and no label of another type there;
- "agreement restated": the same, the proposal an agreement;
- "two types in one sentence": the label's sentence gives a proposal of another type
  too, or the sentence holds two labelled types;
- "weapon word vs verb": the cue is a means (rocket, missile, shell, bomb, drone,
  explosion) and the label's type is the act (a clash, a capture, an attack);
- "toll word": the cue is a toll ("killed", "wounded") with no means named;
- "capture/retake direction": labelled and proposed are each other's territory type;
- "not proposed": a missed label whose sentence gave no proposal at all;
- "other".
Also counts matched events whose sub-type differs (same family: shelling for an air
strike, a capture for a recapture), which the bench scores as right. --list prints
every case.
Then every label missed with "nothing of its type" (no ticked proposal of its family),
by the shape of the sentence it is told in (bench/sentenceshapes.py: casualty-led,
passive, movement/control verb, event noun, attack verb), and whether its sentence
gave no proposal of its family even unticked ("every: none") or none at all
("sentence: none"), and whether the whole article gave none of its family even
unticked ("article: none"). ``--split
heldout`` prints these counts only (no ids, no sentences; --list refused).
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
import sentenceshapes  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

EXTRA = ("extra: a labelled place, other type", "extra: no label of its type")
MISSED = ("missed: place found, other type", "missed: nothing of its type")
TERRITORY = {"government-regains-territory", "non-state-actor-overtakes-territory"}
_CUE = re.compile(r"on the cue “([^”]*)”")
_MEANS = re.compile(
    r"\b(?:rockets?|missiles?|shell\w*|artillery|mortars?|bomb\w*|drones?|explosions?|"
    r"blasts?|warplanes?|jets?|air ?strikes?|strikes?|raids?|IEDs?|mines?)\b",
    re.I,
)
_TOLL = re.compile(
    r"^(?:killed|wounded|injured|casualties|destroyed|eliminated)$", re.I
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def _overlaps(a: str, b: str) -> bool:
    """The two passages share most words of the shorter (a quoted sentence or part)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _sentences(p, proposal) -> str:
    return " ".join(proposal.texts[s] for s in p.sentences if s < len(proposal.texts))


def cause(
    proposed: str, labelled: str, cue: str, sentence: str, article, others
) -> str:
    """One cause guess for a type error (see the module's docstring)."""
    if {proposed, labelled} == TERRITORY:
        return "capture/retake direction"
    if labelled == "-":
        restated = any(
            _overlaps(n["sentence"], sentence) for n in article["not_events"]
        )
        if restated and proposed == "agreement":
            return "agreement restated"
        if restated:
            return "no incident (a not_event)"
    if proposed == "-":
        return "not proposed"
    here = {e["type"] for e in article["events"] if _overlaps(e["evidence"], sentence)}
    if len(here) > 1 or others:
        return "two types in one sentence"
    if _TOLL.match(cue):
        return "toll word"
    if _MEANS.search(cue):
        return "weapon word vs verb"
    if labelled == "-":
        return "no label there"
    return "other"


def cases(article, proposal, parents):
    """(kind, proposed type, labelled type, cue, sentence, cause) of each type error,
    then (proposed, labelled) of each matched event of another sub-type."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    found, subtypes = [], []
    for i, n in used.items():
        if proposed[i].event_type != labels[n]["type"]:
            subtypes.append((proposed[i].event_type, labels[n]["type"]))
    for i, p in enumerate(proposed):
        if i in used:
            continue
        why = labelpairs.why_extra(p, labels, proposed, set(used), parents)
        if why not in EXTRA:
            continue
        sentence = _sentences(p, proposal)
        at = [lb for lb in labels if agreement.place_agrees(lb["place"], p.place)]
        said = [lb for lb in labels if _overlaps(lb["evidence"], sentence)]
        label = (at or said or [None])[0]
        labelled = label["type"] if label else "-"
        cue = (_CUE.search(p.rule) or [None, ""])[1]
        others = {q.event_type for q in proposed if q is not p and set(q.sentences)
                  & set(p.sentences)} - {p.event_type}  # fmt: skip
        others = others if label else set()
        why_type = cause(p.event_type, labelled, cue, sentence, article, others)
        found.append((why, p.event_type, labelled, cue, sentence, why_type))
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        why = labelpairs.why_missed(label, proposed, set(used), parents)
        if why not in MISSED:
            continue
        here = [p for p in proposed if agreement.place_agrees(label["place"], p.place)]
        said = [
            p for p in proposed if _overlaps(label["evidence"], _sentences(p, proposal))
        ]
        p = (here or said or [None])[0]
        cue = (_CUE.search(p.rule) or [None, ""])[1] if p else ""
        sentence = _sentences(p, proposal) if p else label["evidence"]
        others = {q.event_type for q in said} - {p.event_type} if p else set()
        why_type = cause(p.event_type if p else "-", label["type"], cue, sentence,
                         article, others)  # fmt: skip
        found.append((why, p.event_type if p else "-", label["type"], cue, sentence,
                      why_type))  # fmt: skip
    return found, subtypes


def untyped(article, proposal, parents) -> list[tuple]:
    """(shape, family, its sentence gave no proposal of its family even unticked, its
    sentence gave no proposal at all, no proposal of its family in the whole article
    even unticked, its evidence) of each label missed with "nothing of its type"."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    found = []
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        if labelpairs.why_missed(label, proposed, set(used), parents) != MISSED[1]:
            continue
        family = labelpairs.family(label["type"], parents)
        said = [
            p
            for p in proposal.events
            if _overlaps(label["evidence"], _sentences(p, proposal))
        ]
        every = [p for p in said if labelpairs.family(p.event_type, parents) == family]
        anywhere = [
            p
            for p in proposal.events
            if labelpairs.family(p.event_type, parents) == family
        ]
        shape = sentenceshapes.shape(label["evidence"])
        row = (shape, family, not every, not said, not anywhere)
        found.append((*row, label["evidence"]))
    return found


def _shape_counts(shapes: Counter) -> None:
    ib.say('missed "nothing of its type", by sentence shape (ticked); every: its '
           "sentence gave none of its family even unticked; sentence: gave no proposal; "
           "article: none of its family even unticked")  # fmt: skip
    for shape in sentenceshapes.SHAPES:
        rows = {k: v for k, v in shapes.items() if k[0] == shape}
        total = sum(rows.values())
        if not total:
            continue
        every = sum(v for k, v in rows.items() if k[2])
        bare = sum(v for k, v in rows.items() if k[3])
        article = sum(v for k, v in rows.items() if k[4])
        ib.say(f"  {total:4}  {shape:22} every: none {every:3}  sentence: none "
               f"{bare:3}  article: none {article:3}")  # fmt: skip
        families = Counter()
        for k, v in rows.items():
            families[k[1]] += v
        ib.say("        " + ", ".join(f"{f} {n}" for f, n in families.most_common()))


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    if args.split == "heldout" and args.list:
        parser.error("held-out: aggregate counts only (no --list)")
    ib.setup_database()

    parents = ib.type_parents()
    causes: Counter = Counter()
    kinds: Counter = Counter()
    pairs: Counter = Counter()
    cues: Counter = Counter()
    subtypes: Counter = Counter()
    shapes: Counter = Counter()
    ids = ib.select_ids(
        ib.corpus_index(), args.split, series=args.series, only=args.only
    )
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        found, other_subtypes = cases(article, proposal, parents)
        for row in untyped(article, proposal, parents):
            shapes[row[:5]] += 1
            if args.list:
                ib.say(f"  {article_id:28} untyped {row[0]} ({row[1]}) "
                       f"every: {'none' if row[2] else 'some'}")  # fmt: skip
                ib.say(f"      {row[5][:220]}")
        subtypes.update(other_subtypes)
        for kind, got, wanted, cue, sentence, why in found:
            causes[why] += 1
            kinds[kind] += 1
            pairs[(got, wanted)] += 1
            cues[cue.lower() or "-"] += 1
            if args.list:
                ib.say(f"  {article_id:28} {why:27} {got} -> {wanted} “{cue}”")
                ib.say(f"      {sentence[:150]}")
    ib.say(f"{args.split} type errors: {sum(kinds.values())} in {len(ids)} articles")
    for name, counter in (("kind", kinds), ("cause", causes)):
        ib.say(f"by {name}:")
        for key, count in counter.most_common():
            ib.say(f"  {count:4}  {key}")
    ib.say("proposed -> labelled (top 15):")
    for (got, wanted), count in pairs.most_common(15):
        ib.say(f"  {count:4}  {got} -> {wanted}")
    ib.say(
        "cue words (top 15): " + ", ".join(f"{c} {n}" for c, n in cues.most_common(15))
    )
    ib.say(f"matched, other sub-type (scored right): {sum(subtypes.values())}")
    for (got, wanted), count in subtypes.most_common(10):
        ib.say(f"  {count:4}  {got} for {wanted}")
    _shape_counts(shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
