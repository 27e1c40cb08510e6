"""The control index's column storage: what it answers equals what the index of
encoded Features answered (every period's bytes, the periods, the justifying ids'
places), it holds no encoded Feature after a build (at 10M events those took 13.6 GB),
and its cache of Features stays within its bound."""

import datetime as dt
import gc
import random
import tracemalloc

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import MultiPolygon, Point
from django.core.management import call_command
from django.urls import reverse

from control import derive, index, services
from control import selectors as control_selectors
from control.columns import Ragged
from control.features import CONTESTED_COLOR, UNKNOWN_COLOR, coalition_color
from control.features import date_label as label
from events import dataversion
from events.models import Actor, Event
from events.tests.commits import commit_hooks
from events.tests.factories import (
    ActorFactory,
    EventActorFactory,
    EventFactory,
    event_type,
)
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]
TYPES = ("non-state-actor-overtakes-territory", "government-regains-territory")


def _old_feature(place: dict, period: derive.Period, names: dict[int, dict]) -> bytes:
    """The Feature as the index of encoded Features made it (control.selectors before
    the columns), the reference every answer is compared with."""
    coalition = names.get(period.controller_id) if period.controller_id else None
    actors = [names[a] for a in period.actor_ids if a in names]
    color = (
        CONTESTED_COLOR
        if period.state == derive.CONTESTED
        else coalition_color(period.controller_id)
        if period.state == derive.HELD
        else UNKNOWN_COLOR
    )
    return orjson.dumps(
        {
            "type": "Feature",
            "id": place["pk"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "area": place["area"],
                "place_id": place["pk"],
                "place": place["name"],
                "place_ar": place["name_ar"],
                "state": period.state,
                "coalition": coalition,
                "actors": actors,
                "color": color,
                "since": period.start.isoformat(),
                "since_label": label(period),
                "until": period.until.isoformat() if period.until else None,
                "uncertain_until": (
                    period.uncertain_until.isoformat()
                    if period.uncertain_until
                    else None
                ),
                "precision": period.precision,
                "disputed": period.disputed,
                "event_ids": period.event_ids,
                "observation_ids": period.observation_ids,
                "history_url": place["history_url"],
            },
        }
    )


def _old_features(periods: dict[int, list[derive.Period]]) -> dict[tuple, bytes]:
    """(place id, start) -> the old encoding, from the periods derived here."""
    places = Place.objects.in_bulk(list(periods))
    actors = {a for ps in periods.values() for p in ps for a in p.actor_ids}
    actors |= {p.controller_id for ps in periods.values() for p in ps}
    names = {
        a.pk: {"id": a.pk, "name": a.name, "name_ar": a.name_ar}
        for a in Actor.objects.filter(pk__in=actors)
    }
    out = {}
    for pk, ps in periods.items():
        place = places[pk]
        lon, lat = place.location.coords
        head = {
            "pk": pk,
            "lon": round(lon, 6),
            "lat": round(lat, 6),
            "area": control_selectors._area_json(place.area),
            "name": place.name,
            "name_ar": place.name_ar,
            "history_url": reverse("events:api-place-control", args=[pk]),
        }
        for period in ps:
            out[pk, period.start] = _old_feature(head, period, names)
    return out


def _disc(lon: float, lat: float, radius: float) -> MultiPolygon:
    return MultiPolygon(Point(lon, lat).buffer(radius, quadsegs=16), srid=4326)


def _world(rng: random.Random, changes: int = 60) -> list[dt.date]:
    """The demo data and a generated world: places with and without outlines, names
    that JSON escapes, coalitions, contested days, observations, every precision,
    disputed and draft events."""
    call_command("load_demo", verbosity=0)
    commit_hooks()
    actors = [
        ActorFactory(name=f'Faction "{i}"', name_ar=f"فصيل {i}") for i in range(5)
    ]
    Actor.objects.filter(pk=actors[1].pk).update(parent=actors[0])
    places = []
    for i in range(15):
        lon, lat = 36.0 + rng.random() * 1.4, 35.0 + rng.random()
        places.append(
            PlaceFactory(
                name=f"Tell {i} <b>\\",
                name_ar=f"تل {i}",
                location=Point(lon, lat),
                area=_disc(lon, lat, 0.005 * (i + 1)) if i % 3 == 0 else None,
            )
        )
    days = [dt.date(2019, 1, 1) + dt.timedelta(days=d) for d in range(0, 400, 17)]
    for _ in range(changes):
        place, day = rng.choice(places), rng.choice(days)
        for actor in rng.sample(actors, rng.choice([1, 1, 2])):  # 2: contested
            event = EventFactory(
                place=place,
                event_type=event_type(rng.choice(TYPES)),
                date_start=day,
                date_precision=rng.choice(["day", "day", "week", "month", "year"]),
                disputed=rng.random() < 0.2,
                status=rng.choice([Event.Status.PUBLISHED] * 4 + [Event.Status.DRAFT]),
            )
            for initiator in rng.sample(actors, rng.choice([0, 1, 1, 2])) or [actor]:
                EventActorFactory(event=event, actor=initiator, role="initiator")
    for _ in range(10):
        observation = services.observation_create(
            place=rng.choice(places),
            observed_on=rng.choice(days),
            controller=rng.choice(actors),
            precision=rng.choice(["day", "week", "month"]),
        )
        services.observation_publish(observation=observation)
    commit_hooks()
    return days


@pytest.mark.parametrize("seed", [5, 11])
def test_every_period_round_trips_to_the_old_feature_and_period(seed):
    _world(random.Random(seed))
    periods = derive.periods_of(control_selectors.control_changes_public())
    old = _old_features(periods)
    built = control_selectors._build(dataversion.clusters_version(fresh=True))
    assert len(built.features) == len(old) > 50
    keys = built.keys.tolist()
    new = {(k // index.SPAN, dt.date.fromordinal(k % index.SPAN)): f
           for k, f in zip(keys, built.features, strict=True)}  # fmt: skip
    assert new == old  # every period's bytes
    assert dict(built.periods) == periods
    owners = {e: pk for pk, ps in periods.items() for p in ps for e in p.event_ids}
    assert dict(built.event_place) == owners
    some = frozenset(list(owners)[::4]) | {-1}  # -1: an event justifying nothing
    assert built.places_justified_by(some) == {owners[e] for e in some if e > 0}
    observed = {
        o: pk for pk, ps in periods.items() for p in ps for o in p.observation_ids
    }
    assert dict(built.observation_place) == observed
    assert observed
    # Some of each kind the columns store.
    states = {p.state for ps in periods.values() for p in ps}
    assert states == {derive.HELD, derive.CONTESTED}
    assert any(p.uncertain_until for ps in periods.values() for p in ps)
    assert any(len(p.actor_ids) > 1 for ps in periods.values() for p in ps)


def test_an_answer_is_the_old_features_of_the_periods_in_force(client):
    days = _world(random.Random(23))
    old = _old_features(derive.periods_of(control_selectors.control_changes_public()))
    for day in days[::3]:
        response = client.get("/api/v1/control/", {"date": day.isoformat()})
        body = response.content
        expected = sorted(
            f
            for (pk, start), f in old.items()
            if start <= day
            and not any(s <= day and s > start for (p, s) in old if p == pk)
        )
        features = orjson.loads(body)["features"]
        assert sorted(orjson.dumps(f) for f in features) == expected


def test_the_index_holds_no_encoded_feature_after_a_build():
    """Regression: each period was kept as its encoded Feature, whose orjson buffer
    takes 4 KB or more whatever its length (9 KB a period at 10M events: 13.6 GB)."""
    _world(random.Random(7), changes=200)
    version = dataversion.clusters_version(fresh=True)
    control_selectors._build(version)  # warm Django's and the test's caches
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        built = control_selectors._build(version)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    periods = len(built.keys)
    assert periods > 100
    assert held / periods < 1024  # bytes a period (places' heads included)


def test_the_feature_cache_stays_within_its_bound_and_answers_the_same(monkeypatch):
    _world(random.Random(3))
    built = control_selectors._build(dataversion.clusters_version(fresh=True))
    everything = np.arange(len(built.keys))
    first = built.encoded(everything)  # cached up to the bound
    assert built._cache_bytes == sum(map(len, first))
    fresh = control_selectors._build(built.version)
    bound = sum(map(len, first[:10]))
    monkeypatch.setattr(index, "FEATURE_CACHE_BYTES", bound)
    assert fresh.encoded(everything[::-1]) == first[::-1]
    assert fresh.encoded(everything) == first  # from the cache and encoded again
    assert len(fresh._cache) == 10
    assert fresh._cache_bytes <= bound


def test_ragged_rows_taken_and_joined_keep_their_ids():
    rng = random.Random(1)
    rows = [[rng.randrange(100) for _ in range(rng.randrange(4))] for _ in range(50)]
    more = [[rng.randrange(100) for _ in range(rng.randrange(3))] for _ in range(7)]
    ragged = Ragged.of(rows).concat(Ragged.of(more))
    order = list(range(57))
    rng.shuffle(order)
    taken = ragged.take(np.array(order[:40]))
    assert [taken.row(i) for i in range(40)] == [(rows + more)[i] for i in order[:40]]
    assert ragged.row_of_value().tolist() == [
        i for i, row in enumerate(rows + more) for _ in row
    ]
    empty = Ragged.of([]).take(np.array([], dtype=np.int64))
    assert empty.offsets.tolist() == [0]
