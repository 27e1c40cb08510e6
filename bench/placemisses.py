"""Dev labelled places not found, and dev names left without a point, by class (never
held-out).

Usage: .venv/bin/python bench/placemisses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does. Two kinds of case:
- every labelled place of an article (``places_named``, as the bench's place recall
  counts them) that no proposed place mention agrees with;
- every proposed name left without a point that is none of the article's labelled
  places (neither its name nor a word of it).
Each is put under one class (issue 13/14's four, then finer):
- "a: spelling shape": a gazetteer row near the labelled point bears the name's
  consonant skeleton, the spelling did not reach it;
- "b: context should choose": the name alone resolves to review (or to a far namesake)
  with the place meant among its candidates, or resolves alone to the place meant and
  ingest took the point away (its doubts about far or weak points);
- "c: not in gazetteer": no row near the labelled point bears the name;
- "d: not a place": a name without a point that no label holds (a person, a group, a
  word) -- judged by hand from --list, some are real places nobody labelled;
- "found with a wrong point": a mention of that name has a point too far away;
- "span: never taken": no mention names the place at all (its name alone resolves);
- "span: cut wrong": a mention shares a word with the name, not the name;
- "abroad: not placed": a place abroad the story names in passing (no point by design);
- "region": a region-level label the mention did not reach;
- "other".
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402
import nopointcauses as npc  # noqa: E402

from bench import agreement  # noqa: E402

KM = agreement.PLACE_KM


def _labels(article: dict) -> list[dict]:
    named: dict[str, dict] = {}
    for place in article.get("places_named", []):
        named.setdefault(agreement._key(place.get("canonical") or place["name"]), place)
    return list(named.values())


def _same_name(label: dict, mention) -> bool:
    names = {
        agreement._key(label["name"]),
        agreement._key(label.get("canonical") or ""),
    } - {""}
    return bool({agreement._key(mention.text), agreement._key(mention.name)} & names)


def _skeleton(name: str) -> str:
    from places.geocoding import normalize, phrases

    return normalize.skeleton(phrases.query_key(name) or normalize.name_key(name))


def alone_class(label: dict, country: str, index) -> tuple[str, str]:
    """The class of a labelled place's name looked up alone, and a detail."""
    from django.conf import settings

    from places.geocoding import index as geoindex

    result, near = npc._resolve_alone(label, country, index)
    if result is not None and result.lat is not None:
        off = geoindex.distance_km(result.lat, result.lon, label["lat"], label["lon"])
        if off <= KM and result.confidence >= settings.GEOCODER_MIN_CONFIDENCE:
            return "b: context should choose", "resolves alone"
    if result is not None and any(
        geoindex.distance_km(c["lat"], c["lon"], label["lat"], label["lon"]) <= KM
        for c in result.candidates
    ):
        return "b: context should choose", (
            f"among {len(result.candidates)} candidates, answer {result.label!r} "
            f"({result.admin1}) conf {result.confidence}"
        )
    meant = _skeleton(label["name"])
    for e in near:
        for n in (e.name, *e.names):
            if n and _skeleton(n) == meant:
                return "a: spelling shape", f"row {e.name!r} ({n!r})"
    rows = ", ".join(repr(e.name) for e in near[:4])
    return "c: not in gazetteer", f"rows within {KM} km: {rows or 'none'}"


def classify(article: dict, proposal, index) -> list[tuple[str, str, str]]:
    """(class, name, detail) of each labelled place missed and each unlabelled name
    without a point."""
    found = []
    mentions = list(proposal.places)
    labels = _labels(article)
    for label in labels:
        if any(agreement.place_agrees(label, m) for m in mentions):
            continue
        if (
            label.get("country")
            and label["country"].upper() != (proposal.country or "SY").upper()
        ):
            code = label["country"].upper()
        else:
            code = proposal.country or "SY"
        same = [m for m in mentions if _same_name(label, m)]
        related = [m for m in mentions if npc._related(m.text, label["name"])]
        if label.get("level") in ("region", "country"):
            why, detail = "region", f"level {label.get('level')}"
        elif label.get("lat") is None:
            why, detail = "other", "labelled without a point"
        elif any(m.lat is not None for m in same):
            m = next(m for m in same if m.lat is not None)
            why, detail = "found with a wrong point", f"-> {m.name} ({m.admin1})"
        elif same and all(m.origin == "abroad" for m in same):
            why, detail = "abroad: not placed", same[0].note
        elif same:
            why, detail = alone_class(label, code, index)
            detail = f"no point ({same[0].note or same[0].origin}); {detail}"
        elif related:
            why = "span: cut wrong"
            detail = f"mentions {[m.text for m in related][:3]}"
        else:
            why, detail = alone_class(label, code, index)
            if why == "b: context should choose" and detail == "resolves alone":
                why = "span: never taken"
            detail = f"never named; {detail}"
        found.append((why, f"{label['name']} ({code})", detail))
    for m in mentions:
        if m.lat is not None or m.anchor is not None or m.origin == "abroad":
            continue
        if any(
            _same_name(p, m) or npc._related(m.text, p["name"])
            for p in npc._labelled_places(article)
        ):
            continue
        found.append(("d: not a place", repr(m.text), f"{m.origin} {m.note}"))
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    args = parser.parse_args()
    ib.setup_database()
    from places import gazetteer

    index = gazetteer.gazetteer_index()
    counts: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    for article_id, article, proposal in ib.split_proposals("dev", only=ids):
        for why, name, detail in classify(article, proposal, index):
            counts[why] += 1
            if args.list:
                ib.say(f"  {article_id:30} {why:26} {name:34} {detail}")
    ib.say(f"dev labelled places missed and unlabelled names without a point "
           f"({len(ids)} articles, {sum(counts.values())} cases):")  # fmt: skip
    for why, n in sorted(counts.items()):
        ib.say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
