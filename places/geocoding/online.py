"""Online geocoding through geopy's Nominatim: throttled, cached, errors classified."""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from geopy import exc
from geopy.geocoders import Nominatim

from places.geocoding.errors import GeocodingError, GeocodingUnavailable

TRANSIENT = (exc.GeocoderTimedOut, exc.GeocoderUnavailable, exc.GeocoderRateLimited)
SLOT_KEY = "geocoding:nominatim:slot"
CACHE_SECONDS = 30 * 24 * 3600
_PRECISION = {
    "city": 1,
    "town": 1,
    "village": 1,
    "hamlet": 1,
    "suburb": 1,
    "neighbourhood": 1,
    "peak": 1,
    "hill": 1,
    "county": 2,
    "municipality": 2,
    "state_district": 3,
    "state": 3,
    "administrative": 3,
    "country": 3,
}
_NO_RESULT = "none"


def _cache_key(query: str, country: str) -> str:
    digest = hashlib.sha256(f"{query.strip().lower()}|{country.lower()}".encode())
    return f"geocoding:nominatim:{digest.hexdigest()[:32]}"


def _wait_for_slot() -> None:
    """At most one request per GEOCODER_MIN_INTERVAL seconds across all workers.

    The slot is a key added to the shared Django cache (Redis in production), so
    every worker process sees it; Nominatim's policy is one request per second.
    """
    interval = settings.GEOCODER_MIN_INTERVAL
    if interval <= 0:
        return
    deadline = time.monotonic() + settings.GEOCODER_TIMEOUT
    while not cache.add(SLOT_KEY, 1, timeout=max(1, math.ceil(interval))):
        if time.monotonic() > deadline:
            raise GeocodingUnavailable("online geocoder busy: no request slot free")
        time.sleep(0.05)


def nominatim_search(query: str, *, country: str = "") -> dict | None:
    """Nominatim's best answer as a plain dict (cached), or None when it has none.

    Raises GeocodingUnavailable for transient failures (down, slow, throttling)
    and GeocodingError when the service rejects the query.
    """
    key = _cache_key(query, country)
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _NO_RESULT else cached
    _wait_for_slot()
    client = Nominatim(
        user_agent=settings.GEOCODER_USER_AGENT,
        timeout=settings.GEOCODER_TIMEOUT,
        domain=settings.GEOCODER_DOMAIN,
        scheme=settings.GEOCODER_SCHEME,
    )
    try:
        found = client.geocode(
            query,
            exactly_one=True,
            country_codes=country.lower() or None,
            language="en",
        )
    except TRANSIENT as error:
        raise GeocodingUnavailable(f"{type(error).__name__}: {error}") from error
    except exc.GeocoderServiceError as error:
        raise GeocodingError(f"{type(error).__name__}: {error}") from error
    if found is None:
        cache.set(key, _NO_RESULT, CACHE_SECONDS)
        return None
    raw = found.raw or {}
    kind = raw.get("addresstype") or raw.get("type") or ""
    answer = {
        "lat": float(found.latitude),
        "lon": float(found.longitude),
        "label": found.address,
        "ref": f"nominatim:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
        "kind": kind,
        "precision": _PRECISION.get(kind, 2),
        "importance": float(raw.get("importance") or 0),
    }
    cache.set(key, answer, CACHE_SECONDS)
    return answer
