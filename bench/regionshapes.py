"""Wrong points where a region and a point are confused, by the shape of the text.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/regionshapes.py --split dev [--list]
       DJANGO_DEBUG=1 .venv/bin/python bench/regionshapes.py --split heldout

Runs the extractor as bench/ingestbench.py does and takes each wrong resolved mention
(bench/namesakecauses.py's definition) that is a region read as a point or the reverse,
or that no label spells so while a labelled name holds the text (a name cut from a
longer region phrase). Each is put under one shape:
- "governorate for a city: <how decided>": a bare city name read as its governorate
  (the sentence's cue, the article's default, a list of governorates);
- "region of a direction": "northern X" read as an area where the label is the town;
- "region phrase": the text holds an area word ("X province", "X countryside");
- "point before a region head": a point read from "X area/mountains/state/front ..."
  (the label is the region phrase);
- "point inside a longer labelled name": the label's name holds the text;
- "region, other" / "point, other".
Held-out prints the counts only (no ids, names or sentences); --list prints dev cases.
"""

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agreement  # noqa: E402
import ingestbench as ib  # noqa: E402

_AREA = re.compile(
    r"\b(?:province|governorate|countryside|region|area|district|state|oblast|"
    r"suburbs?|outskirts|rural|mountains?|plains?|valley|front|axis)\b",
    re.I,
)
_HEAD_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:areas?|regions?|mountains?|state|province|governorate|"
    r"countryside|front|axis|outskirts|plains?|valley|district|hills?|heights)\b",
    re.I,
)
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|upper|lower)", re.I)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def sentence_of(mention, texts: list[str]) -> str:
    """The sentence ``mention`` was read in (its offsets are the sentence's)."""
    return next(
        (s for s in texts if s[mention.start : mention.end] == mention.text), ""
    )


def shape(mention, labels: list[dict], text: str) -> str | None:
    """The shape of a wrong ``mention``, or None when it is no region/point case."""
    key = agreement._key(mention.text)
    spelt = agreement.spelt_like(mention.text, labels)
    if not spelt:
        holder = [p for p in labels if key and key in agreement._key(p["name"])]
        if not holder:
            return None
        after = text[mention.end : mention.end + 30]
        if not mention.is_region and _HEAD_AFTER.match(after):
            return "point before a region head"
        if not mention.is_region:
            return "point inside a longer labelled name"
        return "region inside a longer labelled name"
    if not agreement.region_point_mixed(mention, spelt):
        return None
    if not mention.is_region:
        return "point, other"
    if _DIRECTION.match(mention.text):
        return "region of a direction"
    if _AREA.search(mention.text):
        return "region phrase"
    if mention.feature_type == "governorate":
        note = mention.note
        how = (
            "the sentence's cue" if "as the sentence reads it" in note
            else "named after a place" if "named after a place" in note
            else "a list of governorates" if "list of governorates" in note
            else "the text says" if "as the text says" in note
            else "the article's default"
        )  # fmt: skip
        return f"governorate for a city: {how}"
    return "region, other"


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    ib.setup_database()

    show = args.list and args.split == "dev"  # held-out: counts only
    shapes: Counter = Counter()
    resolved = wrong = 0
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        labels = article.get("places_named", [])
        for mention in proposal.places:
            if mention.lat is None:
                continue
            resolved += 1
            if agreement.point_right(mention, labels):
                continue
            wrong += 1
            sentence = sentence_of(mention, proposal.texts)
            found = shape(mention, labels, sentence)
            shapes[found or "not a region/point case"] += 1
            if show and found:
                around = sentence[max(0, mention.start - 90) : mention.end + 60]
                say(
                    f"  {article_id[:26]:26} {found:40} “{mention.text}” -> "
                    f"{mention.name} ({mention.feature_type}) | "
                    + around.replace("\n", " ")
                )
    say(f"{args.split}: {len(ids)} reports, resolved {resolved}, wrong {wrong}")
    for why, n in sorted(shapes.items()):
        say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
