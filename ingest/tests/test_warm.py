"""The reader warmed at start (ingest.warm): off unless configured, once per process,
and the exact keys of a country kept with the index they were built from."""

import pytest

from ingest import warm
from ingest.where import indexkeys
from places import gazetteer_shared
from places.geocoding import index as geoindex
from places.geocoding import tables


@pytest.fixture
def warmed(monkeypatch):
    calls = []
    monkeypatch.setattr(warm, "reader_warm", lambda: calls.append(1) or {})
    monkeypatch.setattr(warm, "_done", type(warm._done)())
    return calls


def test_the_reader_is_not_warmed_unless_configured(settings, warmed):
    settings.INGEST_WARM_ON_START = False
    assert warm.reader_warm_in_background() is None
    assert warmed == []


def test_a_configured_process_warms_in_the_background(settings, warmed):
    settings.INGEST_WARM_ON_START = True
    warm.reader_warm_in_background().join(timeout=10)
    assert warmed == [1]


def test_a_countrys_keys_are_read_back_with_the_index(settings, tmp_path):
    settings.GAZETTEER_CACHE_DIR = str(tmp_path)
    entry = geoindex.IndexEntry(
        ref="t:1", name="Tell Qarqur", lat=35.6, lon=36.6, country="SY"
    )
    built = geoindex.GazetteerIndex([entry], version="a")
    gazetteer_shared.index_save(b"content", built)
    keys = indexkeys._index_keys(built, "SY")
    assert keys
    assert gazetteer_shared.index_save_tables(built)
    read = gazetteer_shared.index_load(b"content", version="b")
    assert any(name.startswith("ingest.keys:") for name in tables.names(read))
    assert indexkeys._index_keys(read, "SY") == keys
