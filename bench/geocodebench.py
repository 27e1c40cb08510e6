"""Geocoding benchmark: hit rate, wrong-answer rate and speed on labelled spellings.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/geocodebench.py [--rounds 5] [--verbose]
Offline: the index is built from the bundled gazetteer files, no database needed.
"""

import argparse
import csv
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from places import gazetteer, geocoding  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import normalize  # noqa: E402

SPELLINGS = ROOT / "events" / "data" / "spellings_sy.csv"
HIT_KM, WRONG_KM = 5.0, 25.0


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    cases = load_cases(SPELLINGS)
    started = time.perf_counter()
    rows = [
        gazetteer.index_entry_from_row(e) for e in gazetteer.gazetteer_bundled_entries()
    ]
    index = geoindex.GazetteerIndex(rows)
    built = time.perf_counter() - started
    minimum = settings.GEOCODER_MIN_CONFIDENCE
    counts = {"hit": 0, "wrong": 0, "review": 0, "unresolved": 0, "near": 0}
    for case in cases:
        result = geocoding.lookup(
            case["query"], country="SY", admin1=case["admin1_hint"], index=index
        )
        if result is None:
            outcome = "unresolved"
        elif result.confidence < minimum:
            outcome = "review"
        else:
            off = geoindex.distance_km(
                result.lat, result.lon, float(case["lat"]), float(case["lon"])
            )
            outcome = "hit" if off <= HIT_KM else "wrong" if off > WRONG_KM else "near"
        counts[outcome] += 1
        if args.verbose and outcome != "hit":
            got = result and (result.label, result.admin1, round(result.confidence, 2))
            say(
                f"{outcome:10} {case['query']!r:32} expected {case['expected_name']}: {got}"
            )
    lookups = 0
    timing_started = time.perf_counter()
    for _ in range(args.rounds):
        normalize.name_key.cache_clear()  # measure cold normalisation every round
        for case in cases:
            geocoding.lookup(
                case["query"], country="SY", admin1=case["admin1_hint"], index=index
            )
            lookups += 1
    elapsed = time.perf_counter() - timing_started
    total = len(cases)
    places = len({c["expected_name"] for c in cases})
    say(
        f"spellings: {total} of {places} places; index: {len(index)} names-rows, built in {built:.1f} s"
    )
    say(f"hit rate (accepted, within {HIT_KM:g} km): {counts['hit'] / total:.1%}")
    say(
        f"wrong answers (accepted, > {WRONG_KM:g} km off): {counts['wrong'] / total:.1%}"
    )
    say(
        f"sent to review: {counts['review'] / total:.1%}; unresolved: "
        f"{counts['unresolved'] / total:.1%}; accepted 5-25 km off: {counts['near'] / total:.1%}"
    )
    say(f"lookups per second (offline, cold keys): {lookups / elapsed:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
