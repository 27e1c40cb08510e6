"""Anonymous users see published events only, on every URL of the project.

The URLconf is walked: every pattern outside admin/ must have an entry in
PUBLIC_REQUESTS (a new public URL without one fails test_every_public_url_is_covered).
Hidden events (draft, in review, retracted) carry marker strings in their title,
summary, place, actor, source and quote; no response may contain any of them, and
their ids give 404 wherever an id is asked for.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from rest_framework.throttling import AnonRateThrottle

from events import services as event_services
from events.models import Event
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    EventSourceFactory,
    SourceFactory,
)
from maps.forms import EventFilterForm
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = {
    "draft": Event.Status.DRAFT,
    "review": Event.Status.IN_REVIEW,
    "retracted": Event.Status.RETRACTED,
}
FIELDS = ("title", "summary", "place", "actor", "publisher", "source", "quote")
PREFIX = "ZQXHIDDEN"  # every marker starts with it; searching for it matches none
# The corrections log shows a retracted event's title and the reason (by design).
CORRECTION_URLS = {"events:corrections", "events:corrections-feed"}
ALLOWED_ON_CORRECTIONS = {"ZQXHIDDENRETRACTEDTITLE", "ZQXHIDDENRETRACTEDREASON"}
PUBLIC_TITLE = "ZQXPUBLICCONTROLTITLE"


def marker(kind: str, field: str) -> str:
    return f"{PREFIX}{kind.upper()}{field.upper()}"


@dataclasses.dataclass
class World:
    public: Event
    hidden: dict[str, Event]
    hidden_actor_ids: list[int]
    hidden_place_ids: list[int]

    @property
    def markers(self) -> set[str]:
        found = {marker(kind, field) for kind in self.hidden for field in FIELDS}
        return found | {"ZQXHIDDENRETRACTEDREASON"}


@pytest.fixture
def world(monkeypatch, settings) -> World:
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    settings.EXPORT_RATE_LIMIT = ""  # the walk downloads dozens of filtered views
    public = EventFactory(
        title=PUBLIC_TITLE,
        date_start=dt.date(2019, 7, 14),
        place=PlaceFactory(name="Public place", location=Point(36.6, 35.5, srid=4326)),
    )
    EventSourceFactory(event=public)
    event_services.event_correct(event=public, note="A public correction note.")
    hidden: dict[str, Event] = {}
    actor_ids, place_ids = [], []
    for kind, status in HIDDEN_STATUSES.items():
        place = PlaceFactory(
            name=marker(kind, "place"), location=Point(36.6, 35.5, srid=4326)
        )
        event = EventFactory(
            title=marker(kind, "title"),
            summary=f"Summary {marker(kind, 'summary')}.",
            date_start=dt.date(2019, 7, 15),
            place=place,
            disputed=True,
            status=Event.Status.PUBLISHED if kind == "retracted" else status,
        )
        actor = ActorFactory(name=marker(kind, "actor"))
        EventActorFactory(event=event, actor=actor)
        source = SourceFactory(
            publisher=marker(kind, "publisher"), title=marker(kind, "source")
        )
        EventSourceFactory(event=event, source=source, quote=marker(kind, "quote"))
        if kind == "retracted":
            # Published once, then withdrawn: the corrections log keeps title + reason.
            event_services.event_retract(event=event, reason="ZQXHIDDENRETRACTEDREASON")
        hidden[kind] = event
        actor_ids.append(actor.pk)
        place_ids.append(place.pk)
    return World(public, hidden, actor_ids, place_ids)


# --- what to request, per URL name ------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Req:
    query: dict[str, str] = dataclasses.field(default_factory=dict)
    kwargs: dict[str, object] = dataclasses.field(default_factory=dict)
    status: int = 200


def filter_sets(w: World) -> list[dict[str, str]]:
    """No filter, then each filter chosen to match the hidden events if they leaked."""
    sets = [
        {},
        {"q": PREFIX},
        {"q": "Summary"},
        {"date_from": "2019-07-15", "date_to": "2019-07-15"},
        {"type": "armed-clash"},
        {"actor": ",".join(str(pk) for pk in w.hidden_actor_ids)},
        {"actor": marker("draft", "actor")[:-1]},  # not a full marker, not a name
        {"disputed": "true"},
        {"disputed": "false"},
        {"in_bbox": "36,35,37,36"},
    ]
    if "place" in EventFilterForm.base_fields:  # the map's place filter
        sets += [{"place": str(pk)} for pk in w.hidden_place_ids]
    return sets


def filtered(w: World, **extra: str) -> list[Req]:
    return [Req(query={**query, **extra}) for query in filter_sets(w)]


def ids(w: World, *, hidden_status: int = 404) -> list[Req]:
    reqs = [Req(kwargs={"pk": e.pk}, status=hidden_status) for e in w.hidden.values()]
    return [*reqs, Req(kwargs={"pk": w.public.pk})]


def oembed(w: World) -> list[Req]:
    base = "http://testserver"
    reqs = [
        Req(query={"url": f"{base}/events/{e.pk}/"}, status=404)
        for e in w.hidden.values()
    ]
    reqs += [
        Req(query={"url": f"{base}/events/{w.public.pk}/"}),
        Req(query={"url": f"{base}/?q={PREFIX}"}),
        *(Req(query={"url": f"{base}/embed/?focus={e.pk}"}) for e in w.hidden.values()),
    ]
    return reqs


# Every public URL name and the requests that exercise it. Add an entry with a new URL.
PUBLIC_REQUESTS: dict[str, Callable[[World], list[Req]]] = {
    "events:map": filtered,
    "events:embed": lambda w: [
        *filtered(w),
        *(Req(query={"focus": str(e.pk)}) for e in w.hidden.values()),
        Req(query={"timeline": "0", "lock": "1", "q": PREFIX}),
    ],
    "events:embed-builder": lambda w: filtered(w, timeline="0", lock="1"),
    "events:oembed": oembed,
    "events:detail": ids,
    "events:corrections": lambda w: [Req(), Req(query={"page": "2"})],
    "events:corrections-feed": lambda w: [Req()],
    "events:export-geojson": filtered,
    "events:export-csv": lambda w: [*filtered(w), *filtered(w, format="ucdp")],
    "events:export-map": filtered,
    "events:api-event-list": filtered,
    "events:api-event-detail": ids,
    "events:api-event-clusters": lambda w: [
        req for zoom in ("2", "9", "16") for req in filtered(w, zoom=zoom)
    ],
    "events:api-event-histogram": filtered,
    "events:api-place-search": lambda w: [
        Req(query={"q": q}) for q in (PREFIX, "ZQXHIDDENDRAFT", "Public", "a")
    ],
    "events:api-schema": lambda w: [Req()],
    "events:api-control": lambda w: [
        Req(),
        *(Req(query={"date": day}) for day in ("2019-07-14", "2019-07-16")),
        Req(query={"date": "2019-07-16", "in_bbox": "36,35,37,36"}),
    ],
    "events:api-place-control": lambda w: [
        Req(kwargs={"pk": w.public.place_id}),
        *(Req(kwargs={"pk": pk}, status=404) for pk in w.hidden_place_ids),
    ],
}


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield route, name


def url_table() -> list[tuple[str, str | None]]:
    return list(_walk(get_resolver().url_patterns))


def is_admin(route: str) -> bool:
    return route.startswith(("admin/", "^admin/"))


def public_names() -> list[str]:
    return sorted({name or route for route, name in url_table() if not is_admin(route)})


def paths(name: str, kwargs: dict) -> list[str]:
    """The URL in every language (i18n_patterns prefixes; the same path otherwise)."""
    from django.conf import settings

    found = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            path = reverse(name, kwargs=kwargs)
        if path not in found:
            found.append(path)
    return found


def test_every_public_url_is_covered():
    missing = [name for name in public_names() if name not in PUBLIC_REQUESTS]
    assert missing == [], (
        f"public URLs with no entry in PUBLIC_REQUESTS (say what to request): {missing}"
    )


@pytest.mark.parametrize("name", public_names())
def test_no_hidden_event_leaks(world, name):
    client = Client()
    failures = []
    requests = PUBLIC_REQUESTS[name](world)
    assert requests, f"{name}: no requests"
    for req in requests:
        for path in paths(name, req.kwargs):
            response = client.get(path, req.query)
            where = f"{path}?{req.query}"
            if response.status_code != req.status:
                failures.append(f"{where}: {response.status_code} != {req.status}")
            body = b"".join(response) if response.streaming else response.content
            forbidden = world.markers
            if name in CORRECTION_URLS:
                forbidden = forbidden - ALLOWED_ON_CORRECTIONS
            leaked = sorted(m for m in forbidden if m.encode() in body)
            if leaked:
                failures.append(f"{where}: leaks {leaked}")
    assert failures == []


def test_public_event_is_seen_where_hidden_ones_are_not(world):
    """The marker search can fail: the published control event's title is found."""
    client = Client()
    pk = world.public.pk
    for path in [
        "/api/v1/events/",
        f"/api/v1/events/{pk}/",
        f"/events/{pk}/",
        "/export/events.geojson",
        "/export/map.html",
        "/corrections/",
        "/corrections/feed/",
    ]:
        assert PUBLIC_TITLE.encode() in client.get(path).content, path


def test_corrections_log_shows_retracted_title_and_reason_only(world):
    body = Client().get("/corrections/").content.decode()
    assert "ZQXHIDDENRETRACTEDTITLE" in body
    assert "ZQXHIDDENRETRACTEDREASON" in body
    assert f"/events/{world.hidden['retracted'].pk}/" not in body
    for field in ("summary", "place", "actor", "publisher", "source", "quote"):
        assert marker("retracted", field) not in body


ADMIN_URLS = ["admin:index", "admin:events_event_changelist", "admin-ingest"]


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_urls_redirect_anonymous_users_to_login(world, name):
    path = reverse(name)
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not any(m.encode() in response.content for m in world.markers)


def test_admin_change_page_of_a_hidden_event_redirects_to_login(world):
    event = world.hidden["draft"]
    response = Client().get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_admin_route_is_under_admin():
    admin_routes = [route for route, name in url_table() if is_admin(route)]
    assert admin_routes, "the walk finds the admin"
    names = {name for route, name in url_table() if is_admin(route)}
    assert set(ADMIN_URLS) - {"admin:events_event_changelist"} <= names
