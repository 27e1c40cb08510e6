"""One sentence, two event types: extras and misses from sentences where two or more
type cues fire (dev lists; held-out counts only).

Usage: .venv/bin/python bench/twotypecauses.py [--split dev|heldout] [--series L ...]
       [--list]

Runs the extractor as bench/ingestbench.py does and takes every extra and every missed
label of the bench's offered-ticked reading. Each is read in its sentence (an extra: the
sentence its cue is in; a missed label: the sentence of the proposal at its place, else
the sentence its evidence quotes) and counted as a two-type case when two or more
type cues fire there: the keyword rules' cues (ingest/kinds/rules.py, before any precedence)
and the types the extractor proposed from that sentence. For each case it prints the
pair of types (the proposal's and the other cue's, or the label's and the proposal's),
the bench's kind and which type the label at that place keeps:
- an extra of type A where a label of type B holds the place: "label keeps B";
- an extra where no label holds the place: "no label";
- a missed label of type B where a proposal of type A holds the place: "label keeps B".
It also prints, on the every-proposal reading, each sentence where two types were
proposed at one place and which of them the labels there keep (both, one, none): the
table a precedence between two types has to be built from.
``--split heldout`` prints the AGGREGATE counts only (never an id, a name, a type pair
of one article or a sentence), as the round's rules allow; ``--list`` works on dev only.
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

_CUE = re.compile(r"on the cue “([^”]*)”")
SHORT = {
    "air-drone-strike": "air",
    "shelling-artillery-missile-attack": "shelling",
    "remote-explosive-landmine-ied": "ied",
    "explosions-remote-violence": "toll",
    "armed-clash": "clash",
    "attack": "attack",
    "violence-against-civilians": "vac",
    "non-state-actor-overtakes-territory": "capture",
    "government-regains-territory": "regain",
    "offensive-launched": "offensive",
    "abduction-forced-disappearance": "abduction",
    "looting-property-destruction": "looting",
    "headquarters-or-base-established": "base",
    "change-to-group-activity": "group-activity",
    "peaceful-protest": "protest",
    "protest-with-intervention": "protest-int",
}


def short(slug: str) -> str:
    return SHORT.get(slug, slug)


def fired(sentence: str) -> set[str]:
    """The types whose cues fire in ``sentence``, before any precedence or hedge."""
    from ingest.kinds import typerules, weaponcues

    found = set()
    for rule in typerules.TYPE_RULES:
        if rule.needs_foreign_actor or not rule.trigger.search(sentence):
            continue
        if rule.requires is not None and not rule.requires.search(sentence):
            continue
        found.add(rule.slug)
    named = weaponcues.struck_by(sentence)
    if named is not None:
        found.add(named[0])
    return found


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").lower()) if len(w) > 2}


def evidence_sentence(label: dict, texts: list[str]) -> int:
    """The sentence the label's evidence quotes (most words shared), or -1."""
    wanted = _words(label.get("evidence", ""))
    best, at = 0.0, -1
    for i, t in enumerate(texts):
        words = _words(t)
        if not words or not wanted:
            continue
        share = len(words & wanted) / min(len(words), len(wanted))
        if share > best:
            best, at = share, i
    return at if best >= 0.6 else -1


def cue_sentence(p, texts: list[str]) -> int:
    """The proposal's sentence that holds its cue word (its first sentence else)."""
    cue = (_CUE.search(p.rule) or [None, ""])[1].lower()
    for s in p.sentences:
        if s < len(texts) and cue and cue in texts[s].lower():
            return s
    return p.sentences[0] if p.sentences else -1


def _proposed_in(proposal, s: int, texts) -> set[str]:
    return {e.event_type for e in proposal.events if cue_sentence(e, texts) == s}


def cases(article, proposal, parents):
    """(kind, pair, keeps, sentence index) of each two-type extra or miss."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    texts = proposal.texts
    found = []
    for i, p in enumerate(proposed):
        if i in used:
            continue
        why = labelpairs.why_extra(p, labels, proposed, set(used), parents)
        s = cue_sentence(p, texts)
        if s < 0:
            continue
        types = fired(texts[s]) | _proposed_in(proposal, s, texts)
        if len(types) < 2:
            continue
        here = [
            lb["type"] for lb in labels if agreement.place_agrees(lb["place"], p.place)
        ]
        others = [t for t in here if t in types and t != p.event_type] or [
            t for t in here if t != p.event_type
        ]
        if others:
            pair, keeps = (p.event_type, others[0]), "label keeps " + short(others[0])
        else:
            rest = sorted(types - {p.event_type})
            pair = (p.event_type, rest[0] if rest else "-")
            keeps = "label keeps it (other date)" if here else "no label"
        found.append((why, pair, keeps, s))
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        why = labelpairs.why_missed(label, proposed, set(used), parents)
        at_place = [
            p for p in proposed if agreement.place_agrees(label["place"], p.place)
        ]
        s = cue_sentence(at_place[0], texts) if at_place else -1
        if s < 0:
            s = evidence_sentence(label, texts)
        if s < 0:
            continue
        types = fired(texts[s]) | _proposed_in(proposal, s, texts)
        if len(types) < 2:
            continue
        other = [p.event_type for p in at_place if p.event_type != label["type"]]
        rest = sorted(types - {label["type"]})
        pair = (other or rest or ["-"])[0], label["type"]
        found.append((why, pair, "label keeps " + short(label["type"]), s))
    return found


def both_proposed(article, proposal, parents):
    """(pair, keeps) of each sentence with two types proposed at one place (every
    proposal, ticked or not), by what the labels at that place keep."""
    texts = proposal.texts
    labels = article["events"]
    seen = {}
    for e in proposal.events:
        if e.place is None:
            continue
        s = cue_sentence(e, texts)
        seen.setdefault((s, e.place.name), set()).add(e.event_type)
    found = []
    for (s, name), types in seen.items():
        if len(types) < 2:
            continue
        place = next(
            e.place
            for e in proposal.events
            if e.place is not None and e.place.name == name
        )
        here = {
            lb["type"] for lb in labels if agreement.place_agrees(lb["place"], place)
        }
        for a in sorted(types):
            for b in sorted(types):
                if a >= b:
                    continue
                fam = {labelpairs.family(t, parents) for t in here}
                ka = a in here or (labelpairs.family(a, parents) in fam)
                kb = b in here or (labelpairs.family(b, parents) in fam)
                if labelpairs.family(a, parents) == labelpairs.family(b, parents):
                    keeps = "same family" + (" (labelled)" if ka else " (no label)")
                else:
                    keeps = {
                        (True, True): "both",
                        (True, False): short(a),
                        (False, True): short(b),
                        (False, False): "neither",
                    }[(ka, kb)]
                found.append(((a, b), keeps, s))
    return found


def tally(rows, parents, *, held_out: bool, listing: bool) -> None:
    """Print the counts (and on dev, the pairs and ``listing``'s cases) of ``rows``,
    (id, report, proposal) triples."""
    kinds: Counter = Counter()
    pairs: Counter = Counter()
    keeps: Counter = Counter()
    proposed_pairs: Counter = Counter()
    total: Counter = Counter()
    n = 0
    for article_id, article, proposal in rows:
        n += 1
        proposed, labels, used = labelpairs.pairing(article, proposal, parents)
        total["extra"] += len(proposed) - len(used)
        total["missed"] += len(labels) - len(used)
        for why, pair, keep, s in cases(article, proposal, parents):
            side = why.split(":")[0]
            kinds[why] += 1
            total["two-type " + side] += 1
            if held_out:
                continue
            name = " + ".join(sorted(map(short, pair)))
            pairs[(name, side)] += 1
            keeps[(name, keep)] += 1
            if listing:
                ib.say(f"{article_id:30} [{why[:36]}] {short(pair[0])}/{short(pair[1])}"
                       f": {keep}")  # fmt: skip
                ib.say(f"    > {proposal.texts[s][:240]}")
        for pair, keep, s in both_proposed(article, proposal, parents):
            total["two types proposed at one place"] += 1
            if held_out:
                continue
            proposed_pairs[(" + ".join(map(short, pair)), keep)] += 1
            if listing:
                ib.say(f"{article_id:30} (both proposed) {pair}: labels keep {keep}")
                ib.say(f"    > {proposal.texts[s][:240]}")
    ib.say(f"{n} reports")
    ib.say(
        f"  extras {total['extra']}, of which from a two-type sentence "
        f"{total['two-type extra']}; missed {total['missed']}, of which "
        f"{total['two-type missed']}"
    )
    for why, k in sorted(kinds.items(), key=lambda kv: -kv[1]):
        ib.say(f"    {k:4}  {why}")
    ib.say(f"  sentences x places with two types proposed (every proposal), pairs: "
           f"{total['two types proposed at one place']}")  # fmt: skip
    if held_out:
        return
    ib.say("  pairs of types (extras / missed), what the label keeps:")
    names = sorted({k[0] for k in pairs}, key=lambda m: -sum(
        v for k, v in pairs.items() if k[0] == m))  # fmt: skip
    for name in names:
        kept = ", ".join(f"{k[1]} {v}" for k, v in keeps.items() if k[0] == name)
        ib.say(f"    {name:28} {pairs[(name, 'extra')]:3} / {pairs[(name, 'missed')]:3}"
               f"   {kept}")  # fmt: skip
    ib.say("  two types proposed at one place in one sentence: what the labels keep")
    for (name, keep), k in sorted(proposed_pairs.items(), key=lambda kv: -kv[1]):
        ib.say(f"    {k:4}  {name:28} {keep}")


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", default="dev", choices=["dev", "heldout"])
    args = parser.parse_args()
    held_out = args.split == "heldout"
    ib.setup_database()
    from ingest import propose

    def rows():
        for article_id in ib.select_ids(
            ib.corpus_index(), args.split, series=args.series
        ):
            article = ib.load_article(article_id)
            proposal = propose.article_propose(
                text_raw=article["text"], published_at=ib.published_at(article)
            )
            yield article_id, article, proposal

    ib.say(f"{args.split} {' '.join(args.series) or 'all'}:")
    tally(
        rows(), ib.type_parents(), held_out=held_out, listing=args.list and not held_out
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
