"""Kept cluster answers answered by maps.middleware.KeptClusterAnswerMiddleware,
before the rest of the middleware (issue 16): the same status, body and headers
(in order) as the whole stack, editors answered by the whole stack, a write seen
at once, drafts never shown, the rate limit kept."""

import pytest
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.signals import request_finished, request_started
from django.db import OperationalError
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from events import dataversion
from events import services as event_services
from events.models import Event
from events.tests.admin_forms import logged_in
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps.apibase import PublicApiView
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
FAST = "maps.middleware.KeptClusterAnswerMiddleware"
QUERIES = (
    "zoom=6&date_from=2000-01-01",
    "zoom=8&in_bbox=35.0,34.5,38.5,37.0",
    "zoom=14&in_bbox=36.5,35.8,36.9,36.1&type=armed-clash",
)
PATHS = ("/api/v1/clusters/", "/ar/api/v1/clusters/")


@pytest.fixture
def stack(monkeypatch) -> list:
    """The requests that reached URL resolution and the view (the whole stack)."""
    seen, inner = [], BaseHandler._get_response
    monkeypatch.setattr(
        BaseHandler, "_get_response", lambda self, r: seen.append(r) or inner(self, r)
    )
    return seen


@pytest.fixture
def whole_stack(settings):
    """A client of the whole stack, as before the middleware."""

    def client(role: str | None = None) -> Client:
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != FAST]
        return logged_in(role)

    return client


@pytest.fixture(params=[False, True], ids=["no-rate-limit", "rate-limit"])
def rate_limit(request, monkeypatch):
    throttles = (AnonRateThrottle,) if request.param else ()
    monkeypatch.setattr(PublicApiView, "throttle_classes", throttles)
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000/min"})
    cache.clear()
    yield request.param
    cache.clear()


def world() -> tuple[Event, Event]:
    place = PlaceFactory(name="Saraqib", location=Point(36.8, 35.86))
    EventFactory(place=PlaceFactory(name="Aleppo", location=Point(37.16, 36.2)))
    shown = EventFactory(place=place, title="Shelling of Saraqib")
    draft = EventFactory(place=place, title="Unconfirmed", status=Event.Status.DRAFT)
    commit_hooks()
    return shown, draft


def exchange(client: Client, url: str, **headers) -> tuple:
    response = client.get(url, **headers)
    return (
        response.status_code,
        response.reason_phrase,
        response.content,
        list(response.headers.items()),  # in order: as the server writes them
        response.cookies.output(),
    )


def test_the_fast_answer_is_the_whole_stacks_bytes_and_headers(
    stack, whole_stack, rate_limit
):
    world()
    fast = Client()
    urls = [f"{path}?{query}" for path in PATHS for query in QUERIES]
    for url in urls:  # new views: the whole stack's, and the headers of each kind
        etag = fast.get(url)["ETag"]
        assert fast.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    reached = len(stack)
    kept = {}
    for url in urls:
        answer = exchange(fast, url)
        etag = dict(answer[3])["ETag"]
        kept[url] = (
            answer,
            exchange(fast, url, HTTP_IF_NONE_MATCH=etag),
            exchange(fast, url, HTTP_IF_NONE_MATCH=f'"other", {etag}'),
            exchange(fast, url, HTTP_ACCEPT="application/json"),
            exchange(fast, url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_COOKIE="theme=dark"),
        )
        assert [a[0] for a in kept[url]] == [200, 304, 304, 200, 200]
        assert b'"clusters"' in answer[2]
    assert len(stack) == reached  # none reached URL resolution or the view
    before = whole_stack()
    for url, (answer, not_modified, either, json, arabic) in kept.items():
        etag = dict(answer[3])["ETag"]
        assert exchange(before, url) == answer
        assert exchange(before, url, HTTP_IF_NONE_MATCH=etag) == not_modified
        assert exchange(before, url, HTTP_IF_NONE_MATCH=f'"other", {etag}') == either
        assert exchange(before, url, HTTP_ACCEPT="application/json") == json
        assert (
            exchange(before, url, HTTP_ACCEPT_LANGUAGE="ar", HTTP_COOKIE="theme=dark")
            == arabic
        )
    headers = dict(answer[3])
    assert headers["Content-Language"] == "ar"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "public, max-age=60"
    assert "Content-Security-Policy" in headers
    assert ("Cookie" in headers.get("Vary", "")) == rate_limit  # the session read


def test_other_validators_are_answered_by_the_whole_stack(stack, whole_stack):
    world()
    fast = Client()
    url = f"{PATHS[0]}?{QUERIES[0]}"
    etag = fast.get(url)["ETag"]
    asks = [
        {"HTTP_IF_NONE_MATCH": "*"},  # ConditionalGetMiddleware's 304
        {"HTTP_IF_NONE_MATCH": '"stale"'},  # a 200
        {"HTTP_IF_MATCH": '"other"'},  # its 412
        {"HTTP_IF_MATCH": etag},
        {"HTTP_IF_MODIFIED_SINCE": "Sat, 05 Dec 2026 10:00:00 GMT"},
        {"HTTP_COOKIE": "csrftoken=x"},  # malformed: CsrfViewMiddleware replaces it
    ]
    answers = [exchange(fast, url, **headers) for headers in asks]
    assert [a[0] for a in answers] == [304, 200, 412, 200, 200, 200]
    assert "csrftoken=" in answers[-1][4]
    # The first, the 304 and the 412 of ConditionalGetMiddleware, the CSRF cookie.
    assert len(stack) == 4
    before = whole_stack()
    again = [exchange(before, url, **headers) for headers in asks]
    assert again[:-1] == answers[:-1]
    assert again[-1][:4] == answers[-1][:4]  # the new CSRF cookie is random
    assert "csrftoken=" in again[-1][4]


def test_an_editor_is_answered_by_the_whole_stack_and_sees_no_draft(
    stack, whole_stack, rate_limit
):
    shown, draft = world()
    url = f"{PATHS[0]}?{QUERIES[2]}"
    anonymous, editor = Client(), logged_in("Editor")
    anonymous.get(url)
    public = exchange(anonymous, url)  # kept, answered by the middleware
    reached = len(stack)
    answers = [exchange(editor, url) for _ in range(3)]
    basic = exchange(anonymous, url, HTTP_AUTHORIZATION="Basic eDp5")  # x:y
    assert len(stack) == reached + 4  # each through the whole stack
    assert answers[0] == answers[2]
    assert answers[0][2] == public[2]  # the public answer, drafts left out
    titles = [e["title"] for e in editor.get(url).json()["events"]]
    assert titles == [shown.title]
    assert draft.title.encode() not in answers[0][2]
    # DRF's answer to wrong credentials (read by the rate limit only), not a 500.
    assert basic[0] == (403 if rate_limit else 200)
    assert exchange(whole_stack("Editor"), url) == answers[0]
    assert exchange(whole_stack(), url, HTTP_AUTHORIZATION="Basic eDp5") == basic


def test_a_write_shows_in_the_next_fast_answer(stack):
    shown, draft = world()
    fast = Client()
    url = f"{PATHS[0]}?{QUERIES[2]}"
    fast.get(url)
    before = fast.get(url)
    assert before.json()["total"] == 1
    reached = len(stack)
    event_services.event_publish(event=draft)
    commit_hooks()
    after = fast.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200  # not the 304 of the answer before the write
    assert after.json()["total"] == 2
    assert "Unconfirmed" in [e["title"] for e in after.json()["events"]]
    assert len(stack) == reached  # a new answer, computed here at the new version
    event_services.event_retract(event=draft, reason="Not confirmed.")
    commit_hooks()
    again = fast.get(url)
    assert again.json()["total"] == 1
    assert b"Unconfirmed" not in again.content
    assert fast.get(url).content == again.content  # kept again, at the new version
    assert len(stack) == reached


def test_fast_answers_count_against_the_rate_limit(stack, monkeypatch):
    monkeypatch.setattr(PublicApiView, "throttle_classes", (AnonRateThrottle,))
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    world()
    cache.clear()
    client = Client()
    url = f"{PATHS[0]}?{QUERIES[0]}"
    codes = [client.get(url).status_code for _ in range(5)]
    cache.clear()
    assert codes == [200, 200, 200, 429, 429]
    assert len(stack) == 3  # the first, then the two refused (DRF's 429)


def test_a_fast_answer_is_a_request_as_any_other_to_the_handler(stack, whole_stack):
    """request_started/request_finished (connections closed, the server's log line)
    fire for it; a host not allowed is refused as the whole stack refuses it."""
    world()
    fast = Client()
    url = f"{PATHS[0]}?{QUERIES[0]}"
    fast.get(url)
    signals = []
    started = lambda **kwargs: signals.append("started")  # noqa: E731
    finished = lambda **kwargs: signals.append("finished")  # noqa: E731
    request_started.connect(started)
    request_finished.connect(finished)
    try:
        assert fast.get(url).status_code == 200
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert signals == ["started", "finished"]
    assert len(stack) == 1
    refused = exchange(fast, url, HTTP_HOST="elsewhere.example")
    assert refused[0] == 400
    assert exchange(whole_stack(), url, HTTP_HOST="elsewhere.example") == refused


def test_an_outage_is_answered_by_the_whole_stack_503(stack, monkeypatch):
    world()
    fast = Client()
    url = f"{PATHS[0]}?{QUERIES[0]}"
    fast.get(url)
    assert fast.get(url).status_code == 200
    reached = len(stack)

    def down(**kwargs):
        raise OperationalError("the database restarts")

    monkeypatch.setattr(dataversion, "clusters_version", down)
    response = fast.get(url)
    assert response.status_code == 503  # maps.middleware.DatabaseUnavailable…
    assert response["Retry-After"]
    assert len(stack) == reached + 1


def test_a_new_view_is_answered_here_as_the_whole_stack_answers_it(
    stack, whole_stack, rate_limit
):
    """Once a path's headers are learned, a new view of valid parameters is computed
    here: the bytes and headers the whole stack computes for it (asked there by the
    same parameters in another order: a new view there too), its 304 too; invalid
    parameters get the view's 400."""
    world()
    fast = Client()
    for path in PATHS:  # headers of each path learned (200 and 304)
        etag = fast.get(f"{path}?{QUERIES[0]}")["ETag"]
        fast.get(f"{path}?{QUERIES[0]}", HTTP_IF_NONE_MATCH=etag)
    reached = len(stack)
    new, not_modified = {}, {}
    for path in PATHS:
        for query in QUERIES[1:]:
            answer = exchange(fast, f"{path}?{query}")
            new[(path, query)] = answer
            reordered = "&".join(reversed(query.split("&")))
            not_modified[(path, reordered)] = exchange(
                fast, f"{path}?{reordered}", HTTP_IF_NONE_MATCH=dict(answer[3])["ETag"]
            )
    assert len(stack) == reached  # none reached URL resolution or the view
    assert fast.get(f"{PATHS[0]}?zoom=99").status_code == 400
    assert len(stack) == reached + 1
    before = whole_stack()
    for (path, query), answer in new.items():
        assert answer[0] == 200
        assert b'"clusters"' in answer[2]
        reordered = "&".join(reversed(query.split("&")))
        assert exchange(before, f"{path}?{reordered}") == answer
    for (path, query), answer in not_modified.items():
        assert answer[0] == 304
        etag = dict(answer[3])["ETag"]
        assert exchange(before, f"{path}?{query}", HTTP_IF_NONE_MATCH=etag) == answer
