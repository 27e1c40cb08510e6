"""Why the gazetteer misses a place the reporting names, by cause (issue 14).

Usage: .venv/bin/python bench/gazgapcauses.py [--split dev|heldout] [--list]
       [--wof DIR]

Cases: every place label of the corpus split (``places_named`` with level other than
region/country, one per name and article) and, for dev, every DEV row of the spelling
lists (the project list, news lists 1-3's dev rows, the list abroad); for held-out the
held-out rows of news lists 1-16. Each is looked up alone in the index ingest reads its
country in (``gazetteer_abroad.index_for``). A miss is an answer that is not a hit (a
labelled point) or no confident answer (a label without a point). Each miss gets one
cause, the first that holds:

- "in index: ranked below or sent to review": a row of the index bears the name (its
  own or an alternate) where the label puts it (within 10 km; anywhere without a point);
- "in index: a bulk hamlet by another spelling": a row near the point bears the name's
  consonant skeleton but is a bulk hamlet found only by a spelling written out;
- "in index: another spelling": likewise, not a bulk hamlet (a normalisation gap);
- "in bundle, not loaded for a configured country": the country's own index (with its
  bundled villages, places/data/abroad) holds it; the shared index does not load them;
- "in WOF, dropped by the build: <why>": the Who's On First repository the bundle is
  built from holds a record of that name near the point, which
  scripts/build_gazetteer_abroad.py leaves out (no GeoNames id, not current, its place
  type, the name cut);
- "no bundled dump for the country": neither a bundle nor cities500 holds it and no
  bundle exists (Russia);
- "absent from the source: <kind>": no record of the source bears the name (camp,
  quarter, hill, other by the label's words).
--split heldout prints counts only (no names, no ids).
"""

import argparse
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from bench import agreement, geocodecases  # noqa: E402
from bench import geocodebench as gb  # noqa: E402
from bench import ingestbench as ib  # noqa: E402
from places import gazetteer_abroad, gazetteer_villages, geocoding  # noqa: E402
from places.geocoding import index as geoindex  # noqa: E402
from places.geocoding import normalize, phrases  # noqa: E402

NEAR_KM = 10.0
WOF_DIR = Path("/work/.mirror")
CACHE = Path("/tmp/gazgapcauses-cache")
_CAMP = ("camp", "مخيم")
_QUARTER = ("neighbourhood", "neighborhood", "quarter", "district of", "حي ")
_DWELLERS = {"refugee", "refugees", "idp", "displacement"}
_GENERIC = {"camp", "neighbourhood", "neighborhood", "quarter", "village", "town"}
_HILL = ("hill", "mount", "jabal", "jebel", "tal ", "tell ", "tall ", "جبل", "تل ")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def keys(name: str) -> set[str]:
    found = {normalize.name_key(name), phrases.query_key(name)}
    found.update(phrases.query_keys(name))
    words = [w for w in phrases.query_key(name).split() if w not in _DWELLERS]
    if words and words[-1] in _GENERIC:
        found.add(" ".join(words))
        found.add(" ".join(words[:-1]))
    return found - {""}


def corpus_cases(split: str) -> list[dict]:
    cases = []
    for article_id in ib.select_ids(ib.corpus_index(), split):
        article = ib.load_article(article_id)
        seen = set()
        for place in article.get("places_named", []):
            key = agreement._key(place.get("canonical") or place["name"])
            if key in seen or place.get("level") in ("region", "country"):
                continue
            seen.add(key)
            cases.append(
                {
                    "query": place["name"],
                    "canonical": place.get("canonical") or "",
                    "country": (place.get("country") or "SY").upper(),
                    "no_country": not place.get("country"),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "tolerance": geocodecases.HIT_KM,
                    "where": f"{article_id[:6]} corpus",
                }
            )
    return cases


def list_cases(split: str) -> list[dict]:
    import geocode_abroad  # noqa: PLC0415

    cases = []
    for title, path in (
        ("news 1", geocodecases.NEWS),
        ("news 2", geocodecases.NEWS2),
        ("news 3", geocodecases.NEWS3),
    ):
        dev, held = geocodecases.news_cases(path)
        for case in dev if split == "dev" else held:
            cases.append({**case, "country": "SY", "where": title})
    if split == "dev":
        for row in geocodecases.load_cases(geocodecases.SPELLINGS):
            cases.append(
                {
                    "query": row["query"],
                    "expected": row["expected_name"],
                    "country": "SY",
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "tolerance": geocodecases.HIT_KM,
                    "where": "project list",
                }
            )
        for case in geocode_abroad.cases():
            cases.append({**case, "where": "abroad list"})
        return cases
    for number in range(4, 17):
        path = getattr(gb, f"NEWS{number}")
        for case in geocodecases.country_list_cases(path):
            cases.append({**case, "where": f"news {number}"})
    return cases


def is_miss(case: dict, result) -> bool:
    if case.get("lat") is None:
        return result is None or result.confidence < settings.GEOCODER_MIN_CONFIDENCE
    return gb.outcome(case, result) != "hit"


def _near(case: dict, lat: float, lon: float) -> bool:
    if case.get("lat") is None:
        return True
    return geoindex.distance_km(lat, lon, case["lat"], case["lon"]) <= max(
        NEAR_KM, case.get("tolerance") or 0
    )


def _entry_keys(entry) -> set[str]:
    return {
        normalize.name_key(n) for n in (entry.name, entry.name_ar, *entry.names) if n
    }


_MAPS: dict[int, tuple[dict, dict]] = {}


def _maps(index) -> tuple[dict, dict]:
    """(name key -> rows, 0.1-degree cell -> rows) of an index, built once."""
    if id(index) not in _MAPS:
        by_key: dict[str, list] = {}
        by_cell: dict[tuple[int, int], list] = {}
        for entry in index.entries:
            for key in _entry_keys(entry):
                by_key.setdefault(key, []).append(entry)
                by_key.setdefault("~" + normalize.skeleton(key), []).append(entry)
            by_cell.setdefault(_cell(entry.lat, entry.lon), []).append(entry)
        _MAPS[id(index)] = (by_key, by_cell)
    return _MAPS[id(index)]


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // 0.1), int(lon // 0.1)


def in_index(case: dict, index, wanted: set[str]) -> str:
    """The index's answer to whether it holds the place meant: "named", "skeleton
    hamlet", "skeleton" or ""."""
    country = case["country"]
    by_key, by_cell = _maps(index)
    named = [e for k in wanted for e in by_key.get(k, ())]
    if any(e.country == country and _near(case, e.lat, e.lon) for e in named):
        return "named"
    if case.get("lat") is None:
        bones = [e for k in wanted for e in by_key.get("~" + normalize.skeleton(k), ())]
        bones = [e for e in bones if e.country == country]
        if bones:
            return "skeleton hamlet" if all(e.exact_only for e in bones) else "skeleton"
        return ""
    row, col = _cell(case["lat"], case["lon"])
    cells = [(row + dr, col + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    rows = [e for c in cells for e in by_cell.get(c, ()) if _near(case, e.lat, e.lon)]
    bones = {normalize.skeleton(k) for k in wanted}
    for entry in rows:
        if {normalize.skeleton(k) for k in _entry_keys(entry)} & bones:
            return "skeleton hamlet" if entry.exact_only else "skeleton"
    return ""


def wof_records(country: str) -> list[tuple] | None:
    """(placetype, geonameid, class, is_current, dropped, lat, lon, names) of every
    record of the country's WOF repository, cached in CACHE; None without a mirror."""
    repo = (
        WOF_DIR / f"whosonfirst-data+whosonfirst-data-admin-{country.lower()}" / "repo"
    )
    if not repo.exists():
        return None
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"{country}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())  # noqa: S301 (our own file)
    import build_gazetteer_abroad as build  # noqa: PLC0415

    records = []
    for feature in build._blobs(repo):
        props = feature["properties"]
        names = [props.get("gn:name") or "", props.get("wof:name") or ""]
        for key, value in props.items():
            if key.startswith("name:") and isinstance(value, list):
                names += [str(v) for v in value]
        kept = build._names(props)
        dropped = props.get("edtf:deprecated") not in (None, "", "uuuu") or bool(
            props.get("wof:superseded_by")
        )
        records.append(
            (
                props.get("wof:placetype"),
                props.get("gn:geonameid")
                or (props.get("wof:concordances") or {}).get("gn:id"),
                props.get("gn:feature_class"),
                props.get("mz:is_current"),
                dropped,
                float(props.get("geom:latitude") or 0),
                float(props.get("geom:longitude") or 0),
                tuple(dict.fromkeys(n for n in names if n)),
                tuple(kept[: build.MAX_NAMES + 1]),
            )
        )
    cached.write_bytes(pickle.dumps(records))
    return records


_WOF_KEYS: dict[str, dict | None] = {}


def _wof_keys(country: str) -> dict | None:
    if country not in _WOF_KEYS:
        records = wof_records(country)
        by_key: dict[str, list] | None = None
        if records is not None:
            by_key = {}
            for r in records:
                for key in {normalize.name_key(n) for n in r[7]} - {""}:
                    by_key.setdefault(key, []).append(r)
        _WOF_KEYS[country] = by_key
    return _WOF_KEYS[country]


def in_wof(case: dict, wanted: set[str]) -> str:
    by_key = _wof_keys(case["country"])
    if by_key is None:
        return "no mirror"
    found = [r for k in wanted for r in by_key.get(k, ()) if _near(case, r[5], r[6])]
    if not found:
        return ""
    record = found[0]
    for r in found:  # the kept kinds first: a locality with a GeoNames record
        if r[0] in {"locality", "neighbourhood"} and r[1]:
            record = r
            break
    placetype, gnid, fclass, current, dropped, *_rest, names, kept = record
    if placetype not in {"locality", "neighbourhood"}:
        return f"its place type ({placetype})"
    if dropped or current == 0:
        return "marked not current or superseded"
    if not gnid:
        return "no GeoNames id (a WOF-only locality)"
    if fclass not in (None, "P"):
        return f"GeoNames class {fclass}"
    if not {normalize.name_key(n) for n in kept} & wanted:
        return "the name cut (script or MAX_NAMES)"
    return "kept by the build (a loader filter)"


def kind(case: dict) -> str:
    text = f" {case['query']} {case.get('canonical', '')} {case.get('expected', '')} "
    text = text.lower()
    if any(w in text for w in _CAMP):
        return "camp"
    if any(w in text for w in _QUARTER):
        return "quarter"
    if any(w in text for w in _HILL):
        return "hill or mountain"
    return "village or town"


def cause(case: dict, shared) -> str:
    country = case["country"]
    index = gazetteer_abroad.index_for(country)
    wanted = keys(case["query"])
    canonical = case.get("canonical") or case.get("expected") or ""
    also = keys(canonical.split("(")[0]) - wanted if canonical else set()
    found = in_index(case, index, wanted)
    if not found and also and in_index(case, index, also) == "named":
        return "in index under the label's canonical name (the text's phrase)"
    if found == "named":
        return "in index: ranked below or sent to review"
    if found == "skeleton hamlet":
        return "in index: a bulk hamlet by another spelling"
    if found == "skeleton":
        return "in index: another spelling"
    if index is shared and gazetteer_villages.path_for(country):
        own = gazetteer_abroad.country_index(country)
        if in_index(case, own, wanted | also):
            return "in bundle, not loaded for a configured country"
    if case.get("no_country"):
        return "label names no country (read as SY)"
    wof = in_wof(case, wanted | also)
    if wof and wof != "no mirror":
        return f"in WOF, dropped by the build: {wof}"
    if country != "SY" and not gazetteer_villages.path_for(country):
        return "no bundled dump for the country"
    return f"absent from the source: {kind(case)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--list", action="store_true", help="every dev miss")
    args = parser.parse_args()
    held = args.split == "heldout"
    ib.setup_database()
    from places import gazetteer  # noqa: PLC0415

    shared = gazetteer.gazetteer_index()
    for title, cases in (
        ("corpus place labels", corpus_cases(args.split)),
        ("spelling list rows", list_cases(args.split)),
    ):
        counts: Counter = Counter()
        misses = 0
        for case in cases:
            index = gazetteer_abroad.index_for(case["country"])
            result = geocoding.lookup(
                case["query"], country=case["country"], index=index
            )
            if not is_miss(case, result):
                continue
            misses += 1
            why = cause(case, shared)
            counts[why] += 1
            if args.list and not held:
                got = result and (result.label, round(result.confidence, 2))
                say(
                    f"  {why:55} {case['query']!r} ({case['country']}, {case['where']}) {got}"
                )
        say(f"{args.split} {title}: {len(cases)} cases, {misses} missed")
        for why, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            say(f"  {n:4}  {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
