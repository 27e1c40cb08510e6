"""An in-memory index shared by every process of a machine: built by one process
(under a file lock) into one file of arrays that the others map read-only, published
by an atomic switch of the ``current`` link. The mechanism of both shared indexes:
the cluster index (maps.clusters.store) and the control index (control.store); each
says how its index is written (``write(directory, index)``) and mapped
(``load(path)``). Here because both apps depend on events.

Layout under a root (one root per index and database: root_for):
``v<counter>-<id>/index.bin`` (the arrays, 64-byte aligned) and ``meta.json`` (where
each array lies, the scalars), ``current`` -> the version in use, ``build.lock``. A
version is written under ``tmp-…`` and renamed when complete, so a builder that dies
leaves only a ``tmp-…`` directory that nothing reads (the next builder removes it). A
process keeps the file it mapped: a version removed from the directory stays readable
by those that mapped it (POSIX unlink).

An index object given to publish and returned by load has ``counter`` (its data
version), ``built_wall`` (time.time() of its build) and, once mapped,
``store_name`` (its version's directory name); ``size`` (optional) tells how large
its next build will be (``elsewhere_from``)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import mmap
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ALIGN = 64
PACKED_BLOCK = 65_536  # items of a packed list joined per write
# Published versions kept on disk: the current one only (a worker that mapped an older
# one keeps reading it after its removal; the disk frees once the last one remaps).
KEEP = 1
CURRENT = "current"
LOCK = "build.lock"

logger = logging.getLogger(__name__)
_mapped: dict[str, Any] = {}  # this process's mapped versions, by path
_mapped_lock = threading.Lock()
Write = Callable[[Path, Any], None]
Load = Callable[[Path], Any]


class BuildFailed(Exception):
    """The process that was to build the index did not publish it."""


# A build in another process (10M events: minutes).
BUILD_TIMEOUT = 3600


def build_in_new_process(option: str) -> str:
    """Build and publish an index in a new process (``manage.py mapindex <option>``,
    this process's environment): its memory is returned to the system when it ends,
    where a worker's heap would keep the build's garbage. The caller holds the build
    lock; returns the published version's name (the command's last output word)."""
    from django.conf import settings

    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, str(settings.BASE_DIR / "manage.py"), "mapindex", option],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise BuildFailed(f"mapindex {option}: {error}") from error
    lines = done.stdout.split()
    if done.returncode or not lines:
        raise BuildFailed(
            f"mapindex {option} exited {done.returncode}: {done.stderr[-500:]}"
        )
    return lines[-1]


# --- writing ----------------------------------------------------------------------
class Writer:
    """Arrays (and lists of bytes) written one after another, each 64-byte aligned;
    ``arrays``: key -> [offset, dtype, shape], for meta.json."""

    def __init__(self, file, magic: bytes) -> None:
        self.file, self.offset, self.arrays = file, 0, {}
        self._put(magic)

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

    def stream(self, key: str, chunks: Iterable[bytes]) -> None:
        """One uint8 array of ``chunks`` end to end, written as they come (its size
        unknown until the last one: a builder never holds it whole)."""
        self._put(b"\0" * (-self.offset % ALIGN))
        start = self.offset
        for chunk in chunks:
            self._put(chunk)
        self.arrays[key] = [start, np.dtype(np.uint8).str, [self.offset - start]]

    def packed(self, key: str, items: Sequence[bytes]) -> None:
        if isinstance(items, PackedBytes):  # already end to end: written as it is
            offsets, data = items.raw()
            self.array(f"{key}.off", offsets)
            self.array(f"{key}.data", np.frombuffer(data, dtype=np.uint8))
            return
        offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, items), np.int64, len(items)), out=offsets[1:])
        self.array(f"{key}.off", offsets)
        # The bytes as one uint8 array, joined PACKED_BLOCK items at a time: never a
        # copy of them all (10M titles: ~0.5 GB of a build's heap).
        self._put(b"\0" * (-self.offset % ALIGN))
        self.arrays[f"{key}.data"] = [
            self.offset,
            np.dtype(np.uint8).str,
            [int(offsets[-1])],
        ]
        for first in range(0, len(items), PACKED_BLOCK):
            self._put(b"".join(items[first : first + PACKED_BLOCK]))


def write_files(directory: Path, magic: bytes, fill: Callable[[Writer], dict]) -> None:
    """``directory``/index.bin (what ``fill(writer)`` writes) and meta.json (the dict
    it returns, with where each array lies), both synced to disk."""
    with open(directory / "index.bin", "wb") as file:
        writer = Writer(file, magic)
        meta = fill(writer)
        file.flush()
        os.fsync(file.fileno())
    meta["arrays"] = writer.arrays
    with open(directory / "meta.json", "w") as file:
        json.dump(meta, file)
        file.flush()
        os.fsync(file.fileno())


class OtherFormat(ValueError):
    """A version written by code of another file format (an upgrade): never mapped;
    the machine's next index is built anew (current() answers None for it)."""


class Mapped:
    """One version's file, mapped read-only: its meta and its arrays as views."""

    def __init__(self, path: Path, magic: bytes, fmt: int) -> None:
        self.meta = json.loads((path / "meta.json").read_text())
        with open(path / "index.bin", "rb") as file:
            self.buffer = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if self.meta.get("format") != fmt or self.buffer[: len(magic)] != magic:
            raise OtherFormat(f"{path}: not an index of format {fmt}")
        self.arrays = self.meta["arrays"]

    def array(self, key: str) -> np.ndarray:
        offset, dtype, shape = self.arrays[key]
        count = int(np.prod(shape)) if shape else 1
        return np.frombuffer(
            self.buffer, dtype=dtype, count=count, offset=offset
        ).reshape(shape)

    def packed(self, key: str) -> PackedBytes:
        return PackedBytes(
            self.buffer, self.array(f"{key}.off"), self.arrays[f"{key}.data"][0]
        )


class PackedBytes(Sequence):
    """A list of byte strings stored end to end in a mapped file; item i is a copy."""

    def __init__(self, buffer, offsets: np.ndarray, start: int) -> None:
        self._buffer, self._offsets, self._start = buffer, offsets, start
        self._n = len(offsets) - 1

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[bytes]:
        for i in range(self._n):
            yield self[i]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        start = self._start
        return self._buffer[
            start + int(self._offsets[i]) : start + int(self._offsets[i + 1])
        ]

    @property
    def nbytes(self) -> int:
        """The items' bytes and their offsets (what the file holds for them)."""
        return int(self._offsets[-1] - self._offsets[0]) + self._offsets.nbytes

    def raw(self) -> tuple[np.ndarray, memoryview]:
        """(the offsets, from 0; the items' bytes end to end), without a copy."""
        end = self._start + int(self._offsets[-1])
        return self._offsets, memoryview(self._buffer)[self._start : end]

    def take(self, rows: np.ndarray) -> list[bytes]:
        """Items ``rows``, in order (the export: one slice each, no index checks)."""
        buffer, start = self._buffer, self._start
        first = (self._offsets[rows] + start).tolist()
        end = (self._offsets[rows + 1] + start).tolist()
        return [buffer[a:b] for a, b in zip(first, end, strict=True)]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(root: Path, index: Any, write: Write) -> str:
    """Write ``index`` as a new version and make it current (call with the lock
    held); returns its name."""
    name = f"v{index.counter}-{uuid.uuid4().hex[:12]}"
    tmp = root / f"tmp-{name}"
    tmp.mkdir()
    write(tmp, index)
    _fsync_dir(tmp)
    os.rename(tmp, root / name)  # complete, or not there at all
    link = root / f"tmp-link-{name}"
    os.symlink(name, link)
    os.replace(link, root / CURRENT)  # readers see the old version or the new one
    _fsync_dir(root)
    prune(root)
    return name


def prune(root: Path) -> None:
    """Leftovers of builders that died (tmp-…) and versions past the KEEP newest."""
    current_name = _current_name(root)
    versions = []
    for entry in root.iterdir():
        if entry.name.startswith("tmp-"):
            if entry.is_symlink() or entry.is_file():
                entry.unlink(missing_ok=True)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith("v") and entry.name != current_name:
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


def current(root: Path, load: Load) -> Any | None:
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
            found = load(path)
        except FileNotFoundError:
            continue
        except OtherFormat as error:  # from before an upgrade: built again (obtain)
            logger.warning("%s", error)
            return None
        found.store_name = path.name
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


def obtain(  # noqa: PLR0913 - the mechanism's every choice, named
    root: Path,
    build: Callable[[int], Any],
    version: int,
    *,
    write: Write,
    load: Load,
    stats: dict,
    held: Any | None,
    usable: Callable[[Any], bool],
    max_age: float | Callable[[Any], float],
    elsewhere: Callable[[], str] | None = None,
    elsewhere_from: int = 0,
    what: str = "index",
) -> Any:
    """An index for data ``version``: the machine's current one when ``usable``,
    younger than ``max_age`` s (or ``max_age(it)``) and not ``held`` (the one the
    caller gives up), else built here by ``build(version)``, published and mapped;
    one builder at a time, the others wait for its result. When the last index had
    ``elsewhere_from`` of ``size`` or more, ``elsewhere()`` builds and publishes it in
    another process (returns its name): a build's garbage never stays in a web
    worker's heap; when that fails (BuildFailed), it is built here. ``stats``
    counts builds here and elsewhere."""

    def good(found: Any | None) -> bool:
        return (
            found is not None
            and (held is None or getattr(held, "store_name", None) != found.store_name)
            and time.time() - found.built_wall
            < (max_age(found) if callable(max_age) else max_age)
            and usable(found)
        )

    found = current(root, load)
    if good(found):
        return found
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        found = current(root, load)
        if good(found):
            return found
        prune(root)  # what a builder that died left
        started = time.monotonic()
        hint = max(getattr(held, "size", 0), getattr(found, "size", 0))
        new, name = None, None
        if elsewhere is not None and hint >= elsewhere_from:
            try:
                name = elsewhere()
                if _current_name(root) != name:
                    raise BuildFailed(f"{name!r} was not published")
                stats["builds_elsewhere"] += 1
            except BuildFailed as error:  # (its environment differs?) built here
                logger.warning("%s not built elsewhere: %s", what, error)
                name = None
        if name is None:
            new = build(version)
            stats["builds"] += 1
            try:
                name = publish(root, new, write)
            except OSError as error:  # a full or read-only disk: this process serves
                logger.warning("%s not shared (%s): kept in memory", what, error)
                prune(root)
                return new
        logger.info(
            "%s v%s built (%s, %.1f s) and published as %s", what, version,
            "in another process" if new is None else "here",
            time.monotonic() - started, name,
        )  # fmt: skip
        mapped = current(root, load)
    if new is not None and (mapped is None or mapped.store_name != name):
        return new  # pruned or replaced at once (not expected): the built one serves
    return mapped


def root_for(base: str, database: dict, kind: str = "") -> Path | None:
    """The directory of one database's index (of ``kind``: "" for the cluster index)
    under ``base`` (MAP_INDEX_DIR); None when sharing is off (an empty setting)."""
    if not base:
        return None
    name = str(database.get("NAME", ""))
    if not name or name == ":memory:" or "mode=memory" in name:
        key = f"memory-{os.getpid()}"  # a database only this process sees
    else:
        parts = (database.get("ENGINE"), database.get("HOST"), database.get("PORT"))
        key = hashlib.blake2b(repr((*parts, name)).encode(), digest_size=6).hexdigest()
        key = f"{Path(name).name[:40]}-{key}"
    return Path(base) / (f"{key}-{kind}" if kind else key)


def forget() -> None:
    """Drop this process's mapped versions, of every index (tests; the files stay)."""
    with _mapped_lock:
        _mapped.clear()
