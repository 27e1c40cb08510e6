"""Dev misses of the news lists by cause (never the held-out rows).

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/geocodecauses.py [--list]

Each dev spelling of the three news lists that is not a hit, alone and in its article
(as bench/geocodebench.py resolves them), is put under one cause:
- "review: same-named places": sent to review, and the place meant is among the
  candidates (several places bear the name; nothing told them apart);
- "spelling shape": the place meant is a row of the index (a row within the list's
  tolerance whose name or alternate has the canonical name's consonants) but the
  spelling did not reach it;
- "missing place": no such row;
- "region vs city / near": an answer within 25 km but outside the tolerance;
- "wrong": an answer farther than that.
Counts per list and reading; --list prints every miss.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geocodebench as gb  # noqa: E402  (sets up Django)

from places import gazetteer, gazetteer_bundle  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import normalize, phrases  # noqa: E402


def _consonants(name: str) -> str:
    return normalize.skeleton(phrases.query_key(name) or normalize.name_key(name))


def cause(case: dict, result, found: str, index: geoindex.GazetteerIndex) -> str:
    if found == "near":
        return "region vs city / near"
    if found == "wrong":
        return "wrong"
    candidates = result.candidates if result else ()
    if found == "review" and any(
        geoindex.distance_km(c["lat"], c["lon"], case["lat"], case["lon"])
        <= case["tolerance"]
        for c in candidates
    ):
        return "review: same-named places"
    meant = _consonants(case["expected"].split(" (")[0])  # "Ibbin (Jebel Saman)"
    for e in index.entries:
        if geoindex.distance_km(e.lat, e.lon, case["lat"], case["lon"]) <= case[
            "tolerance"
        ] and any(_consonants(n) == meant for n in (e.name, *e.names) if n):
            return "spelling shape"
    return "missing place"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every dev miss")
    args = parser.parse_args()
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries()
    ]
    index = geoindex.GazetteerIndex(rows)
    totals: Counter = Counter()
    for title, reading, dev, results in gb.dev_readings(index):
        counts: Counter = Counter()
        for case, result in zip(dev, results, strict=True):
            found = gb.outcome(case, result)
            if found == "hit":
                continue
            why = cause(case, result, found, index)
            counts[why] += 1
            totals[(reading, why)] += 1
            if args.list:
                got = result and f"{result.label} ({result.admin1})"
                gb.say(f"  {title} {reading:10} {why:26} {case['query']!r} -> "
                       f"{got}; meant {case['expected']}")  # fmt: skip
        gb.say(f"{title} dev {reading} ({len(dev)}): {dict(counts.most_common())}")
    for reading in ("alone", "in article"):
        got = {w: n for (r, w), n in totals.most_common() if r == reading}
        gb.say(f"all dev, {reading}: {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
