"""The control layer on two real web workers (gunicorn, one worker each) on PostGIS:
both answer from the one control index this process built and published
(control.store), and a write shows in the next answers of both without a new whole
build (applied per place over the mapped file: control.layered)."""

import datetime as dt
import json
import os
import time

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.db import connection

from control import selectors as control_selectors
from control import store
from events import services as event_services
from events import shared_index
from events.tests.factories import (
    ActorFactory,
    territory_capture,
)
from maps.tests.faults import Gunicorn, worker_env_for
from places.tests.factories import PlaceFactory

pytestmark = [pytest.mark.postgis, pytest.mark.django_db(transaction=True)]
DAY = dt.date(2019, 6, 1)
URL = f"/api/v1/control/?date={DAY.isoformat()}"
POLL_S = 30  # a worker reads the data version at most once a second


def _held_by(body: bytes) -> dict[int, list[int]]:
    return {f["id"]: f["properties"]["event_ids"] for f in json.loads(body)["features"]}


def test_two_workers_answer_from_one_mapped_build_and_both_show_a_write():
    rebels, regime = ActorFactory(name="Rebels"), ActorFactory(name="Regime")
    places = [
        PlaceFactory(name=f"Kabani {i}", location=Point(36.2 + i / 10, 35.8))
        for i in range(3)
    ]
    captures = [territory_capture(p, rebels, dt.date(2019, 5, 8)) for p in places]
    retake = territory_capture(places[0], regime, dt.date(2019, 5, 20))
    index = control_selectors.control_index()  # built here and published
    root = shared_index.root_for(
        settings.MAP_INDEX_DIR, connection.settings_dict, store.KIND
    )
    published = os.readlink(root / shared_index.CURRENT)
    assert index.store_name == published
    expected = control_selectors.control_geojson_public(day=DAY, bbox=None)
    env = worker_env_for("memory://", MAP_INDEX_DIR=settings.MAP_INDEX_DIR)
    workers = [Gunicorn(env, "--workers", "1") for _ in range(2)]
    try:
        for worker in workers:
            worker.wait_ready(URL)
            status, body = worker.get(URL)
            assert status == 200
            assert body == expected  # the same bytes as this process's answer
        assert _held_by(expected)[places[0].pk] == [retake.pk]
        # Mapped, not built: no worker published a version of its own.
        assert os.readlink(root / shared_index.CURRENT) == published
        assert [p.name for p in root.iterdir() if p.name.startswith("v")] == [published]

        event_services.event_retract(event=retake, reason="Not confirmed.")  # commits
        for worker in workers:
            deadline = time.monotonic() + POLL_S
            while _held_by(worker.get(URL)[1])[places[0].pk] != [captures[0].pk]:
                assert time.monotonic() < deadline, "the write never showed"
                time.sleep(0.1)
        assert os.readlink(root / shared_index.CURRENT) == published  # no rebuild
        after = control_selectors.control_geojson_public(day=DAY, bbox=None)
        for worker in workers:
            assert worker.get(URL)[1] == after
    finally:
        for worker in workers:
            worker.stop()
