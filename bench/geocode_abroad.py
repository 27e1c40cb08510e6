"""The list of spellings abroad (places/data/spellings_abroad2.csv), per country and type.

Usage: .venv/bin/python bench/geocode_abroad.py [--verbose]
(bench/geocodebench.py prints the same lines after its news lists.)

72 spellings of places in 17 countries outside the bundled villages' first 17 (Israel,
the West Bank and Gaza, Mozambique, Turkey, Armenia, Cameroon, the Philippines...),
copied from dev reports and claimed news pages, each with the GeoNames point of the
place its page means. Every row is dev: --verbose lists the misses.

Two readings of each spelling, alone (no article context, no hint):
- "as configured": where ingest reads that country's names: the shared index for a
  country of GAZETTEER_COUNTRIES (IL, PS, TR by default: cities500 and admin areas),
  else that country's own index (places.gazetteer_abroad: cities500, its admin-1
  areas and its bundled villages, places/data/abroad/<CC>.txt.gz);
- "own index": that country's own index for every row (for IL, PS and TR this is what
  ingest.where.ownvillages reads a name the prose marks as a place in).
Outcomes as geocodebench's: hit (within tolerance), wrong (> 25 km), near, review
(confidence under GEOCODER_MIN_CONFIDENCE), unresolved.
"""

import argparse
import csv
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")

import django  # noqa: E402

django.setup()


from bench.geocodebench import OUTCOMES, outcome  # noqa: E402
from places import gazetteer_abroad, geocoding  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402

LIST = ROOT / "places" / "data" / "spellings_abroad2.csv"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def cases(path: Path = LIST) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            {
                "query": row["spelling"],
                "expected": row["canonical"],
                "type": row["feature_type"],
                "country": row["country"].upper(),
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "tolerance": float(row["tolerance_km"]),
            }
            for row in rows
        ]


def _line(label: str, got: Counter) -> str:
    n = sum(got.values())
    return (
        f"    {label:9} {n:3}: hit {got['hit']:3} ({got['hit'] / n:6.1%})  "
        f"wrong {got['wrong']:2}  review {got['review']:2}  "
        f"unresolved {got['unresolved']:2}  near {got['near']:2}"
    )


def evaluate(title: str, rows: list[dict], index_of, *, verbose: bool) -> None:
    total: Counter = Counter()
    by_country: dict[str, Counter] = defaultdict(Counter)
    by_type: dict[str, Counter] = defaultdict(Counter)
    for case in rows:
        result = geocoding.lookup(
            case["query"], country=case["country"], index=index_of(case["country"])
        )
        found = outcome(case, result)
        total[found] += 1
        by_country[case["country"]][found] += 1
        by_type[case["type"]][found] += 1
        if verbose and found != "hit":
            got = result and (result.label, result.feature_type, result.confidence)
            say(f"  {found:10} {case['country']} {case['query']!r:28} {got}")
    n = len(rows)
    say(
        f"{title}: {n} spellings; "
        + ", ".join(f"{k} {total[k] / n:.1%}" for k in OUTCOMES)
    )
    for country, got in sorted(by_country.items()):
        say(_line(country, got))
    for kind, got in sorted(by_type.items(), key=lambda kv: -sum(kv[1].values())):
        say(_line(kind, got))


def report(shared: geoindex.GazetteerIndex, *, verbose: bool = False) -> None:
    """Both readings of the list; ``shared`` is the configured countries' index."""
    rows = cases()

    def configured(country: str) -> geoindex.GazetteerIndex:
        if country in shared._countries:
            return shared
        return gazetteer_abroad.country_index(country)

    evaluate("abroad list 2, as configured", rows, configured, verbose=verbose)
    evaluate(
        "abroad list 2, own index",
        rows,
        gazetteer_abroad.country_index,
        verbose=verbose,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses")
    args = parser.parse_args()
    from places import gazetteer, gazetteer_bundle

    # as geocodebench builds its index
    rows = gazetteer_bundle.gazetteer_bundled_entries()
    shared = geoindex.GazetteerIndex([gazetteer.index_entry_from_row(e) for e in rows])
    report(shared, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
