"""Dev proposals and labels at another place than each other, by cause (never held-out).

Usage: .venv/bin/python bench/otherplacecauses.py [--series LETTER ...] [--list]

Runs the extractor on the dev articles as bench/ingestbench.py does and takes every
"extra: a labelled type, other place" and "missed: type found, other place" (a
proposal of the label's type family with a point, at neither's place). Each missed
label is paired with the proposal of its family whose sentences hold its evidence (else
the nearest in the text), each extra proposal with the unmatched label of its family
whose evidence is nearest. The pair is put under one cause:
- "region vs town": one is a governorate, district or area and the other a town or
  site, with a sub-cause after the colon: "region taken, town in the sentence" (the
  proposal's sentences name the labelled town and its region, the region was taken),
  "region taken, town nearby" (the town is named one or two sentences away: a lead or
  summary at the region beside the town's event), "region taken, town not named near",
  "town taken, region in the sentence" (the label is the region the sentence names),
  "town taken, region elsewhere", and "apart" (the two lie in different admin-1
  areas: another incident, not a choice between a town and its region);
- "same name elsewhere": the proposal's name is the labelled name, resolved far off;
- "other role": the proposed name follows a cue of another role in its sentence (from,
  based in, fled to, native of, a statement made in ...);
- "list: another name of the list": both names in one list of the sentence;
- "labelled place in the sentence": the sentence names the labelled place too, but
  the proposal took another;
- "neighbouring sentence": the labelled place is named one or two sentences away;
- "labelled place not named near": the labelled place is named nowhere near the
  proposal's sentences (another incident, or a place the story implies);
- "no label to pair": an extra proposal and no unmatched label of its family;
- "other".
Counts per cause and kind, and how many of them had the labelled place read with an
agreeing point somewhere in the article (the place was there to take: a rule can fix
it; otherwise the gazetteer or the span is the first fault). --list prints every case
with both places, the proposal's sentences and the label's evidence.
"""

import re
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
_GENERIC = {
    "village", "town", "city", "area", "region", "province", "district", "camp",
    "governorate", "countryside", "neighbourhood", "neighborhood", "eastern",
    "western", "northern", "southern", "rural", "syria", "syrian",
}  # fmt: skip
# A word or two before a name that give it a role other than the event's place.
_ROLE_CUE = re.compile(
    r"\b(?:from|based (?:in|at)|stationed (?:in|at)|positioned in|fled (?:to|from)|"
    r"displaced (?:to|from)|native of|hails? from|headquartered in|originally from|"
    r"residents? of|people of|natives? of|taken to|transferred to|hospitals? in|"
    r"returned to|arrived in|moved to|heading (?:to|towards)|statement (?:in|from)|"
    r"told \w+ (?:in|from)|reported from|correspondent in|sources? in|"
    r"launched from|fired from|coming from|towards?)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


def _words(name: str) -> set[str]:
    return agreement._tokens(re.sub(r"\(.*?\)", " ", name or "")) - _GENERIC


def _named_in(label: dict, text: str) -> bool:
    """The labelled place (its name or canonical name) is written in ``text``."""
    tokens = agreement._tokens(text)
    for name in (label.get("name"), label.get("canonical")):
        words = _words(name or "")
        if words and words <= tokens:
            return True
    return False


def _sentence_of(evidence: str, texts: list[str]) -> int | None:
    """The proposal's sentence holding most of the label's evidence."""
    want = agreement._tokens(evidence)
    if not want:
        return None
    best = max(range(len(texts)), key=lambda i: len(want & agreement._tokens(texts[i])))
    return (
        best
        if len(want & agreement._tokens(texts[best])) >= min(4, len(want))
        else None
    )


def _is_region_pair(label: dict, mention) -> bool:
    if label.get("level") in {"region", "country"}:
        return not mention.is_region
    return mention.is_region


def cause(label: dict | None, p, texts: list[str]) -> str:
    from places.geocoding import index as geoindex

    if label is None:
        return "no label to pair"
    place = label["place"]
    mention = p.place
    if _is_region_pair(place, mention):
        return f"region vs town: {_region_subcause(place, p, texts)}"
    if agreement._key(mention.text) in {
        agreement._key(place["name"]),
        agreement._key(place["canonical"]),
    }:
        return "same name elsewhere"
    if (
        place.get("lat") is not None
        and mention.lat is not None
        and agreement._key(mention.name) == agreement._key(place.get("canonical") or "")
        and geoindex.distance_km(mention.lat, mention.lon, place["lat"], place["lon"])
        > KM
    ):
        return "same name elsewhere"
    own = [texts[i] for i in p.sentences if i < len(texts)]
    for sentence in own:
        at = sentence.find(mention.text)
        if at >= 0 and _ROLE_CUE.search(sentence[max(0, at - 40) : at]):
            return "other role"
    if any(_named_in(place, s) for s in own):
        for sentence in own:
            if _in_one_list(sentence, mention.text, place):
                return "list: another name of the list"
        return "labelled place in the sentence"
    near = {j for i in p.sentences for j in range(i - 2, i + 3)} - set(p.sentences)
    if any(_named_in(place, texts[j]) for j in near if 0 <= j < len(texts)):
        return "neighbouring sentence"
    return "labelled place not named near"


def _same_admin1(place: dict, mention) -> bool:
    if mention.feature_type == "country":
        return True
    labelled = place.get("admin1") or ""
    if not labelled or not mention.admin1:
        return True  # nothing to tell them apart by
    return agreement._key(labelled) == agreement._key(
        mention.admin1
    ) or agreement._same_area(place.get("country"), labelled, mention.admin1)


def _region_subcause(place: dict, p, texts: list[str]) -> str:
    """Which of a town and its region the proposal took, and where the other is named."""
    if not _same_admin1(place, p.place):
        return "apart"
    own = [texts[i] for i in p.sentences if i < len(texts)]
    if p.place.is_region:
        if any(_named_in(place, s) for s in own):
            return "region taken, town in the sentence"
        near = {j for i in p.sentences for j in range(i - 2, i + 3)} - set(p.sentences)
        if any(_named_in(place, texts[j]) for j in near if 0 <= j < len(texts)):
            return "region taken, town nearby"
        return "region taken, town not named near"
    if any(_named_in(place, s) for s in own):
        return "town taken, region in the sentence"
    return "town taken, region elsewhere"


def _in_one_list(sentence: str, text: str, place: dict) -> bool:
    """Both names sit in one run of names joined by commas and "and"."""
    for run in re.split(r"[.;:()]|\b(?:after|when|while|which|where)\b", sentence):
        if text in run and _named_in(place, run) and re.search(r",|\band\b", run):
            a = run.find(text)
            words = _words(place["name"]) or _words(place.get("canonical") or "")
            b = min(
                (run.lower().find(w) for w in words if w in run.lower()), default=-1
            )
            between = run[min(a, b) : max(a, b)] if b >= 0 else ""
            if b >= 0 and len(between) < 80 and re.search(r",|\band\b", between):
                return True
    return False


def cases(article: dict, proposal, parents) -> list[tuple[str, dict | None, object]]:
    """(kind, label, proposal) of each other-place loss."""
    proposed, labels, used = labelpairs.pairing(article, proposal, parents)
    texts = proposal.texts
    free = [n for n in range(len(labels)) if n not in used.values()]
    found = []
    for n in free:
        label = labels[n]
        if labelpairs.why_missed(label, proposed, set(used), parents) != (
            "missed: type found, other place"
        ):
            continue
        family = labelpairs.family(label["type"], parents)
        same = [
            p for p in proposed
            if labelpairs.family(p.event_type, parents) == family
            and p.place is not None and p.place.lat is not None
        ]  # fmt: skip
        at = _sentence_of(label.get("evidence", ""), texts)
        holding = [p for p in same if at is not None and at in p.sentences]
        nearest = sorted(
            same,
            key=lambda p: min((abs(i - (at or 0)) for i in p.sentences), default=99),
        )
        found.append(("missed", label, (holding or nearest)[0]))
    for i, p in enumerate(proposed):
        if i in used:
            continue
        if labelpairs.why_extra(p, labels, proposed, set(used), parents) != (
            "extra: a labelled type, other place"
        ):
            continue
        family = labelpairs.family(p.event_type, parents)
        pool = [
            labels[n]
            for n in free
            if labelpairs.family(labels[n]["type"], parents) == family
        ]

        def distance(label: dict, p=p) -> int:
            at = _sentence_of(label.get("evidence", ""), texts)
            return (
                min((abs(j - at) for j in p.sentences), default=99)
                if at is not None
                else 99
            )

        pool.sort(key=distance)
        found.append(("extra", pool[0] if pool else None, p))
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    args = parser.parse_args()
    ib.setup_database()

    parents = ib.type_parents()
    counts: Counter = Counter()
    kinds: Counter = Counter()
    read: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), "dev", series=args.series)
    for article_id, article, proposal in ib.split_proposals("dev", only=ids):
        for kind, label, p in cases(article, proposal, parents):
            why = cause(label, p, proposal.texts)
            counts[why, kind] += 1
            kinds[kind] += 1
            # The labelled place was read in the article with an agreeing point.
            seen = label is not None and any(
                agreement.place_agrees(label["place"], m) for m in proposal.places
            )
            read[why] += seen
            if args.list:
                place = label and label["place"]
                meant = place and f"{place['name']} [{place.get('level', 'point')}]"
                got = f"{p.place.text!r}->{p.place.name} [{p.place.feature_type}]"
                mark = "read" if seen else "unread"
                ib.say(
                    f"  {article_id:30} {kind:6} {why:30} {got} meant {meant} ({mark})"
                )
                for j in p.sentences[:2]:
                    ib.say(f"      s{j}: {proposal.texts[j][:220]}")
                if label is not None:
                    ib.say(f"      evidence: {label.get('evidence', '')[:220]}")
    total = sum(kinds.values())
    ib.say(
        f"dev other-place losses by cause ({len(ids)} articles, {total} cases: "
        f"{kinds['extra']} extra, {kinds['missed']} missed):"
    )
    for why in sorted({w for w, _ in counts}, key=lambda w: -sum(
        counts[w, k] for k in ("extra", "missed")
    )):  # fmt: skip
        ib.say(
            f"  {counts[why, 'extra'] + counts[why, 'missed']:4}  {why:32} "
            f"(extra {counts[why, 'extra']}, missed {counts[why, 'missed']}; "
            f"labelled place read with its point {read[why]})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
