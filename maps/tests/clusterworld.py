"""The cluster tests' world: random events in the real database, the brute-force
counts the cluster index must match, and the client and helpers the tests share."""

import datetime as dt
import math
import random

import orjson
import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from rest_framework.renderers import JSONRenderer

from events import selectors
from events.filters import EventFilters
from events.models import Actor, Event, EventActor, EventType
from events.tests.factories import ActorFactory
from maps.clusters import engine
from maps.selectors import cluster_answers, geojson_export
from maps.serializers import EventFeatureSerializer
from places.models import Place

URL = "/api/v1/clusters/"


DAY0 = dt.date(2012, 1, 1)


TOWNS = [(36.72, 35.93), (36.16, 36.20), (36.75, 34.73), (38.99, 35.95), (36.29, 33.51)]


@pytest.fixture
def world():
    """~400 events: every status, unlocated places, ranges, actors, coalitions."""
    rng = random.Random(7)
    places = [
        Place.objects.create(
            name=f"Village {i}",
            admin1="Idlib",
            location=Point(
                round(town[0] + rng.gauss(0, 0.08), 5),
                round(town[1] + rng.gauss(0, 0.08), 5),
                srid=4326,
            ),
        )
        for i, town in enumerate(rng.choice(TOWNS) for _ in range(40))
    ]
    places += [Place.objects.create(name="Somewhere", location=None)]
    coalition = ActorFactory(name="National Front")
    member = ActorFactory(name="Faction One")
    member.parent = coalition
    member.save()
    actors = [coalition, member, ActorFactory(name="Army")]
    types = list(EventType.objects.all())
    statuses = [Event.Status.PUBLISHED] * 6 + [
        Event.Status.DRAFT,
        Event.Status.IN_REVIEW,
        Event.Status.RETRACTED,
    ]
    events = []
    for i in range(400):
        start = DAY0 + dt.timedelta(days=rng.randrange(3650))
        end = start + dt.timedelta(days=rng.randrange(1, 60)) if i % 7 == 0 else None
        events.append(
            Event(
                title=f"{'Shelling near Aleppo' if i % 5 == 0 else 'Clash'} {i}",
                summary="report" if i % 3 else "market attack",
                event_type=rng.choice(types),
                date_start=start,
                date_end=end,
                place=rng.choice(places),
                status=rng.choice(statuses),
                disputed=i % 4 == 0,
            )
        )
    events = Event.objects.bulk_create(events)
    EventActor.objects.bulk_create(
        EventActor(event=event, actor=actor)
        for event in events
        for actor in rng.sample(actors, rng.randrange(0, 3))
    )
    return events


def brute(filters: EventFilters) -> dict[int, dict]:
    """Public events matching ``filters`` except the bbox, computed in plain Python."""
    chosen = {
        a.pk
        for a in Actor.objects.all()
        if str(a.pk) in filters.actors or a.name in filters.actors
    }
    wanted_actors = chosen | {
        a.pk for a in Actor.objects.all() if a.parent_id in chosen
    }
    links: dict[int, set[int]] = {}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        links.setdefault(event_id, set()).add(actor_id)
    found = {}
    for event in Event.objects.select_related("place", "event_type__parent"):
        if event.status != "published" or event.place.location is None:
            continue
        last = event.date_end or event.date_start
        if filters.date_from and last < filters.date_from:
            continue
        if filters.date_to and event.date_start > filters.date_to:
            continue
        top = event.event_type.parent or event.event_type
        if filters.types and not {event.event_type.slug, top.slug} & set(filters.types):
            continue
        if filters.actors and not links.get(event.pk, set()) & wanted_actors:
            continue
        if filters.disputed is not None and event.disputed != filters.disputed:
            continue
        if filters.place and filters.place not in (
            str(event.place_id),
            event.place.name,
        ):
            continue
        haystack = (event.title, event.summary, event.place.name)
        if filters.q and not any(filters.q.lower() in h.lower() for h in haystack):
            continue
        found[event.pk] = {
            "lon": event.place.location.x,
            "lat": event.place.location.y,
            "top": top.slug,
        }
    return found


def cell(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2 ** (zoom + 2)
    lat = max(min(lat, 85.05112878), -85.05112878)
    x = (lon + 180) / 360
    y = (
        1
        - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat)))
        / math.pi
    ) / 2
    return int(x * n), int(y * n)


def in_touched_cells(found: dict, bbox, zoom: int) -> dict:
    """Events of the grid cells that the bbox (clipped to all public events) touches."""
    public = brute(EventFilters())
    lons = [e["lon"] for e in public.values()]
    lats = [e["lat"] for e in public.values()]
    lo = cell(max(bbox[0], min(lons)), max(bbox[1], min(lats)), zoom)
    hi = cell(min(bbox[2], max(lons)), min(bbox[3], max(lats)), zoom)
    return {
        pk: e
        for pk, e in found.items()
        if lo[0] <= cell(e["lon"], e["lat"], zoom)[0] <= hi[0]
        and hi[1] <= cell(e["lon"], e["lat"], zoom)[1] <= lo[1]
    }


def answer(filters: EventFilters, zoom: int) -> dict:
    return orjson.loads(
        cluster_answers.event_clusters_bytes(filters=filters, zoom=zoom)
    )


def counted(result: dict) -> tuple[int, dict[str, int], set[int]]:
    by_type: dict[str, int] = {}
    for c in result["clusters"]:
        assert c["count"] == sum(c["types"].values()) > 1
        for slug, n in c["types"].items():
            by_type[slug] = by_type.get(slug, 0) + n
    for e in result["events"]:
        top = EventType.objects.get(slug=e["type"]).top.slug
        by_type[top] = by_type.get(top, 0) + 1
    total = sum(c["count"] for c in result["clusters"]) + len(result["events"])
    return total, by_type, {e["id"] for e in result["events"]}


def tops(found: dict) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in found.values():
        out[e["top"]] = out.get(e["top"], 0) + 1
    return out


FILTERS = [
    EventFilters(),
    EventFilters(date_from=dt.date(2016, 3, 1), date_to=dt.date(2016, 3, 31)),
    EventFilters(date_from=dt.date(2015, 1, 1), date_to=dt.date(2015, 12, 31)),
    EventFilters(date_from=dt.date(2012, 1, 1), date_to=dt.date(2021, 12, 31)),
    EventFilters(date_from=dt.date(2019, 6, 1)),
    EventFilters(date_to=dt.date(2013, 6, 1)),
    EventFilters(types=["battles"]),
    EventFilters(types=["air-drone-strike", "protests"]),
    EventFilters(
        types=["battles"], date_from=dt.date(2014, 1, 1), date_to=dt.date(2016, 1, 1)
    ),
    EventFilters(actors=["National Front"]),
    EventFilters(actors=["Army"], types=["explosions-remote-violence"]),
    EventFilters(disputed=True),
    EventFilters(disputed=False, date_from=dt.date(2018, 1, 1)),
    EventFilters(q="aleppo"),
    EventFilters(q="market", disputed=True, date_to=dt.date(2017, 1, 1)),
    EventFilters(place="Village 3"),
    EventFilters(place="Village 5", types=["battles"]),
]


def reference_features(filters: EventFilters) -> list[dict]:
    """The drf-gis serializer's Features: the reference shape the fast path must match."""
    events = list(selectors.event_list_public(filters=filters))
    data = EventFeatureSerializer(events, many=True).data
    return orjson.loads(JSONRenderer().render(data))["features"]


def _export_titles() -> dict[int, str]:
    body = orjson.loads(geojson_export.event_geojson_bytes())
    return {f["id"]: f["properties"]["title"] for f in body["features"]}


@pytest.fixture
def client() -> Client:
    return Client()


MASKED = [f for f in FILTERS if f.actors or f.q or f.place or f.disputed is not None]


def no_sub_index(index, mask, complement=False):
    return None


_own_sub_index = engine.ClusterIndex._sub_index


def only_complement(index, mask, complement=False):
    """As for a mask that keeps too many rows but drops few (disputed=false)."""
    return _own_sub_index(index, mask, complement=True) if complement else None


def _shape(result: dict) -> tuple:
    clusters_ = sorted(
        (round(c["lon"], 3), round(c["lat"], 3), c["count"], sorted(c["types"].items()))
        for c in result["clusters"]
    )
    events = sorted(e["id"] for e in result["events"])
    return result["zoom"], result["total"], clusters_, events
