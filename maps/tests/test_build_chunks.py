"""A base read from the database a range of ids at a time is the base read at once
(maps.selectors.index_build.BUILD_CHUNK_IDS: the builder's heap at 10M events; issue 16)."""

import datetime as dt

import numpy as np
import pytest
from django.contrib.gis.geos import Point

from events.models import Event
from events.tests.factories import EventFactory
from maps.selectors import index_build
from places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

ARRAYS = ("ids", "lon", "lat", "start", "last", "type_idx", "disputed")


def test_a_base_read_in_id_ranges_is_the_base_read_at_once(monkeypatch):
    places = [PlaceFactory(location=Point(36 + i / 10, 35.5)) for i in range(3)]
    for i in range(11):
        EventFactory(
            place=places[i % 3],
            date_start=dt.date(2019, 1 + i, 1),
            date_end=dt.date(2019, 1 + i, 5) if i % 2 else None,
            disputed=i % 4 == 0,
        )
    EventFactory(place=places[0], status=Event.Status.DRAFT)  # never in a base
    whole = index_build._build(3)
    monkeypatch.setattr(index_build, "BUILD_CHUNK_IDS", 2)  # gaps: the draft's id
    chunked = index_build._build(3)
    assert chunked.size == whole.size == 11
    for name in ARRAYS:
        assert np.array_equal(getattr(chunked, name), getattr(whole, name)), name
    assert list(chunked.columns.titles) == list(whole.columns.titles)
    assert np.array_equal(chunked.columns.end, whole.columns.end)
    assert np.array_equal(chunked.columns.place, whole.columns.place)
    assert chunked.token == whole.token


def test_a_base_of_no_public_event_is_empty(monkeypatch):
    EventFactory(status=Event.Status.DRAFT)
    monkeypatch.setattr(index_build, "BUILD_CHUNK_IDS", 2)
    assert index_build._build(0).size == 0
