"""Geocoding adapter: local gazetteer first, geopy's online geocoder only when configured.

The only package that imports geopy; it never touches the ORM (the service layer
loads gazetteer rows and hands a ``index.GazetteerIndex`` in).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from places.geocoding import index as geoindex
from places.geocoding import normalize, online, phrases, villages
from places.geocoding.errors import GeocodingError, GeocodingUnavailable
from places.geocoding.index import context

__all__ = [
    "GeocodeResult",
    "GeocodingError",
    "GeocodingUnavailable",
    "lookup",
    "lookup_many",
]


@dataclass(frozen=True)
class GeocodeResult:
    lon: float
    lat: float
    label: str
    precision: int = 1
    confidence: float = 1.0
    source: str = "gazetteer"
    ref: str = ""
    feature_type: str = ""
    admin1: str = ""
    note: str = ""
    candidates: tuple[dict, ...] = field(default=())

    def as_dict(self, query: str = "") -> dict:
        """The JSON shape of `manage.py geocode --json`."""
        return {
            "query": query,
            "name": self.label,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "precision": self.precision,
            "confidence": round(self.confidence, 3),
            "source": self.source,
        }


class _OfflineAdapter(BaseSyncAdapter):
    """The local gazetteer never makes HTTP requests (and sets up no session)."""

    def get_json(self, url: str, *, timeout: float, headers: dict) -> dict:
        raise GeocoderServiceError("the local gazetteer is offline")

    def get_text(self, url: str, *, timeout: float, headers: dict) -> str:
        raise GeocoderServiceError("the local gazetteer is offline")


class LocalGazetteer(Geocoder):
    """geopy Geocoder over a GazetteerIndex: no network, answers in microseconds."""

    def __init__(self, index: geoindex.GazetteerIndex) -> None:
        super().__init__(
            user_agent="conflictmap-local-gazetteer", adapter_factory=_OfflineAdapter
        )
        self.index = index

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        admin1: str = "",
        hint: tuple[float, float] | None = None,
        feature_type: str = "",
        near: geoindex.NearPoints = (),
    ) -> Location | list[Location] | None:
        country = country_codes if isinstance(country_codes, str) else ""
        if country_codes and not isinstance(country_codes, str):
            country = next(iter(country_codes), "")
        found = self.index.resolve(
            query,
            country=country,
            admin1=admin1,
            hint=hint,
            feature_type=feature_type,
            near=near,
        )
        if found is None:
            return None if exactly_one else []
        entry = found.best.entry
        raw = {
            "ref": entry.ref,
            "name": entry.name,
            "admin1": entry.admin1,
            "feature_type": entry.feature_type,
            "precision": found.precision,
            "confidence": found.confidence,
            "note": found.note,
            "candidates": [c.as_dict() for c in found.candidates],
        }
        location = Location(entry.name, (entry.lat, entry.lon), raw)
        return location if exactly_one else [location]


def _from_local(location: Location) -> GeocodeResult:
    raw = location.raw
    return GeocodeResult(
        lon=location.longitude,
        lat=location.latitude,
        label=raw["name"],
        precision=raw["precision"],
        confidence=raw["confidence"],
        source="gazetteer",
        ref=raw["ref"],
        feature_type=raw["feature_type"],
        admin1=raw["admin1"],
        note=raw["note"],
        candidates=tuple(raw["candidates"]),
    )


def _online(query: str, country: str) -> GeocodeResult | None:
    if settings.GEOCODER_ONLINE != "nominatim":
        return None
    answer = online.nominatim_search(query, country=country)
    if answer is None:
        return None
    return GeocodeResult(
        lon=answer["lon"],
        lat=answer["lat"],
        label=answer["label"],
        precision=answer["precision"],
        # Nominatim gives no score for "the right place"; a country-restricted
        # hit is good, a worldwide one is a guess.
        confidence=0.8 if country else 0.6,
        source="nominatim",
        ref=answer["ref"],
        feature_type=answer["kind"],
    )


def lookup(
    query: str,
    *,
    country: str = "SY",
    admin1: str = "",
    feature_type: str = "",
    hint: tuple[float, float] | None = None,
    alternates: Sequence[str] = (),
    index: geoindex.GazetteerIndex | None = None,
    near: Sequence[tuple[float, float] | tuple[float, float, str]] = (),
) -> GeocodeResult | None:
    """Best match for ``query`` (or one of its ``alternates``), or None.

    The local index answers first; the online geocoder (GEOCODER_ONLINE) is asked
    only when the local answer is missing or below GEOCODER_MIN_CONFIDENCE.
    ``near``: points of the other places named in the same text (lookup_many), as
    (lat, lon) or (lat, lon, governorate).
    Raises GeocodingUnavailable (retry later) or GeocodingError (give up).
    """
    if normalize.is_not_a_place(query):
        return None
    local: GeocodeResult | None = None
    if index is not None:
        client = LocalGazetteer(index)
        options = {
            "country_codes": country,
            "admin1": admin1,
            "hint": hint,
            "feature_type": feature_type,
            "near": tuple(near),
        }
        names = (query, *phrases.slash_alternatives(query), *alternates)
        for name in names:
            if not name:
                continue
            found = client.geocode(name, **options)
            if found is not None:
                result = _from_local(found)
                if local is None or result.confidence > local.confidence:
                    local = result
            if local and local.confidence >= settings.GEOCODER_MIN_CONFIDENCE:
                return local
        own = villages.villages_index(country, index) if local is None else None
        if own is not None:
            found = LocalGazetteer(own).geocode(query, **options)
            local = villages.doubted(_from_local(found)) if found else None
            if local and local.confidence >= settings.GEOCODER_MIN_CONFIDENCE:
                return local
    remote = _online(query, country)
    if remote is not None and (local is None or remote.confidence > local.confidence):
        return remote
    return local


def _is_anchor(result: GeocodeResult | None) -> bool:
    """A confident answer for one point (not a region) that can place the others."""
    return (
        result is not None
        and result.source == "gazetteer"
        and result.confidence >= settings.GEOCODER_MIN_CONFIDENCE
        and result.precision == 1
    )


def lookup_many(
    queries: Sequence[str],
    *,
    country: str = "SY",
    admin1: str = "",
    index: geoindex.GazetteerIndex,
) -> list[GeocodeResult | None]:
    """Resolve the place names of one text together, offline: each name is resolved
    again near the confident points of the *other* names, so that of two hamlets
    called Ibbin the one next to the rest of the story wins, and a far homonym is
    not picked (the far one goes to review rather than on the map). Names this
    second reading placed help place the rest in a third (kept beside them only).
    """
    first = [lookup(q, country=country, admin1=admin1, index=index) for q in queries]
    second = _near_others(queries, first, first, country, admin1, index)
    if sum(map(_is_anchor, second)) == sum(map(_is_anchor, first)):
        return second
    # Names placed only by the others ("Aziziyah" and "Al-Hwaija", homonyms alone,
    # each placed in the Ghab by the story's one sure place) place the rest in turn
    # ("Al-Hawwash": al-Hawash of the Ghab, not the seat of Homs), when that puts a
    # name still in doubt beside one of them: a homonym 105 km from a story whose
    # places lie within 15 km of each other is a place the gazetteer lacks ("Al-
    # 'Adiliyah" among villages of southern Idlib is not Al Adiliyah of Homs).
    third = _near_others(queries, second, first, country, admin1, index)
    points = [(normalize.name_key(q), r) for q, r in zip(queries, second, strict=True)]
    return [
        now
        if not _is_anchor(before)
        and _is_anchor(now)
        and _beside_another(query, now, points)
        else before
        for query, before, now in zip(queries, second, third, strict=True)
    ]


def _beside_another(
    query: str,
    result: GeocodeResult,
    points: Sequence[tuple[str, GeocodeResult | None]],
) -> bool:
    """``result`` lies within context.CONTEXT_KM of another name's confident point."""
    key = normalize.name_key(query)
    return any(
        other != key
        and _is_anchor(found)
        and geoindex.distance_km(result.lat, result.lon, found.lat, found.lon)
        <= context.CONTEXT_KM
        for other, found in points
    )


def _near_others(
    queries: Sequence[str],
    placed: Sequence[GeocodeResult | None],
    first: Sequence[GeocodeResult | None],
    country: str,
    admin1: str,
    index: geoindex.GazetteerIndex,
) -> list[GeocodeResult | None]:
    """Each name resolved again near the confident points of ``placed`` (the other
    names' answers) and its candidates' cluster among ``first`` (answers alone)."""
    anchors = [
        (normalize.name_key(q), (r.lat, r.lon, r.admin1))
        for q, r in zip(queries, placed, strict=True)
        if _is_anchor(r)
    ]
    results: list[GeocodeResult | None] = []
    for i, (query, alone) in enumerate(zip(queries, first, strict=True)):
        key = normalize.name_key(query)
        near = tuple(point for other, point in anchors if other != key)
        if not _is_anchor(alone):
            near += _cluster_support(i, first)
        if not near or (alone is not None and alone.precision == 3):
            # A region ("northern Idlib countryside") is no point to move near others.
            results.append(alone)
            continue
        results.append(
            lookup(query, country=country, admin1=admin1, index=index, near=near)
        )
    return results


# Of homonyms, the one that other names of the same text could be near: a candidate
# of another name within CLUSTER_KM supports it (hamlets of one front lie together).
CLUSTER_KM = 20.0
_CLUSTER_SCORE = 0.8  # a candidate at least this sure (not a loose or fuzzy guess)


def _points(result: GeocodeResult | None) -> list[tuple[float, float, str]]:
    if result is None or result.precision == 3:
        return []
    return [
        (c["lat"], c["lon"], c["admin1"])
        for c in result.candidates
        if c["score"] >= _CLUSTER_SCORE and c["feature_type"] in ("city", "village")
    ]


def _cluster_support(
    i: int, first: Sequence[GeocodeResult | None]
) -> tuple[tuple[float, float, str], ...]:
    """Points of the other names' candidates near the one candidate of name ``i``
    that more other names support than any far-apart rival: "Surouj", "Astablat" and
    "Rasm Hamideh" each name villages in several governorates, but one of each lies
    south-west of Abu al-Duhur. Nothing when no candidate stands out."""
    mine = _points(first[i])
    if len(mine) < 2:
        return ()
    others = [_points(r) for j, r in enumerate(first) if j != i]
    return best_supported(mine, others)


def best_supported(
    mine: Sequence[tuple[float, float, str]],
    others: Sequence[Sequence[tuple[float, float, str]]],
) -> tuple[tuple[float, float, str], ...]:
    """Of one name's candidate points ``mine``, the one that more of the other names'
    candidates (``others``, one list per name) lie near (CLUSTER_KM): those nearest
    points; () when none is near or a far-apart rival has as many. Also ingest's rule
    (ingest.where.nearby), on its own readings."""
    support = []
    for lat, lon, _admin1 in mine:
        near = [
            min(points, key=lambda p: geoindex.distance_km(lat, lon, p[0], p[1]))
            for points in others
            if points
            and min(geoindex.distance_km(lat, lon, p[0], p[1]) for p in points)
            <= CLUSTER_KM
        ]
        support.append(near)
    if not support:
        return ()
    best = max(range(len(mine)), key=lambda k: len(support[k]))
    if not support[best]:
        return ()
    lat, lon, _ = mine[best]
    rivals = [
        len(support[k])
        for k in range(len(mine))
        if geoindex.distance_km(lat, lon, mine[k][0], mine[k][1])
        > geoindex.SAME_PLACE_KM
    ]
    if rivals and max(rivals) >= len(support[best]):
        return ()
    return tuple(support[best])
