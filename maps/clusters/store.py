"""One base cluster index per machine: built by one process (under a file lock) into
one file of arrays that every worker maps read-only, published by an atomic switch
of the ``current`` link; the per-write delta stays per process (maps.clusters.live).

Layout under the root (settings.MAP_INDEX_DIR, one root per database):
``v<counter>-<id>/index.bin`` (the arrays, 64-byte aligned) and ``meta.json`` (where
each array lies, the scalars, the types), ``current`` -> the version in use,
``build.lock``. A version is written under ``tmp-…`` and renamed when complete, so
a builder that dies leaves only a ``tmp-…`` directory that nothing reads (the next
builder removes it). A process keeps the file it mapped: a version removed from
the directory stays readable by those that mapped it (POSIX unlink).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import mmap
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from maps.clusters.engine import ClusterIndex
from maps.clusters.grid import Level, TypeInfo
from maps.clusters.packed import PackedBytes, PackedPlaces

FORMAT = 1
MAGIC = b"CMAPIDX1"
ALIGN = 64
# Published versions kept on disk: the current one only (a worker that mapped an older
# one keeps reading it after its removal; the disk frees once the last one remaps).
KEEP = 1
CURRENT = "current"
LOCK = "build.lock"
# Per process, never shared: the Feature cache, mask sub-indexes, the export columns
# (stored on their own below), and what is rebuilt from the types.
INDEX_OWN = frozenset(
    {
        "levels", "types", "slug_idx", "_subs", "_subs_lock", "features",
        "features_nbytes", "features_since", "columns", "built_at", "store_name",
        "built_wall",
    }
)  # fmt: skip
LEVEL_OWN = frozenset({"_cells"})
COLUMN_ARRAYS = ("end", "precision", "place", "fatalities", "actors")

logger = logging.getLogger(__name__)
_mapped: dict[str, ClusterIndex] = {}  # this process's mapped versions, by path
_mapped_lock = threading.Lock()
# What this process did (tests and logs read it): bases built, versions mapped.
stats = {"builds": 0, "maps": 0, "builds_elsewhere": 0}


# --- writing ----------------------------------------------------------------------
class _Writer:
    def __init__(self, file) -> None:
        self.file, self.offset, self.arrays = file, 0, {}
        self._put(MAGIC)

    def _put(self, data) -> None:
        self.file.write(data)
        self.offset += len(data) if isinstance(data, bytes) else data.nbytes

    def array(self, key: str, value: np.ndarray) -> None:
        value = np.ascontiguousarray(value)
        if value.dtype.hasobject:
            raise TypeError(f"{key}: object arrays cannot be shared")
        self._put(b"\0" * (-self.offset % ALIGN))
        self.arrays[key] = [self.offset, value.dtype.str, list(value.shape)]
        self._put(value.reshape(-1).view(np.uint8))

    def packed(self, key: str, items: Sequence[bytes]) -> None:
        offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, items), np.int64, len(items)), out=offsets[1:])
        self.array(f"{key}.off", offsets)
        self.array(f"{key}.data", np.frombuffer(b"".join(items), dtype=np.uint8))


def _scalars(obj: object, writer: _Writer, prefix: str, own: frozenset) -> dict:
    """Arrays of ``obj`` to the file, its other attributes as JSON values."""
    found: dict = {}
    for name, value in vars(obj).items():
        if name in own:
            continue
        if isinstance(value, np.ndarray):
            writer.array(f"{prefix}{name}", value)
        elif isinstance(value, type) and issubclass(value, np.generic):
            found[name] = {"dtype": np.dtype(value).str}
        elif isinstance(value, tuple):
            found[name] = {"tuple": [float(v) for v in value]}
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            found[name] = {"list": value}
        elif value is None or isinstance(value, bool | int | float | str):
            found[name] = value
        elif isinstance(value, np.generic):
            found[name] = value.item()
        else:
            raise TypeError(f"{prefix}{name}: cannot be shared ({type(value)})")
    return found


def _write_columns(columns, writer: _Writer) -> None:
    for name in COLUMN_ARRAYS:
        writer.array(f"c.{name}", getattr(columns, name))
    for name in ("titles", "actor_lists", "kinds"):
        writer.packed(f"c.{name}", getattr(columns, name))
    ids = sorted(columns.places)
    writer.array("c.place_ids", np.array(ids, dtype=np.int64))
    writer.packed("c.place_coords", [columns.places[pk][0] for pk in ids])
    writer.packed("c.place_json", [columns.places[pk][1] for pk in ids])


def write_version(directory: Path, index: ClusterIndex) -> None:
    """``index`` as ``directory``/index.bin + meta.json, synced to disk."""
    with open(directory / "index.bin", "wb") as file:
        writer = _Writer(file)
        meta = {
            "format": FORMAT,
            "built_wall": time.time(),
            "types": [vars(t) for t in index.types],
            "index": _scalars(index, writer, "", INDEX_OWN),
            "levels": [
                _scalars(level, writer, f"l{i}.", LEVEL_OWN)
                for i, level in enumerate(index.levels)
            ],
            "columns": index.columns is not None,
        }
        if index.columns is not None:
            _write_columns(index.columns, writer)
        file.flush()
        os.fsync(file.fileno())
    meta["arrays"] = writer.arrays
    with open(directory / "meta.json", "w") as file:
        json.dump(meta, file)
        file.flush()
        os.fsync(file.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(root: Path, index: ClusterIndex) -> str:
    """Write ``index`` as a new version and make it current (call with the lock
    held); returns its name."""
    name = f"v{index.counter}-{uuid.uuid4().hex[:12]}"
    tmp = root / f"tmp-{name}"
    tmp.mkdir()
    write_version(tmp, index)
    _fsync_dir(tmp)
    os.rename(tmp, root / name)  # complete, or not there at all
    link = root / f"tmp-link-{name}"
    os.symlink(name, link)
    os.replace(link, root / CURRENT)  # readers see the old version or the new one
    _fsync_dir(root)
    _prune(root)
    return name


def _prune(root: Path) -> None:
    """Leftovers of builders that died (tmp-…) and versions past the KEEP newest."""
    current = _current_name(root)
    versions = []
    for entry in root.iterdir():
        if entry.name.startswith("tmp-"):
            if entry.is_symlink() or entry.is_file():
                entry.unlink(missing_ok=True)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith("v") and entry.name != current:
            versions.append(entry)
    versions.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


# --- reading ----------------------------------------------------------------------
def _current_name(root: Path) -> str | None:
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def _map(path: Path) -> ClusterIndex:
    """The index of one published version, its arrays read-only views of the file."""
    meta = json.loads((path / "meta.json").read_text())
    with open(path / "index.bin", "rb") as file:
        buffer = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    if meta.get("format") != FORMAT or buffer[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{path}: not a cluster index of format {FORMAT}")
    arrays = meta["arrays"]

    def array(key: str) -> np.ndarray:
        offset, dtype, shape = arrays[key]
        count = int(np.prod(shape)) if shape else 1
        return np.frombuffer(buffer, dtype=dtype, count=count, offset=offset).reshape(
            shape
        )

    def packed(key: str) -> PackedBytes:
        return PackedBytes(buffer, array(f"{key}.off"), arrays[f"{key}.data"][0])

    def restore(obj: object, scalars: dict, prefix: str) -> None:
        for name, value in scalars.items():
            if isinstance(value, dict):
                kind, value = next(iter(value.items()))
                value = {
                    "dtype": lambda v: np.dtype(v).type,
                    "tuple": tuple,
                    "list": list,
                }[kind](value)
            setattr(obj, name, value)
        for key in arrays:
            if key.startswith(prefix) and "." not in key[len(prefix) :]:
                setattr(obj, key[len(prefix) :], array(key))

    index = ClusterIndex.__new__(ClusterIndex)
    restore(index, meta["index"], "")
    index.types = [TypeInfo(**t) for t in meta["types"]]
    index.slug_idx = {t.slug: i for i, t in enumerate(index.types)}
    levels = []
    for i, scalars in enumerate(meta["levels"]):
        level = Level.__new__(Level)
        restore(level, scalars, f"l{i}.")
        levels.append(level)
    index.levels = levels
    built_wall = float(meta["built_wall"])
    # The build's moment on this process's monotonic clock (MAX_AGE counts from it).
    index.process_init(time.monotonic() - max(0.0, time.time() - built_wall))
    index.built_wall, index.store_name = built_wall, path.name
    if meta["columns"]:
        from maps import feature_columns  # Django models: imported only when needed

        index.columns = feature_columns.FeatureColumns(
            titles=packed("c.titles"),
            **{name: array(f"c.{name}") for name in COLUMN_ARRAYS},
            actor_lists=packed("c.actor_lists"),
            places=PackedPlaces(
                array("c.place_ids"), packed("c.place_coords"), packed("c.place_json")
            ),
            kinds=list(packed("c.kinds")),
        )
    stats["maps"] += 1
    return index


def current(root: Path) -> ClusterIndex | None:
    """The current version of ``root``, mapped once per process; None when none."""
    for _ in range(3):  # a version pruned between reading the link and opening it
        name = _current_name(root)
        if name is None:
            return None
        path = root / name
        with _mapped_lock:
            found = _mapped.get(str(path))
        if found is not None:
            return found
        try:
            found = _map(path)
        except FileNotFoundError:
            continue
        with _mapped_lock:
            for key in [k for k in _mapped if k.startswith(f"{root}{os.sep}")]:
                del _mapped[key]  # this process maps one version per root
            _mapped[str(path)] = found
        return found
    return None


@contextlib.contextmanager
def _locked(root: Path):
    with open(root / LOCK, "a+") as file:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX)  # released on close, or on death
        try:
            yield
        finally:
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def obtain(
    root: Path,
    build: Callable[[int], ClusterIndex],
    version: int,
    *,
    held: ClusterIndex | None,
    usable: Callable[[ClusterIndex], bool],
    max_age: float | Callable[[ClusterIndex], float],
    elsewhere: Callable[[], str] | None = None,
    elsewhere_from: int = 0,
) -> ClusterIndex:
    """A base index for data ``version``: the machine's current one when ``usable``,
    younger than ``max_age`` s (or ``max_age(it)``) and not ``held`` (the one the
    caller gives up), else built here by ``build(version)``, published and mapped;
    one builder at a time,
    the others wait for its result. When the last index had ``elsewhere_from``
    events or more, ``elsewhere()`` builds and publishes it in another process
    (returns its name): a build's garbage never stays in a web worker's heap; when
    that fails (BuildFailed), it is built here."""

    def good(found: ClusterIndex | None) -> bool:
        return (
            found is not None
            and (held is None or getattr(held, "store_name", None) != found.store_name)
            and time.time() - found.built_wall
            < (max_age(found) if callable(max_age) else max_age)
            and usable(found)
        )

    found = current(root)
    if good(found):
        return found
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        found = current(root)
        if good(found):
            return found
        _prune(root)  # what a builder that died left
        started = time.monotonic()
        hint = max(held.size if held else 0, found.size if found else 0)
        new, name = None, None
        if elsewhere is not None and hint >= elsewhere_from:
            try:
                name = elsewhere()
                if _current_name(root) != name:
                    raise BuildFailed(f"{name!r} was not published")
                stats["builds_elsewhere"] += 1
            except BuildFailed as error:  # (its environment differs?) built here
                logger.warning("cluster index not built elsewhere: %s", error)
                name = None
        if name is None:
            new = build(version)
            stats["builds"] += 1
            try:
                name = publish(root, new)
            except OSError as error:  # a full or read-only disk: this process serves
                logger.warning("cluster index not shared (%s): kept in memory", error)
                _prune(root)
                return new
        logger.info(
            "cluster index v%s built (%s, %.1f s) and published as %s", version,
            "in another process" if new is None else f"{new.size} events",
            time.monotonic() - started, name,
        )  # fmt: skip
        mapped = current(root)
    if new is not None and (mapped is None or mapped.store_name != name):
        return new  # pruned or replaced at once (not expected): the built one serves
    return mapped


class BuildFailed(Exception):
    """The process that was to build the index did not publish it."""


def root_for(base: str, database: dict) -> Path | None:
    """The directory of one database's index under ``base`` (MAP_INDEX_DIR); None
    when sharing is off (an empty setting)."""
    if not base:
        return None
    name = str(database.get("NAME", ""))
    if not name or name == ":memory:" or "mode=memory" in name:
        key = f"memory-{os.getpid()}"  # a database only this process sees
    else:
        parts = (database.get("ENGINE"), database.get("HOST"), database.get("PORT"))
        key = hashlib.blake2b(repr((*parts, name)).encode(), digest_size=6).hexdigest()
        key = f"{Path(name).name[:40]}-{key}"
    return Path(base) / key


def forget() -> None:
    """Drop this process's mapped versions (tests; the files stay)."""
    with _mapped_lock:
        _mapped.clear()
