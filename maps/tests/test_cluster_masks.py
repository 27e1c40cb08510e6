"""Masked grids (filters the grid cannot count: actors, text, place, disputed) answer
as the one-pass scan; masks keep their grids across requests."""

# ruff: noqa: F811  (fixtures shared with the other modules of the split)

import dataclasses
import datetime as dt
import random

import numpy as np
import orjson
import pytest
from django.contrib.gis.geos import Polygon

from events.filters import EventFilters
from maps.clusters import engine, grid, inside
from maps.selectors import cluster_answers, filter_masks, index_build
from maps.tests.clusterworld import (  # noqa: F401 (fixtures)
    DAY0,
    MASKED,
    TOWNS,
    _shape,
    answer,
    brute,
    counted,
    no_sub_index,
    only_complement,
    tops,
    world,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("filters", MASKED, ids=lambda f: str(f.as_query()))
def test_masked_grids_answer_as_the_one_pass_scan(world, filters, monkeypatch):
    """A small mask's own grids (sub-index) give the scan's clusters and events."""
    views = [None, (36.4, 35.7, 36.9, 36.1), (36.6, 35.8, 36.9, 36.05)]
    for bbox in views:
        viewport = dataclasses.replace(
            filters, bbox=Polygon.from_bbox(bbox) if bbox else None
        )
        for zoom in (0, 5, 8, 11, 12, 15):
            with monkeypatch.context() as patched:  # the scan, as for a large mask
                patched.setattr(engine.ClusterIndex, "_sub_index", no_sub_index)
                scan = answer(viewport, zoom)
            grids = answer(viewport, zoom)
            assert _shape(grids) == _shape(scan)
            for c in grids["clusters"]:  # a cluster's bbox contains its centroid
                assert c["bbox"][0] <= c["lon"] <= c["bbox"][2]
                assert c["bbox"][1] <= c["lat"] <= c["bbox"][3]


@pytest.mark.parametrize(
    "filters",
    [
        *MASKED,
        EventFilters(disputed=False),
        EventFilters(disputed=False, types=["battles"]),
    ],
    ids=lambda f: str(f.as_query()),
)
def test_grids_less_the_dropped_rows_answer_as_the_scan(world, filters, monkeypatch):
    """This index's grids less a sub-index of the rows a mask drops: the scan's
    clusters and events, brute force's counts, bboxes around their centroids."""
    expected = brute(filters)
    views = [None, (36.4, 35.7, 36.9, 36.1), (36.6, 35.8, 36.9, 36.05)]
    for bbox in views:
        viewport = dataclasses.replace(
            filters, bbox=Polygon.from_bbox(bbox) if bbox else None
        )
        for zoom in (0, 5, 8, 11, 12, 15):
            with monkeypatch.context() as patched:
                patched.setattr(engine.ClusterIndex, "_sub_index", no_sub_index)
                scan = answer(viewport, zoom)
            with monkeypatch.context() as patched:
                patched.setattr(engine.ClusterIndex, "_sub_index", only_complement)
                less = answer(viewport, zoom)
            assert _shape(less) == _shape(scan)
            for c in less["clusters"]:
                assert c["bbox"][0] <= c["lon"] <= c["bbox"][2]
                assert c["bbox"][1] <= c["lat"] <= c["bbox"][3]
            if bbox is None and zoom <= 12:
                total, by_type, event_ids = counted(less)
                assert total == len(expected)
                assert by_type == tops(expected)
                assert event_ids <= set(expected)
    index = index_build.event_cluster_index()
    assert any(key[1] for key in index._subs)  # the complement's grids were used


def test_a_mask_keeps_its_grids_across_requests(world):
    filters = EventFilters(actors=["Army"], disputed=False)
    first = answer(filters, 7)
    index = index_build.event_cluster_index()
    assert len(index._subs) == 1
    assert index._sub_index(filter_masks._mask(index, filters)) is not None
    assert answer(filters, 7) == first
    assert len(index._subs) == 1  # same mask object: the same sub-index
    answer(EventFilters(actors=["Army"], disputed=True), 7)
    assert len(index._subs) == 2


def _every_event_checked(level, groups, bbox):
    """grid.Level.cells_inside as before it: no cell known inside or outside."""
    none = np.zeros(len(groups), dtype=bool)
    return none, none.copy()


def test_new_views_answer_as_when_every_edge_event_was_checked(world, monkeypatch):
    """The edge counted on finer grids (from its first event: inside.REFINE_FROM 0)
    and cells known inside or outside by their extents answer byte for byte as the
    path that checked every event of the edge cells one by one (issue 16)."""
    rng = random.Random(16)
    views = []
    for _ in range(40):
        lon, lat = rng.choice(TOWNS)
        half = rng.choice([0.02, 0.06, 0.15, 0.4, 1.5])
        lon, lat = lon + rng.gauss(0, half), lat + rng.gauss(0, half)
        bbox = (lon - half, lat - half / 2, lon + half, lat + half / 2)
        start = DAY0 + dt.timedelta(days=rng.randrange(3000))
        filters = EventFilters(
            bbox=Polygon.from_bbox(bbox),
            date_from=rng.choice([None, start]),
            date_to=rng.choice([None, start + dt.timedelta(days=400)]),
            types=rng.choice([[], ["battles"]]),
        )
        views.append((filters, rng.randrange(4, 16)))
    refined = 0
    real = inside._straddling

    def counting(*args, **kwargs):
        nonlocal refined
        refined += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(inside, "_straddling", counting)
    monkeypatch.setattr(inside, "REFINE_FROM", 0)
    now = [cluster_answers.event_clusters_bytes(filters=f, zoom=z) for f, z in views]
    assert refined > 10
    monkeypatch.setattr(inside, "REFINE_FROM", 10**9)
    monkeypatch.setattr(grid.Level, "cells_inside", _every_event_checked)
    before = [cluster_answers.event_clusters_bytes(filters=f, zoom=z) for f, z in views]
    assert now == before
    assert sum(orjson.loads(b)["total"] > 0 for b in now) > 10
