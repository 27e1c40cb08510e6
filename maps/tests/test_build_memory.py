"""A base built for the shared file holds one grid at a time: each zoom's is built,
written and freed before the next (maps.clusters.store; 10M events held 12.1 GB of
grids at once; issue 16), and the file is the one the grids built at once make."""

import datetime as dt
import json
import weakref

import numpy as np
import pytest
from django.contrib.gis.geos import Point

from events.indexfile import Writer
from events.tests.factories import EventFactory
from maps import feature_columns
from maps.clusters import grid, store, sums
from maps.clusters.grid import MAX_GRID_ZOOM
from maps.selectors import index_build
from maps.tests import storeproc
from places.tests.factories import PlaceFactory


def _meta(directory) -> dict:
    meta = json.loads((directory / "meta.json").read_text())
    meta.pop("built_wall")
    meta["index"].pop("build_s", None)
    return meta


@pytest.mark.django_db
def test_a_base_written_a_grid_at_a_time_is_the_file_of_grids_built_at_once(tmp_path):
    places = [PlaceFactory(location=Point(36 + i / 7, 35 + i / 9)) for i in range(4)]
    for i in range(9):
        EventFactory(
            place=places[i % 4],
            date_start=dt.date(2018, 1 + i, 3),
            date_end=dt.date(2018, 1 + i, 9) if i % 3 else None,
            disputed=i % 2 == 0,
        )
    at_once = index_build._build(7).grids_build()  # as every build did before
    streamed = index_build._build(7)
    (tmp_path / "at_once").mkdir()
    (tmp_path / "streamed").mkdir()
    store.write_version(tmp_path / "at_once", at_once)
    store.write_version(tmp_path / "streamed", streamed)
    assert not streamed.levels.built  # written, never held
    written = (tmp_path / "streamed" / "index.bin").read_bytes()
    assert written == (tmp_path / "at_once" / "index.bin").read_bytes()
    assert _meta(tmp_path / "streamed") == _meta(tmp_path / "at_once")
    assert len(_meta(tmp_path / "streamed")["levels"]) == MAX_GRID_ZOOM + 1
    mapped = store._map(tmp_path / "streamed")
    assert storeproc.answers(mapped) == storeproc.answers(at_once)
    assert mapped.build_s >= streamed.build_s > 0  # the grids' time included


def test_a_base_written_to_the_file_holds_one_grid_at_a_time(tmp_path, monkeypatch):
    alive: weakref.WeakSet = weakref.WeakSet()
    most = []
    real_init, real_array = grid.Level.__init__, Writer.array

    def counted_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        alive.add(self)

    def counted_array(self, key, value):
        most.append(len(alive))
        real_array(self, key, value)

    monkeypatch.setattr(grid.Level, "__init__", counted_init)
    monkeypatch.setattr(Writer, "array", counted_array)
    index = storeproc.build_index(1)
    assert not alive  # the grids wait for the write
    store.write_version(tmp_path, index)
    assert max(most) == 1  # 13 at once before
    assert not alive
    mapped = store._map(tmp_path)
    assert np.array_equal(mapped.levels[9].perm, grid.Level(9, index).perm)
    assert storeproc.answers(mapped) == storeproc.answers(index)


def _grid_by_definition(zoom: int, index) -> dict:
    """A zoom's arrays as the grid's definition states them (before the in-place
    build): each a plain expression of the index's columns."""
    n, n_types = grid.cells_per_axis(zoom), len(index.types)
    cx, cy = (index.mx * n).astype(np.int64), (index.my * n).astype(np.int64)
    gkey = (cy * n + cx) * n_types + index.type_idx
    order_s = np.lexsort((index.start, gkey))
    order_l = np.lexsort((index.last, gkey))
    gk_s = gkey[order_s]
    g_start = np.flatnonzero(np.r_[True, gk_s[1:] != gk_s[:-1]])
    span = index.day_span
    sizes = np.diff(np.r_[g_start, len(gk_s)])
    grp = np.repeat(np.arange(len(g_start)), sizes)
    q = min(sums.Q_MAX, 32 - int(sizes.max()).bit_length())
    edges = sums.lat_edges(n)
    south, north = edges[cy + 1], edges[cy]
    q_lon = np.clip(np.floor((index.mx * n - cx) * 2**q), 0, 2**q - 1)
    q_lat = np.floor((index.lat - south) / (north - south) * 2**q)
    q_lat = np.clip(q_lat, 0, 2**q - 1)
    return {
        "g_start": g_start,
        "g_cell": gk_s[g_start] // n_types,
        "key_s": grp * span + (index.start[order_s] - index.day0),
        "key_l": grp * span + (index.last[order_l] - index.day0),
        # Positions in the cells in q bits, summed modulo 2**32 (maps.clusters.sums).
        "cs_lon_s": np.r_[0, np.cumsum(q_lon[order_s].astype(np.uint64))] % 2**32,
        "cs_lat_l": np.r_[0, np.cumsum(q_lat[order_l].astype(np.uint64))] % 2**32,
        "perm": order_s,
        "g_maxdur": np.maximum.reduceat((index.last - index.start)[order_s], g_start),
    }


@pytest.mark.parametrize("zoom", [0, 7, MAX_GRID_ZOOM])
def test_a_grid_built_in_place_is_its_definition(zoom):
    index = storeproc.build_index(2)
    level = grid.Level(zoom, index)
    for name, expected in _grid_by_definition(zoom, index).items():
        found = getattr(level, name)
        assert np.array_equal(found, expected), name
        assert found.tobytes() == expected.astype(found.dtype).tobytes(), name


def test_row_columns_read_in_parts_and_reordered_keep_each_row_whole():
    """The export's columns of rows read in two ranges, out of id order: joined and
    put in id order, each title stays with its row's other columns."""
    day = dt.date(2020, 5, 1)
    first = feature_columns.row_columns(
        [None, day], ["Qusayr", 'Tell "Rifaat"'], ["day", "month"], [7, 3], [2, None]
    )
    second = feature_columns.row_columns([day], ["Ma’arrat"], ["year"], [5], [0])
    joined = feature_columns.row_columns_join([first, second], np.array([2, 0, 1]))
    assert list(joined.titles) == [
        '"Ma’arrat"'.encode(),
        b'"Qusayr"',
        b'"Tell \\"Rifaat\\""',
    ]
    assert joined.place.tolist() == [5, 7, 3]
    assert joined.fatalities.tolist() == [0, 2, feature_columns.NO_VALUE]
    assert joined.end.tolist() == [day.toordinal(), feature_columns.NO_VALUE] + [
        day.toordinal()
    ]
    assert joined.precision.tolist() == [3, 0, 2]
