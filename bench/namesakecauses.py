"""Wrong points by cause, and what a "far from the story" doubt would cost, per split.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/namesakecauses.py --split dev [--list]
       DJANGO_DEBUG=1 .venv/bin/python bench/namesakecauses.py --split heldout

Runs the extractor as bench/ingestbench.py does and takes every resolved place mention
(a point, as the bench's wrong-place rate counts them). Each wrong one is put under one
cause (issue 13/14, helper ingnamesake):
- "region vs point": a region read as a point, or a point as a region;
- "spelt otherwise": no labelled place is spelt like the text (a person, a word, an
  unlabelled place, or the label spells it otherwise);
- "namesake <30 / 30-100 / >100 km": the labels spell it so and the point lies over
  25 km from the labelled one; binned by the distance to the nearest other sure place
  of the story (a located place, not a country, not a weak reading; a region of the
  story's that holds it counts as 0 km);
- "other": 5-25 km off, labelled without a point.
Then, for each threshold T and variant, what a doubt "a point over T km from every
other sure place of the story, in no region it names, goes to the editor" would do to
the points the final proposal keeps: wrong points removed, right points lost (a label
with a point no other mention finds: place recall), and right points that agree with a
label only by name (no cost: a name without a point still agrees). Variants: "far"
(any point but a city of 100,000, a known town, a tied place), "namesake" (the
gazetteer holds another place of that name over T km from the one taken), each with
the dateline counted as a yardstick or not. Held-out prints the counts only (no ids,
names or sentences); --list prints dev cases.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agreement  # noqa: E402
import ingestbench as ib  # noqa: E402

THRESHOLDS = (50, 75, 100, 150, 200, 300)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _bin(km: float | None) -> str:
    if km is None:
        return "no other place"
    return "<30" if km < 30 else "30-100" if km <= 100 else ">100"


def _dateline(mention) -> bool:
    return mention.note.startswith("dateline")


def nearest_sure(mention, places: list, *, dateline: bool = True) -> float | None:
    """km to the nearest other sure place of the story (0 inside a region it names)."""
    from ingest.where import names
    from ingest.where.mention import km_between

    kms = []
    for other in places:
        if other is mention or other.lat is None or other.feature_type == "country":
            continue
        if other.key == mention.key or names.is_weak(other):
            continue
        if not dateline and _dateline(other):
            continue
        if other.is_region and other.admin1 and other.admin1 == mention.admin1:
            kms.append(0.0)
            continue
        kms.append(km_between(mention, other))
    return min(kms) if kms else None


def namesake_km(mention) -> float:
    """km to the farthest other gazetteer place bearing the text's name (0: none)."""
    from places import gazetteer_abroad
    from places.geocoding.index.entries import distance_km

    index = gazetteer_abroad.index_for(mention.country_code)
    found = index.candidates(mention.text, country=mention.country_code, limit=30)
    return max(
        (
            distance_km(mention.lat, mention.lon, c.entry.lat, c.entry.lon)
            for c in found
            if c.match in {"exact", "alternate"}
        ),
        default=0.0,
    )


def cause(mention, labels: list[dict], near: float | None) -> str:
    from places.geocoding.index import distance_km

    spelt = agreement.spelt_like(mention.text, labels)
    if not spelt:
        return "spelt otherwise"
    if agreement.region_point_mixed(mention, spelt):
        return "region vs point"
    points = [p for p in spelt if p.get("lat") is not None]
    if not points:
        return "other: labelled without a point"
    km = min(distance_km(p["lat"], p["lon"], mention.lat, mention.lon) for p in points)
    if km <= 25:
        return "other: 5-25 km off"
    return f"namesake, nearest other {_bin(near)}"


def exempt(mention) -> bool:
    from ingest.where import farpoints

    if mention.feature_type == "country" or _dateline(mention):
        return True
    return farpoints.sure_at_any_distance(mention)


VARIANTS = (
    ("far, dateline counts", False, True),
    ("far, dateline no yardstick", False, False),
    ("namesake, dateline counts", True, True),
    ("namesake, dateline no yardstick", True, False),
)


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    ib.setup_database()

    show = args.list and args.split == "dev"  # held-out: counts only
    causes: Counter = Counter()
    doubt: Counter = Counter()
    resolved = wrong = 0
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        labels = article.get("places_named", [])
        mentions = list(proposal.places)
        located = [m for m in mentions if m.lat is not None]
        for mention in located:
            resolved += 1
            is_wrong = not agreement.point_right(mention, labels)
            near = nearest_sure(mention, mentions)
            if is_wrong:
                wrong += 1
                why = cause(mention, labels, near)
                causes[why] += 1
            if exempt(mention):
                continue
            # labelled places only this mention finds: lost if it loses its point
            rest = [m for m in mentions if m is not mention]
            pointed = [
                p
                for p in labels
                if p.get("level") == "point"
                and p.get("lat") is not None
                and ib.agreement.place_agrees(p, mention)
            ]
            alone = sum(
                1
                for p in pointed
                if not any(ib.agreement.place_agrees(p, m) for m in rest)
            )
            kind = "wrong" if is_wrong else "right" if pointed else "name"
            twin = namesake_km(mention)
            nears = {
                True: near,
                False: nearest_sure(mention, mentions, dateline=False),
            }
            for name, need_twin, dateline in VARIANTS:
                km = nears[dateline]
                for limit in THRESHOLDS:
                    if need_twin and twin <= limit:
                        continue
                    if km is not None and km <= limit:
                        continue
                    none = "alone" if km is None else "far"
                    doubt[(name, limit, none, kind)] += 1
                    doubt[(name, limit, none, "recall")] += alone
            if show and (is_wrong or (near is None or near > 100)):
                say(
                    f"  {article_id[:26]:26} {kind:5} "
                    f"{(cause(mention, labels, near) if is_wrong else ''):30} "
                    f"“{mention.text}” -> {mention.name} ({mention.admin1}, "
                    f"{mention.country_code}; {mention.feature_type}, "
                    f"{mention.match or '-'}, pop {mention.population}; near "
                    f"{'-' if near is None else f'{near:.0f}'} / no-dl "
                    f"{nears[False] if nears[False] is None else round(nears[False])}"
                    f" km; twin {twin:.0f} km) {mention.note[:50]}"
                )
    say(f"{args.split}: {len(ids)} reports, resolved {resolved}, wrong {wrong}")
    for why, n in sorted(causes.items()):
        say(f"  {n:4}  {why}")
    say("doubt on the final points (wrong removed / right lost / by name only / "
        "labelled places lost), 'far': another sure place, none within T; 'alone': "
        "no other sure place at all:")  # fmt: skip
    for name, _, _ in VARIANTS:
        for limit in THRESHOLDS:
            cells = []
            for none in ("far", "alone"):
                w, r, n, lost = (
                    doubt[(name, limit, none, k)]
                    for k in ("wrong", "right", "name", "recall")
                )
                cells.append(f"{none} {w:3} / {r:3} / {n:3} / {lost:3}")
            say(f"  {name:32} T={limit:3}: " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
