"""Points ingest's doubts took away, and the wrong points left, by rule and evidence.

Usage: .venv/bin/python bench/doubtcauses.py [--series LETTER ...] [--list]
       .venv/bin/python bench/doubtcauses.py --split heldout   (aggregate counts only)

Runs the extractor as bench/ingestbench.py does, with each doubt that takes a point
away from a name recorded (the rule, and the point the name had):
- article doubts (ingest/propose.py): farpoints.doubtful ("far": over 150 km from every
  other place, two or more named), names.unsure (split by its reason: "stray" another
  spelling far off, "hamlet abroad", "weak" a weak match near no sure place, "far small"
  a village or small town far from every point, "other governorate"), hamlets.without_point
  (a hamlet abroad the text names as no place), parts (a landform or quarter),
  names.in_foreign_story;
- the matcher's own ("weak spelling": a name the prose marks as a place, read only by
  another spelling).
Each doubt is then "cost a right point" (the point agrees with a labelled place, as
ingestbench counts a resolved mention, and no other mention finds that place), "right,
found otherwise", "by name only" (it agrees only with labels that have no point: the
bench counts it right by its name, wherever it lies), "saved a wrong point" (it would
have counted wrong), or "re-placed" (ingest's anchors gave the name a point again).
The points ingest/where/settlements.py kept against a doubt are counted under "spared by
settlements" with the same classes ("a wrong point kept" for a saved one): the rule's
before is the doubts plus these.

Then every resolved mention left is weighed with the evidence a doubt could use: the
distance to the story's nearest other resolved point, a country other than the
article's, a namesake with a bigger population (over 25 km away) in the index, a weak
match (another spelling, a fuzzy key), a village or town under 20,000; per evidence, how
many wrong and how many right points bear it. Held-out: counts only (no names, no ids).
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingestbench as ib  # noqa: E402

from bench import agreement  # noqa: E402

WEAK = frozenset({"stripped", "skeleton", "loose", "fuzzy"})
NAMESAKE_KM = 25.0
_UNSURE = (
    ("found by another spelling", "unsure: stray"),
    ("is a hamlet abroad", "unsure: hamlet abroad"),
    ("only a weak match", "unsure: weak"),
    ("km from every", "unsure: far small"),
    ("the article names", "unsure: other governorate"),
)


class Recorder:
    """The doubts of one article: key -> (rule, the mention before its point went)."""

    def __init__(self) -> None:
        self.doubts: dict[str, tuple[str, object]] = {}
        self.spared: dict[str, tuple[str, object]] = {}
        self.read: dict[tuple[str, int, int], object] = {}

    def reset(self) -> None:
        self.doubts.clear()
        self.spared.clear()
        self.read.clear()

    def wrap(self, owner, name: str, rule, *, method: bool = False) -> None:
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            places = args[1 if method else 0]
            before = {p.key: p for p in places if p.lat is not None}
            for key, doubted in result.items():
                if key in before and doubted.lat is None and key not in self.doubts:
                    self.doubts[key] = (rule(doubted), before[key])
            if kwargs.get("spared"):  # what the doubt would take without settlements
                plain = original(*args, **{**kwargs, "spared": frozenset()})
                for key, doubted in plain.items():
                    if key in before and key not in result and key not in self.doubts:
                        self.spared.setdefault(key, (rule(doubted), before[key]))
            return result

        setattr(owner, name, wrapper)

    def install(self) -> None:
        from ingest.where import farpoints, hamlets, matching, names, parts

        self.wrap(farpoints, "doubtful", lambda m: "far (farpoints.doubtful)")
        self.wrap(names, "unsure", _unsure_rule)
        self.wrap(hamlets, "without_point", lambda m: "hamlet abroad, no place cue")
        self.wrap(parts.NamedParts, "without_point", lambda m: "parts", method=True)
        self.wrap(names, "in_foreign_story", lambda m: "foreign story")
        mention = matching.PlaceMatcher._mention

        def read(matcher, text, start, end, *args, **kwargs):
            found = mention(matcher, text, start, end, *args, **kwargs)
            if found is not None and found.lat is not None:
                self.read[(text, start, end)] = found
            return found

        matching.PlaceMatcher._mention = read

    def matcher_doubts(self, places: list) -> None:
        for place in places:
            if place.lat is not None or place.key in self.doubts:
                continue
            if place.note.startswith("read only as the gazetteer's"):
                before = self.read.get((place.text, place.start, place.end))
                if before is not None:
                    self.doubts[place.key] = ("matcher: weak spelling", before)


def _unsure_rule(mention) -> str:
    return next((r for cue, r in _UNSURE if cue in mention.note), "unsure: other")


def outcome(article: dict, proposal, before, final) -> str:
    labels = article.get("places_named", [])
    if final is not None and final.lat is not None:
        return "re-placed"
    if not agreement.point_right(before, labels):
        return "saved a wrong point"
    meant = [p for p in labels if agreement.place_agrees(p, before)]
    if all(p.get("lat") is None for p in meant):
        return "by name only (label has no point)"
    others = [m for m in proposal.places if m.lat is not None]
    if any(agreement.place_agrees(p, m) for p in meant for m in others):
        return "right, found otherwise"
    return "cost a right point"


class Namesakes:
    """The bigger namesakes of a name in the index it was read in."""

    def __init__(self) -> None:
        self.by_index: dict[int, dict[str, list]] = {}

    def _keys(self, idx) -> dict[str, list]:
        from places.geocoding import index as geoindex

        found = self.by_index.get(id(idx))
        if found is None:
            found = {}
            for entry in idx.entries:
                for name in {entry.name, *entry.names}:
                    if name:
                        found.setdefault(geoindex.query_key(name), []).append(entry)
            self.by_index[id(idx)] = found
        return found

    def bigger(self, mention) -> bool:
        from places import gazetteer_abroad
        from places.geocoding import index as geoindex

        idx = gazetteer_abroad.index_for(mention.country_code or "SY")
        key = geoindex.query_key(mention.text)
        return any(
            e.population > max(mention.population, 0)
            and geoindex.distance_km(e.lat, e.lon, mention.lat, mention.lon)
            > NAMESAKE_KM
            for e in self._keys(idx).get(key, ())
        )


def distance_band(mention, others: list) -> str:
    from ingest.where.mention import km_between

    kms = [km_between(mention, o) for o in others if o.key != mention.key]
    if not kms:
        return "no other point"
    km = min(kms)
    for top in (25, 75, 150):
        if km <= top:
            return f"nearest other ≤{top} km"
    return "nearest other >150 km"


def evidence(mention, others: list, country: str, namesakes: Namesakes) -> list[str]:
    found = [distance_band(mention, others)]
    if mention.country_code and mention.country_code.upper() != country.upper():
        found.append("another country")
    if namesakes.bigger(mention):
        found.append("a bigger namesake")
    if mention.match in WEAK or mention.note.startswith("ambiguous"):
        found.append(f"weak match ({mention.match or 'ambiguous'})")
    if mention.feature_type != "city" or mention.population < 20_000:
        found.append("village or town < 20,000")
    return found


def main() -> int:
    parser = ib.cause_parser(__doc__)
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    args = parser.parse_args()
    held_out = args.split == "heldout"
    if held_out and args.list:
        parser.error("held-out: counts only")
    ib.setup_database()
    from ingest import propose

    recorder = Recorder()
    recorder.install()
    namesakes = Namesakes()
    doubts: Counter = Counter()
    by_evidence: Counter = Counter()
    points: Counter = Counter()
    ids = ib.select_ids(ib.corpus_index(), args.split, series=args.series)
    for article_id in ids:
        article = ib.load_article(article_id)
        recorder.reset()
        proposal = propose.article_propose(
            text_raw=article["text"], published_at=ib.published_at(article)
        )
        recorder.matcher_doubts(proposal.places)
        labels = article.get("places_named", [])
        final = {p.key: p for p in proposal.places}
        located = [
            m
            for m in proposal.places
            if m.lat is not None and m.feature_type != "country"
        ]
        points_only = [m for m in located if not m.is_region]
        for key, (rule, before) in recorder.doubts.items():
            how = outcome(article, proposal, before, final.get(key))
            doubts[(rule, how)] += 1
            clues = evidence(before, points_only, proposal.country, namesakes)
            for clue in clues:
                by_evidence[("doubt", how, clue)] += 1
            if args.list:
                ib.say(
                    f"  {article_id[:26]:26} {rule:30} {how:22} “{before.text}” -> "
                    f"{before.name} ({before.admin1}, {before.country_code}; "
                    f"{before.feature_type}, {before.match or '-'}, pop "
                    f"{before.population}) [{'; '.join(clues)}]"
                )
        for key, (rule, before) in recorder.spared.items():
            if key in recorder.doubts:
                continue  # another doubt took it all the same
            how = outcome(article, proposal, before, None)
            how = {
                "saved a wrong point": "a wrong point kept",
                "cost a right point": "a right point kept",
            }.get(how, how)
            doubts[(f"spared by settlements, else {rule}", how)] += 1
            if args.list:
                ib.say(
                    f"  {article_id[:26]:26} SPARED ({rule}) {how}: “{before.text}” -> "
                    f"{before.name} ({before.admin1}, {before.country_code})"
                )
        for mention in located:
            right = agreement.point_right(mention, labels)
            points["right" if right else "wrong"] += 1
            if right and all(
                p.get("lat") is None
                for p in labels
                if agreement.place_agrees(p, mention)
            ):
                points["right by name only"] += 1
            clues = evidence(mention, points_only, proposal.country, namesakes)
            for clue in clues:
                by_evidence[("point", "right" if right else "wrong", clue)] += 1
            if args.list and not right:
                ib.say(
                    f"  {article_id[:26]:26} WRONG “{mention.text}” -> {mention.name} "
                    f"({mention.admin1}, {mention.country_code}; {mention.feature_type}, "
                    f"{mention.match or '-'}, pop {mention.population}) "
                    f"[{'; '.join(clues)}]"
                )
    ib.say(f"{args.split}: {len(ids)} reports")
    ib.say("doubts that took a point away, by rule and outcome:")
    for (rule, how), n in sorted(doubts.items()):
        ib.say(f"  {n:4}  {rule:32} {how}")
    total = Counter()
    for (_, how), n in doubts.items():
        total[how] += n
    ib.say(
        "  all rules: " + ", ".join(f"{how} {n}" for how, n in sorted(total.items()))
    )
    ib.say(
        "evidence on the doubted points (cost / right otherwise / saved / re-placed):"
    )
    clues = sorted({c for kind, _, c in by_evidence if kind == "doubt"})
    for clue in clues:
        row = [
            by_evidence[("doubt", how, clue)]
            for how in (
                "cost a right point",
                "right, found otherwise",
                "by name only (label has no point)",
                "saved a wrong point",
                "re-placed",
            )
        ]
        ib.say(f"  {clue:32} " + " / ".join(str(n) for n in row))
    ib.say(
        f"resolved points left (not countries): {sum(points.values())}, "
        f"wrong {points['wrong']}, right by name only (label without a point) "
        f"{points['right by name only']}; evidence on them (wrong / right):"
    )
    clues = sorted({c for kind, _, c in by_evidence if kind == "point"})
    for clue in clues:
        wrong = by_evidence[("point", "wrong", clue)]
        right = by_evidence[("point", "right", clue)]
        ib.say(f"  {clue:32} {wrong:4} / {right:4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
