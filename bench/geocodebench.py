"""Geocoding benchmark: hit rate, wrong-answer rate and speed on labelled spellings.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/geocodebench.py [--rounds 5] [--verbose]
       [--memory] [--countries SY,LB,...]
Offline: the index is built from the bundled gazetteer files, no database needed.

Two labelled lists:
- places/data/spellings_sy.csv, the project's own list (built alongside the gazetteer);
- places/data/spellings_news_sy.csv, spellings copied from news articles independently
  of the gazetteer rows. Every 3rd row of it (data rows 3, 6, 9, ... in file order) is
  HELD OUT: the split was fixed before anyone looked at the rows, and --verbose lists
  only the misses of the other (dev) rows, so tuning never sees the held-out ones;
- places/data/spellings_news2_sy.csv, a second news list collected the same way from
  other articles (5 December 2026), with the same every-3rd-row rule fixed before it was
  first measured;
- places/data/spellings_news3_sy.csv, a third news list from 26 further articles (6 December
  2026), whose split column holds the same every-3rd-row rule, fixed before it was measured;
- places/data/spellings_news4.csv, a fourth list from the 18 reports of the ingest corpus's
  held-out series M (6 December 2026), ALL HELD OUT, and not only Syrian: its country column
  names the country each spelling is looked up in (a country outside the bench's index is
  read in that country's own in-memory gazetteer, places/gazetteer_abroad.py, as ingest
  does). Only its overall lines are printed, never its misses;
- places/data/spellings_news5.csv, a fifth list from the 16 reports of the held-out series O
  (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news6.csv, a sixth list from the 16 reports of the held-out series W
  (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news7.csv, a seventh list from the 16 reports of the held-out series
  V (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news8.csv, an eighth list from the 16 reports of the held-out series
  D (6 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country, only
  its overall lines printed;
- places/data/spellings_news9.csv, a ninth list from the 16 reports of the held-out series
  AA (7 December 2026), in list 4's form and under its rules: ALL HELD OUT, any country,
  only its overall lines printed;
- places/data/spellings_news10.csv, a tenth list from the 8 held-out (even-id) reports of
  series AD (7 December 2026), in list 4's form: ALL HELD OUT, overall lines only.
- places/data/spellings_news11.csv, an eleventh list from the 8 held-out (even-id)
  reports of series AE, wars outside Syria (7 December 2026), in list 4's form and under
  its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news12.csv, a twelfth list from the 7 held-out (even-id) reports
  of series AF, Syria's war and its borders (7 December 2026): ALL HELD OUT, overall only.
- places/data/spellings_news14.csv, a fourteenth list from the 8 held-out (even-id)
  reports of series AH, wars in Africa and Asia (7 December 2026), in list 4's form and
  under its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news13.csv, a thirteenth list from the 8 held-out (even-id)
  reports of series AG, the Russia-Ukraine and Israel-Gaza-Lebanon-West Bank wars
  (7 December 2026), in list 4's form and under its rules: ALL HELD OUT, overall lines only.
- places/data/spellings_news16.csv, a sixteenth list from the 7 held-out (even-id)
  reports of series AJ, the wars beyond Syria of 2023-2026 (7 December 2026), in list 4's
  form and under its rules: ALL HELD OUT, any country, only its overall lines printed.
- places/data/spellings_news17.csv, a seventeenth list from the 7 held-out (even-id)
  reports of series AK, wars the corpus had barely seen (7 December 2026), in list 4's
  form and under its rules: ALL HELD OUT, any country, only its overall lines printed.
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
import csv
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

from bench import geocodetypes  # noqa: E402
from places import (  # noqa: E402
    gazetteer,
    gazetteer_abroad,
    gazetteer_bundle,
    geocoding,
    nahiyas,
)
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import normalize, phrases  # noqa: E402

SPELLINGS = ROOT / "places" / "data" / "spellings_sy.csv"
NEWS = ROOT / "places" / "data" / "spellings_news_sy.csv"
NEWS2 = ROOT / "places" / "data" / "spellings_news2_sy.csv"
NEWS3 = ROOT / "places" / "data" / "spellings_news3_sy.csv"
NEWS4 = ROOT / "places" / "data" / "spellings_news4.csv"
NEWS5 = ROOT / "places" / "data" / "spellings_news5.csv"
NEWS6 = ROOT / "places" / "data" / "spellings_news6.csv"
NEWS7 = ROOT / "places" / "data" / "spellings_news7.csv"
NEWS8 = ROOT / "places" / "data" / "spellings_news8.csv"
NEWS9 = ROOT / "places" / "data" / "spellings_news9.csv"
NEWS10 = ROOT / "places" / "data" / "spellings_news10.csv"
NEWS11 = ROOT / "places" / "data" / "spellings_news11.csv"
NEWS12 = ROOT / "places" / "data" / "spellings_news12.csv"
NEWS13 = ROOT / "places" / "data" / "spellings_news13.csv"
NEWS14 = ROOT / "places" / "data" / "spellings_news14.csv"
NEWS15 = ROOT / "places" / "data" / "spellings_news15.csv"
NEWS16 = ROOT / "places" / "data" / "spellings_news16.csv"
NEWS17 = ROOT / "places" / "data" / "spellings_news17.csv"
HIT_KM, WRONG_KM = 5.0, 25.0
OUTCOMES = ("hit", "wrong", "review", "unresolved", "near")
# Feature types reported; the rest are grouped under their own name.
_GROUP = {"area": "region", "district": "region", "governorate": "region"}


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def project_cases(index: geoindex.GazetteerIndex) -> list[dict]:
    """The project's list, each row typed by the gazetteer row it was labelled from."""
    cases = []
    for row in load_cases(SPELLINGS):
        lat, lon = float(row["lat"]), float(row["lon"])
        nearest = min(
            index.entries,
            key=lambda e: (
                geoindex.distance_km(lat, lon, e.lat, e.lon)
                + (
                    0
                    if normalize.name_key(e.name)
                    == normalize.name_key(row["expected_name"])
                    else 50
                )
            ),
        )
        cases.append(
            {
                "query": row["query"],
                "admin1": row["admin1_hint"],
                "expected": row["expected_name"],
                "lat": lat,
                "lon": lon,
                "tolerance": HIT_KM,
                "type": nearest.feature_type,
            }
        )
    return cases


def _news_case(row: dict) -> dict:
    """A news list's row as a case: the spelling as printed, its place, its article."""
    return {
        "query": row["spelling"],
        "admin1": "",
        "expected": row["canonical"],
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "tolerance": float(row["tolerance_km"]),
        "type": row["feature_type"],
        "article": row["source_url"],
    }


def news_cases(path: Path = NEWS) -> tuple[list[dict], list[dict]]:
    """(dev, held-out) rows of an independent news list: every 3rd row is held out, or
    the row's split column says so where the list has one."""
    dev, held = [], []
    for number, row in enumerate(load_cases(path), start=1):
        case = _news_case(row)
        is_held = row.get("split", "heldout" if number % 3 == 0 else "dev") == "heldout"
        (held if is_held else dev).append(case)
    return dev, held


def news4_cases(path: Path = NEWS4) -> list[dict]:
    """The rows of the fourth news list (series M), each with the country it is looked
    up in; every row is held out (its split column), so none is ever listed."""
    return country_list_cases(path)


def country_list_cases(path: Path) -> list[dict]:
    """A held-out news list with a country column: each row with its lookup country."""
    cases = []
    for row in load_cases(path):
        if row["split"] != "heldout":
            raise ValueError(
                f"{path.name}: every row is held out, not {row['split']!r}"
            )
        cases.append({**_news_case(row), "country": row["country"].upper()})
    return cases


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


def nahiya_cases() -> list[dict]:
    """Each nahiya's bare OCHA names (English, Arabic) -> the seat bearing them. From the
    gazetteer (places/nahiyas.py), so a coverage check, not an independent list."""
    return [
        {
            "query": name,
            "admin1": "",
            "expected": seat.seat_name,
            "lat": seat.lat,
            "lon": seat.lon,
            "tolerance": HIT_KM,
            "type": "seat",
        }
        for seat in nahiyas.seats_load()
        if seat.method == "named"  # "Jebel Saman" is the district, not Aleppo
        for name in dict.fromkeys((seat.nahiya_name, seat.nahiya_name_ar))
        if name
    ]


def outcome(case: dict, result: "geocoding.GeocodeResult | None") -> str:
    if result is None:
        return "unresolved"
    if result.confidence < settings.GEOCODER_MIN_CONFIDENCE:
        return "review"
    off = geoindex.distance_km(result.lat, result.lon, case["lat"], case["lon"])
    if off <= case["tolerance"]:
        return "hit"
    return "wrong" if off > max(WRONG_KM, 2 * case["tolerance"]) else "near"


def dev_readings(index: geoindex.GazetteerIndex):
    """(list title, reading, dev cases, their results) for the DEV rows of news lists
    1-3, read alone and in their article: what the cause scripts walk. Held-out rows
    only give the article context of an "in article" reading, never a result."""
    for title, path in (("news 1", NEWS), ("news 2", NEWS2), ("news 3", NEWS3)):
        dev, held = news_cases(path)
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
    project = project_cases(index)
    evaluate("project list (spellings_sy.csv)", project, index, verbose=args.verbose)
    evaluate(
        "nahiya seats (bare sub-district names)", nahiya_cases(), index, verbose=False
    )
    timed = list(project)
    held_types: list[dict[str, Counter]] = []  # each held-out list, read alone
    for title, path in (
        ("news list", NEWS),
        ("news list 2", NEWS2),
        ("news list 3", NEWS3),
    ):
        dev, held = news_cases(path)
        timed += dev + held
        evaluate(f"{title}, dev (2 of 3 rows)", dev, index, verbose=args.verbose)
        held_types.append(
            evaluate(f"{title}, HELD OUT (every 3rd row)", held, index, verbose=False)
        )
        evaluate(
            f"{title}, dev, in its article",
            dev,
            index,
            verbose=args.verbose,
            results=in_articles(dev, dev + held, index),
        )
        evaluate(
            f"{title}, HELD OUT, in its article",
            held,
            index,
            verbose=False,
            results=in_articles(held, dev + held, index),
        )
    for title, held_out in (
        ("news list 4 (series M, any country)", news4_cases()),
        ("news list 5 (series O, any country)", country_list_cases(NEWS5)),
        ("news list 6 (series W, any country)", country_list_cases(NEWS6)),
        ("news list 7 (series V, any country)", country_list_cases(NEWS7)),
        ("news list 8 (series D, any country)", country_list_cases(NEWS8)),
        ("news list 9 (series AA, any country)", country_list_cases(NEWS9)),
        (
            "news list 10 (series AD held-out half, any country)",
            country_list_cases(NEWS10),
        ),
        ("news list 11 (series AE held-out, any country)", country_list_cases(NEWS11)),
        (
            "news list 12 (series AF held-out half, any country)",
            country_list_cases(NEWS12),
        ),
        (
            "news list 13 (series AG held-out half, any country)",
            country_list_cases(NEWS13),
        ),
        ("news list 14 (series AH held-out, any country)", country_list_cases(NEWS14)),
        (
            "news list 15 (series AI held-out half, any country)",
            country_list_cases(NEWS15),
        ),
        ("news list 16 (series AJ held-out, any country)", country_list_cases(NEWS16)),
        ("news list 17 (series AK held-out, any country)", country_list_cases(NEWS17)),
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
        evaluate(
            f"{title}, HELD OUT, in its article",
            held_out,
            index,
            verbose=False,
            results=news4_in_articles(held_out, index),
        )
    geocodetypes.pooled(held_types)  # issue 14's "hills and bases >= 90 %"
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
