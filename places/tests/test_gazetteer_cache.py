"""Country indexes abroad kept on disk (places.gazetteer_cache): the same answers as a
fresh build, rebuilt when stale or corrupt, whole when processes write at once.

Real bundled rows: Libya's file (places/data/abroad/LY.txt.gz, 726 villages), the
smallest of a country outside the default GAZETTEER_COUNTRIES."""

import gzip
import multiprocessing
import shutil

import pytest

from places import gazetteer_abroad, gazetteer_cache, gazetteer_villages

COUNTRY = "LY"


@pytest.fixture
def cache_dir(settings, tmp_path):
    settings.GAZETTEER_CACHE_DIR = str(tmp_path / "cache")
    gazetteer_abroad.clear()
    yield tmp_path / "cache"
    gazetteer_abroad.clear()


@pytest.fixture(scope="module")
def built():
    return gazetteer_abroad.build(COUNTRY)


def _fresh(country: str = COUNTRY):
    """The index as a new process gets it: nothing held in memory."""
    gazetteer_abroad.clear()
    return gazetteer_abroad.country_index(country)


def _answers(index) -> list:
    """Candidates of every 25th row's name and of a few spellings no row has."""
    names = [e.name for e in index.entries[::25]] + ["Misratah", "Tarabulus", "Xyzzy"]
    return [
        [(c.entry, c.score, c.match) for c in index.candidates(name, country="LY")]
        for name in names
    ]


def test_an_index_read_from_its_file_answers_as_the_built_one(cache_dir, built):
    first = _fresh()
    assert len(list(cache_dir.glob("abroad-LY-*.idx"))) == 1
    loaded = gazetteer_cache.stats["loaded"]
    second = _fresh()
    assert gazetteer_cache.stats["loaded"] == loaded + 1
    assert second is not first
    assert second.entries == built.entries
    assert second._keys == built._keys
    assert _answers(second) == _answers(built)


def test_a_changed_bundle_makes_a_new_file_and_removes_the_old(
    cache_dir, tmp_path, monkeypatch
):
    bundle = tmp_path / "abroad"
    bundle.mkdir()
    source = gazetteer_villages.path_for(COUNTRY)
    shutil.copy(source, bundle / source.name)
    monkeypatch.setattr(gazetteer_villages, "ABROAD_DIR", bundle)
    before = _fresh()
    (old,) = cache_dir.glob("abroad-LY-*.idx")
    lines = gzip.decompress(source.read_bytes()).decode().splitlines(keepends=True)
    held = {e.ref for e in before.entries}
    dropped = next(  # a village indexed as its own row (not a town's twin)
        line for line in lines if f"geonames:{line.split(chr(9))[0]}" in held
    )
    lines.remove(dropped)
    (bundle / source.name).write_bytes(gzip.compress("".join(lines).encode()))
    built = gazetteer_cache.stats["built"]
    after = _fresh()
    assert gazetteer_cache.stats["built"] == built + 1  # not read from the old file
    assert not old.exists()
    assert len(list(cache_dir.glob("abroad-LY-*.idx"))) == 1
    assert f"geonames:{dropped.split(chr(9))[0]}" not in {e.ref for e in after.entries}


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]


@pytest.mark.parametrize(
    "spoil",
    [lambda data: data[: len(data) // 2], _flip],  # a torn write, one bit wrong
    ids=["torn", "flipped"],
)
def test_a_corrupt_file_is_ignored_and_rewritten(cache_dir, built, spoil):
    path = gazetteer_cache.file_for(COUNTRY)
    gazetteer_cache.save(path, built)
    path.write_bytes(spoil(path.read_bytes()))
    refused = gazetteer_cache.stats["refused"]
    again = _fresh()
    assert gazetteer_cache.stats["refused"] == refused + 1
    assert again.entries == built.entries
    assert gazetteer_cache.load(path, version="abroad:LY") is not None  # rewritten


def test_a_file_another_secret_key_signed_is_not_unpickled(cache_dir, built, settings):
    path = gazetteer_cache.file_for(COUNTRY)
    gazetteer_cache.save(path, built)
    assert gazetteer_cache.load(path, version="abroad:LY") is not None
    settings.SECRET_KEY = "another deployment's key"
    assert gazetteer_cache.load(path, version="abroad:LY") is None
    assert gazetteer_cache.file_for(COUNTRY) != path  # its own file, beside this one


def test_an_unwritable_cache_directory_still_gives_the_index(settings, tmp_path, built):
    (tmp_path / "a file").write_text("not a directory")
    settings.GAZETTEER_CACHE_DIR = str(tmp_path / "a file" / "cache")
    assert _fresh().entries == built.entries
    gazetteer_abroad.clear()
    settings.GAZETTEER_CACHE_DIR = ""  # no cache directory: no file
    assert gazetteer_cache.file_for(COUNTRY) is None


def _write_many(path, index, times: int) -> None:
    for _ in range(times):
        assert gazetteer_cache.save(path, index)


def test_processes_writing_at_once_leave_a_whole_file(cache_dir, built):
    path = cache_dir / "abroad-LY-key-test.idx"
    fork = multiprocessing.get_context("fork")
    writers = [fork.Process(target=_write_many, args=(path, built, 15)) for _ in "ab"]
    for writer in writers:
        writer.start()
    refused = gazetteer_cache.stats["refused"]
    seen = 0
    while any(w.is_alive() for w in writers):  # read while they write
        seen += gazetteer_cache.load(path, version="abroad:LY") is not None
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert gazetteer_cache.stats["refused"] == refused  # never a torn file
    assert gazetteer_cache.load(path, version="abroad:LY").entries == built.entries
    assert [p.name for p in cache_dir.iterdir()] == [path.name]  # no temporary left


def test_a_dropped_index_is_read_again_from_its_file(cache_dir, settings):
    settings.GAZETTEER_ABROAD_INDEXES = 1
    gazetteer_abroad.country_index(COUNTRY)
    gazetteer_abroad.country_index("PS")  # Libya's is dropped
    assert [i.version for i in gazetteer_abroad.loaded()] == ["abroad:PS"]
    built, loaded = gazetteer_cache.stats["built"], gazetteer_cache.stats["loaded"]
    gazetteer_abroad.country_index(COUNTRY)
    assert gazetteer_cache.stats["built"] == built
    assert gazetteer_cache.stats["loaded"] == loaded + 1
