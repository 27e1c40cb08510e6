"""Wrong points and reviews among namesakes, by the admin area or nearby place the
text names (helper ingadmin, issues 13 and 14).

Usage: .venv/bin/python bench/admincauses.py [--split dev|heldout] [--series ..]
       [--list]

For every resolved place the bench counts wrong (bench/ingestbench.py), and every
labelled place left without a point whose name the gazetteer holds near the label:
- "namesake held": a row spelt as the text lies within 5 km of the labelled point
  (the place meant is in the gazetteer, a namesake was taken or none was);
- the hint the text gives: an admin-1 area (governorate, oblast, state, region) of the
  place meant named in the same sentence, or else in the same paragraph; else an
  admin-1 area named that is not the place meant's ("other area"); else a labelled
  place within 40 km of the one meant named in the paragraph ("nearby place"); else
  none.
Held-out: aggregate counts only (``--split heldout`` prints no case, no name).
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import agreement  # noqa: E402

NEARBY_KM = 40.0


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _has(text: str, key: str) -> bool:
    from places.geocoding import index as geoindex

    return bool(key) and f" {key} " in f" {geoindex.query_key(text)} "


def _areas(index) -> dict[str, str]:
    """query key of every admin-1 name and alias the index knows -> its admin1."""
    return dict(index._admin)


def _hint(mention_text: str, meant, article: dict, index, labels: list, lat, lon):
    from places.geocoding.index import distance_km

    areas = _areas(index)
    text = article["text"]
    paragraphs = [p for p in _paragraphs(text) if mention_text in p]
    from ingest.reading import text as textmod

    sentences = [s.text for p in paragraphs for s in textmod.article_sentences(p)]
    sentences = [s for s in sentences if mention_text in s]
    own = meant.admin1 if meant is not None else ""

    def named(chunks: list[str], wanted: str) -> bool:
        for chunk in chunks:
            for key, admin1 in areas.items():
                if (not wanted or admin1 == wanted) and _has(chunk, key):
                    if key == agreement._key(mention_text):
                        continue
                    return True
        return False

    if own and named(sentences, own):
        return "own area, sentence"
    if own and named(paragraphs, own):
        return "own area, paragraph"
    if named(paragraphs, ""):
        return "other area only"
    for label in labels:
        if label.get("lat") is None or agreement._key(label["name"]) == agreement._key(
            mention_text
        ):
            continue
        if distance_km(label["lat"], label["lon"], lat, lon) <= NEARBY_KM and any(
            label["name"] in p for p in paragraphs
        ):
            return "nearby place"
    return "none"


def _meant(index, key: str, lat: float, lon: float):
    from places.geocoding.index import distance_km

    found = index.candidates(key, limit=40)
    for c in found:
        e = c.entry
        if distance_km(e.lat, e.lon, lat, lon) <= agreement.PLACE_KM and c.match in (
            "exact",
            "alternate",
        ):
            return e, len(found)
    return None, len(found)


def cases(article: dict, proposal):
    """(kind, held, hint, detail) of each wrong point and each labelled place without
    a point whose name the gazetteer spells."""
    from places import gazetteer_abroad
    from places.geocoding.index import distance_km

    labels = article.get("places_named", [])
    country = proposal.country or "SY"
    index = gazetteer_abroad.index_for(country)
    for mention in proposal.places:
        if mention.lat is None:
            continue
        spelt = agreement.spelt_like(mention.text, labels)
        if agreement.point_right(mention, labels):
            continue
        points = [
            p for p in spelt if p.get("lat") is not None and not mention.is_region
        ]
        if not points:
            yield "wrong", "no label spelt so / region", "-", mention.text
            continue
        label = min(
            points,
            key=lambda p: distance_km(p["lat"], p["lon"], mention.lat, mention.lon),
        )
        meant, n = _meant(index, mention.text, label["lat"], label["lon"])
        hint = _hint(mention.text, meant, article, index, labels, label["lat"],
                     label["lon"])  # fmt: skip
        held = "namesake held" if meant is not None else "place meant missing"
        yield ("wrong", held, hint,
               f"“{mention.text}” -> {mention.name} ({mention.admin1}); meant "
               f"{meant.name + ' (' + meant.admin1 + ')' if meant else '-'}; {n} rows")  # fmt: skip
    for label in labels:
        if label.get("lat") is None or label.get("level", "point") != "point":
            continue
        key = agreement._key(label["name"])
        same = [m for m in proposal.places if agreement._key(m.text) == key]
        if not same or any(m.lat is not None for m in same):
            continue
        meant, n = _meant(index, label["name"], label["lat"], label["lon"])
        if meant is None or n < 2:
            continue
        hint = _hint(same[0].text, meant, article, index, labels, label["lat"],
                     label["lon"])  # fmt: skip
        yield ("no point", "namesake held", hint,
               f"“{label['name']}” meant {meant.name} ({meant.admin1}); {n} rows")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--series", nargs="*", default=[])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    show = args.list and args.split == "dev"
    ib.setup_database()
    from ingest import propose

    counts: Counter = Counter()
    ids = ib.select_ids(
        ib.corpus_index(), args.split, only=args.only, series=args.series
    )
    for article_id in ids:
        article = ib.load_article(article_id)
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        for kind, held, hint, detail in cases(article, proposal):
            counts[(kind, held, hint)] += 1
            if show:
                say(f"  {article_id[:26]:26} {kind:8} {held:20} {hint:20} {detail}")
    say(f"{args.split}: {len(ids)} reports")
    for (kind, held, hint), n in sorted(counts.items()):
        say(f"  {n:4}  {kind:8} {held:28} {hint}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
