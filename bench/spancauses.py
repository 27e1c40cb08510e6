"""No-point losses whose name is cut wrong, and labelled places never taken, by shape.

Usage: .venv/bin/python bench/spancauses.py [--series LETTER ...] [--list]
       .venv/bin/python bench/spancauses.py --split heldout   (aggregate counts only)

Runs the extractor as bench/ingestbench.py does. Takes bench/nopointcauses.py's "span
cut wrong" cases (the proposal's name differs from the labelled place's by words too
many or too few) and bench/placemisses.py's "span: cut wrong" / "span: never taken"
labels, and puts each under one shape of the name and the label:
- "hyphen: a name split at a hyphen" ("Mahan-" for "Mahan-on", "Jilib" of "Jilib-Marka");
- "two places: X and Y / between X and Y" (the label names a stretch or a pair);
- "container after: Y in/of X" (the label goes on: "Y neighbourhood in X");
- "container before: X's Y" (a possessive: "Baghdad's Karrada", "Lebanon's Y");
- "head phrase: the <kind> of X" ("the southern town of X" labelled, "X" proposed);
- "direction: western X" (a direction word lost or taken in);
- "head word lost: <Name> X" (a capitalised word of the name left out: "Khallet Al
  Furjan" read as "Al Furjan");
- "kind word after: X village/camp/…" (lost or taken in);
- "trailing part lost: X 82" (a number or lower-case word that ends the name);
- "taken in: a word too many" (the proposal is the label and more);
- "other" (they differ otherwise, share a word).
Beside them, every no-point loss by nopointcauses.py's cause (counts).
"Never taken" labels are split by what stands beside the name in the text: an
"X-Y road" (hyphened ends), an organisation's or person's name ("X Military Council",
"X Hospital"), a dateline, a list, "in/at X", other.
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
import nopointcauses as npc  # noqa: E402
import placemisses as pm  # noqa: E402

_KINDS = (
    r"(?:village|villages|town|towns|city|camp|refugee camp|displacement camp|"
    r"neighbou?rhood|district|sub-district|area|hill|base|airport|quarter|suburb|"
    r"square|roundabout|checkpoint|crossing|province|governorate|region|countryside)"
)
_DIRECTION = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)"
    r"\b",
    re.I,
)


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\(.*?\)", " ", name or "")).strip()


def cut_shape(text: str, label: str) -> str:
    """The shape that tells a proposed name from the labelled place's name."""
    text, label = _clean(text), _clean(label)
    low, lab = text.lower(), label.lower()
    if (
        text.endswith("-")
        or text.startswith("-")
        or ("-" in label and low and low in lab.split("-"))
    ):
        return "hyphen: a name split at a hyphen"
    if re.search(r"\b(?:and|between)\b", lab):
        return "two places: X and Y / between X and Y"
    if low and low in lab:
        before, after = lab.split(low, 1)
        before, after = before.strip(), after.strip()
        if re.match(r"^(?:in|of)\b|^,", after) or re.search(r"\b(?:in|of)\b", after):
            return "container after: Y in/of X"
        if re.search(r"['’]s$", before):
            return "container before: X's Y"
        if re.search(r"\bof$", before):
            return "head phrase: the <kind> of X"
        if before and _DIRECTION.fullmatch(before.split()[-1]):
            return "direction: western X"
        if before and before.split()[-1] not in {"the", "a", "an"}:
            return "head word lost: <Name> X"
        if re.fullmatch(_KINDS + r"s?", after):
            return "kind word after: X village/camp/…"
        return "trailing part lost: X 82"
    if lab and lab in low:
        before, after = low.split(lab, 1)
        before, after = before.strip(), after.strip()
        if before and _DIRECTION.fullmatch(before.split()[-1]):
            return "direction: western X"
        if re.fullmatch(_KINDS + r"s?", after):
            return "kind word after: X village/camp/…"
        return "taken in: a word too many"
    return "other"


def never_shape(label: str, texts: list[str]) -> str:
    """What stands beside a labelled name no mention took, at its first sighting."""
    name = _clean(label)
    if not name:
        return "never taken: other"
    pattern = re.compile(
        r"(?<![\w'’])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w'’])",
        re.I,
    )
    for sentence in texts:
        found = pattern.search(sentence)
        if found is None:
            continue
        before = sentence[max(0, found.start() - 30) : found.start()]
        after = sentence[found.end() : found.end() + 30]
        if re.match(r"^[-–]\s?[A-Z]", after) or re.search(r"[A-Za-z][-–]$", before):
            return "never taken: X-Y (hyphened ends)"
        if found.start() < 3 and (re.match(r"^\s*[,(/]", after) or name.isupper()):
            return "never taken: a dateline"
        if re.match(r"^\s+[A-Z][a-z]", after):
            return "never taken: inside a longer name (X Council, X Hospital)"
        if re.search(r"\b(?:in|at|near|of|from|on)\s+(?:the\s+)?$", before):
            return "never taken: after in/at/of"
        if re.match(r"^\s*(?:,|and\b)", after) or re.search(r"(?:,|\band)\s+$", before):
            return "never taken: in a list"
        return "never taken: other"
    return "never taken: not in the text as labelled"


def article_shapes(
    article: dict, proposal, parents, index
) -> list[tuple[str, str, str]]:
    """(shape, proposed text, label) of each span loss of one article."""
    found = []
    for _kind, text, label in npc.cases(article, proposal, parents):
        if label is None:
            continue
        if npc.cause(text, label, proposal.country, index) == "span cut wrong":
            found.append((cut_shape(text, label["name"]), text, label["name"]))
    for why, name, detail in pm.classify(article, proposal, index):
        if why == "span: never taken":
            bare = re.sub(r"\s*\([A-Z]{2}\)$", "", name)
            found.append((never_shape(bare, proposal.texts), "", bare))
        elif why == "span: cut wrong":
            found.append(("placemisses " + why, detail, name))
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    if args.split == "heldout" and args.list:
        parser.error("held-out: counts only")
    ib.setup_database()
    from places import gazetteer

    index = gazetteer.gazetteer_index()
    parents = ib.type_parents()
    counts: Counter = Counter()
    causes: Counter = Counter()  # nopointcauses' causes, for the counts beside
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        for kind, text, label in npc.cases(article, proposal, parents):
            why = npc.cause(text, label, proposal.country, index)
            causes[f"no point: {why} ({kind})"] += 1
        for shape, text, label in article_shapes(article, proposal, parents, index):
            counts[shape] += 1
            if args.list:
                ib.say(f"  {article_id:30} {shape:48} {text!r} meant {label!r}")
    ib.say(f"{args.split} span losses by shape ({len(ids)} articles):")
    for shape, n in sorted(counts.items()):
        ib.say(f"  {n:4}  {shape}")
    ib.say("and every no-point loss by bench/nopointcauses.py's cause:")
    for why, n in sorted(causes.items()):
        ib.say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
