"""The shared index kept on disk (places.gazetteer_shared): a new process's first index
is read from the file written by the last build of the same rows and code, and a row an
editor changes is a new file, never a stale read."""

import threading

import pytest

from places import gazetteer, gazetteer_cache, gazetteer_entry, gazetteer_shared
from places.geocoding import index as geoindex
from places.geocoding import skeleton, tables
from places.models import GazetteerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_process(settings, tmp_path, monkeypatch):
    """new_process(): the index as a freshly started process gets it."""
    settings.GAZETTEER_CACHE_DIR = str(tmp_path)
    held = dict(gazetteer._index_cache)

    def start():
        monkeypatch.setattr(gazetteer_shared, "_first", threading.Event())
        gazetteer._index_cache.clear()
        return gazetteer.gazetteer_index()

    yield start
    gazetteer._index_cache.clear()
    gazetteer._index_cache.update(held)


def _row(name: str, ref: str) -> GazetteerEntry:
    return gazetteer_entry._entry(
        dataset=GazetteerEntry.Dataset.SUPPLEMENT,
        ref=ref,
        name=name,
        alternate_names=[],
        feature_type="village",
        country_code="SY",
        lat=35.6,
        lon=36.6,
        precision=1,
        source="test",
    )


@pytest.fixture
def rows():
    _row("Kafr Tammam", "t1").save()
    _row("Tell Qarqur", "t2").save()


def _answers(index) -> list:
    return [
        [(c.entry, c.score, c.match) for c in index.candidates(name, country="SY")]
        for name in ("Kafr Tammam", "Kfar Tamam", "Qarqur", "Xyzzy")
    ]


def test_a_new_process_reads_the_index_from_its_file(rows, new_process, tmp_path):
    first = new_process()
    assert len(list(tmp_path.glob("shared-*.idx"))) == 1
    loaded = gazetteer_cache.stats["loaded"]
    second = new_process()
    assert gazetteer_cache.stats["loaded"] == loaded + 1
    assert second is not first
    assert second.entries == first.entries
    assert _answers(second) == _answers(first)


def test_a_place_renamed_by_an_editor_is_not_read_from_the_old_file(
    rows, new_process, tmp_path
):
    new_process()
    GazetteerEntry.objects.filter(ref="t1").update(name="Kafr Tamim")
    loaded = gazetteer_cache.stats["loaded"]
    renamed = new_process()
    assert gazetteer_cache.stats["loaded"] == loaded  # built, not read
    assert {e.name for e in renamed.entries} == {"Kafr Tamim", "Tell Qarqur"}
    assert len(list(tmp_path.glob("shared-*.idx"))) == 1  # the old file removed


def test_only_the_first_index_of_a_process_goes_to_a_file(rows, new_process, tmp_path):
    new_process()
    _row("Maar Dibsi", "t3").save()
    gazetteer.gazetteer_index()  # rebuilt in memory after an edit
    assert len(list(tmp_path.glob("shared-*.idx"))) == 1


def test_tables_derived_from_the_index_travel_with_it(settings, tmp_path):
    settings.GAZETTEER_CACHE_DIR = str(tmp_path)
    rows = [gazetteer.index_entry_from_row(_row("Kafr Tammam", "t1"))]
    built = geoindex.GazetteerIndex(rows, version="a")
    gazetteer_shared.index_save(b"content", built)
    kept = skeleton.skeletons_of(built)._by
    assert gazetteer_shared.index_save_tables(built)  # a table the file lacked
    assert not gazetteer_shared.index_save_tables(built)  # nothing new
    read = gazetteer_shared.index_load(b"content", version="b")
    assert read.version == "b"
    assert tables.names(read) == {"skeletons"}
    assert skeleton.skeletons_of(read)._by == kept


def test_the_bundled_files_are_part_of_the_key(settings):
    settings.GAZETTEER_COUNTRIES = ["SY"]
    plain = gazetteer_shared.content_key([], bundled=True)
    settings.GAZETTEER_COUNTRIES = ["SY", "LB"]
    assert gazetteer_shared.content_key([], bundled=True) != plain
    assert gazetteer_shared.content_key([], bundled=False) != plain
