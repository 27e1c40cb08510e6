"""Anonymous exports: own rate limit, bounded rendering, identical exports cached."""

import pytest
from django.core.cache import cache

from events import services as event_services
from events.tests.commits import commit_hooks
from events.tests.factories import EventFactory
from maps import exportguard
from maps import services as map_exports

pytestmark = pytest.mark.django_db

URLS = ["/export/map.html", "/export/events.geojson", "/export/events.csv"]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.EXPORT_RATE_LIMIT = ""


@pytest.fixture
def renders(monkeypatch):
    """How often each export was really rendered (the real renderers still run)."""
    from interchange import files as interchange

    calls = {"map": 0, "data": 0}
    real_map, real_data = map_exports.map_export_render, interchange.event_export

    def map_render(**kwargs):
        calls["map"] += 1
        return real_map(**kwargs)

    def data_render(**kwargs):
        calls["data"] += 1
        return real_data(**kwargs)

    monkeypatch.setattr(map_exports, "map_export_render", map_render)
    monkeypatch.setattr(interchange, "event_export", data_render)
    return calls


def test_identical_exports_are_rendered_once(client, renders):
    EventFactory(title="Hilltops retaken")
    first = client.get("/export/map.html?type=battles")
    second = client.get("/export/map.html?type=battles")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert renders["map"] == 1
    for url in ("/export/events.geojson", "/export/events.csv"):
        assert client.get(url).content == client.get(url).content
    assert renders["data"] == 2


def test_different_filters_are_rendered_apart(client, renders):
    EventFactory()
    client.get("/export/events.csv?format=acled")
    client.get("/export/events.csv?format=ucdp")
    client.get("/export/events.csv?in_bbox=35,34,37,36")
    client.get("/export/events.csv?in_bbox=35,34,37,36.0000001")
    assert renders["data"] == 4


def test_a_retraction_is_not_served_from_the_export_cache(
    client, renders, django_user_model
):
    event = EventFactory(title="Soon retracted")
    commit_hooks()
    assert b"Soon retracted" in client.get("/export/events.geojson").content
    reviewer = django_user_model.objects.create_user("r", is_superuser=True)
    event_services.event_retract(event=event, reason="Wrong", user=reviewer)
    commit_hooks()
    assert b"Soon retracted" not in client.get("/export/events.geojson").content
    assert renders["data"] == 2


@pytest.mark.parametrize("url", URLS)
def test_export_is_refused_with_503_while_another_process_renders(
    client, settings, url
):
    """The site-wide slot count lives in the shared cache: another worker holding
    every slot makes this one answer at once instead of rendering too."""
    EventFactory()
    settings.EXPORT_MAX_CONCURRENT_SITE = 1
    cache.set(exportguard.SLOTS_KEY, 1, 60)  # one render under way elsewhere
    response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) >= 1
    cache.delete(exportguard.SLOTS_KEY)
    assert client.get(url).status_code == 200


def test_export_is_refused_with_503_while_this_process_renders(
    client, settings, monkeypatch
):
    """A second export asked while this process renders one (another thread of a
    threaded server) gets 503, not a queue position."""
    EventFactory()
    settings.EXPORT_MAX_CONCURRENT = 1
    settings.EXPORT_MAX_CONCURRENT_SITE = 10
    real = map_exports.map_export_render
    during: list = []

    def render_and_ask_again(**kwargs):
        during.append(client.get("/export/events.geojson?type=battles"))
        return real(**kwargs)

    monkeypatch.setattr(map_exports, "map_export_render", render_and_ask_again)
    assert client.get("/export/map.html").status_code == 200
    assert during[0].status_code == 503
    assert during[0]["Retry-After"] == str(exportguard.RETRY_AFTER_BUSY)
    assert client.get("/export/events.geojson?type=battles").status_code == 200


def test_a_cached_export_is_served_even_when_every_slot_is_busy(client, settings):
    EventFactory()
    assert client.get("/export/events.csv").status_code == 200
    cache.set(exportguard.SLOTS_KEY, settings.EXPORT_MAX_CONCURRENT_SITE, 60)
    assert client.get("/export/events.csv").status_code == 200


def test_slots_are_released_after_an_error(client, monkeypatch):
    EventFactory()

    def broken(**kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(map_exports, "map_export_render", broken)
    client.raise_request_exception = False
    assert client.get("/export/map.html").status_code == 500
    assert cache.get(exportguard.SLOTS_KEY) == 0
    monkeypatch.undo()
    assert client.get("/export/map.html").status_code == 200


def test_export_rate_is_per_client_and_lower_than_the_api(client, settings):
    settings.EXPORT_RATE_LIMIT = "2/min"
    EventFactory()
    codes = [client.get("/export/events.csv").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/events/").status_code == 200
