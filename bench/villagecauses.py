"""Dev misses of the news lists, looked up alone, by cause with their candidates.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/villagecauses.py [--list] [--type village]

Only the dev rows (never the held-out ones). Each spelling of the three news lists that
is not a hit when looked up alone (as bench/geocodebench.py does) is put under one cause:
- "review: namesakes within N km": every candidate lies within a few km of the place
  meant (one village split into rows, duplicates between sources);
- "review: far namesakes, meant first": the place meant is the answer, a far-apart
  candidate made it doubtful (by its score, a flag, a rule of rivals.py);
- "review: far namesakes, meant lower": the place meant is a candidate, not the first;
- "review: flag": the place meant is the only candidate within reach, and still review
  (population 0, an alternate-only match, a weak spelling);
- "review: meant not a candidate": sent to review, the place meant among no candidates;
- "spelling shape": a row near the point meant has the canonical name's consonants
  (bench/geocodecauses.py's test), the spelling did not reach it;
- "not in gazetteer": no such row;
- "wrong" / "near": an answer farther than 25 km / within 25 km but past tolerance.
With --list, each miss with its candidates: distance from the point meant, population,
feature class and type, source, match kind, score, governorate.
"""

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geocodebench as gb  # noqa: E402  (sets up Django)
from geocodecauses import _consonants  # noqa: E402

from bench import geocodecases  # noqa: E402
from places import gazetteer, gazetteer_bundle  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402

CLOSE_KM = geoindex.SAME_PLACE_KM


def _km(c: dict, case: dict) -> float:
    return geoindex.distance_km(c["lat"], c["lon"], case["lat"], case["lon"])


def cause(case: dict, result, found: str, index: geoindex.GazetteerIndex) -> str:
    if found in ("wrong", "near"):
        return found
    candidates = list(result.candidates) if result else []
    meant = [i for i, c in enumerate(candidates) if _km(c, case) <= case["tolerance"]]
    if found == "review":
        if not meant:
            return "review: meant not a candidate"
        if all(_km(c, case) <= CLOSE_KM for c in candidates):
            return "review: flag" if len(candidates) == 1 else "review: namesakes near"
        return (
            "review: far namesakes, meant first"
            if meant[0] == 0
            else "review: far namesakes, meant lower"
        )
    key = _consonants(case["expected"].split(" (")[0])
    for e in index.entries:
        if geoindex.distance_km(e.lat, e.lon, case["lat"], case["lon"]) <= case[
            "tolerance"
        ] and any(_consonants(n) == key for n in (e.name, *e.names) if n):
            return "spelling shape"
    return "not in gazetteer"


def describe(case: dict, result, by_ref: dict) -> list[str]:
    lines = []
    if result is None:
        return ["      (no answer)"]
    lines.append(f"      note: {result.note!r} confidence {result.confidence}")
    for c in result.candidates:
        e = by_ref.get(c["ref"])
        pop = e.population if e else "?"
        src = e.source if e else "?"
        fcl = e.feature_class if e else "?"
        flags = (
            ("P" if e and e.prominent else "")
            + ("C" if e and e.is_curated else "")
            + ("O" if e and e.own_names else "")
        )
        lines.append(
            f"      {_km(c, case):6.1f} km  {c['name']!r:32} {c['admin1']:12} "
            f"pop {pop!s:>7} {fcl}/{c['feature_type']:8} {src[:14]:14} {flags:3} "
            f"{c['match']:10} {c['matched']!r:22} {c['score']}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every dev miss")
    parser.add_argument("--type", default="", help="only this feature type")
    args = parser.parse_args()
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries()
    ]
    index = geoindex.GazetteerIndex(rows)
    by_ref = {e.ref: e for e in index.entries}
    totals: Counter = Counter()
    # Far-namesake reviews: whether any candidate has a population (a prior that
    # could part them), and how far the nearest rival lies from the place meant.
    unknown, rival_km = 0, []
    for title, path in (
        ("news 1", geocodecases.NEWS),
        ("news 2", geocodecases.NEWS2),
        ("news 3", geocodecases.NEWS3),
    ):
        dev, _held = geocodecases.news_cases(path)
        if args.type:
            dev = [c for c in dev if c["type"] == args.type]
        counts: Counter = Counter()
        for case, result in zip(dev, gb.alone(dev, index), strict=True):
            found = gb.outcome(case, result)
            if found == "hit":
                continue
            why = cause(case, result, found, index)
            counts[why] += 1
            totals[why] += 1
            if why.startswith("review: far"):
                candidates = result.candidates
                unknown += not any(
                    by_ref[c["ref"]].population
                    for c in candidates
                    if c["ref"] in by_ref
                )
                rival_km.append(
                    min(_km(c, case) for c in candidates if _km(c, case) > CLOSE_KM)
                )
            if args.list:
                got = result and f"{result.label} ({result.admin1})"
                gb.say(f"  {title} {why:36} {case['query']!r} -> {got}; "
                       f"meant {case['expected']} ({case['type']})")  # fmt: skip
                for line in describe(case, result, by_ref):
                    gb.say(line)
        gb.say(f"{title} dev alone ({len(dev)}): {dict(counts.most_common())}")
    gb.say(f"all dev, alone: {dict(totals.most_common())}")
    if rival_km:
        gb.say(
            f"far-namesake reviews: {len(rival_km)}, of which {unknown} have no "
            f"candidate with a population; nearest rival from the place meant: median "
            f"{statistics.median(rival_km):.0f} km, min {min(rival_km):.0f} km"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
