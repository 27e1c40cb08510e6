"""Dev wrong points by cause: the ingest dev corpus and the news lists' dev rows.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/wrongcauses.py [--list] [--only ID ...]
       [--no-lists]

A wrong point is a resolved place more than 5 km (or outside the region) from the
labelled one, as bench/ingestbench.py counts it; on the news lists, a dev row counted
"wrong" by bench/geocodebench.py (alone or in its article). Never the held-out part.
Each is put under one cause:
- "same name, same country": the gazetteer holds the place meant under the name read,
  and took a namesake of the same country ("nearer the others" says whether the place
  meant lies nearer the article's other points than the one taken);
- "same name, another country": the namesake taken is in another country;
- "region vs city": a region read as a point, or a point as a region;
- "partial span": the text read is part of a labelled name, or holds one;
- "fuzzy / spelling match": reached by another spelling (stripped, skeleton, fuzzy),
  the place meant not under that name;
- "hamlet abroad": a village of unknown population outside GAZETTEER_COUNTRIES;
- "coordinate off (5-25 km)": the right place with a point 5-25 km away (a stale or
  rough gazetteer or supplement row; "supplement" when the row is the project's own);
- "namesake, place meant missing": the name is right but the gazetteer lacks the place
  meant, so a namesake was taken;
- "not a labelled place": no labelled place is spelt so or contains it (a person, an
  organisation, a word, or an unlabelled place).
Prints every case with --list, then counts, and the dev totals (resolved, wrong).
"""

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import agreement  # noqa: E402

WEAK = frozenset({"stripped", "skeleton", "loose", "fuzzy"})


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


class Names:
    """Index entries by query key of each of their names (the bundled index)."""

    def __init__(self, index) -> None:
        from places.geocoding import index as geoindex

        self.by_key: dict[str, list] = defaultdict(list)
        self.by_point: dict[tuple[float, float], object] = {}
        for entry in index.entries:
            self.by_point[(round(entry.lat, 4), round(entry.lon, 4))] = entry
            for name in {entry.name, *entry.names}:
                if name:
                    self.by_key[geoindex.query_key(name)].append(entry)

    def entry_at(self, lat: float, lon: float):
        return self.by_point.get((round(lat, 4), round(lon, 4)))

    def near(
        self, key: str, lat: float, lon: float, km: float = agreement.PLACE_KM
    ) -> list:
        from places.geocoding.index import distance_km

        return [
            e
            for e in self.by_key.get(key, ())
            if distance_km(e.lat, e.lon, lat, lon) <= km
        ]


def _words(key: str) -> list[str]:
    return key.split()


def _part_of(small: str, big: str) -> bool:
    a, b = _words(small), _words(big)
    if not a or a == b or len(a) >= len(b):
        return False
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def nearest_km(lat: float, lon: float, others: list) -> float | None:
    from places.geocoding.index import distance_km

    kms = [distance_km(lat, lon, o.lat, o.lon) for o in others]
    return min(kms) if kms else None


def classify(
    mention, labels: list[dict], others: list, names: Names
) -> tuple[str, str]:
    """(cause, detail) of one wrong point."""
    from django.conf import settings

    from places.geocoding.index import distance_km

    key = agreement._key(mention.text)
    spelt = agreement.spelt_like(mention.text, labels)
    home = {c.upper() for c in settings.GAZETTEER_COUNTRIES}
    abroad = mention.country_code and mention.country_code.upper() not in home
    if abroad and mention.feature_type == "village" and not mention.population:
        return "hamlet abroad", mention.country_code
    if not spelt:
        keys = [agreement._key(p["name"]) for p in labels] + [
            agreement._key(p.get("canonical") or "") for p in labels
        ]
        if any(_part_of(key, k) or _part_of(k, key) for k in keys if k):
            return "partial span", ""
        if mention.match in WEAK:
            return "fuzzy / spelling match", mention.match
        return "not a labelled place", mention.match
    if agreement.region_point_mixed(mention, spelt):
        return "region vs city", spelt[0].get("level", "")
    points = [p for p in spelt if p.get("lat") is not None]
    if not points:
        return "not a labelled place", "labelled without a point"
    label = min(
        points, key=lambda p: distance_km(p["lat"], p["lon"], mention.lat, mention.lon)
    )
    km = distance_km(label["lat"], label["lon"], mention.lat, mention.lon)
    taken = names.entry_at(mention.lat, mention.lon)
    if km <= 25:
        own = taken is not None and taken.is_curated
        return "coordinate off (5-25 km)", "supplement" if own else "imported row"
    meant = names.near(key, label["lat"], label["lon"]) or names.near(
        agreement._key(mention.name), label["lat"], label["lon"]
    )
    if meant:
        mine = nearest_km(mention.lat, mention.lon, others)
        theirs = nearest_km(label["lat"], label["lon"], others)
        nearer = (
            "meant nearer the others"
            if mine is not None and theirs is not None and theirs < mine
            else "taken nearer the others / no others"
        )
        label_country = (label.get("country") or "SY").upper()
        if mention.country_code and mention.country_code.upper() != label_country:
            return "same name, another country", nearer
        return "same name, same country", nearer
    if mention.match in WEAK:
        return "fuzzy / spelling match", mention.match
    return "namesake, place meant missing", f"{km:.0f} km"


def ingest_dev(only: list[str], names: Names, *, show: bool) -> Counter:
    from ingest import propose

    counts: Counter = Counter()
    resolved = wrong = 0
    index = ib.corpus_index()
    for article_id in ib.select_ids(index, "dev", only=only):
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        labels = article.get("places_named", [])
        located = [m for m in proposal.places if m.lat is not None]
        for mention in located:
            resolved += 1
            if agreement.point_right(mention, labels):
                continue
            wrong += 1
            others = [
                o
                for o in located
                if o is not mention and o.feature_type != "country" and not o.is_region
            ]
            cause, detail = classify(mention, labels, others, names)
            counts[cause] += 1
            if show:
                near = nearest_km(mention.lat, mention.lon, others)
                say(
                    f"  {article_id[:24]:24} {cause:30} “{mention.text}” -> "
                    f"{mention.name} ({mention.admin1}, {mention.country_code}; "
                    f"{mention.feature_type}, {mention.match or '-'}, pop "
                    f"{mention.population}; nearest other "
                    f"{'-' if near is None else f'{near:.0f} km'}) {detail}"
                )
    say(
        f"ingest dev: resolved {resolved}, wrong {wrong} ({100 * wrong / max(resolved, 1):.1f} %)"
    )
    return counts


def news_dev(names: Names, *, show: bool) -> Counter:
    import geocodebench as gb

    counts: Counter = Counter()
    for title, reading, dev, results in gb.dev_readings(names.index):
        for case, result in zip(dev, results, strict=True):
            if gb.outcome(case, result) != "wrong":
                continue
            key = agreement._key(case["query"])
            meant = names.near(key, case["lat"], case["lon"], case["tolerance"])
            cause = (
                "same name, same country" if meant else "namesake, place meant missing"
            )
            counts[f"{reading}: {cause}"] += 1
            if show:
                say(f"  {title} {reading:10} {cause:30} {case['query']!r} -> "
                    f"{result.label} ({result.admin1}); meant {case['expected']}")  # fmt: skip
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every wrong point")
    parser.add_argument("--only", nargs="*", default=[], help="article ids")
    parser.add_argument("--no-lists", action="store_true", help="ingest corpus only")
    args = parser.parse_args()
    ib.setup_database()
    from places import gazetteer

    index = gazetteer.gazetteer_index()
    names = Names(index)
    names.index = index
    counts = ingest_dev(args.only, names, show=args.list)
    for cause, n in counts.most_common():
        say(f"  {n:4}  {cause}")
    if not args.no_lists:
        say("news lists, dev rows counted wrong:")
        for cause, n in sorted(news_dev(names, show=args.list).items()):
            say(f"  {n:4}  {cause}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
