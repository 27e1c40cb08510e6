"""An in-memory index shared by every process of a machine: built by one process
(under a file lock) into one file of arrays that the others map read-only, published
by an atomic switch of the ``current`` link. The mechanism of both shared indexes:
the cluster index (maps.clusters.store) and the control index (control.store); each
says how its index is written (``write(directory, index)``) and mapped
(``load(path)``). Here because both apps depend on events.

Layout under a root (one root per index and database: root_for):
``v<counter>-<id>/index.bin`` (the arrays, 64-byte aligned: events.indexfile) and
``meta.json`` (where each array lies, the scalars), ``current`` -> the version in use, ``build.lock``. A
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
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from events import indexfile

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
        except indexfile.OtherFormat as error:
            # from before an upgrade: built again (obtain)
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
