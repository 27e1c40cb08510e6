"""Bare city-or-governorate names ("Homs", "Kherson"): how each was read, and the label.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/cityregioncauses.py --split dev [--list]
       DJANGO_DEBUG=1 .venv/bin/python bench/cityregioncauses.py --split heldout

Runs the extractor as bench/ingestbench.py does and records every name read as a
governorate with its city as the alternative (matching.py), through the two places that
decide it: the sentence (ingest/where/cityorregion.decide: a city cue, a region cue of
one kind) and the article (ingest/where/names.cities: undecided names are the city
unless some sentence treats the governorate as a region, by a region word beside the
name, a region word elsewhere in the sentence, another place of the governorate, or a
region read of it). Each reading is set beside the labels spelt like the text: only a
point ("city"), only a region ("region"), both, or none. Held-out prints the counts
only (no ids, names or sentences); --list prints each dev reading.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import agreement  # noqa: E402
import ingestbench as ib  # noqa: E402

_seen: list[dict] = []  # the current article's readings
_regions: dict[str, set[str]] = {}  # admin1 -> why the article treats it as a region


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _region_cue(cor, sentence: str, place, others: list) -> str:
    if cor._AREA_WORD.search(place.text):
        return "area word in the name"
    if 0 <= place.start < place.end <= len(sentence):
        if cor._REGION_AFTER.match(sentence[place.end : place.end + 30]):
            return "area word after"
        if cor._REGION_BEFORE.search(sentence[max(0, place.start - 30) : place.start]):
            return "area word before"
    return "another place of the governorate"


def _install() -> None:
    from ingest.where import cityorregion as cor
    from ingest.where import names

    decide, region_admins = cor.decide, names.region_admins

    def traced_decide(sentence, places):
        decided = decide(sentence, places)
        for before, after in zip(places, decided, strict=True):
            if before.alternative is None:
                continue
            others = [p for p in places if p is not before]
            if after is before.alternative:
                how = "sentence: city cue"
            elif after.alternative is None:
                how = "sentence: " + _region_cue(cor, sentence, before, others)
            elif after is before:
                city = cor._city_cued(sentence, before, others)
                region = cor._region_cued(sentence, before, others)
                how = "undecided" + (" (both cues)" if city and region else "")
            else:
                how = "sentence: other"
            _seen.append(
                {"text": before.text, "key": before.key, "admin1": before.admin1,
                 "how": how, "sentence": sentence, "start": before.start}
            )  # fmt: skip
        return decided

    def traced_region_admins(sentence, places):
        found = region_admins(sentence, places)
        for place in places:
            why = None
            if place.is_region and place.alternative is None and place.admin1:
                why = "a region read of it" + (
                    " (sentence cue)"
                    if "as the sentence reads it" in place.note
                    else ""
                )
            elif place.alternative is not None:
                if names._beside(sentence, place):
                    why = "region word beside"
                elif names._region_word_for(sentence, place, places):
                    why = "region word elsewhere in the sentence"
                elif place.admin1 in found:
                    why = "another place of the governorate"
            if why and place.admin1 in found:
                _regions.setdefault(place.admin1, set()).add(why)
        return found

    cor.decide = traced_decide
    names.region_admins = traced_region_admins


def verdict(text: str, labels: list[dict]) -> str:
    spelt = agreement.spelt_like(text, labels)
    levels = {"point" if p.get("level") == "point" else "region" for p in spelt}
    if levels == {"point"}:
        return "label city"
    if levels == {"region"}:
        return "label region"
    return "label both" if levels else "no label"


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    ib.setup_database()
    _install()
    show = args.list and args.split == "dev"  # held-out: counts only
    counts: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id, article, proposal in ib.split_proposals(args.split, only=ids):
        labels = article.get("places_named", [])
        wrong = {  # the scorer's wrong points, by the text read
            m.text
            for m in proposal.places
            if m.lat is not None and not agreement.point_right(m, labels)
        }
        for seen in _seen:
            how = seen["how"]
            if how.startswith("undecided"):
                why = _regions.get(seen["admin1"])
                how += " -> region: " + " + ".join(sorted(why)) if why else " -> city"
            said = verdict(seen["text"], labels)
            if seen["text"] in wrong:
                said += ", wrong point"
            counts[how, said] += 1
            if show:
                s, at = seen["sentence"], seen["start"]
                say(
                    f"  {article_id[:12]:12} {seen['text'][:14]:14} {how[:70]:70} "
                    f"{said:25} | " + s[max(0, at - 70) : at + 50].replace("\n", " ")
                )
        _seen.clear()
        _regions.clear()
    say(
        f"{args.split}: {len(ids)} reports; readings of a bare city-or-governorate name"
    )
    for (how, said), n in sorted(counts.items()):
        say(f"  {n:4}  {how:90} {said}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
