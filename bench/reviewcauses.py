"""Dev villages not hit on a bare lookup: by cause, and what could tell their namesakes apart.

Usage: DJANGO_DEBUG=1 .venv/bin/python bench/reviewcauses.py [--list] [--type village]

Only the dev rows of news lists 1-3 (never the held-out ones), each spelling looked up
alone as bench/geocodebench.py does. Candidates within DUPLICATE_KM of each other are
one place (two rows of one village, from two sources or twice in one), so every miss
falls under one cause:
- "one place, several rows": the candidates are one place once duplicates are merged,
  and still review; "one place, weak spelling": a single row, reached by a loose or
  fuzzy spelling only;
- "namesakes, several governorates" / "namesakes, one governorate": several places
  bear the name, the one meant among them;
- "review: meant not a candidate", "spelling shape", "not in gazetteer", "near", "wrong"
  (villagecauses.py's tests); "wrong: a namesake picked": a confident answer, the
  place meant among the other candidates.
For namesakes (and wrong answers whose place meant was a candidate), each prior the
index could rank by is asked which place it favours: the one meant ("tells"), another
("misleads"), or none (a tie: "silent"). The priors: population, a cities500/seat flag
(prominent), a seat (GeoNames PPLA*, or a same-named sub-district among its rows), the
row's source (hand-made, cities500, bulk), the GeoNames feature code (a seat over a
village PPL over a locality PPLL over an abandoned place PPLQ), the spelling match (its
base score), a governorate of the north-west front, the conflict points within FRONT_KM
(supplement rows, named hills, bases, front areas, crossings, dams), and being listed
in several rows.
"""

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import geocodebench as gb  # noqa: E402  (sets up Django)
from villagecauses import cause as village_cause  # noqa: E402

from bench import geocodecases  # noqa: E402
from places import gazetteer, gazetteer_bundle, gazetteer_entry  # noqa: E402
from places.geocoding.index import entries as geoentries  # noqa: E402
from places.geocoding.index import ranking  # noqa: E402

DUPLICATE_KM = 5.0
# The north-west front the supplement was collected for ("conflict places of north-west
# Syria"); and, wherever they are, the supplement's rows and every named hill, base,
# front area, crossing and dam: the places named only because of fighting.
FRONT_GOVERNORATES = {"Idlib", "Hama", "Aleppo", "Latakia"}
FRONT_KM = 20.0
_CONFLICT_TYPES = {"hill", "base", "area", "crossing", "dam"}
# Feature codes by how likely a news report names them (a seat, a village, a locality
# or an abandoned place).
_CODE_RANK = {"PPLA": 3, "PPLA2": 3, "PPLA3": 3, "PPL": 2, "": 2, "PPLL": 1, "PPLQ": 0}


def _SOURCE_RANK(row) -> int:  # noqa: N802  (a table read as a function)
    """A hand-made row (supplement, admin) 2, a cities500 town 1, a bulk row 0."""
    if row.dataset not in gazetteer_entry._BULK:
        return 2
    return int(row.source == gazetteer_bundle.CITIES500_SOURCE)


def _km(a: dict, b: dict) -> float:
    return geoentries.distance_km(a["lat"], a["lon"], b["lat"], b["lon"])


def places_of(candidates: list[dict]) -> list[list[dict]]:
    """Candidates grouped into places: a candidate within DUPLICATE_KM of a group's
    first member joins it (ranked order kept)."""
    groups: list[list[dict]] = []
    for c in candidates:
        for group in groups:
            if _km(c, group[0]) <= DUPLICATE_KM:
                group.append(c)
                break
        else:
            groups.append([c])
    return groups


def priors(group: list[dict], rows: dict, front: list[tuple[float, float]]) -> dict:
    """The values each prior gives one place (the best of its rows)."""
    found = [rows[c["ref"]] for c in group if c["ref"] in rows]
    lat, lon = group[0]["lat"], group[0]["lon"]
    return {
        "population": max((r.population for r in found), default=0),
        "prominent": max((gazetteer._is_prominent(r) for r in found), default=False),
        # An admin seat (PPLA*) or a place a same-named sub-district surrounds.
        "seat": any(
            r.feature_code.startswith("PPLA") or r.feature_type == "district"
            for r in found
        ),
        "source": max((_SOURCE_RANK(r) for r in found), default=0),
        "feature code": max(
            (_CODE_RANK.get(r.feature_code, 2) for r in found), default=2
        ),
        "spelling": max(ranking._BASE.get(c["match"], 0.55) for c in group),
        "front governorate": group[0]["admin1"] in FRONT_GOVERNORATES,
        "conflict points": sum(
            geoentries.distance_km(p[0], p[1], lat, lon) <= FRONT_KM for p in front
        ),
        "several rows": len(group) > 1,
    }


def verdicts(meant: dict, others: list[dict]) -> dict[str, str]:
    out = {}
    for prior, value in meant.items():
        best_other = max(o[prior] for o in others)
        if value > best_other:
            out[prior] = "tells"
        elif value < best_other:
            out[prior] = "misleads"
        else:
            out[prior] = "silent"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every dev miss")
    parser.add_argument("--type", default="village", help="feature type ('' all)")
    args = parser.parse_args()
    bundled = gazetteer_bundle.gazetteer_bundled_entries()
    rows = {f"{e.dataset}:{e.ref}": e for e in bundled}
    index = gb.geoindex.GazetteerIndex(
        [gazetteer.index_entry_from_row(e) for e in bundled]
    )
    front = [
        (e.lat, e.lon)
        for e in bundled
        if e.dataset == "supplement" or e.feature_type in _CONFLICT_TYPES
    ]
    causes: Counter = Counter()
    told: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for title, path in (
        ("news 1", geocodecases.NEWS),
        ("news 2", geocodecases.NEWS2),
        ("news 3", geocodecases.NEWS3),
    ):
        dev, _held = geocodecases.news_cases(path)
        dev = [c for c in dev if not args.type or c["type"] == args.type]
        for case, result in zip(dev, gb.alone(dev, index), strict=True):
            found = gb.outcome(case, result)
            if found == "hit":
                continue
            why = village_cause(case, result, found, index)
            groups = places_of(list(result.candidates)) if result else []
            meant = [
                g for g in groups if any(_km(c, case) <= case["tolerance"] for c in g)
            ]
            if why == "wrong" and meant and len(groups) > 1:
                why = "wrong: a namesake picked"
            if why.startswith("review") and meant and len(groups) == 1:
                why = (
                    "one place, several rows"
                    if len(groups[0]) > 1
                    else "one place, weak spelling"
                )
            elif why.startswith("review") and meant:
                several = len({g[0]["admin1"] for g in groups}) > 1
                why = f"namesakes, {'several governorates' if several else 'one governorate'}"
            if meant and len(groups) > 1:  # what each prior says of the place meant
                mine = priors(meant[0], rows, front)
                others = [priors(g, rows, front) for g in groups if g is not meant[0]]
                group = "wrong" if why.startswith("wrong") else "namesakes"
                for prior, said in verdicts(mine, others).items():
                    told[group, prior][said] += 1
            causes[why] += 1
            if args.list:
                got = result and f"{result.label} ({result.admin1})"
                gb.say(f"  {title} {why:32} {case['query']!r} -> {got}; "
                       f"meant {case['expected']}; places {len(groups)}")  # fmt: skip
                for g in groups:
                    codes = [
                        rows[c["ref"]].feature_code if c["ref"] in rows else "?"
                        for c in g
                    ]
                    gb.say(
                        f"      {_km(g[0], case):6.1f} km {g[0]['name']!r:28} "
                        f"{g[0]['admin1']:12} rows {len(g)} {codes} "
                        f"{[c['match'] for c in g]}"
                    )
    gb.say(f"dev {args.type or 'all'} misses, alone: {dict(causes.most_common())}")
    for (group, prior), said in sorted(told.items()):
        gb.say(f"  {group}, {prior:17}: {dict(said.most_common())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
