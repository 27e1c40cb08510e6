"""Dev proposals and labels whose place has no point, by cause (never held-out).

Usage: .venv/bin/python bench/nopointcauses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does and takes every
"extra: a name without a point" and "missed: type found, no point" (the right incident,
its place name unresolved). Each is put under one cause:
- "span cut wrong": the proposal's name is a labelled place's name with words too many
  or too few (a generic head, a trailing word, half a name);
- "no place named": the proposal of the label's type names no place at all;
- "not a labelled place": the name is none of the article's labelled places (a word
  read as a place, a person's or group's name);
- "read in the wrong country": the article was read in another country than the label's;
- "region not understood": the labelled place is a region the name did not reach;
- "review: same-named places": the name resolves alone to review, the place meant
  among its candidates;
- "spelling shape": a row of the index near the labelled point bears the name's
  consonants, but the spelling did not reach it;
- "not in gazetteer": no such row;
- "dropped by ingest's doubts": the name resolves alone, and ingest took its point away
  (far from the story's other places, a weak match);
- "labelled without a point too": the name is a labelled place that has no cited point
  either (not an event place of the story, or one no list holds);
- "other".
Counts per cause; --list prints every case.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import (
    agreement,  # noqa: E402
    labelpairs,  # noqa: E402
)

KM = agreement.PLACE_KM


def _related(a: str, b: str) -> bool:
    """The two names share a word that is not a stopword or a generic head."""
    generic = {"village", "town", "city", "area", "region", "province", "district"}
    words = (agreement._tokens(a) - generic), (agreement._tokens(b) - generic)
    return bool(words[0] & words[1])


def _labelled_places(article: dict) -> list[dict]:
    places = [e["place"] for e in article["events"]]
    return places + [p for p in article.get("places_named", []) if p not in places]


def _resolve_alone(label: dict, country: str, index):
    from places import gazetteer_abroad, geocoding
    from places.geocoding import index as geoindex

    code = (label.get("country") or country or "SY").upper()
    own = index if code in index._countries else gazetteer_abroad.country_index(code)
    result = geocoding.lookup(label["name"], country=code, index=own)
    near = [
        e
        for e in own.entries
        if label.get("lat") is not None
        and geoindex.distance_km(e.lat, e.lon, label["lat"], label["lon"]) <= KM
    ]
    return result, near


def cause(text: str, label: dict | None, country: str, index) -> str:
    from django.conf import settings

    from places.geocoding import index as geoindex
    from places.geocoding import normalize, phrases

    if not text:
        return "no place named"
    if label is None:
        return "not a labelled place"
    if agreement._key(text) not in {
        agreement._key(label["name"]),
        agreement._key(label["canonical"]),
    }:
        return "span cut wrong"
    if label.get("country") and label["country"].upper() != (country or "SY").upper():
        return "read in the wrong country"
    if label.get("level") == "region":
        return "region not understood"
    if label.get("lat") is None:
        return "labelled without a point too"
    result, near = _resolve_alone(label, country, index)
    if result is not None and result.lat is not None:
        off = geoindex.distance_km(result.lat, result.lon, label["lat"], label["lon"])
        if off <= KM and result.confidence >= settings.GEOCODER_MIN_CONFIDENCE:
            return "dropped by ingest's doubts"
        if any(
            geoindex.distance_km(c["lat"], c["lon"], label["lat"], label["lon"]) <= KM
            for c in result.candidates
        ):
            return "review: same-named places"

    def skeleton(name: str) -> str:
        return normalize.skeleton(phrases.query_key(name) or normalize.name_key(name))

    meant = skeleton(label["name"])
    if any(skeleton(n) == meant for e in near for n in (e.name, *e.names) if n):
        return "spelling shape"
    if not near or result is None:
        return "not in gazetteer"
    return "other"


def _label_for(text: str, article: dict) -> dict | None:
    exact = [
        p for p in _labelled_places(article)
        if agreement._key(text) in {agreement._key(p["name"]), agreement._key(p.get("canonical") or "")}
    ]  # fmt: skip
    related = [p for p in _labelled_places(article) if _related(text, p["name"])]
    return (exact or related or [None])[0]


def cases(article: dict, proposal, parents) -> list[tuple[str, str, dict | None]]:
    """(kind, proposed name, labelled place meant) of each no-point loss."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    found = []
    for n, label in enumerate(labels):
        if n in used.values():
            continue
        if labelpairs.why_missed(label, proposed, set(used), parents) != (
            "missed: type found, no point"
        ):
            continue
        family = labelpairs.family(label["type"], parents)
        bare = [
            p for p in proposed
            if labelpairs.family(p.event_type, parents) == family
            and (p.place is None or p.place.lat is None)
        ]  # fmt: skip
        texts = [p.place.text for p in bare if p.place is not None]
        near = [t for t in texts if _related(t, label["place"]["name"])]
        text = (near or texts or [""])[0]
        found.append(
            ("missed", text, label["place"] if near else _label_for(text, article))
        )
    for i, p in enumerate(proposed):
        if i in used or p.place is None or p.place.lat is not None:
            continue
        if labelpairs.why_extra(p, labels, proposed, set(used), parents) != (
            "extra: a name without a point"
        ):
            continue
        found.append(("extra", p.place.text, _label_for(p.place.text, article)))
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    args = parser.parse_args()
    ib.setup_database()
    from places import gazetteer

    index = gazetteer.gazetteer_index()
    parents = ib.type_parents()
    counts: Counter = Counter()
    kinds: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    for article_id, article, proposal in ib.split_proposals("dev", only=ids):
        for kind, text, label in cases(article, proposal, parents):
            why = cause(text, label, proposal.country, index)
            counts[why] += 1
            kinds[kind] += 1
            if args.list:
                meant = label and f"{label['name']} ({label.get('country', 'SY')})"
                ib.say(f"  {article_id:30} {kind:6} {why:28} {text!r} meant {meant}")
    total = sum(counts.values())
    ib.say(
        f"dev no-point losses by cause ({len(ids)} articles, {total} cases: "
        f"{kinds['extra']} extra, {kinds['missed']} missed):"
    )
    for why, n in counts.most_common():
        ib.say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
