"""The editor's place map on the ingest page: what it shows (the article's places, the
names left without a point and their gazetteer candidates) and the gazetteer search.

Reads only: the choice an editor makes is written by ``confirm`` when the events are
confirmed. Every string here is article text or gazetteer data: the page passes it
through ``json_script`` and the browser sets it with ``textContent``.
"""

import bisect
import threading

from ingest.proposal import ArticleProposal
from ingest.where.mention import PlaceMention
from places import gazetteer, gazetteer_abroad
from places.geocoding import index as geoindex
from places.geocoding import normalize

SEARCH_LIMIT = 10
CANDIDATE_LIMIT = 5
MAX_QUERY = 100


_cache: dict[str, tuple[str, object]] = {}
_cache_lock = threading.Lock()


def _per_version(name: str, index: geoindex.GazetteerIndex, build):
    """``build(index)``, kept until the gazetteer index changes version."""
    kept = _cache.get(name)
    if kept is not None and kept[0] == index.version:
        return kept[1]
    with _cache_lock:
        kept = _cache.get(name)
        if kept is None or kept[0] != index.version:
            kept = (index.version, build(index))
            _cache[name] = kept
    return kept[1]


def _refs(index: geoindex.GazetteerIndex) -> dict[str, geoindex.IndexEntry]:
    return {entry.ref: entry for entry in index.entries}


def _prefix_keys(index: geoindex.GazetteerIndex) -> list[tuple[str, int]]:
    """Every spelling's key with its entry, sorted: names starting with a prefix."""
    return sorted(
        {
            (key, i)
            for i, entry in enumerate(index.entries)
            for name in (entry.name, entry.name_ar, *entry.names)
            if name and (key := normalize.name_key(name))
        }
    )


def candidate_get(ref: str) -> geoindex.IndexEntry | None:
    """The gazetteer row (or hand-fixed place, ``place:<id>``) behind ``ref``."""
    index = gazetteer.gazetteer_index()
    found = _per_version("refs", index, _refs).get(ref)
    for abroad in gazetteer_abroad.loaded() if found is None else ():
        # A row of a country outside GAZETTEER_COUNTRIES, read for an article about it.
        found = _per_version(f"refs:{abroad.version}", abroad, _refs).get(ref)
        if found is not None:
            break
    return found


def entry_dict(
    entry: geoindex.IndexEntry, *, score: float | None = None, match: str = ""
) -> dict:
    return {
        "ref": entry.ref,
        "name": entry.name,
        "name_ar": entry.name_ar,
        "admin1": entry.admin1,
        "country": entry.country,
        "feature_type": entry.feature_type,
        "precision": entry.precision,
        "lat": round(entry.lat, 6),
        "lon": round(entry.lon, 6),
        "source": entry.source,
        "score": None if score is None else round(min(score, 1.0), 2),
        "match": match,
    }


def _near(places: list[PlaceMention]) -> tuple[float, float] | None:
    """The centre of the article's located places (else of the regions it names, not
    countries): where it happens."""
    located = [p for p in places if p.lat is not None and p.lon is not None]
    points = [(p.lat, p.lon) for p in located if not p.is_region] or [
        (p.lat, p.lon) for p in located if p.feature_type != "country"
    ]
    if not points:
        return None
    return (
        sum(lat for lat, _ in points) / len(points),
        sum(lon for _, lon in points) / len(points),
    )


def gazetteer_search(
    *, q: str, near: tuple[float, float] | None = None, country: str = ""
) -> list[dict]:
    """Gazetteer rows for a typed name: the geocoder's matches (spelling variants,
    fuzzy), then names starting with it, best and nearest ``near`` first."""
    q = " ".join(q.split())[:MAX_QUERY]
    if not q:
        return []
    index = gazetteer_abroad.index_for(country)
    found = index.candidates(q, country=country, hint=near, limit=SEARCH_LIMIT)
    results = [entry_dict(c.entry, score=c.score, match=c.match) for c in found]
    seen = {r["ref"] for r in results}
    key = normalize.name_key(q)
    if len(key) >= 2:
        # One kept list per index: the shared one, and each unconfigured country's.
        name = "prefixes" + (":" + index.version if "abroad:" in index.version else "")
        keys = _per_version(name, index, _prefix_keys)
        start = bisect.bisect_left(keys, (key, -1))
        prefixed: dict[int, str] = {}
        for matched, i in keys[start:]:
            if not matched.startswith(key) or len(prefixed) >= 200:
                break
            prefixed.setdefault(i, matched)
        entries = [index.entries[i] for i in prefixed]
        if country:
            entries = [e for e in entries if e.country == country.upper()]

        def rank(entry: geoindex.IndexEntry) -> tuple:
            distance = (
                geoindex.distance_km(near[0], near[1], entry.lat, entry.lon)
                if near
                else 0.0
            )
            return (not entry.prominent, distance, -entry.population, entry.ref)

        for entry in sorted(entries, key=rank):
            if len(results) >= SEARCH_LIMIT:
                break
            if entry.ref not in seen:
                seen.add(entry.ref)
                results.append(entry_dict(entry, match="prefix"))
    return results[:SEARCH_LIMIT]


def _with_km(candidate: dict, near: tuple[float, float] | None) -> dict:
    """``km``: how far the candidate is from the article's places (None: unknown)."""
    candidate["km"] = (
        round(
            geoindex.distance_km(near[0], near[1], candidate["lat"], candidate["lon"])
        )
        if near
        else None
    )
    return candidate


def _forms_by_place(proposal: ArticleProposal, prefix: str) -> dict[str, list[dict]]:
    """Which proposal forms (``events-0`` …) use each place, by the text named."""
    result: dict[str, list[dict]] = {}
    for i, event in enumerate(proposal.events):
        if event.place is not None:
            result.setdefault(event.place.text, []).append(
                {"form": f"{prefix}-{i}", "number": i + 1, "title": event.title}
            )
    return result


def map_context(proposal: ArticleProposal, *, prefix: str = "events") -> dict:
    """Everything the page's place map draws (JSON-safe; escaped by json_script)."""
    near = _near(proposal.places)
    forms = _forms_by_place(proposal, prefix)
    names, located, seen = [], [], set()
    for place in proposal.places:
        if place.text in seen:
            continue
        seen.add(place.text)
        if place.lat is None:
            found = gazetteer_abroad.index_for(place.country_code).candidates(
                place.text,
                country=place.country_code,
                admin1=place.admin1,
                hint=near,
                limit=CANDIDATE_LIMIT,
            )
            names.append(
                {
                    "text": place.text,
                    "name": place.name,
                    "admin1": place.admin1,
                    "note": place.note,
                    "forms": forms.get(place.text, []),
                    "candidates": [
                        _with_km(
                            entry_dict(c.entry, score=c.score, match=c.match), near
                        )
                        for c in found
                    ],
                }
            )
        else:
            located.append(
                {
                    "text": place.text,
                    "name": place.name,
                    "admin1": place.admin1,
                    "lat": place.lat,
                    "lon": place.lon,
                    "precision": place.precision,
                    "forms": forms.get(place.text, []),
                }
            )
    return {
        "names": names,
        "located": located,
        "near": list(near) if near else None,
    }
