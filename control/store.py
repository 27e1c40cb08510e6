"""One control index per machine: its columns built by one process into one file that
every worker maps read-only, switched atomically when a new whole build is ready (the
cluster index's mechanism and rules: events.shared_index). A write's places are
derived again by each process on top of the mapped columns (control.layered); the
Feature cache stays per process (control.index.FEATURE_CACHE_BYTES).

Root: ``<MAP_INDEX_DIR>/<database>-control`` (events.shared_index.root_for)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from control import columns
from control.columns import Periods, Ragged
from control.index import ControlIndex
from events import indexfile, shared_index

FORMAT = 1
MAGIC = b"CMAPCTL1"
KIND = "control"
PLAIN = ("keys", "until", "uncertain_end", "state", "precision", "controller")
PLAIN += ("group", "disputed")
RAGGED = ("actors", "events", "observations")
PER_PLACE = ("place_ids", "extent", "point", "rank_of_period")
# What this process did (tests, the bench): whole builds here, versions mapped.
stats = {"builds": 0, "maps": 0, "builds_elsewhere": 0}


def write_version(directory: Path, index: ControlIndex) -> None:
    """``index``'s columns as ``directory``/index.bin + meta.json, synced to disk."""

    def fill(writer: indexfile.Writer) -> dict:
        for name in PER_PLACE:
            writer.array(name, getattr(index, name))
        for name in PLAIN:
            writer.array(f"r.{name}", getattr(index.rows, name))
        for name in RAGGED:
            ragged = getattr(index.rows, name)
            writer.array(f"r.{name}.off", ragged.offsets)
            writer.array(f"r.{name}.val", ragged.values)
        writer.packed("heads", index.heads)
        writer.packed("tails", index.tails)
        return {
            "format": FORMAT,
            "version": index.version,
            "full_version": index.full_version,
            "built_wall": index.built_wall or time.time(),
            "build_s": index.build_s,
            "words": list(columns.WORDS),  # what the state and precision codes mean
            "groups": [[code, value] for code, value in index.groups.items()],
            "names": [[pk, value] for pk, value in index.names.items()],
        }

    indexfile.write_files(directory, MAGIC, fill)


def _write(directory: Path, index: ControlIndex) -> None:
    write_version(directory, index)  # looked up when called (tests replace it)


def _codes(stored: np.ndarray, words: list[str]) -> np.ndarray:
    """State or precision codes of the file, as this process's columns.WORDS codes
    (the same unless a word outside the model's choices was met in another order)."""
    mine = np.array([columns.word_code(w) for w in words], dtype=stored.dtype)
    if np.array_equal(mine, np.arange(len(words))):
        return stored  # the mapped column itself
    return mine[stored]


def load(path: Path) -> ControlIndex:
    """The index of one published version, its columns read-only views of the file."""
    mapped = indexfile.Mapped(path, MAGIC, FORMAT)
    meta, array = mapped.meta, mapped.array
    plain = {name: array(f"r.{name}") for name in PLAIN}
    for name in ("state", "precision"):
        plain[name] = _codes(plain[name], meta["words"])
    rows = Periods(
        **plain,
        **{
            name: Ragged(array(f"r.{name}.off"), array(f"r.{name}.val"))
            for name in RAGGED
        },
    )
    built_wall = float(meta["built_wall"])
    index = ControlIndex(
        version=int(meta["version"]),
        **{name: array(name) for name in PER_PLACE},
        heads=mapped.packed("heads"),
        tails=mapped.packed("tails"),
        rows=rows,
        groups={int(code): value for code, value in meta["groups"]},
        names={int(pk): value for pk, value in meta["names"]},
        full_version=int(meta["full_version"]),
        # The build's moment on this process's monotonic clock (MAX_AGE counts from it).
        built_at=time.monotonic() - max(0.0, time.time() - built_wall),
        built_wall=built_wall,
        build_s=float(meta["build_s"]),
        store_name=path.name,
    )
    stats["maps"] += 1
    return index


def publish(root: Path, index: ControlIndex) -> str:
    """Write ``index`` as the machine's current control index; its version's name."""
    return shared_index.publish(root, index, _write)


def current(root: Path) -> ControlIndex | None:
    return shared_index.current(root, load)


def obtain(
    root: Path,
    build: Callable[[int], ControlIndex],
    version: int,
    *,
    held: ControlIndex | None,
    usable: Callable[[ControlIndex], bool],
    max_age: float | Callable[[ControlIndex], float],
    elsewhere: Callable[[], str] | None = None,
    elsewhere_from: int = 0,
) -> ControlIndex:
    """A whole index for data ``version`` (events.shared_index.obtain): the machine's
    current one when ``usable`` and younger than ``max_age``, not ``held``; else
    built (here, or from ``elsewhere_from`` periods by ``elsewhere()`` in another
    process), published and mapped."""
    return shared_index.obtain(
        root, build, version, write=_write, load=load, stats=stats, held=held,
        usable=usable, max_age=max_age, elsewhere=elsewhere,
        elsewhere_from=elsewhere_from, what="control index",
    )  # fmt: skip
