"""Geocoding benchmark: hit rate, wrong-answer rate and speed on labelled spellings.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/geocodebench.py [--rounds 5] [--verbose]
       [--memory] [--countries SY,LB,...]
Offline: the index is built from the bundled gazetteer files, no database needed.

The labelled lists and how each is read: bench/geocodecases.py.
Then places/data/spellings_abroad2.csv (dev, 17 countries abroad), per country and
feature type (bench/geocode_abroad.py). Also printed: "nahiya seats", each nahiya's bare
OCHA names resolved alone against its
seat (places/data/gazetteer_nahiya_seats_sy.csv; derived from the gazetteer itself, so
a coverage check of "every nahiya with its centre", not an independent list).
The news list is measured twice: each spelling alone (no hint at all), and "in its
article": the spellings of one article (source_url) resolved together with
geocoding.lookup_many, as ingest meets them; no label is used for the context.
Every list is printed overall, then per feature type (city, village, hill, base,
region, ...): hits (count and rate), wrong, review, unresolved and near.
"""

import argparse
import os
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench import geocodecases, geocodetypes  # noqa: E402
from places import (  # noqa: E402
    gazetteer,
    gazetteer_abroad,
    gazetteer_bundle,
    geocoding,
)
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import phrases  # noqa: E402

OUTCOMES = ("hit", "wrong", "review", "unresolved", "near")
# Feature types reported; the rest are grouped under their own name.
_GROUP = {"area": "region", "district": "region", "governorate": "region"}


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _index_of(country: str, index: geoindex.GazetteerIndex) -> geoindex.GazetteerIndex:
    """The bench's index when it holds ``country``, else that country's own (as ingest
    reads an article about an unconfigured country)."""
    if country in index._countries:
        return index
    return gazetteer_abroad.country_index(country)


def news4_alone(cases: list[dict], index: geoindex.GazetteerIndex) -> list:
    return [
        geocoding.lookup(
            c["query"], country=c["country"], index=_index_of(c["country"], index)
        )
        for c in cases
    ]


def news4_in_articles(cases: list[dict], index: geoindex.GazetteerIndex) -> list:
    """Each spelling resolved with the other spellings of its article and country."""
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in cases:
        texts[case["article"], case["country"]].append(case["query"])
    answers: dict[tuple[str, str], dict[str, object]] = {}
    for (article, country), queries in texts.items():
        queries = list(dict.fromkeys(queries))
        found = geocoding.lookup_many(
            queries, country=country, index=_index_of(country, index)
        )
        answers[article, country] = dict(zip(queries, found, strict=True))
    return [answers[c["article"], c["country"]][c["query"]] for c in cases]


def outcome(case: dict, result: "geocoding.GeocodeResult | None") -> str:
    if result is None:
        return "unresolved"
    if result.confidence < settings.GEOCODER_MIN_CONFIDENCE:
        return "review"
    off = geoindex.distance_km(result.lat, result.lon, case["lat"], case["lon"])
    if off <= case["tolerance"]:
        return "hit"
    return (
        "wrong" if off > max(geocodecases.WRONG_KM, 2 * case["tolerance"]) else "near"
    )


def dev_readings(index: geoindex.GazetteerIndex):
    """(list title, reading, dev cases, their results) for the DEV rows of news lists
    1-3, read alone and in their article: what the cause scripts walk. Held-out rows
    only give the article context of an "in article" reading, never a result."""
    for title, path in (
        ("news 1", geocodecases.NEWS),
        ("news 2", geocodecases.NEWS2),
        ("news 3", geocodecases.NEWS3),
    ):
        dev, held = geocodecases.news_cases(path)
        yield title, "alone", dev, alone(dev, index)
        yield title, "in article", dev, in_articles(dev, dev + held, index)


def alone(cases: list[dict], index: geoindex.GazetteerIndex) -> list:
    return [
        geocoding.lookup(c["query"], country="SY", admin1=c["admin1"], index=index)
        for c in cases
    ]


def in_articles(
    cases: list[dict], every: list[dict], index: geoindex.GazetteerIndex
) -> list:
    """Each case resolved with the other spellings of its article (dev and held-out
    rows alike: they are the article's text, not its labels)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for case in every:
        texts[case["article"]].append(case["query"])
    answers: dict[str, dict[str, object]] = {}
    for article, queries in texts.items():
        queries = list(dict.fromkeys(queries))
        found = geocoding.lookup_many(queries, country="SY", index=index)
        answers[article] = dict(zip(queries, found, strict=True))
    return [answers[c["article"]][c["query"]] for c in cases]


def evaluate(
    title: str,
    cases: list[dict],
    index: geoindex.GazetteerIndex,
    *,
    verbose: bool,
    results: list | None = None,
) -> dict[str, Counter]:
    counts: Counter = Counter()
    by_type: dict[str, Counter] = defaultdict(Counter)
    results = alone(cases, index) if results is None else results
    for case, result in zip(cases, results, strict=True):
        found = outcome(case, result)
        counts[found] += 1
        by_type[_GROUP.get(case["type"], case["type"])][found] += 1
        if verbose and found != "hit":
            got = result and (
                result.label,
                result.admin1,
                result.feature_type,
                round(result.confidence, 2),
            )
            say(f"  {found:10} {case['query']!r:40} expected {case['expected']}: {got}")
    total = len(cases)
    say(
        f"{title}: {total} spellings; "
        + ", ".join(f"{k} {counts[k] / total:.1%}" for k in OUTCOMES)
    )
    geocodetypes.lines(by_type, held_out="HELD OUT" in title)
    return by_type


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="list dev misses")
    parser.add_argument("--memory", action="store_true", help="measure index memory")
    parser.add_argument("--countries", default="", help="comma-separated, e.g. SY,UA")
    args = parser.parse_args()
    countries = [c for c in args.countries.upper().split(",") if c] or None
    gazetteer_bundle.gazetteer_bundled_entries(countries)  # warm the cities500 parse
    if args.memory:
        tracemalloc.start()
    started, cpu_built = time.perf_counter(), time.process_time()
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries(countries)
    ]
    index = geoindex.GazetteerIndex(rows)
    built = time.perf_counter() - started
    cpu_built = time.process_time() - cpu_built
    if args.memory:
        size, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        say(f"index memory (tracemalloc, live after build): {size / 2**20:,.0f} MiB")
    say(
        f"index: {len(index)} rows, {len(index._keys)} keys, built in {built:.1f} s "
        f"wall, {cpu_built:.1f} s CPU (bundled files; cities500 JSON parse not counted"
        f"{'; slowed by tracemalloc' if args.memory else ''})"
    )
    if countries and "SY" not in countries:
        return 0
    project = geocodecases.project_cases(index)
    evaluate("project list (spellings_sy.csv)", project, index, verbose=args.verbose)
    evaluate(
        "nahiya seats (bare sub-district names)",
        geocodecases.nahiya_cases(),
        index,
        verbose=False,
    )
    timed = list(project)
    held_types: list[dict[str, Counter]] = []  # each held-out list, read alone
    held_in_article: list[dict[str, Counter]] = []  # ... and in its article
    dev_alone: list[dict[str, Counter]] = []  # news lists 1-3, dev rows
    dev_in_article: list[dict[str, Counter]] = []
    for title, path in (
        ("news list", geocodecases.NEWS),
        ("news list 2", geocodecases.NEWS2),
        ("news list 3", geocodecases.NEWS3),
    ):
        dev, held = geocodecases.news_cases(path)
        timed += dev + held
        dev_alone.append(
            evaluate(f"{title}, dev (2 of 3 rows)", dev, index, verbose=args.verbose)
        )
        held_types.append(
            evaluate(f"{title}, HELD OUT (every 3rd row)", held, index, verbose=False)
        )
        dev_in_article.append(
            evaluate(
                f"{title}, dev, in its article",
                dev,
                index,
                verbose=args.verbose,
                results=in_articles(dev, dev + held, index),
            )
        )
        held_in_article.append(
            evaluate(
                f"{title}, HELD OUT, in its article",
                held,
                index,
                verbose=False,
                results=in_articles(held, dev + held, index),
            )
        )
    for title, held_out in (
        ("news list 4 (series M, any country)", geocodecases.news4_cases()),
        (
            "news list 5 (series O, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS5),
        ),
        (
            "news list 6 (series W, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS6),
        ),
        (
            "news list 7 (series V, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS7),
        ),
        (
            "news list 8 (series D, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS8),
        ),
        (
            "news list 9 (series AA, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS9),
        ),
        (
            "news list 10 (series AD held-out half, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS10),
        ),
        (
            "news list 11 (series AE held-out, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS11),
        ),
        (
            "news list 12 (series AF held-out half, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS12),
        ),
        (
            "news list 13 (series AG held-out half, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS13),
        ),
        (
            "news list 14 (series AH held-out, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS14),
        ),
        (
            "news list 15 (series AI held-out half, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS15),
        ),
        (
            "news list 16 (series AJ held-out, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS16),
        ),
        (
            "news list 17 (series AK held-out, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS17),
        ),
        (
            "news list 18 (series AL held-out, any country)",
            geocodecases.country_list_cases(geocodecases.NEWS18),
        ),
    ):
        held_types.append(
            evaluate(
                f"{title}, HELD OUT",
                held_out,
                index,
                verbose=False,
                results=news4_alone(held_out, index),
            )
        )
        held_in_article.append(
            evaluate(
                f"{title}, HELD OUT, in its article",
                held_out,
                index,
                verbose=False,
                results=news4_in_articles(held_out, index),
            )
        )
    geocodetypes.pooled(dev_alone, held_out=False)
    geocodetypes.pooled(dev_in_article, "in its article", held_out=False)
    geocodetypes.pooled(held_types)  # issue 14's "hills and bases >= 90 %"
    # What a real caller asks: ingest resolves a report's names with its other places.
    geocodetypes.pooled(held_in_article, "in its article")
    from bench import geocode_abroad  # list of spellings abroad, per country

    geocode_abroad.report(index, verbose=args.verbose)
    lookups = 0
    cpu_started = time.process_time()
    timing_started = time.perf_counter()
    for _ in range(args.rounds):
        phrases.clear_caches()  # measure cold normalisation every round
        for case in timed:
            geocoding.lookup(
                case["query"], country="SY", admin1=case["admin1"], index=index
            )
            lookups += 1
    elapsed = time.perf_counter() - timing_started
    cpu = time.process_time() - cpu_started
    say(
        f"lookups per second (offline, cold keys): {lookups / elapsed:,.0f} wall-clock, "
        f"{lookups / cpu:,.0f} per CPU-second (the machine may be shared)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
