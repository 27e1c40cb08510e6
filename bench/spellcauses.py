"""Spelling-list misses by cause, dev per spelling and held-out as aggregate counts.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/spellcauses.py [--split dev|heldout] [--list]

dev: the dev rows of news lists 1-3 (Syria) and the list abroad (spellings_abroad2.csv);
heldout: news lists 1-3's held-out rows and lists 4-18 (COUNTS ONLY: --list is refused).
Each spelling is read alone, as bench/geocodebench.py reads it, and a miss gets the
first cause that holds:
- "wrong: a namesake" (the answer bears the name) / "wrong: another name";
- "near / region vs point";
- "hint: ..." the spelling carries a hint ("X (Y)", "X, Y", "X in Y", "Y district"):
  "not understood" when the bare name's candidates hold the place meant, else as below;
- "ranking: namesakes in review": review, the place meant among the candidates;
- "shape: <kind>": a row within tolerance has the meant name's consonants or a name
  spelt within a few letters of the spelling (kind: Slavic ending, o/i, soft sign,
  spacing, Arabic script, other);
- "not in gazetteer": no such row.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geocode_abroad  # noqa: E402
import geocodebench as gb  # noqa: E402  (sets up Django)
from rapidfuzz import fuzz  # noqa: E402

from bench import geocodecases  # noqa: E402
from places import gazetteer, gazetteer_bundle, geocoding  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import normalize, phrases  # noqa: E402

_HELD_LISTS = [geocodecases.NEWS4] + [
    getattr(geocodecases, f"NEWS{n}") for n in range(5, 19)
]
_HINT_WORDS = ("district", "raion", "county", "governorate", "province", "region")


def _key(name: str) -> str:
    return phrases.query_key(name) or normalize.name_key(name)


def _has_hint(query: str) -> bool:
    head, context = phrases.split_context(query)
    words = normalize.tokens(query)
    return bool(context) or any(w in words for w in _HINT_WORDS)


def _near_rows(index: geoindex.GazetteerIndex, case: dict) -> list:
    return [
        e
        for e in index.entries
        if abs(e.lat - case["lat"]) < 1
        and abs(e.lon - case["lon"]) < 1
        and geoindex.distance_km(e.lat, e.lon, case["lat"], case["lon"])
        <= case["tolerance"]
    ]


def _shape(query: str, name: str) -> str:
    if _ARABIC(query):
        return "Arabic script"
    q, n = _key(query), _key(name)
    if q.replace(" ", "") == n.replace(" ", ""):
        return "spacing"
    slavic = ("ivka", "ovka", "ivske", "ovske", "ske", "skoye", "skoe", "ye", "oye")
    if any(w.endswith(slavic) for w in (q + " " + n).split()):
        if q.replace("o", "i") == n.replace("o", "i"):
            return "Slavic o/i"
        if q.rstrip("aeiouy") == n.rstrip("aeiouy"):
            return "Slavic final vowel"
        return "Slavic other"
    return "other"


def _ARABIC(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def cause(case: dict, result, found: str, index: geoindex.GazetteerIndex) -> str:
    if found == "wrong":
        name = _key(result.label)
        bears = normalize.skeleton(name) == normalize.skeleton(_key(case["query"]))
        return "wrong: a namesake" if bears else "wrong: another name"
    if found == "near":
        return "near / region vs point"
    candidates = result.candidates if result else ()
    meant_among = any(
        geoindex.distance_km(c["lat"], c["lon"], case["lat"], case["lon"])
        <= case["tolerance"]
        for c in candidates
    )
    if _has_hint(case["query"]):
        head = phrases.split_context(case["query"])[0]
        bare = index.candidates(head, country=case.get("country", "SY"))
        if any(
            geoindex.distance_km(c.entry.lat, c.entry.lon, case["lat"], case["lon"])
            <= case["tolerance"]
            for c in bare
        ):
            return "hint: not understood (bare name's candidates hold it)"
        prefix = "hint: "
    else:
        prefix = ""
    if found == "review" and meant_among:
        return prefix + "ranking: namesakes in review"
    rows = _near_rows(index, case)
    meant = normalize.skeleton(_key(case["expected"].split(" (")[0]))
    query = _key(case["query"])
    for e in rows:
        for n in (e.name, *e.names):
            if n and (
                normalize.skeleton(_key(n)) == meant or fuzz.ratio(_key(n), query) >= 80
            ):
                return prefix + "shape: " + _shape(case["query"], n)
    if meant_among:
        return prefix + "ranking: meant among candidates"
    return prefix + "not in gazetteer"


def _lists(split: str, index: geoindex.GazetteerIndex):
    """(title, cases, index of each case) of the split's lists."""
    for title, path in (
        ("news 1", geocodecases.NEWS),
        ("news 2", geocodecases.NEWS2),
        ("news 3", geocodecases.NEWS3),
    ):
        dev, held = geocodecases.news_cases(path)
        yield title, [{**c, "country": "SY"} for c in (dev if split == "dev" else held)]
    if split == "dev":
        yield "abroad", geocode_abroad.cases()
        return
    for path in _HELD_LISTS:
        yield path.stem, geocodecases.country_list_cases(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--list", action="store_true", help="dev only: every miss")
    args = parser.parse_args()
    if args.list and args.split != "dev":
        parser.error("--list prints dev rows only")
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries()
    ]
    shared = geoindex.GazetteerIndex(rows)
    totals: Counter = Counter()
    n = 0
    for title, cases in _lists(args.split, shared):
        for case in cases:
            index = gb._index_of(case["country"], shared)
            admin1 = case.get("admin1", "")
            result = geocoding.lookup(
                case["query"], country=case["country"], admin1=admin1, index=index
            )
            found = gb.outcome(case, result)
            n += 1
            if found == "hit":
                totals["hit"] += 1
                continue
            why = cause(case, result, found, index)
            totals[why] += 1
            if args.list:
                got = result and f"{result.label} ({result.admin1}) {found}"
                gb.say(f"  {title:10} {why:45} {case['query']!r} -> {got}; "
                       f"meant {case['expected']} ({case['country']})")  # fmt: skip
    gb.say(f"{args.split}: {n} spellings read alone")
    for why, count in totals.most_common():
        gb.say(f"  {why:55} {count:4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
