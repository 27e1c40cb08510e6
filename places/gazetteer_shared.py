"""The shared gazetteer index kept on disk: a process's first index read from a file.

Building the index of the configured countries (places.gazetteer.gazetteer_index) costs
2-5 s of CPU in a new process (bundled files parsed when the table is empty, every
spelling keyed); reading it from a file costs a tenth of that (bench/README.md, "The
reader's cold start"). The file (gazetteer_cache's directory, MAC and atomic writes)
is named by a hash of what the index is built of: the indexed rows themselves (the
GazetteerEntry table and the hand-fixed places with their names), or, when the table is
empty and the bundled files are indexed, those files (places/data), the settings that
choose their countries and the packages read; and of the gazetteer code. A place an
editor adds or renames changes the rows, so the next process finds no file of that
name and builds (and writes) a new one: never a stale read. Only a process's first
index is read from or written to a file; a rebuild after an edit stays in memory.
The tables readers derive from the index (places.geocoding.tables) are written with it
when ingest.warm has built them.
"""

import hashlib
import threading

from django.conf import settings

from places import gazetteer_bundle, gazetteer_cache
from places.geocoding import index as geoindex
from places.geocoding import tables

_first = threading.Event()  # set once this process's first index was asked for


def content_key(rows: list[geoindex.IndexEntry], *, bundled: bool) -> bytes:
    """A hash of what the index is built of: ``rows``, plus the bundled data when
    the table is empty (``bundled``: the index adds those files' rows)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(rows).encode())
    if bundled:
        digest.update(b"\0bundled\0")
        for name in ("GAZETTEER_COUNTRIES", "GAZETTEER_VILLAGE_COUNTRIES"):
            wanted = sorted(c.upper() for c in getattr(settings, name))
            digest.update(f"{name}={wanted}\0".encode())
        for path in sorted(gazetteer_bundle.DATA_DIR.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(gazetteer_bundle.DATA_DIR)).encode())
                digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _path(content: bytes):
    folder = gazetteer_cache.cache_dir()
    if folder is None:
        return None
    digest = hashlib.blake2b(gazetteer_cache._code_version(), digest_size=12)
    digest.update(content)
    return folder / f"shared-{gazetteer_cache._key_id()}-{digest.hexdigest()}.idx"


def first_index() -> bool:
    """True once per process: for its first index, which the file may hold."""
    if _first.is_set():
        return False
    _first.set()
    return True


def index_load(content: bytes, *, version: str) -> geoindex.GazetteerIndex | None:
    """The index of ``content`` from its file (given ``version``), or None."""
    path = _path(content)
    found = None if path is None else gazetteer_cache.load(path, version=None)
    if found is None:
        return None
    gazetteer_cache.stats["loaded"] += 1
    found.version = version
    found.content_key = content
    found.saved_tables = tables.names(found)
    return found


def index_save(content: bytes, index: geoindex.GazetteerIndex) -> bool:
    """Write ``index`` to the file of ``content`` (remembered on the index, so that
    index_save_tables can write it again with its tables)."""
    index.content_key = content
    index.saved_tables = tables.names(index)
    path = _path(content)
    try:
        return path is not None and gazetteer_cache.save(path, index)
    except RuntimeError:  # a reader added a table while it was pickled: next time
        return False


def index_save_tables(index: geoindex.GazetteerIndex) -> bool:
    """Write ``index`` again when it holds tables its file lacks (after a warm-up);
    only an index that came from or went to a file."""
    content = vars(index).get("content_key")
    if content is None or tables.names(index) <= vars(index).get("saved_tables", ()):
        return False
    return index_save(content, index)
