"""places.geocoding: the offline index and its traps, and the online path over HTTP.

The online geocoder is exercised against local HTTP servers on 127.0.0.1 that
answer like Nominatim, refuse connections, or time out; nothing leaves the host.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache

from places import gazetteer, gazetteer_bundle, geocoding
from places.geocoding import index as geoindex
from places.geocoding import online

HAMA = (35.1318, 36.7578)
IDLIB = (35.9306, 36.6339)


@pytest.fixture(scope="module")
def bundled_index() -> geoindex.GazetteerIndex:
    """The index over the bundled gazetteer files (built once, no database)."""
    rows = [
        gazetteer.index_entry_from_row(e)
        for e in gazetteer_bundle.gazetteer_bundled_entries()
    ]
    return geoindex.GazetteerIndex(rows)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def resolve(index, query, **options):
    options.setdefault("country", "SY")
    return geocoding.lookup(query, index=index, **options)


def km(result, lat, lon):
    return geoindex.distance_km(result.lat, result.lon, lat, lon)


def test_idlib_resolves_to_the_city(bundled_index):
    result = resolve(bundled_index, "Idlib")
    assert km(result, *IDLIB) < 2
    assert result.precision == 1


def test_hama_resolves_to_the_city(bundled_index):
    result = resolve(bundled_index, "Hama")
    assert km(result, *HAMA) < 2
    assert result.confidence >= 0.75


def test_northern_hama_is_a_region_of_precision_3(bundled_index):
    result = resolve(bundled_index, "northern Hama")
    assert result.precision == 3
    assert 15 < km(result, *HAMA) < 40  # north of the city, not the city


def test_humaymat_hilltops_resolve_to_tell_hamamiyat(bundled_index):
    result = resolve(bundled_index, "the Humaymat hilltops in northern Hama")
    assert result.label == "Tell Hamamiyat"
    assert km(result, 35.3897, 36.4867) < 10  # Karnaz, its western neighbour


def test_humaymat_never_fuzzy_matches_hama(bundled_index):
    names = [c.entry.name for c in bundled_index.candidates("Humaymat", country="SY")]
    assert "Ḩamāh" not in names


def test_ariha_in_syria_is_ariha_in_idlib(bundled_index):
    result = resolve(bundled_index, "Ariha")
    assert result.admin1 == "Idlib"
    assert km(result, 35.8137, 36.6096) < 2


def test_ariha_worldwide_is_not_trusted(bundled_index):
    result = resolve(bundled_index, "Ariha", country="")
    names = {c["name"] for c in result.candidates}
    assert "Jericho" in names
    assert result.confidence < 0.75


def test_malah_without_a_hint_is_ambiguous(bundled_index):
    result = resolve(bundled_index, "Malah")
    assert result.confidence < 0.75
    assert {c["admin1"] for c in result.candidates} >= {"Hama", "As-Suwayda"}


def test_malah_with_hama_hint_is_the_hama_hill(bundled_index):
    result = resolve(bundled_index, "Malah", admin1="Hama")
    assert result.admin1 == "Hama"
    assert result.confidence >= 0.75


def test_malah_with_suwayda_hint_is_the_suwayda_village(bundled_index):
    result = resolve(bundled_index, "Malah", admin1="Sweida")
    assert result.admin1 == "As-Suwayda"
    assert result.confidence >= 0.75


@pytest.mark.parametrize("word", ["Syrian", "Russian", "northern", "Turkish"])
def test_adjectives_alone_resolve_to_nothing(bundled_index, word):
    assert resolve(bundled_index, word) is None


def test_unknown_place_resolves_to_nothing(bundled_index):
    assert resolve(bundled_index, "Xyzzyville") is None


def test_nearness_to_the_event_breaks_a_tie(bundled_index):
    near_aleppo = resolve(bundled_index, "Suran", hint=(36.5, 37.1))
    near_hama = resolve(bundled_index, "Suran", hint=(35.25, 36.75))
    assert near_aleppo.admin1 == "Aleppo"
    assert near_hama.admin1 == "Hama"


def test_governorate_named_as_province_is_precision_3(bundled_index):
    result = resolve(bundled_index, "Idlib province")
    assert result.precision == 3


def test_arabic_names_resolve(bundled_index):
    assert km(resolve(bundled_index, "حماة"), *HAMA) < 2
    assert resolve(bundled_index, "كفر نبودة").label == "Kafr Nabudah"


def test_every_answer_has_precision_and_confidence(bundled_index):
    for name in ["Saraqib", "Khan Sheikhoun", "Kabani", "southern Idlib"]:
        result = resolve(bundled_index, name)
        assert result.precision in {1, 2, 3}
        assert 0 <= result.confidence <= 1


def test_local_gazetteer_is_a_geopy_geocoder(bundled_index):
    from geopy.geocoders.base import Geocoder

    client = geocoding.LocalGazetteer(bundled_index)
    location = client.geocode("Saraqib", country_codes="SY")
    assert isinstance(client, Geocoder)
    assert location.latitude == pytest.approx(35.8645, abs=0.01)


# --- online path against local servers ------------------------------------------


class _Nominatim(BaseHTTPRequestHandler):
    delay = 0.0
    requests: list = []

    def do_GET(self):  # noqa: N802 (http.server API)
        type(self).requests.append((self.path, self.headers.get("User-Agent")))
        if self.delay:
            time.sleep(self.delay)
        query = parse_qs(urlparse(self.path).query)
        body = []
        if query.get("q") == ["Qwertzabad"]:
            body = [
                {
                    "lat": "35.3",
                    "lon": "36.5",
                    "display_name": "Jibin, Hama, Syria",
                    "osm_type": "node",
                    "osm_id": 42,
                    "addresstype": "village",
                    "importance": 0.3,
                }
            ]
        payload = json.dumps(body).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(settings):
    handler = type("Handler", (_Nominatim,), {"requests": [], "delay": 0.0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GEOCODER_ONLINE = "nominatim"
    settings.GEOCODER_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_USER_AGENT = "conflictmap-tests (+mailto:test@example.org)"
    settings.GEOCODER_TIMEOUT = 1
    settings.GEOCODER_MIN_INTERVAL = 0
    yield handler
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_online_answer_when_the_gazetteer_has_none(nominatim, bundled_index):
    result = resolve(bundled_index, "Qwertzabad")
    assert result.source == "nominatim"
    assert (result.lat, result.lon) == (35.3, 36.5)


def test_online_request_names_us_in_the_user_agent(nominatim):
    online.nominatim_search("Qwertzabad", country="SY")
    path, agent = nominatim.requests[0]
    assert agent == "conflictmap-tests (+mailto:test@example.org)"
    assert "countrycodes=sy" in path


def test_online_results_are_cached(nominatim):
    online.nominatim_search("Qwertzabad", country="SY")
    online.nominatim_search("Qwertzabad", country="SY")
    online.nominatim_search("Nowhere", country="SY")
    online.nominatim_search("Nowhere", country="SY")
    assert len(nominatim.requests) == 2  # "no result" is cached too


def test_online_not_asked_when_the_gazetteer_is_confident(nominatim, bundled_index):
    resolve(bundled_index, "Idlib")
    assert nominatim.requests == []


def test_online_not_asked_unless_configured(nominatim, bundled_index, settings):
    settings.GEOCODER_ONLINE = ""
    assert resolve(bundled_index, "Qwertzabad") is None
    assert nominatim.requests == []


def test_online_requests_are_throttled_to_one_per_interval(nominatim, settings):
    settings.GEOCODER_MIN_INTERVAL = 1
    started = time.monotonic()
    online.nominatim_search("Qwertzabad", country="SY")
    online.nominatim_search("Other", country="SY")
    assert time.monotonic() - started >= 0.9
    assert len(nominatim.requests) == 2


def test_online_timeout_is_geocoding_unavailable(nominatim):
    nominatim.delay = 2.0  # > GEOCODER_TIMEOUT
    with pytest.raises(geocoding.GeocodingUnavailable):
        online.nominatim_search("Qwertzabad", country="SY")


def test_refused_connection_is_geocoding_unavailable(settings):
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.GEOCODER_ONLINE = "nominatim"
    settings.GEOCODER_DOMAIN = f"127.0.0.1:{port}"
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_TIMEOUT = 1
    settings.GEOCODER_MIN_INTERVAL = 0
    with pytest.raises(geocoding.GeocodingUnavailable):
        geocoding.lookup("Qwertzabad", country="SY")


def test_labelled_spellings_meet_the_accuracy_targets(bundled_index, settings):
    """bench/geocodebench.py's accuracy half: >= 95 % hits, <= 1 % wrong answers."""
    import csv

    path = gazetteer_bundle.DATA_DIR / "spellings_sy.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        cases = list(csv.DictReader(r for r in handle if not r.startswith("#")))
    hits = wrong = 0
    for case in cases:
        result = resolve(bundled_index, case["query"], admin1=case["admin1_hint"])
        if result is None or result.confidence < settings.GEOCODER_MIN_CONFIDENCE:
            continue
        off = km(result, float(case["lat"]), float(case["lon"]))
        hits += off <= 5
        wrong += off > 25
    assert len({c["expected_name"] for c in cases}) >= 60
    assert hits / len(cases) >= 0.95
    assert wrong / len(cases) <= 0.01


def test_a_place_stated_to_be_a_governorate_resolves_to_the_governorate(bundled_index):
    answer = bundled_index.resolve("Idlib", country="SY", feature_type="governorate")
    assert answer is not None
    assert answer.best.entry.feature_type == "governorate"
    assert answer.precision == 3
    assert answer.confidence >= 0.75
