"""The cluster endpoint's kept answers, answered before DRF's dispatch (issue 16): the
same bytes and headers as through DRF, the same ETag/304, errors and rate limit."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from events.tests.factories import EventFactory
from maps.apibase import PublicApiView
from maps.middleware import KeptClusterAnswerMiddleware
from maps.selectors import cluster_answers, index_build

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/?zoom=6&date_from=2000-01-01"


@pytest.fixture
def dispatched(monkeypatch) -> list:
    """The requests DRF's dispatch checked (its ``initial``)."""
    seen, initial = [], APIView.initial
    monkeypatch.setattr(
        APIView, "initial", lambda self, r, *a, **k: seen.append(r) or initial(self, r)
    )
    return seen


@pytest.fixture
def through_drf(monkeypatch):
    """Every request through DRF, as before the kept path (nothing found kept)."""

    def drf_only(*, key: str, if_none_match: str = "", current=None):
        return None, index_build._live()

    def use() -> None:
        monkeypatch.setattr(cluster_answers, "event_clusters_kept", drf_only)
        # Nor a new view answered before the middleware below (maps.middleware).
        monkeypatch.setattr(KeptClusterAnswerMiddleware, "_new", lambda *a: None)

    return use


def exchange(client: Client, url: str = URL, **headers) -> tuple:
    response = client.get(url, **headers)
    return response.status_code, response.content, sorted(response.headers.items())


@pytest.fixture(autouse=True)
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(PublicApiView, "throttle_classes", ())


def test_a_kept_answer_skips_drf_with_the_same_bytes_and_headers(
    dispatched, through_drf
):
    EventFactory()
    EventFactory()
    client = Client()
    first = exchange(client)  # a new view: through DRF, then kept
    assert len(dispatched) == 1
    kept = exchange(client)
    assert len(dispatched) == 1  # answered without DRF's dispatch
    etag = dict(kept[2])["ETag"]
    kept_304 = exchange(client, HTTP_IF_NONE_MATCH=etag)
    kept_json = exchange(client, HTTP_ACCEPT="application/json")
    assert len(dispatched) == 1
    assert kept[0] == 200
    assert kept_304[0] == 304
    assert b'"clusters"' in kept[1]

    through_drf()
    assert exchange(client) == first == kept
    assert exchange(client, HTTP_IF_NONE_MATCH=etag) == kept_304
    assert exchange(client, HTTP_ACCEPT="application/json") == kept_json
    assert len(dispatched) == 4
    assert dict(kept[2])["Allow"] == "GET, HEAD, OPTIONS"


def test_what_is_not_a_kept_answer_goes_through_drf_as_before(dispatched):
    EventFactory()
    client = Client()
    assert client.get(URL).status_code == 200  # now kept
    bad = client.get("/api/v1/clusters/?zoom=x")
    assert bad.status_code == 400
    assert "zoom" in bad.json()
    assert client.get(URL, HTTP_ACCEPT="text/html").status_code == 406
    assert client.head(URL).status_code == 200
    assert client.options(URL).status_code == 200
    assert client.post(URL).status_code == 405
    assert len(dispatched) == 6


def test_a_kept_answer_reads_the_data_version_once(monkeypatch):
    """A new view falls back to DRF with the (index, version) already read: one
    read of the version (with Redis, one round trip) per request, as before."""
    from events import dataversion

    EventFactory()
    client = Client()
    client.get(URL)
    reads, real = [], dataversion.clusters_version
    monkeypatch.setattr(
        dataversion, "clusters_version", lambda **k: reads.append(k) or real(**k)
    )
    assert client.get(URL).status_code == 200  # kept
    assert client.get(URL + "&zoom=7").status_code == 200  # new
    assert len(reads) == 2


def test_kept_answers_count_against_the_rate_limit(monkeypatch, dispatched):
    monkeypatch.setattr(PublicApiView, "throttle_classes", (AnonRateThrottle,))
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    EventFactory()
    cache.clear()
    client = Client()
    codes = [client.get(URL).status_code for _ in range(5)]
    refused = client.get(URL)
    cache.clear()
    assert codes == [200, 200, 200, 429, 429]
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    assert refused.json()["detail"]
