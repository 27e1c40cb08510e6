"""The control index after writes: each write re-derives only the places it touched
(no whole build), and the result equals a whole build; a whole rebuild runs in a
thread while the index held answers."""

import dataclasses
import datetime as dt
import random

import orjson
import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from control import live, services
from control import selectors as control_selectors
from control.models import ControlObservation
from events import dataversion
from events import services as event_services
from events.models import Actor, Event
from events.tests.commits import commit_hooks
from events.tests.factories import (
    ActorFactory,
    territory_capture,
)
from places.models import Place
from places.tests.factories import PlaceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]
DAYS = [dt.date(2019, 1, 1) + dt.timedelta(days=d) for d in range(0, 400, 23)]
VIEWS = [None, (36.0, 35.0, 36.5, 35.5), (36.5, 35.5, 37.5, 36.5)]


def _answer(client, day, bbox=None) -> dict:
    params = {"date": day.isoformat()}
    if bbox:
        params["in_bbox"] = ",".join(map(str, bbox))
    response = client.get("/api/v1/control/", params)
    assert response.status_code == 200, response.content
    return {f["id"]: f["properties"] for f in response.json()["features"]}


def _snapshot(index) -> dict:
    """Everything an index answers: each day and view's Features, and the periods."""
    out = {(day, view): sorted(index.at(day, view)) for day in DAYS for view in VIEWS}
    out["periods"] = {
        pk: [dataclasses.asdict(p) for p in ps]
        for pk, ps in sorted(index.periods.items())
    }
    out["owners"] = (index.event_place, index.observation_place)
    return out


def test_a_retraction_leaves_the_next_answer_without_a_whole_build(client):
    rebels, regime = ActorFactory(name="Rebels"), ActorFactory(name="Regime")
    place = PlaceFactory(name="Kabani")
    capture = territory_capture(place, rebels, dt.date(2019, 5, 8))
    retake = territory_capture(place, regime, dt.date(2019, 5, 20))
    commit_hooks()
    assert _answer(client, dt.date(2019, 6, 1))[place.pk]["event_ids"] == [retake.pk]
    full = live.stats["full"]
    event_services.event_retract(event=retake, reason="Not confirmed.")
    commit_hooks()
    after = _answer(client, dt.date(2019, 6, 1))[place.pk]
    assert after["event_ids"] == [capture.pk]  # the very next answer
    assert after["actors"][0]["name"] == "Rebels"
    assert live.stats["full"] == full  # derived per place, not a whole build
    event_services.event_retract(event=capture, reason="Not confirmed either.")
    commit_hooks()
    assert _answer(client, dt.date(2019, 6, 1)) == {}
    assert live.stats["full"] == full


def _world(rng: random.Random):
    actors = [ActorFactory(name=f"Faction {i}") for i in range(4)]
    Actor.objects.filter(pk=actors[1].pk).update(parent=actors[0])  # a coalition
    places = [
        PlaceFactory(location=Point(36.0 + rng.random() * 1.4, 35.0 + rng.random()))
        for _ in range(12)
    ]
    events = [
        territory_capture(
            rng.choice(places),
            rng.choice(actors),
            rng.choice(DAYS) + dt.timedelta(days=rng.randrange(-5, 5)),
            date_precision=rng.choice(["day", "day", "week", "month"]),
            status=rng.choice([Event.Status.PUBLISHED] * 3 + [Event.Status.DRAFT]),
        )
        for _ in range(30)
    ]
    return actors, places, events


def _write(rng: random.Random, actors, places, events) -> str:
    """One random write through the services and models (as the admin makes them)."""
    kind = rng.choice(
        ["publish", "retract", "capture", "observe", "unobserve", "move", "relocate"]
    )
    event = Event.objects.get(pk=rng.choice(events).pk)
    if kind == "publish" and event.status == Event.Status.DRAFT:
        event_services.event_publish(event=event)
    elif kind == "retract" and event.status == Event.Status.PUBLISHED:
        event_services.event_retract(event=event, reason="Not confirmed.")
    elif kind == "capture":
        events.append(
            territory_capture(rng.choice(places), rng.choice(actors), rng.choice(DAYS))
        )
    elif kind == "observe":
        observation = services.observation_create(
            place=rng.choice(places),
            observed_on=rng.choice(DAYS),
            controller=rng.choice(actors),
            precision=rng.choice(["day", "week"]),
        )
        services.observation_publish(observation=observation)
    elif kind == "unobserve" and ControlObservation.objects.exists():
        observation = ControlObservation.objects.order_by("?").first()
        if rng.random() < 0.5:
            services.observation_withdraw(observation=observation)
        else:  # moved to another place
            observation.place = rng.choice(places)
            observation.save()
    elif kind == "move":  # an event to another place
        event.place = rng.choice(places)
        event.save()
    elif kind == "relocate":  # a place moves (or loses its point)
        place = Place.objects.get(pk=rng.choice(places).pk)
        place.location = (
            None
            if rng.random() < 0.2
            else Point(36.0 + rng.random() * 1.4, 35.0 + rng.random())
        )
        place.save()
    return kind


@pytest.mark.parametrize("seed", [3, 17])
def test_writes_applied_per_place_equal_a_whole_build(seed):
    rng = random.Random(seed)
    actors, places, events = _world(rng)
    commit_hooks()
    control_selectors.control_index()
    full = live.stats["full"]
    kinds = set()
    for _version in range(12):
        for _ in range(rng.randrange(1, 4)):
            kinds.add(_write(rng, actors, places, events))
        commit_hooks()
        stepped = control_selectors.control_index()
        assert stepped.version == dataversion.clusters_version(fresh=True)
        assert live.stats["full"] == full  # never a whole build
        whole = control_selectors._build(stepped.version)
        assert _snapshot(stepped) == _snapshot(whole)
    assert {"publish", "retract", "capture", "observe", "move", "relocate"} <= kinds


def test_an_unpublished_justification_is_gone_from_the_next_answer(client):
    place, actor = PlaceFactory(name="Kafr Nabudah"), ActorFactory()
    event = territory_capture(place, actor, dt.date(2019, 5, 8))
    observation = services.observation_create(
        place=place, observed_on=dt.date(2019, 5, 8), controller=actor
    )
    services.observation_publish(observation=observation)
    commit_hooks()
    first = _answer(client, dt.date(2019, 5, 9))[place.pk]
    assert first["event_ids"] == [event.pk]
    assert first["observation_ids"] == [observation.pk]
    Event.objects.filter(pk=event.pk).get().save()  # a no-op write: still there
    services.observation_withdraw(observation=observation)
    commit_hooks()
    after = _answer(client, dt.date(2019, 5, 9))[place.pk]
    assert after["event_ids"] == [event.pk]
    assert after["observation_ids"] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_actor_change_rebuilds_in_a_thread_while_the_index_answers():
    """A rename may change any place's Features: a whole rebuild, in a real second
    thread, while the index held (with the same version's known event writes)
    answers; the rebuild's index then carries the new name."""
    client = Client()
    place, actor = PlaceFactory(name="Kabani"), ActorFactory(name="Rebels")
    event = territory_capture(place, actor, dt.date(2019, 5, 8))
    other = territory_capture(PlaceFactory(name="Hobait"), actor, dt.date(2019, 5, 8))
    day = dt.date(2019, 6, 1)
    assert set(_answer(client, day)) == {place.pk, other.place_id}
    held = control_selectors.control_index()
    full = live.stats["full"]
    actor.name = "Free Rebels"
    actor.save()
    event_services.event_retract(event=other, reason="Not confirmed.")
    stale = control_selectors.control_index()
    # Served at once: the retraction is applied, the rename waits for the rebuild.
    assert stale.full_version == held.full_version
    assert other.place_id not in stale.periods
    body = orjson.loads(
        b'{"f":[' + b",".join(stale.at(day, None)) + b"]}"
    )  # the features the next answer would be built from
    assert [f["id"] for f in body["f"]] == [place.pk]
    live.rebuild_wait(timeout=60)
    assert live.stats["full"] == full + 1
    fresh = _answer(client, day)
    assert fresh[place.pk]["actors"][0]["name"] == "Free Rebels"
    assert fresh[place.pk]["event_ids"] == [event.pk]
    assert other.place_id not in fresh
